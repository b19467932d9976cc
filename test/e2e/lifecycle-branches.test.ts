import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './support/test-stack';
import { lifecycleDriver } from './support/lifecycle';
import { verifyChain } from '../../shared/timeline/hash-chain';

let t: TestStack;
const drive = lifecycleDriver(() => t);

beforeAll(async () => {
  t = await startTestStack(19600);
});

afterAll(async () => {
  await t?.stop();
});

const citizen = { name: 'Võ Thị Hạnh', address: 'vo.thi.hanh@example.com' };
const enforcementRequest = { from: citizen, to: 'kv1@hcm.thads.example', subject: 'Đơn yêu cầu thi hành án', text: 'Tôi yêu cầu thi hành Bản án số 21/2026/DS-ST.' };

/** The timeline as a list of "type" (and "notice:<kind>" for messages sent), once the case rests. */
async function story(caseId: string): Promise<string[]> {
  const events = await t.cases.listEvents(caseId);
  expect(verifyChain(events, await t.cases.requireCase(caseId))).toEqual({ ok: true });
  const types = events.map((e) => (e.type === "notice-sent" ? `notice:${e.data.notice}` : e.type === "deadline-set" || e.type === "step-awaiting" || e.type === "step-completed" ? `${e.type}:${e.data.step}` : e.type));
  return types;
}

const OPENING = ['message-received', 'case-opened', 'procedure-identified', 'deadline-set:review', 'checks-completed', 'notice:acknowledgement', 'notice:new-case', 'step-awaiting:review'];


describe('the review asks for more', () => {
  it('sends guidance listing exactly what is missing, pauses the clock, and resumes the review with a fresh deadline when the reply threads back', async () => {
    const { caseId } = await drive.openCase(enforcementRequest);

    await drive.act(caseId, 'review', { outcome: 'request-more', missingItems: ['Bản chụp bản án có chữ ký và dấu của Tòa án', 'Địa chỉ của người phải thi hành án'], note: 'Ảnh chụp bản án bị mờ.' });
    const guidance = await drive.mail(caseId, citizen.address, 'Đề nghị bổ sung hồ sơ');
    expect(guidance.body.text).toContain('Bản chụp bản án có chữ ký và dấu của Tòa án');
    expect(guidance.body.text).toContain('Địa chỉ của người phải thi hành án');
    const paused = await drive.waitingFor(caseId, 'requester-reply');
    expect(paused.status).toBe('awaiting-requester');

    await t.sendMail({ from: citizen, to: 'kv1@hcm.thads.example', subject: `Re: Đề nghị bổ sung hồ sơ yêu cầu thi hành án [${caseId}]`, text: 'Tôi gửi bổ sung. Địa chỉ ông Hùng: số 8 Lê Lai.' });
    const resumed = await drive.event(caseId, 'clock-resumed');
    expect(resumed.data.round).toBe(2);
    const again = await drive.waitingFor(caseId, 'review');
    expect(again.round).toBe(2);
    // the fresh deadline runs from the reply (the same instant only when both fall in one evening)
    const reply = await drive.event(caseId, 'reply-received');
    expect(again.deadlines.review!.receivedAt).toBe(reply.at);
    expect(new Date(again.deadlines.review!.dueAt).getTime()).toBeGreaterThanOrEqual(new Date(paused.deadlines.review!.dueAt).getTime());

    await drive.act(caseId, 'review', { outcome: 'refuse', reason: 'Bản án chưa có hiệu lực pháp luật', legalBasis: 'Khoản 1 Điều 2 Luật Thi hành án dân sự' });
    const refusal = await drive.mail(caseId, citizen.address, 'từ chối');
    expect(refusal.body.text).toContain('Bản án chưa có hiệu lực pháp luật');
    expect(refusal.body.text).toContain('Khoản 1 Điều 2 Luật Thi hành án dân sự');
    expect((await drive.closed(caseId)).closure?.reason).toBe('refused');
    expect(await story(caseId)).toEqual([
      ...OPENING,
      'step-completed:review',
      'clock-paused',
      'notice:guidance',
      'step-awaiting:requester-reply',
      'reply-received',
      'clock-resumed',
      'step-awaiting:review',
      'step-completed:review',
      'notice:refusal',
      'case-closed',
    ]);
  });

  it('closes the case with a notice when no reply comes within the limit', async () => {
    const { caseId } = await drive.openCase(enforcementRequest);
    await drive.act(caseId, 'review', { outcome: 'request-more', missingItems: ['Đơn yêu cầu có chữ ký'] });
    const paused = await drive.waitingFor(caseId, 'requester-reply');

    await drive.passTime(paused.deadlines['requester-reply']!.dueAt);

    const closing = await drive.mail(caseId, citizen.address, 'kết thúc');
    expect(closing.body.text).toContain('chưa nhận được thư bổ sung');
    expect((await drive.closed(caseId)).closure?.reason).toBe('no-reply');
    await drive.noticeSent(caseId, 'closing');
    expect(await story(caseId)).toEqual([...OPENING, 'step-completed:review', 'clock-paused', 'notice:guidance', 'step-awaiting:requester-reply', 'case-closed', 'notice:closing']);
  });
});

describe('the review finds another office competent', () => {
  it('sends a letter naming that office and its address, and closes the case', async () => {
    const { caseId } = await drive.openCase(enforcementRequest);

    await drive.act(caseId, 'review', { outcome: 'refer', referTo: 'HCMKV2', reason: 'Người phải thi hành án cư trú tại khu vực 2' });

    const referral = await drive.mail(caseId, citizen.address, 'cơ quan có thẩm quyền');
    expect(referral.body.text).toContain('Phòng Thi hành án dân sự khu vực 2 - Thành phố Hồ Chí Minh');
    expect(referral.body.text).toContain('Số 20 đường Võ Văn Ngân');
    expect((await drive.closed(caseId)).closure?.reason).toBe('referred');
    expect(await story(caseId)).toEqual([...OPENING, 'step-completed:review', 'notice:referral', 'case-closed']);
  });
});

describe('the appointment', () => {
  it('moves to a later date when the requester replies asking for another one', async () => {
    const { caseId } = await drive.openCase(enforcementRequest);
    await drive.act(caseId, 'review', { outcome: 'accept' });
    const first = await drive.waitingFor(caseId, 'visit');

    await t.sendMail({ from: citizen, to: 'kv1@hcm.thads.example', subject: `Re: Lịch hẹn [${caseId}]`, text: 'Ngày đó tôi bận, xin đổi lịch hẹn sang ngày khác.' });

    const moved = await drive.event(caseId, 'appointment-rescheduled');
    expect(moved.data).toMatchObject({ requestedBy: 'requester', from: first.appointment!.slot });
    const again = await drive.waitingFor(caseId, 'visit');
    expect(new Date(again.appointment!.slot.start).getTime()).toBeGreaterThan(new Date(first.appointment!.slot.start).getTime());
    const notice = await drive.mail(caseId, citizen.address, 'Thay đổi lịch hẹn');
    expect(notice.attachments.some((a) => a.contentType.startsWith('text/calendar') || String(a.filename ?? '').endsWith('.ics'))).toBe(true);
    await drive.noticeSent(caseId, 'appointment-rescheduled');
    await drive.waitingFor(caseId, 'visit');
    expect(await story(caseId)).toEqual([
      ...OPENING,
      'step-completed:review',
      'appointment-booked',
      'notice:appointment',
      'step-awaiting:visit',
      'reply-received',
      'appointment-rescheduled',
      'notice:appointment-rescheduled',
      'step-awaiting:visit',
    ]);
  });

  it('missed once gets one new date; missed twice closes the case with a notice', async () => {
    const { caseId } = await drive.openCase(enforcementRequest);
    await drive.act(caseId, 'review', { outcome: 'accept' });
    const first = await drive.waitingFor(caseId, 'visit');

    await drive.passTime(first.appointment!.slot.end);
    await drive.mail(caseId, citizen.address, 'chưa đến theo lịch hẹn');
    const second = await drive.waitingFor(caseId, 'visit');
    expect(second.appointment!.attempt).toBe(2);

    await drive.passTime(second.appointment!.slot.end);
    const closing = await drive.mail(caseId, citizen.address, 'kết thúc');
    expect(closing.subject).toContain(`[${caseId}]`);
    expect((await drive.closed(caseId)).closure?.reason).toBe('missed-twice');
    await drive.noticeSent(caseId, 'closing');
    expect(await story(caseId)).toEqual([
      ...OPENING,
      'step-completed:review',
      'appointment-booked',
      'notice:appointment',
      'step-awaiting:visit',
      'notice:appointment-reminder',
      'appointment-missed',
      'notice:appointment-missed',
      'step-awaiting:visit',
      'notice:appointment-reminder',
      'appointment-missed',
      'case-closed',
      'notice:closing',
    ]);
  });
});

describe('a decision not issued in time', () => {
  it('brings the requester an apology with a new date (form 04), and the head of office an escalation', async () => {
    const { caseId } = await drive.openCase(enforcementRequest);
    await drive.act(caseId, 'review', { outcome: 'accept' });
    await drive.act(caseId, 'visit', { action: 'visit', collection: 'at-desk' });
    const deciding = await drive.waitingFor(caseId, 'decision');

    await drive.passTime(deciding.deadlines.decision!.dueAt);

    const apology = await drive.mail(caseId, citizen.address, 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết');
    expect(apology.attachments.map((a) => a.contentType)).toContain('application/pdf');
    await drive.mail(caseId, 'truong.kv1@hcm.thads.example', 'Quá hạn');
    await drive.act(caseId, 'decision', { number: '77/QĐ-THADS', date: '2026-12-10', signer: { name: 'Nguyễn Văn Bình', title: 'Trưởng phòng' }, document: await drive.decisionDocument(caseId) });
    const decided = await drive.event(caseId, 'step-completed', 2);
    expect(decided.data).toMatchObject({ step: 'decision', onTime: false });
    await drive.waitingFor(caseId, 'handover');
    expect(await story(caseId)).toEqual([
      ...OPENING,
      'step-completed:review',
      'appointment-booked',
      'notice:appointment',
      'step-awaiting:visit',
      'visit-recorded',
      'deadline-set:decision',
      'document-produced',
      'notice:receipt-slip',
      'step-awaiting:decision',
      'notice:step-warning',
      'deadline-breached',
      'notice:step-escalation',
      'notice:apology',
      'step-completed:decision',
      'decision-recorded',
      'deadline-set:handover',
      'deadline-set:procuracy-copy',
      'notice:decision-released',
      'step-awaiting:handover',
    ]);
  });
});

describe('another one-stop procedure: reduction of the enforcement fee', () => {
  it('runs review, in-person receipt, the decision within its own limit (15 working days) with the copy its catalog entry asks for due, and hand-over', async () => {
    const { caseId, procedure } = await drive.openCase({ ...enforcementRequest, subject: 'Đơn đề nghị miễn, giảm phí thi hành án', text: 'Tôi đề nghị được miễn, giảm phí thi hành án vì hoàn cảnh khó khăn.' });
    expect(procedure).toBe('fee-reduction');

    await drive.act(caseId, 'review', { outcome: 'accept' });
    await drive.act(caseId, 'visit', { action: 'visit', collection: 'at-desk' });
    const deciding = await drive.waitingFor(caseId, 'decision');
    expect(deciding.deadlines.decision!.workingDays).toBe(15);
    await drive.act(caseId, 'decision', { number: '12/QĐ-MGP', date: '2026-12-01', signer: { name: 'Nguyễn Văn Bình', title: 'Trưởng phòng' }, document: await drive.decisionDocument(caseId) });
    await drive.act(caseId, 'handover', { method: 'at-desk', recipientName: citizen.name });

    expect((await drive.closed(caseId)).closure?.reason).toBe('resolved');
    expect(await story(caseId)).toEqual([
      ...OPENING,
      'step-completed:review',
      'appointment-booked',
      'notice:appointment',
      'step-awaiting:visit',
      'visit-recorded',
      'deadline-set:decision',
      'document-produced',
      'notice:receipt-slip',
      'step-awaiting:decision',
      'step-completed:decision',
      'decision-recorded',
      'deadline-set:handover',
      'deadline-set:procuracy-copy',
      'notice:decision-released',
      'step-awaiting:handover',
      'step-completed:handover',
      'decision-handed-over',
      'case-closed',
    ]);
  });
});

describe('a request to confirm the result of enforcement', () => {
  it('is decided and handed over without a copy to the procuracy, which its catalog entry does not ask for', async () => {
    const { caseId, procedure } = await drive.openCase({ ...enforcementRequest, subject: 'Đơn đề nghị xác nhận kết quả thi hành án', text: 'Tôi đề nghị xác nhận kết quả thi hành án theo Quyết định thi hành án số 88/QĐ-THADS.' });
    expect(procedure).toBe('result-confirmation');

    await drive.act(caseId, 'review', { outcome: 'accept' });
    await drive.act(caseId, 'visit', { action: 'visit', collection: 'at-desk' });
    await drive.act(caseId, 'decision', { number: '5/XN-THADS', date: '2026-12-02', signer: { name: 'Nguyễn Văn Bình', title: 'Trưởng phòng' }, document: await drive.decisionDocument(caseId) });
    await drive.act(caseId, 'handover', { method: 'at-desk', recipientName: citizen.name });

    expect((await drive.closed(caseId)).closure?.reason).toBe('resolved');
    const types = await story(caseId);
    expect(types.slice(types.indexOf('decision-recorded'))).toEqual(['decision-recorded', 'deadline-set:handover', 'notice:decision-released', 'step-awaiting:handover', 'step-completed:handover', 'decision-handed-over', 'case-closed']);
  });
});

describe('a complaint', () => {
  it('gets guidance by e-mail, is registered by an officer within its limit, and closes', async () => {
    const { caseId, procedure } = await drive.openCase({ ...enforcementRequest, subject: 'Đơn khiếu nại về việc thi hành án', text: 'Tôi khiếu nại quyết định cưỡng chế của Chấp hành viên.' }, 'registration');
    expect(procedure).toBe('complaint');

    await drive.mail(caseId, citizen.address, 'khiếu nại');
    await drive.act(caseId, 'registration', { registered: true, note: 'Đã vào sổ thụ lý khiếu nại' });

    expect((await drive.closed(caseId)).closure?.reason).toBe('guidance-given');
    expect(await story(caseId)).toEqual([
      'message-received',
      'case-opened',
      'procedure-identified',
      'deadline-set:registration',
      'checks-completed',
      'notice:acknowledgement',
      'notice:new-case',
      'notice:complaint-guidance',
      'step-awaiting:registration',
      'step-completed:registration',
      'case-closed',
    ]);
  });
});
