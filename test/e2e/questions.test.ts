import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestStack, type TestStack } from './support/test-stack';
import { lifecycleDriver } from './support/lifecycle';
import { signLocalToken, type LocalTokenRequest } from '../../local/auth/local-keys';
import { sha256Hex } from '../../shared/timeline/hash-chain';
import { checkTimeliness, type Deadline } from '../../shared/calendar';
import { officeDirectory } from '../../shared/offices/default-directory';
import { toVietnamIso } from '../../shared/time/vietnam-time';

/**
 * Questions and feedback (hỏi đáp; phản ánh, kiến nghị) from e-mail to the answer: recognised apart from requests
 * that ask something, held to the one-working-day reply, answered by an officer through the API, mailed to the
 * sender as the office's letter, and counted beside the official form on the data the workflow produced.
 */
let t: TestStack;
const drive = lifecycleDriver(() => t);

beforeAll(async () => {
  t = await startTestStack(21900);
});

afterAll(async () => {
  await t?.stop();
});

const LAN: LocalTokenRequest = { role: 'officer', office: 'HCMKV1', name: 'Trần Thị Lan' };
const HEAD = 'truong.kv1@hcm.thads.example';

async function call(method: 'GET' | 'POST', path: string, body?: Record<string, unknown>, who: LocalTokenRequest = LAN) {
  const token = await signLocalToken(t.dataDir, who);
  const response = await fetch(`${t.stack.urls.api}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, response };
}
const post = async (path: string, body: Record<string, unknown>, who?: LocalTokenRequest) => {
  const { status, response } = await call('POST', path, body, who);
  return { status, json: (await response.json()) as Record<string, any> };
};
const get = async (path: string, who?: LocalTokenRequest) => (await (await call('GET', path, undefined, who)).response.json()) as Record<string, any>;
const HEAD_OF_OFFICE: LocalTokenRequest = { role: 'head', office: 'HCMKV1', name: 'Nguyễn Văn Bình' };

const MAI = { name: 'Trần Thị Mai', address: 'tran.thi.mai@example.com' };
const question = {
  from: MAI,
  to: 'kv1@hcm.thads.example',
  subject: 'Hỏi về thủ tục yêu cầu thi hành án',
  text: [
    'Kính gửi Phòng Thi hành án dân sự khu vực 1,',
    '',
    'Tôi có bản án ly hôn của Tòa án nhân dân Quận 3, chồng cũ của tôi chưa trả tiền cấp dưỡng nuôi con.',
    'Tôi muốn yêu cầu thi hành án thì cần chuẩn bị những giấy tờ gì ạ? Tôi có phải đến trực tiếp không?',
    '',
    'Xin cảm ơn.',
    'Trần Thị Mai',
  ].join('\n'),
};
const ANSWER = [
  'Để yêu cầu thi hành án, Bà gửi đơn yêu cầu thi hành án kèm bản án của Tòa án (bản chụp) qua thư điện tử kv1@hcm.thads.example.',
  'Sau khi kiểm tra, Bộ phận một cửa hẹn Bà đến nộp bản chính đơn, bản án và thẻ căn cước tại trụ sở Phòng.',
].join('\n');

const sent: Record<string, string> = {};

describe('a question mailed to the desk', () => {
  it('is answered by an officer through the API: the letter goes to the sender, on the timeline with its hash, and the case closes as answered', async () => {
    // Prepare: the question arrives and waits for its answer, within one working day counted in working hours
    const opened = await drive.openCase(question, 'answer');
    sent.onTime = opened.caseId;
    expect(opened).toMatchObject({ procedure: 'question', flow: 'answer', status: 'awaiting-answer' });
    expect(opened.deadlines.answer).toMatchObject({ counting: 'working-hours' });
    const ack = await drive.mail(opened.caseId, MAI.address, 'Xác nhận');
    expect(ack.body.text).toContain(`trả lời câu hỏi, phản ánh, kiến nghị của Ông/Bà bằng thư điện tử chậm nhất vào`);

    // Act: what cannot be done, then the answer
    const unmarked = await post(`/cases/${opened.caseId}/answer`, { answer: 'De yeu cau thi hanh an, ba gui don yeu cau kem ban an den Phong qua thu dien tu.' });
    const review = await post(`/cases/${opened.caseId}/review`, { outcome: 'accept' });
    const stranger = await post(`/cases/${opened.caseId}/answer`, { answer: ANSWER }, { role: 'officer', office: 'HCMKV2' });
    const answered = await post(`/cases/${opened.caseId}/answer`, { answer: ANSWER, note: 'Đã trả lời theo mẫu hướng dẫn' });

    // Assess
    expect(unmarked.status).toBe(400);
    expect(unmarked.json.message).toContain('diacritics');
    expect(review.status).toBe(409);
    expect(stranger.status).toBe(403);
    expect(answered).toMatchObject({ status: 200, json: { action: 'answer', step: 'answer', status: 'submitted' } });
    const closed = await drive.closed(opened.caseId);
    expect(closed.closure?.reason).toBe('answered');
    const letter = await drive.mail(opened.caseId, MAI.address, 'Trả lời câu hỏi, phản ánh, kiến nghị');
    expect(letter.body.text).toContain('Kính gửi Ông/Bà Trần Thị Mai,');
    expect(letter.body.text).toContain('có tiêu đề “Hỏi về thủ tục yêu cầu thi hành án”');
    expect(letter.body.text).toContain(ANSWER);
    expect(letter.body.text).toContain('Công chức trả lời: Trần Thị Lan.');
    expect(letter.body.text).toContain('Thư trả lời không phải là quyết định thi hành án');
    await t.idle();
    const events = await t.cases.listEvents(opened.caseId);
    const completed = events.find((e) => e.type === 'step-completed')!;
    expect(completed.data).toMatchObject({ step: 'answer', onTime: true, outcome: { answer: ANSWER, note: 'Đã trả lời theo mẫu hướng dẫn' } });
    const notice = events.find((e) => e.type === 'notice-sent' && e.data.notice === 'answer')!;
    expect(notice.data).toMatchObject({ to: MAI.address, audience: 'requester', subject: letter.subject });
    expect(notice.data.textSha256).toBe(sha256Hex(letter.body.text!.replace(/\r\n/g, '\n').replace(/\n$/, '')));
    expect(events.map((e) => (e.type === 'notice-sent' ? `notice:${e.data.notice}` : e.type))).toEqual([
      'message-received',
      'case-opened',
      'procedure-identified',
      'deadline-set',
      'checks-completed',
      'notice:acknowledgement',
      'notice:new-case',
      'step-awaiting',
      'step-completed',
      'case-closed',
      'notice:answer',
    ]);
    expect((await get(`/cases/${opened.caseId}/verify`)).ok).toBe(true);
    // answered once: a second answer is refused, and one letter went out
    expect((await post(`/cases/${opened.caseId}/answer`, { answer: ANSWER })).status).toBe(409);
    expect((await drive.mailsOf(opened.caseId)).filter((m) => m.subject.includes('Trả lời'))).toHaveLength(1);
  });

  it('keeps a request for enforcement that asks a question in the request flow: it cannot be answered as a question', async () => {
    // Prepare, Act
    const request = await drive.openCase({
      from: { name: 'Phạm Văn Đức', address: 'pham.van.duc@example.com' },
      to: 'kv1@hcm.thads.example',
      subject: 'Gửi Phòng Thi hành án dân sự khu vực 1',
      text: 'Tôi tên là Phạm Văn Đức, trú tại phường Bình Hưng. Tôi làm đơn yêu cầu thi hành án đối với Bản án số 30/2026/DS-ST ngày 02/10/2026. Vì sao đến nay ông Tùng vẫn chưa trả tiền? Xin hỏi bao giờ tôi được hẹn?',
    });
    sent.request = request.caseId;

    // Assess
    expect(request).toMatchObject({ procedure: 'enforcement-request', status: 'awaiting-review' });
    expect((await post(`/cases/${request.caseId}/answer`, { answer: ANSWER })).status).toBe(409);
  });

  it('not answered in time: warned, breached and escalated to the head like every step, shown late in the queue, then answered late', async () => {
    // Prepare
    const opened = await drive.openCase({ ...question, from: { name: 'Lê Văn Bình', address: 'le.van.binh@example.com' }, subject: 'Phản ánh về việc tiếp dân', text: 'Ngày 25/11/2026 tôi đến Bộ phận một cửa nhưng phải chờ hơn 2 giờ mà không có ai hướng dẫn. Đề nghị cơ quan bố trí thêm người tiếp dân.' }, 'answer');
    sent.late = opened.caseId;
    expect(opened.procedure).toBe('question');
    const due = opened.deadlines.answer!;

    // Act: the working day passes unanswered
    await drive.passTime(due.dueAt);
    const breach = await drive.event(opened.caseId, 'deadline-breached');
    const escalation = await drive.mail(opened.caseId, HEAD, '');
    await t.idle();

    // Assess
    expect(breach.data).toMatchObject({ step: 'answer', dueAt: due.dueAt });
    expect(escalation.body.text).toContain('Trả lời câu hỏi, phản ánh, kiến nghị');
    const types = (await t.cases.listEvents(opened.caseId)).map((e) => (e.type === 'notice-sent' ? `notice:${e.data.notice}` : e.type));
    expect(types).toEqual(expect.arrayContaining(['notice:step-warning', 'deadline-breached', 'notice:step-escalation']));
    expect(types).not.toContain('notice:apology');
    const queue = await get('/cases?office=HCMKV1&breached=true');
    expect(queue.items.map((c: { caseId: string }) => c.caseId)).toContain(opened.caseId);
    expect(queue.items.find((c: { caseId: string }) => c.caseId === opened.caseId)).toMatchObject({ breached: true, status: 'awaiting-answer' });

    // the officer answers late: on the timeline as late, the case answered all the same
    expect((await post(`/cases/${opened.caseId}/answer`, { answer: 'Cảm ơn Ông đã phản ánh. Phòng đã bố trí thêm một công chức tiếp dân vào buổi sáng từ ngày 01/12/2026.' })).status).toBe(200);
    expect((await drive.closed(opened.caseId)).closure?.reason).toBe('answered');
    expect((await drive.event(opened.caseId, 'step-completed')).data).toMatchObject({ step: 'answer', onTime: false });
    await drive.noticeSent(opened.caseId, 'answer');
  });

  it('is counted beside the official form: two received, one answered on time and one late; the request is not among them', async () => {
    // Prepare: the report of the days the mails came in, observed now
    await t.idle();
    const first = await t.cases.getCase(sent.onTime!);
    const day = (iso: string) => toVietnamIso(new Date(iso)).slice(0, 10);
    const now = (await drive.stackNow()).toISOString();
    const query = `from=${day(first!.receivedAt)}&to=${day(now)}&office=HCMKV1`;

    // Act
    const report = (await get(`/reports/official?${query}&format=json`, HEAD_OF_OFFICE)) as Record<string, any>;
    const xlsx = await call('GET', `/reports/official?${query}&format=xlsx`, undefined, HEAD_OF_OFFICE);
    expect([xlsx.status, xlsx.status === 200 ? '' : await xlsx.response.clone().text()]).toEqual([200, '']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.response.arrayBuffer()) as never);

    // Assess
    expect(report.questions.received).toBe(2);
    expect(report.questions.counts).toEqual({ 'answered-on-time': 1, 'answered-late': 1, 'pending-not-due': 0, 'pending-overdue': 0 });
    expect(report.questions.cases.map((c: { caseId: string; standing: string }) => [c.caseId, c.standing])).toEqual([
      [sent.onTime, 'answered-on-time'],
      [sent.late, 'answered-late'],
    ]);
    expect(report.questions.source).toContain('1639/TCTHADS-NV3');
    // the questions are on no line of the form; the request is in the online summary, pending
    expect(report.online.cases.map((c: { caseId: string }) => c.caseId)).toEqual([sent.request]);
    expect(report.rows.find((r: { kind: string }) => r.kind === 'total').counts.total).toBe(0);
    // each standing agrees with the calendar's one definition of on time
    for (const c of report.questions.cases as Array<{ caseId: string; answeredAt: string; standing: string }>) {
      const record = await t.cases.getCase(c.caseId);
      const { onTime } = checkTimeliness(record!.deadlines.answer as unknown as Deadline, new Date(c.answeredAt), { directory: officeDirectory, office: 'HCMKV1' });
      expect(c.standing).toBe(onTime ? 'answered-on-time' : 'answered-late');
    }
    const notes: string[] = [];
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === 'string' && notes.push(cell.value))));
    expect(notes).toContain('Hỏi đáp, phản ánh, kiến nghị qua thư điện tử (không tính vào biểu): 2 trong kỳ, trong đó đã trả lời đúng hạn: 1; đã trả lời quá hạn: 1.');
  });
});
