import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './support/test-stack';
import { lifecycleDriver } from './support/lifecycle';
import { signLocalToken } from '../../local/auth/local-keys';
import { addWorkingTime } from '../../shared/calendar';
import { officeDirectory } from '../../shared/offices/default-directory';
import { toVietnamIso } from '../../shared/time/vietnam-time';
import { pdfText } from '../unit/documents/lifecycle-fixtures';

let t: TestStack;
const drive = lifecycleDriver(() => t);

beforeAll(async () => {
  t = await startTestStack(20200);
});

afterAll(async () => {
  await t?.stop();
});

const citizen = { name: 'Hoàng Văn Tùng', address: 'hoang.van.tung@example.com' };

async function post(path: string, body: Record<string, unknown>) {
  const token = await signLocalToken(t.dataDir, { role: 'officer', office: 'HCMKV1', name: 'Trần Thị Lan' });
  const response = await fetch(`${t.stack.urls.api}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

describe('a result that will be late, recorded before its deadline', () => {
  it('sends form 04 with the reason entered, moves the deadline, and breaches only the new one', async () => {
    const { caseId } = await drive.openCase({ from: citizen, to: 'kv1@hcm.thads.example', subject: 'Đơn yêu cầu thi hành án', text: 'Tôi yêu cầu thi hành Bản án số 40/2026/DS-PT.' });
    await drive.act(caseId, 'review', { outcome: 'accept' });
    await drive.act(caseId, 'visit', { action: 'visit', collection: 'at-desk' });
    const deciding = await drive.waitingFor(caseId, 'decision');
    const promised = deciding.deadlines.decision!.dueAt;
    const newDue = toVietnamIso(addWorkingTime({ directory: officeDirectory, office: 'HCMKV1' }, new Date(promised), 2 * 8 * 60));

    const reason = 'Cần xác minh tài sản của người phải thi hành án tại Văn phòng đăng ký đất đai';
    expect(await post(`/cases/${caseId}/delay`, { reason, newDate: newDue })).toMatchObject({ status: 200, json: { action: 'delay', step: 'decision', status: 'recorded' } });

    const letter = await drive.mail(caseId, citizen.address, 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết');
    expect(letter.body.text).toContain(`Lý do: ${reason}.`);
    const pdf = letter.attachments.find((a) => a.contentType === 'application/pdf')!;
    const { text } = await pdfText(Buffer.from(String(pdf.content), 'base64'));
    expect(text).toContain('TRƯỞNG PHÒNG (Ký, ghi rõ họ tên và đóng dấu) Lê Văn Minh');
    const waiting = await drive.waitingFor(caseId, 'decision');
    expect(waiting.deadlines.decision).toMatchObject({ dueAt: newDue, extendedFrom: promised });

    // the first deadline passes: nothing is breached, nobody is apologised to
    await drive.passTime(promised);
    await t.idle();
    const afterFirst = await drive.mailsOf(caseId);
    expect(afterFirst.filter((m) => m.subject.startsWith('Quá hạn'))).toEqual([]);
    expect((await t.cases.listEvents(caseId)).some((e) => e.type === 'deadline-breached')).toBe(false);

    // the new one passes: the head is told
    await drive.passTime(newDue);
    await drive.mail(caseId, 'truong.kv1@hcm.thads.example', 'Quá hạn');
    const events = (await t.cases.listEvents(caseId)).map((e) => (e.type === 'notice-sent' ? `notice:${e.data.notice}` : e.type));
    expect(events).toContain('delay-recorded');
    expect(events.indexOf('notice:delay-letter')).toBeGreaterThan(events.indexOf('delay-recorded'));
    expect(events.filter((e) => e === 'deadline-breached')).toHaveLength(1);
  });
});
