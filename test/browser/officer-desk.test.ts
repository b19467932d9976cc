import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePdf } from '../../local/sample-pdf';
import { lifecycleDriver } from '../e2e/support/lifecycle';
import { startConsole, type ConsoleUnderTest } from './support/console';
import { acceptReview, actionForm, handOverByPost, issueDecision, openFromQueue, queueRow, recordVisitByPost, reloadCase, timelineEntry } from './support/desk';

/** Issue 10: a request worked from the queue to the hand-over in the console, and what the console refuses. */
let c: ConsoleUnderTest;
const drive = lifecycleDriver(() => c.t);

beforeAll(async () => {
  c = await startConsole(21200);
});

afterAll(async () => {
  await c?.stop();
});

const citizen = { name: 'Lê Thị Hồng', address: 'le.thi.hong@example.com' };
const request = { from: citizen, to: 'kv2@hcm.thads.example', subject: 'Đơn yêu cầu thi hành án', text: 'Tôi yêu cầu thi hành Bản án số 41/2026/DS-ST của Tòa án nhân dân Khu vực 2.' };

describe('the desk in the console', () => {
  it('an officer works a request from the queue to the hand-over, the head issuing the decision', async () => {
    const { caseId } = await drive.openCase(request);
    const officer = await c.signIn({ role: 'officer', office: 'HCMKV2', name: 'Trần Thị Lan' });

    // The queue lists it, waiting for the review, with the working time left in words.
    await officer.getByRole('heading', { level: 1, name: 'Hàng đợi công việc' }).waitFor();
    const row = queueRow(officer, caseId);
    await row.waitFor();
    expect(await row.textContent()).toContain('xem xét hồ sơ');
    expect(await row.getByRole('cell').last().textContent()).toMatch(/Trong hạn|Sắp đến hạn/);

    await openFromQueue(officer, caseId);
    await expect.poll(() => officer.getByRole('region', { name: 'Người yêu cầu' }).textContent()).toContain(citizen.address);
    await acceptReview(officer);
    await drive.waitingFor(caseId, 'visit');

    await reloadCase(officer, caseId);
    await recordVisitByPost(officer, 'Số 25 đường Kha Vạn Cân, phường Linh Đông');
    await drive.waitingFor(caseId, 'decision');

    // The officer cannot issue the decision: the page says who must.
    await reloadCase(officer, caseId);
    await officer.getByText('Hồ sơ chờ thủ trưởng ra quyết định thi hành án.').waitFor();
    expect(await actionForm(officer, 'Ra quyết định thi hành án').count()).toBe(0);

    const head = await c.signIn({ role: 'head', office: 'HCMKV2', name: 'Nguyễn Văn Bình' });
    await reloadCase(head, caseId);
    const decision = samplePdf('Quyet dinh thi hanh an so 77/QD-CCTHADS');
    await issueDecision(head, { number: '77/QĐ-CCTHADS', signer: 'Nguyễn Văn Bình', pdf: decision, filename: 'quyet-dinh-77.pdf' });
    // The signed PDF the head uploaded is what the requester receives.
    const released = await drive.mail(caseId, citizen.address, 'Đã ban hành Quyết định thi hành án số 77/QĐ-CCTHADS');
    expect(Buffer.from(String(released.attachments.find((a) => a.contentType === 'application/pdf')?.content), 'base64').equals(decision)).toBe(true);
    await drive.waitingFor(caseId, 'handover');

    await reloadCase(officer, caseId);
    await handOverByPost(officer, citizen.name);
    const closed = await drive.closed(caseId);
    expect(closed.resultDelivered).toMatchObject({ method: 'by-post', recipientName: citizen.name, by: 'Trần Thị Lan' });

    // The closed case: no action left, every step by whom it was done, the whole chain verified.
    await reloadCase(officer, caseId);
    await officer.getByText('Hồ sơ đã kết thúc: không còn thao tác.').waitFor();
    const completed = (await c.t.cases.listEvents(caseId)).filter((e) => e.type === 'step-completed');
    expect(completed.map((e) => e.data.step)).toEqual(['review', 'decision', 'handover']);
    for (const [event, who] of completed.map((e, i) => [e, ['Trần Thị Lan', 'Nguyễn Văn Bình', 'Trần Thị Lan'][i]] as const)) {
      const entry = timelineEntry(officer, event.seq);
      await expect.poll(() => entry.textContent()).toContain(who);
      expect(await entry.textContent()).toContain('Chuỗi hợp lệ');
    }
    expect(await officer.getByText('Bị sửa sau khi ghi').count()).toBe(0);

    // And it has left the queue.
    await officer.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Hàng đợi công việc' }).click();
    await officer.getByRole('status').filter({ hasText: 'hồ sơ đang mở' }).waitFor();
    expect(await queueRow(officer, caseId).count()).toBe(0);
    expect(c.pageErrors).toEqual([]);
  });

  it('an officer of another office is refused the case in words, never raw JSON, and does not see it in the queue', async () => {
    const { caseId } = await drive.openCase({ ...request, text: 'Tôi yêu cầu thi hành Bản án số 42/2026/DS-ST.' });
    const stranger = await c.signIn({ role: 'officer', office: 'HCMKV1', name: 'Phạm Minh Tuấn' });
    await stranger.getByRole('heading', { level: 1, name: 'Hàng đợi công việc' }).waitFor();
    await stranger.getByRole('status').filter({ hasText: 'hồ sơ đang mở' }).waitFor();
    expect(await queueRow(stranger, caseId).count()).toBe(0);

    await stranger.goto(`/ho-so/${caseId}`);
    const refusal = stranger.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe('Hồ sơ này không thuộc cơ quan của bạn: bạn không được xem hoặc xử lý.');
    const page = (await stranger.locator('main').textContent()) ?? '';
    expect(page).not.toMatch(/[{}]|Forbidden|"error"|may not/);
    expect(page).not.toContain(citizen.address);
    expect(await actionForm(stranger, 'Xem xét hồ sơ').count()).toBe(0);
    expect(c.pageErrors).toEqual([]);
  });

  it('a form left open after a colleague acted says what the case now waits for', async () => {
    const { caseId } = await drive.openCase({ ...request, text: 'Tôi yêu cầu thi hành Bản án số 43/2026/DS-ST.' });
    const late = await c.signIn({ role: 'officer', office: 'HCMKV2', name: 'Trần Thị Lan' });
    await reloadCase(late, caseId);
    await actionForm(late, 'Xem xét hồ sơ').waitFor();

    const colleague = await c.signIn({ role: 'officer', office: 'HCMKV2', name: 'Võ Thành Long' });
    await reloadCase(colleague, caseId);
    await acceptReview(colleague);
    await drive.waitingFor(caseId, 'visit');

    await acceptReview(late);
    const problem = actionForm(late, 'Xem xét hồ sơ').getByRole('alert');
    await problem.waitFor();
    expect(await problem.textContent()).toBe('Chưa thể xem xét hồ sơ: hồ sơ đang chờ bước “người yêu cầu đến nộp bản gốc”.');
    const accepted = (await c.t.cases.listEvents(caseId)).filter((e) => e.type === 'step-completed' && e.data.step === 'review');
    expect(accepted.map((e) => ('name' in e.actor ? e.actor.name : e.actor.kind))).toEqual(['Võ Thành Long']);
  });
});
