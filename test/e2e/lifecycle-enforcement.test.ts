import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { eventually, startTestStack, type TestStack } from './support/test-stack';
import { lifecycleDriver } from './support/lifecycle';
import { verifyChain } from '../../shared/timeline/hash-chain';
import { samplePdf } from '../../local/sample-pdf';
import { calendarFor } from '../../shared/calendar';
import { addDays } from '../../shared/calendar/localTime';
import { officeDirectory } from '../../shared/offices/default-directory';

let t: TestStack;
const drive = lifecycleDriver(() => t);

beforeAll(async () => {
  t = await startTestStack(19500);
});

afterAll(async () => {
  await t?.stop();
});

const citizen = { name: 'Phạm Thị Mai', address: 'pham.thi.mai@example.com' };
const request = {
  from: citizen,
  to: 'kv1@hcm.thads.example',
  subject: 'Đơn yêu cầu thi hành án - Bản án số 15/2026/DS-ST',
  text: [
    'Kính gửi Phòng Thi hành án dân sự khu vực 1,',
    'Tôi là Phạm Thị Mai, địa chỉ: số 3 đường Pasteur, phường Sài Gòn.',
    'Tôi yêu cầu thi hành Bản án số 15/2026/DS-ST ngày 10/01/2026 của Tòa án nhân dân khu vực 1,',
    'buộc ông Đỗ Văn Hùng, địa chỉ số 8 đường Lê Lai, trả cho tôi 150.000.000 đồng.',
    'Tài sản của người phải thi hành án: một căn nhà tại số 8 đường Lê Lai.',
    'Ngày 20 tháng 11 năm 2026. Người yêu cầu ký tên: Phạm Thị Mai',
  ].join('\n'),
  attachments: [{ filename: 'Bản án 15-2026-DS-ST.pdf', content: samplePdf('Ban an 15/2026/DS-ST'), contentType: 'application/pdf' }],
};

/** The Nth working day after a day, counted one day at a time on the office's calendar (the legal rule's last day). */
function nthWorkingDayAfter(day: string, n: number, office: string): string {
  const calendar = calendarFor({ directory: officeDirectory, office });
  let date = day;
  for (let counted = 0; counted < n; ) {
    date = addDays(date, 1);
    if (calendar.dayStatus(date).working) counted += 1;
  }
  return date;
}

describe('a request for enforcement, from e-mail to hand-over', () => {
  it('is reviewed, booked, received in person, decided, copied to the procuracy and handed over, every step on time', async () => {
    const transitionsBefore = t.stack.engine.transitions;
    const opened = await drive.openCase(request);
    const caseId = opened.caseId;
    expect(opened.procedure).toBe('enforcement-request');
    expect(opened.checklist).toBeDefined();

    await drive.act(caseId, 'review', { outcome: 'accept', note: 'Hồ sơ đủ điều kiện' });
    const booked = await drive.event(caseId, 'appointment-booked');
    const invitation = await drive.mail(caseId, citizen.address, 'Lịch hẹn');
    expect(invitation.attachments.some((a) => String(a.filename ?? '').endsWith('.ics') || a.contentType.startsWith('text/calendar'))).toBe(true);

    // the working day before, the reminder; then the requester comes
    await drive.passTime(String(booked.data.reminderAt));
    await drive.mail(caseId, citizen.address, 'Nhắc lịch');
    await drive.act(caseId, 'visit', { action: 'visit', collection: 'at-desk', documentsReceived: [{ name: 'Đơn yêu cầu thi hành án', copies: 1, kind: 'original' }, { name: 'Bản án số 15/2026/DS-ST', copies: 1, kind: 'copy' }] });
    const slipMail = await drive.mail(caseId, citizen.address, 'Giấy tiếp nhận');
    expect(slipMail.attachments.map((a) => a.contentType)).toContain('application/pdf');

    // The decision's 5 working days are a statutory limit, counted the legal way: the day of the visit is not
    // counted, and the period ends at the close of HCMKV1's office hours (17:00) on the 5th working day after it.
    const deciding = await drive.waitingFor(caseId, 'decision');
    const visitDay = (await drive.event(caseId, 'visit-recorded')).at.slice(0, 10);
    expect(deciding.deadlines.decision).toMatchObject({ counting: 'legal', workingDays: 5 });
    expect(deciding.deadlines.decision!.dueAt).toBe(`${nthWorkingDayAfter(visitDay, 5, deciding.office)}T17:00:00+07:00`);
    // the one-working-day reply is the agency's own commitment, counted in working hours
    expect(deciding.deadlines.review).toMatchObject({ counting: 'working-hours', workingMinutes: 480 });

    await drive.act(caseId, 'decision', { number: '101/QĐ-THADS', date: '2026-11-30', signer: { name: 'Nguyễn Văn Bình', title: 'Trưởng phòng' }, document: await drive.decisionDocument(caseId) });
    await drive.mail(caseId, citizen.address, 'Quyết định');
    await drive.act(caseId, 'handover', { method: 'at-desk', recipientName: citizen.name, signedSlip: true });

    const closed = await drive.closed(caseId);
    expect(closed.closure?.reason).toBe('resolved');
    const executionArn = t.stack.stateMachineArn.replace(':stateMachine:', ':execution:') + `:${caseId}`;
    expect(await eventually('the execution to succeed', async () => ((await t.sfn.send(new DescribeExecutionCommand({ executionArn }))).status === 'SUCCEEDED' ? true : undefined))).toBe(true);

    // the enforcement officer sees plainly that the decision was handed over, and to whom
    expect(closed.resultDelivered).toMatchObject({ method: 'at-desk', recipientName: citizen.name, by: 'Trần Thị Lan' });

    // the copy to the procuracy goes in the office's daily dispatch (16:30 of a working day), after the case closed:
    // the hand-over never waits for it
    expect((await drive.dispatchToProcuracy()).status).toBe(200);
    expect((await t.outbox()).filter((m) => m.destination.to.join(',').includes('vks.kv1@hcm.vks.example') && m.body.text?.includes(caseId))).toHaveLength(1);

    const events = await t.cases.listEvents(caseId);
    expect(verifyChain(events, (await t.cases.getCase(caseId))!)).toEqual({ ok: true });
    expect(events.map((e) => (e.type === 'notice-sent' ? `notice:${e.data.notice}` : ['deadline-set', 'step-awaiting', 'step-completed'].includes(e.type) ? `${e.type}:${e.data.step}` : e.type))).toEqual([
      'message-received',
      'case-opened',
      'procedure-identified',
      'deadline-set:review',
      'attachments-read',
      'checks-completed',
      'notice:acknowledgement',
      'notice:new-case',
      'step-awaiting:review',
      'step-completed:review',
      'appointment-booked',
      'notice:appointment',
      'step-awaiting:visit',
      'notice:appointment-reminder',
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
      'notice:procuracy-copy',
      'procuracy-copy-sent',
    ]);
    for (const completed of events.filter((e) => e.type === 'step-completed')) expect(completed.data, String(completed.data.step)).toMatchObject({ onTime: true, lateByWorkingMinutes: 0 });
    expect(events.find((e) => e.type === 'procuracy-copy-sent')!.data).toMatchObject({ onTime: true });
    expect(events.find((e) => e.type === 'visit-recorded')!.data).toMatchObject({ onTime: true, collection: 'at-desk' });
    // Step Functions bills per state transition: what this whole request cost (reported in the closing note)
    console.log(`state transitions for one request, receipt to hand-over: ${t.stack.engine.transitions - transitionsBefore}`);
  });
});
