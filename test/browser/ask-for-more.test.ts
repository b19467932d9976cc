import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePdf } from '../../local/sample-pdf';
import { lifecycleDriver } from '../e2e/support/lifecycle';
import { startConsole, type ConsoleUnderTest } from './support/console';
import { actionForm, askForMore, openFromQueue, reloadCase, timelineEntry } from './support/desk';

/** Issue 10: the review asks for more in the console; the requester's reply, sent by e-mail, shows there. */
let c: ConsoleUnderTest;
const drive = lifecycleDriver(() => c.t);

beforeAll(async () => {
  c = await startConsole(21210);
});

afterAll(async () => {
  await c?.stop();
});

const citizen = { name: 'Hoàng Văn Sơn', address: 'hoang.van.son@example.com' };

describe('asking for more in the console', () => {
  it('sends the guidance with the items picked, pauses the case, and shows the reply and its attachment when it comes', async () => {
    const { caseId } = await drive.openCase({ from: citizen, to: 'kv1@hcm.thads.example', subject: 'Yêu cầu thi hành án', text: 'Tôi yêu cầu thi hành Bản án số 58/2026/DS-ST.' });
    const officer = await c.signIn({ role: 'officer', office: 'HCMKV1', name: 'Đỗ Thị Mai' });
    await openFromQueue(officer, caseId);

    const asked = await askForMore(officer, { fromCatalog: 1, others: ['Địa chỉ của người phải thi hành án'] });
    expect(asked).toHaveLength(2);
    const guidance = await drive.mail(caseId, citizen.address, 'Đề nghị bổ sung hồ sơ');
    for (const item of asked) expect(guidance.body.text).toContain(item);
    expect((await drive.waitingFor(caseId, 'requester-reply')).status).toBe('awaiting-requester');

    // While the requester has the case, the page says whom it waits for, and offers no review.
    await reloadCase(officer, caseId);
    await officer.getByText('Đang chờ: người yêu cầu bổ sung hồ sơ').waitFor();
    expect(await actionForm(officer, 'Xem xét hồ sơ').count()).toBe(0);

    // The requester answers the guidance by e-mail, with the missing paper attached.
    const replySubject = `Re: Đề nghị bổ sung hồ sơ yêu cầu thi hành án [${caseId}]`;
    await c.t.sendMail({
      from: citizen,
      to: 'kv1@hcm.thads.example',
      subject: replySubject,
      text: 'Tôi xin gửi bổ sung. Địa chỉ người phải thi hành án: số 8 Lê Lai, phường Bến Thành.',
      attachments: [{ filename: 'ban-an-bo-sung.pdf', content: samplePdf('Ban an so 58/2026/DS-ST'), contentType: 'application/pdf' }],
    });
    const reply = await drive.event(caseId, 'reply-received');
    await drive.waitingFor(caseId, 'review');

    await reloadCase(officer, caseId);
    await expect.poll(() => timelineEntry(officer, reply.seq).textContent()).toContain('Nhận thư trả lời');
    const resumed = await drive.event(caseId, 'clock-resumed');
    await expect.poll(() => timelineEntry(officer, resumed.seq).textContent()).toContain('Tiếp tục tính thời hạn');
    const documents = officer.getByRole('region', { name: 'Tài liệu' });
    await documents.getByRole('link', { name: 'ban-an-bo-sung.pdf' }).waitFor();
    // A PDF is shown inline, and what the console links to is the file the requester sent.
    await documents.getByTitle('Xem tệp PDF: ban-an-bo-sung.pdf').waitFor();
    const href = await documents.getByRole('link', { name: 'ban-an-bo-sung.pdf' }).getAttribute('href');
    const served = await officer.request.get(href!);
    expect(Buffer.from(await served.body()).equals(samplePdf('Ban an so 58/2026/DS-ST'))).toBe(true);
    // The review is open again, for the officer to decide on what came.
    await actionForm(officer, 'Xem xét hồ sơ').waitFor();
    expect(c.pageErrors).toEqual([]);
  });
});
