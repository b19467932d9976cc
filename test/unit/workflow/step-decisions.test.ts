import { describe, expect, it } from 'vitest';
import { deadlineFor } from '../../../shared/calendar';
import type { AppointmentRecord, CaseRecord, StepDeadline } from '../../../shared/cases/model';
import { procedureCatalog } from '../../../shared/procedures/default-catalog';
import { procedureSettings } from '../../../shared/workflow/procedure-settings';
import { composeChanges, decideClosure, decideCompletion } from '../../../shared/workflow/decisions';
import { decideReceipt, firstStepOf, type ReceiptChecklist } from '../../../shared/workflow/receipt-decisions';
import { decideDecision, decideHandover, decideVisit } from '../../../shared/workflow/result-decisions';
import { appointmentClockOf, decideBooking, decideMove } from '../../../shared/workflow/appointment-decisions';
import { assertFreshClock, StaleStepClock, StepOverdue, stepClock, WarningDue } from '../../../shared/workflow/step-clock';
import { directory, iso, vn } from '../calendar/fixtures';
import { calendar, caseWith, office, oneWorkingDay } from './fixtures';

/**
 * The decisions of the receipt, appointment and result steps, and the clocks of the waits, as pure
 * functions: a case as stored, what was found or recorded, an instant and the calendar in; the change
 * out. HCMKV1 keeps 08:00-12:00, 13:00-17:00; the expectations are written by hand.
 */
const enforcement = procedureSettings(procedureCatalog, 'enforcement-request');
const complaint = procedureSettings(procedureCatalog, 'complaint');
const WORKFLOW = { kind: 'system', component: 'workflow' };
const officer = { kind: 'officer', id: 'tran.thi.lan', name: 'Trần Thị Lan' } as const;

const checklist: ReceiptChecklist = {
  likelyProcedure: { code: 'enforcement-request', confidence: 'high', evidence: ['"yêu cầu thi hành"'] },
  judgmentRefs: ['15/2026/DS-ST'],
  summary: 'Có bản án kèm theo.',
  duplicates: [],
};

describe('the receipt of a request', () => {
  const found = { likely: checklist.likelyProcedure, procedure: enforcement, checklist };

  it('identifies the procedure, starts the review clock from the receipt and records the checklist, in one change', () => {
    const change = decideReceipt(caseWith(), found, vn('2026-03-02 10:01'), calendar)!;
    expect(change.events.map((e) => e.type)).toEqual(['procedure-identified', 'deadline-set', 'checks-completed']);
    expect(change.update).toMatchObject({ procedure: 'enforcement-request', flow: 'enforcement-request', round: 1, checklist: { summary: 'Có bản án kèm theo.', generatedAt: iso('2026-03-02 10:01') } });
    // one working day counted in working hours from 10:00 on Monday: Tuesday at 10:00
    expect(change.update.deadlines!.review!.dueAt).toBe(iso('2026-03-03 10:00'));
    expect(change.events[1]!.data).toMatchObject({ step: 'review', dueAt: iso('2026-03-03 10:00') });
    expect(change.events.every((e) => e.at === iso('2026-03-02 10:01') && e.actor.kind === 'system')).toBe(true);
  });

  it('starts a complaint with its registration, on the result limit', () => {
    const change = decideReceipt(caseWith({ procedure: 'complaint' }), { ...found, procedure: complaint }, vn('2026-03-02 10:01'), calendar)!;
    expect(firstStepOf(complaint)).toBe('registration');
    expect(Object.keys(change.update.deadlines!)).toEqual(['registration']);
    expect(change.update.flow).toBe('guidance');
  });

  it('after an attempt that identified the procedure, only records the checklist; after both, changes nothing', () => {
    const identified = caseWith({ flow: 'enforcement-request', round: 1, deadlines: { review: oneWorkingDay } });
    expect(decideReceipt(identified, found, vn('2026-03-02 10:02'), calendar)!.events.map((e) => e.type)).toEqual(['checks-completed']);
    expect(decideReceipt({ ...identified, checklist: { ...checklist } }, found, vn('2026-03-02 10:02'), calendar)).toBeUndefined();
  });
});

describe("a wait's clock", () => {
  const waiting = caseWith({ deadlines: { review: oneWorkingDay } });

  it('warns at three quarters of the working time and runs to the deadline, in seconds from now', () => {
    // 480 working minutes from Monday 10:00; three quarters is 360: 10:00-12:00 and 13:00-17:00 → Monday 17:00
    const clock = stepClock(waiting, 'review', vn('2026-03-02 11:00'), calendar, 0.75);
    expect(clock).toEqual({ dueAt: iso('2026-03-03 10:00'), warnAt: iso('2026-03-02 17:00'), warnInSeconds: 6 * 3600, dueInSeconds: 23 * 3600 });
  });

  it('is fresh when read just before the wait, and within five minutes of it', () => {
    const read = stepClock(waiting, 'review', vn('2026-03-02 11:00'), calendar);
    expect(() => assertFreshClock(waiting, 'review', 'warning', read.warnInSeconds, vn('2026-03-02 11:00'), calendar)).not.toThrow();
    expect(() => assertFreshClock(waiting, 'review', 'warning', read.warnInSeconds, vn('2026-03-02 11:04'), calendar)).not.toThrow();
  });

  it('is stale when the wait starts more than five minutes after it was read, or the deadline moved since', () => {
    const read = stepClock(waiting, 'review', vn('2026-03-02 11:00'), calendar);
    expect(() => assertFreshClock(waiting, 'review', 'warning', read.warnInSeconds, vn('2026-03-02 11:06'), calendar)).toThrow(StaleStepClock);
    const moved = caseWith({ deadlines: { review: deadlineFor({ receivedAt: vn('2026-03-04 10:00'), workingDays: 1, office, directory }) as StepDeadline } });
    expect(() => assertFreshClock(moved, 'review', 'warning', read.warnInSeconds, vn('2026-03-02 11:00'), calendar)).toThrow(StaleStepClock);
  });

  it('does not begin past its warning point: a wait of one second could end before its token is recorded; the warning goes at once (WarningDue)', () => {
    const late = stepClock(waiting, 'review', vn('2026-03-03 09:00'), calendar);
    expect(late.warnInSeconds).toBe(1);
    expect(() => assertFreshClock(waiting, 'review', 'warning', late.warnInSeconds, vn('2026-03-03 09:00'), calendar)).toThrow(WarningDue);
  });

  it('does not begin past its deadline (a letter registered after its review was due): the breach is recorded at once and the step waits on, late (StepOverdue)', () => {
    const overdue = stepClock(waiting, 'review', vn('2026-03-03 10:00'), calendar);
    expect(overdue).toMatchObject({ warnInSeconds: 1, dueInSeconds: 1 });
    expect(() => assertFreshClock(waiting, 'review', 'warning', overdue.warnInSeconds, vn('2026-03-03 10:00'), calendar)).toThrow(StepOverdue);
    expect(() => assertFreshClock(waiting, 'review', 'deadline', overdue.dueInSeconds, vn('2026-03-05 08:00'), calendar)).toThrow(StepOverdue);
  });

  it('after the warning, runs to the deadline: fresh when read just before, stale when the deadline moved since', () => {
    const read = stepClock(waiting, 'review', vn('2026-03-02 17:00'), calendar);
    expect(() => assertFreshClock(waiting, 'review', 'deadline', read.dueInSeconds, vn('2026-03-02 17:01'), calendar)).not.toThrow();
    const moved = caseWith({ deadlines: { review: deadlineFor({ receivedAt: vn('2026-03-04 10:00'), workingDays: 1, office, directory }) as StepDeadline } });
    expect(() => assertFreshClock(moved, 'review', 'deadline', read.dueInSeconds, vn('2026-03-02 17:01'), calendar)).toThrow(StaleStepClock);
  });
});

const slot = { office, date: '2026-03-05', session: 'morning', start: iso('2026-03-05 08:00'), end: iso('2026-03-05 11:30') };
const reminder = vn('2026-03-04 08:00');

describe('the appointment', () => {
  it('is booked once: the visit is due at the end of the session, and the waits run to the reminder, then to that end', () => {
    const now = vn('2026-03-02 14:00');
    const change = decideBooking(caseWith(), { slot, reminder }, now)!;
    expect(change.update.deadlines!.visit).toMatchObject({ dueAt: iso('2026-03-05 11:30'), calendarVersion: 'appointment' });
    expect(change.events).toEqual([{ type: 'appointment-booked', at: iso('2026-03-02 14:00'), actor: WORKFLOW, data: { slot, reminderAt: iso('2026-03-04 08:00'), bookedAt: iso('2026-03-02 14:00'), attempt: 1, missed: 0 } }]);
    const appointment = change.update.appointment as AppointmentRecord;
    expect(appointmentClockOf(appointment, now)).toEqual({ reminderInSeconds: 42 * 3600, afterReminderInSeconds: 27.5 * 3600, closed: false });
    expect(decideBooking(caseWith({ appointment }), { slot, reminder }, now)).toBeUndefined();
  });

  it('moves once per request; a no-show counts as missed; the session end of a late reminder is stale for the wait on the day', () => {
    const booked = caseWith({ appointment: { slot, reminderAt: iso('2026-03-04 08:00'), bookedAt: iso('2026-03-02 14:00'), attempt: 1, missed: 0 } });
    const next = { office, date: '2026-03-09', session: 'afternoon', start: iso('2026-03-09 13:00'), end: iso('2026-03-09 16:30') };
    const change = decideMove(booked, { eventType: 'appointment-missed', requestId: 'missed-1', facts: { missed: 1 }, slot: next, reminder: vn('2026-03-06 08:00'), from: slot }, vn('2026-03-05 11:31'))!;
    expect(change.update.appointment).toMatchObject({ attempt: 2, missed: 1, slot: next });
    expect(change.update.appointmentChange).toBe('missed-1');
    expect(change.events[0]).toMatchObject({ type: 'appointment-missed', data: { missed: 1, from: slot, to: next, attempt: 2 } });
    expect(decideMove({ ...booked, appointmentChange: 'missed-1' }, { eventType: 'appointment-missed', requestId: 'missed-1', facts: {}, slot: next, reminder, from: slot }, vn('2026-03-05 11:31'))).toBeUndefined();
    // the wait on the day was measured at booking from the reminder (08:00 → 11:30); the reminder went out at 09:00
    const measured = appointmentClockOf(booked.appointment!, vn('2026-03-02 14:00')).afterReminderInSeconds;
    expect(() => assertFreshClock(booked, 'visit', 'session-end', measured, vn('2026-03-04 08:03'), calendar)).not.toThrow();
    expect(() => assertFreshClock(booked, 'visit', 'session-end', measured, vn('2026-03-04 09:00'), calendar)).toThrow(StaleStepClock);
  });
});

describe('the result: visit, decision, hand-over', () => {
  const receiptSlip = { name: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả.pdf', contentType: 'application/pdf', bucket: 'documents', key: 'slip.pdf' };
  const documentsReceived = [{ name: 'Đơn yêu cầu thi hành án', copies: 1, kind: 'original' as const }];
  // The visit on Thursday 5 March at 09:00; 5 working days, legal: the day of the visit not counted → Thursday 12 March at 17:00.
  const decisionDue = deadlineFor({ receivedAt: vn('2026-03-05 09:00'), workingDays: 5, counting: 'legal', office, directory }) as StepDeadline;
  const visitDue: StepDeadline = { dueAt: iso('2026-03-05 11:30'), startedAt: iso('2026-03-02 14:00'), calendarVersion: 'appointment', rule: 'the appointment' };

  it('records the visit once: on time within the session, the decision due, the receipt slip', () => {
    const waiting = caseWith({ status: 'awaiting-visit', deadlines: { visit: visitDue }, pendingStep: { step: 'visit', taskToken: 't', since: iso('2026-03-02 14:00'), dueAt: visitDue.dueAt } });
    const change = decideVisit(waiting, { collection: 'by-post', postalAddress: 'Số 3 Pasteur', actor: officer }, { decisionDue, documentsReceived, receiptSlip }, vn('2026-03-05 09:00'), calendar)!;
    expect(decisionDue.dueAt).toBe(iso('2026-03-12 17:00'));
    expect(change.update).toMatchObject({ status: 'received-in-person', pendingStep: undefined, resultCollection: { method: 'by-post', postalAddress: 'Số 3 Pasteur' }, documents: { receiptSlip } });
    expect(change.events.map((e) => e.type)).toEqual(['visit-recorded', 'deadline-set', 'document-produced']);
    expect(change.events[0]).toMatchObject({ actor: officer, data: { onTime: true, collection: 'by-post' } });
    expect(decideVisit({ ...waiting, deadlines: { ...waiting.deadlines, decision: decisionDue } }, {}, { decisionDue, documentsReceived, receiptSlip }, vn('2026-03-05 09:05'), calendar)).toBeUndefined();
  });

  it('records the decision once, with the hand-over due by the date given and the copy to the procuracy in 3 working days', () => {
    const decided = caseWith({ deadlines: { decision: decisionDue } });
    const decision = { number: '101/QĐ-THADS', date: '2026-03-09', signer: { name: 'Nguyễn Văn Bình', title: 'Trưởng phòng' }, actor: officer };
    const change = decideDecision(decided, decision, enforcement, vn('2026-03-09 10:00'), calendar)!;
    // the requester was promised Thursday 12 March: later than one working day, so the hand-over keeps that date
    expect(change.update.deadlines!.handover!.dueAt).toBe(iso('2026-03-12 17:00'));
    // 3 working days, legal, from Monday 9 March (not counted) → Thursday 12 March at 17:00
    expect(change.update.deadlines!['procuracy-copy']!.dueAt).toBe(iso('2026-03-12 17:00'));
    expect(change.events.map((e) => [e.type, e.data.step])).toEqual([['decision-recorded', undefined], ['deadline-set', 'handover'], ['deadline-set', 'procuracy-copy']]);
    expect(decideDecision({ ...decided, ...change.update } as CaseRecord, decision, enforcement, vn('2026-03-09 10:05'), calendar)).toBeUndefined();
  });

  it("records the decision step's outcome and the decision in one change; a retry after it was written changes nothing", () => {
    const deciding = caseWith({ status: 'awaiting-decision', deadlines: { decision: decisionDue }, pendingStep: { step: 'decision', taskToken: 't', since: iso('2026-03-05 09:00'), dueAt: decisionDue.dueAt } });
    const decision = { number: '101/QĐ-THADS', date: '2026-03-09', signer: 'Nguyễn Văn Bình', actor: officer };
    const now = vn('2026-03-09 10:00');
    const deciders = [(r: CaseRecord) => decideCompletion(r, 'decision', decision, now, calendar), (r: CaseRecord) => decideDecision(r, decision, enforcement, now, calendar)];
    const change = composeChanges(deciding, deciders)!;
    expect(change.events.map((e) => e.type)).toEqual(['step-completed', 'decision-recorded', 'deadline-set', 'deadline-set']);
    expect(change.update).toMatchObject({ status: 'decided', pendingStep: undefined, decision: { number: '101/QĐ-THADS' } });
    expect(composeChanges({ ...deciding, ...change.update } as CaseRecord, deciders)).toBeUndefined();
  });

  it('completes the hand-over, records the delivery and closes the case in one change, in that order; a retry changes nothing', () => {
    const handingOver = caseWith({ status: 'awaiting-handover', decision: { number: '101/QĐ-THADS', date: '2026-03-09', signer: 'Nguyễn Văn Bình', recordedAt: iso('2026-03-09 10:00') }, deadlines: { handover: oneWorkingDay }, pendingStep: { step: 'handover', taskToken: 't', since: iso('2026-03-02 10:00'), dueAt: oneWorkingDay.dueAt } });
    const outcome = { method: 'at-desk', recipientName: 'Lê Văn Cường', signedSlip: true, actor: officer };
    const now = vn('2026-03-03 09:00');
    const deciders = [
      (r: CaseRecord) => decideCompletion(r, 'handover', outcome, now, calendar),
      (r: CaseRecord) => decideHandover(r, outcome as never, now),
      (r: CaseRecord) => decideClosure(r, 'resolved', now),
    ];
    const change = composeChanges(handingOver, deciders)!;
    expect(change.events.map((e) => e.type)).toEqual(['step-completed', 'decision-handed-over', 'case-closed']);
    expect(change.events[0]!.data).toMatchObject({ step: 'handover', onTime: true });
    expect(change.update).toMatchObject({ status: 'closed', pendingStep: undefined, closure: { reason: 'resolved' }, resultDelivered: { method: 'at-desk', recipientName: 'Lê Văn Cường', by: 'Trần Thị Lan', signedSlip: true } });
    expect(composeChanges({ ...handingOver, ...change.update } as CaseRecord, deciders)).toBeUndefined();
  });
});
