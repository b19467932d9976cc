import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../../shared/cases/model';
import {
  decideAwait,
  decideBreach,
  decideClosure,
  decideCompletion,
  decidePause,
  decideProcuracyCopy,
  decideResume,
  StepNotPending,
  UnknownStep,
} from '../../../shared/workflow/decisions';
import { iso, vn } from '../calendar/fixtures';
import { calendar, caseWith as baseCase, oneWorkingDay } from './fixtures';

/**
 * The legal core of the workflow as pure decisions: a case as stored, an instant and the calendar in,
 * the change out. HCMKV1 keeps 08:00-12:00, 13:00-17:00; the expectations are written by hand.
 */
const caseWith = (record: Partial<CaseRecord> = {}) => baseCase({ status: 'awaiting-decision', deadlines: { decision: oneWorkingDay }, lastSeq: 3, lastHash: 'h3', ...record });

const waitingForDecision = (extra: Partial<CaseRecord['pendingStep']> = {}) =>
  caseWith({ pendingStep: { step: 'decision', taskToken: 'token-1', since: iso('2026-03-02 10:00'), dueAt: oneWorkingDay.dueAt, ...extra } });

describe('a breach of a step deadline', () => {
  it('is recorded at lunch on the due day as two working hours late, and the step keeps waiting', () => {
    const change = decideBreach(waitingForDecision(), 'decision', vn('2026-03-03 12:30'), calendar)!;
    expect(oneWorkingDay.dueAt).toBe(iso('2026-03-03 10:00'));
    expect(change.events).toEqual([
      { type: 'deadline-breached', at: iso('2026-03-03 12:30'), actor: { kind: 'system', component: 'workflow' }, data: { step: 'decision', dueAt: iso('2026-03-03 10:00'), lateByWorkingMinutes: 120 } },
    ]);
    expect(change.update.breaches).toEqual(['decision']);
    expect(change.update.pendingStep).toMatchObject({ step: 'decision', taskToken: 'token-1', breached: true });
  });

  it('is recorded once per deadline: a wait already marked breached changes nothing', () => {
    expect(decideBreach(waitingForDecision({ breached: true }), 'decision', vn('2026-03-04 09:00'), calendar)).toBeUndefined();
  });

  it('of a step no longer waited on is still recorded, without touching the pending step', () => {
    const change = decideBreach(caseWith({ breaches: ['decision'] }), 'decision', vn('2026-03-03 11:00'), calendar)!;
    expect(change.update).toEqual({ breaches: ['decision'] });
    expect(change.events[0]!.data).toMatchObject({ lateByWorkingMinutes: 60 });
  });

  it('of a step without a deadline is no breach', () => {
    expect(decideBreach(waitingForDecision(), 'handover', vn('2026-03-09 09:00'), calendar)).toBeUndefined();
  });
});

describe('the completion of a step', () => {
  it('a minute before the due instant is on time; the case is decided and waits no more', () => {
    const change = decideCompletion(waitingForDecision(), 'decision', { outcome: 'signed' }, vn('2026-03-03 09:59'), calendar)!;
    expect(change.update).toEqual({ status: 'decided', pendingStep: undefined });
    expect(change.events[0]).toMatchObject({ type: 'step-completed', at: iso('2026-03-03 09:59'), data: { step: 'decision', dueAt: iso('2026-03-03 10:00'), onTime: true, lateByWorkingMinutes: 0 } });
  });

  it('after the lunch break of the due day is late by the working minutes only', () => {
    const change = decideCompletion(waitingForDecision(), 'decision', { outcome: 'signed' }, vn('2026-03-03 13:15'), calendar)!;
    expect(change.events[0]!.data).toMatchObject({ onTime: false, lateByWorkingMinutes: 135 });
  });

  it('ended by the requester\'s recorded withdrawal (after a breach, the late wait records its outcome directly) records no result', () => {
    expect(decideCompletion(waitingForDecision(), 'decision', { withdrawn: true, actor: { kind: 'officer', id: 'lan' } }, vn('2026-03-05 09:00'), calendar)).toBeUndefined();
  });

  it('names the person the outcome names, else the workflow', () => {
    const head = { kind: 'officer', id: 'truong.kv1@hcm.thads.example', name: 'Trưởng phòng' };
    expect(decideCompletion(waitingForDecision(), 'decision', { actor: head }, vn('2026-03-03 09:00'), calendar)!.events[0]!.actor).toEqual(head);
    expect(decideCompletion(waitingForDecision(), 'decision', { actor: 'someone' }, vn('2026-03-03 09:00'), calendar)!.events[0]!.actor).toEqual({ kind: 'system', component: 'workflow' });
  });

  it('recorded by an earlier attempt changes nothing; of a step the case does not wait for is refused', () => {
    expect(decideCompletion(caseWith({ status: 'decided' }), 'decision', {}, vn('2026-03-03 09:00'), calendar)).toBeUndefined();
    expect(() => decideCompletion(caseWith({ status: 'awaiting-review' }), 'decision', {}, vn('2026-03-03 09:00'), calendar)).toThrow(StepNotPending);
  });
});

describe('the clock paused for the requester and resumed by the reply', () => {
  const replyLimit = { workingDays: 5, counting: 'legal' as const };
  const reviewLimit = { workingDays: 1, counting: 'working-hours' as const };

  it('stops the agency clock and gives the requester five working days, to the close of the fifth', () => {
    const change = decidePause(caseWith({ status: 'awaiting-review' }), replyLimit, vn('2026-03-02 10:00'), calendar)!;
    expect(change.update.status).toBe('awaiting-requester');
    expect(change.update.deadlines!['requester-reply']!.dueAt).toBe(iso('2026-03-09 17:00'));
    expect(change.update.deadlines!.decision).toEqual(oneWorkingDay);
    expect(change.events).toEqual([
      { type: 'clock-paused', at: iso('2026-03-02 10:00'), actor: { kind: 'system', component: 'workflow' }, data: { waitingFor: 'requester', replyBy: iso('2026-03-09 17:00'), replyWorkingDays: 5 } },
    ]);
  });

  it('pauses once: a case already paused with a reply deadline changes nothing', () => {
    const paused = caseWith({ status: 'awaiting-requester', deadlines: { 'requester-reply': oneWorkingDay } });
    expect(decidePause(paused, replyLimit, vn('2026-03-02 11:00'), calendar)).toBeUndefined();
  });

  it('resumes with a fresh review deadline counted from when the reply arrived, not from when it was processed', () => {
    const paused = caseWith({ status: 'awaiting-requester', round: 1, deadlines: { 'requester-reply': oneWorkingDay, decision: oneWorkingDay } });
    const change = decideResume(paused, { messageId: '<reply@example.com>', receivedAt: iso('2026-03-02 10:00') }, reviewLimit, vn('2026-03-02 16:00'), calendar)!;
    expect(change.update).toMatchObject({ status: 'received', round: 2, pendingStep: undefined });
    expect(Object.keys(change.update.deadlines!).sort()).toEqual(['decision', 'review']);
    expect(change.update.deadlines!.review!.dueAt).toBe(iso('2026-03-03 10:00'));
    expect(change.events).toEqual([
      { type: 'clock-resumed', at: iso('2026-03-02 16:00'), actor: { kind: 'system', component: 'workflow' }, data: { replyMessageId: '<reply@example.com>', round: 2, review: iso('2026-03-03 10:00') } },
    ]);
  });

  it("counts a reply received after the agency's cut-off from the next working morning, as the first receipt was", () => {
    const paused = caseWith({ status: 'awaiting-requester', round: 1, deadlines: { 'requester-reply': oneWorkingDay } });
    // 16:00 is after a 15:00 cut-off: the supplemented file starts its one working day on the next morning,
    // so the fresh review deadline never comes before the one a request received at the same instant would get.
    const late = decideResume(paused, { receivedAt: iso('2026-03-02 16:00') }, reviewLimit, vn('2026-03-02 16:05'), calendar, '15:00')!;
    expect(late.update.deadlines!.review!.dueAt).toBe(iso('2026-03-03 17:00'));
    const early = decideResume(paused, { receivedAt: iso('2026-03-02 14:00') }, reviewLimit, vn('2026-03-02 14:05'), calendar, '15:00')!;
    expect(early.update.deadlines!.review!.dueAt).toBe(iso('2026-03-03 14:00'));
  });

  it('resumes from now when the reply has no time of receipt, and only once', () => {
    const paused = caseWith({ status: 'awaiting-requester', deadlines: { 'requester-reply': oneWorkingDay } });
    expect(decideResume(paused, {}, reviewLimit, vn('2026-03-03 15:00'), calendar)!.update.deadlines!.review!.dueAt).toBe(iso('2026-03-04 15:00'));
    expect(decideResume(caseWith({ status: 'received' }), {}, reviewLimit, vn('2026-03-03 15:00'), calendar)).toBeUndefined();
  });
});

describe('the copy of the decision to the procuracy', () => {
  it('sent after its limit is late; before it, on time; recorded once', () => {
    const withLimit = caseWith({ deadlines: { 'procuracy-copy': oneWorkingDay } });
    const late = decideProcuracyCopy(withLimit, vn('2026-03-03 10:01'), calendar)!;
    expect(late.update).toEqual({ procuracyCopy: { sentAt: iso('2026-03-03 10:01'), onTime: false } });
    expect(late.events[0]).toMatchObject({ type: 'procuracy-copy-sent', data: { dueAt: iso('2026-03-03 10:00'), onTime: false, lateByWorkingMinutes: 1 } });
    expect(decideProcuracyCopy(withLimit, vn('2026-03-03 10:00'), calendar)!.update.procuracyCopy!.onTime).toBe(true);
    expect(decideProcuracyCopy(caseWith({ procuracyCopy: { sentAt: iso('2026-03-03 09:00'), onTime: true } }), vn('2026-03-03 10:01'), calendar)).toBeUndefined();
  });

  it('of a procedure that sets no limit for it is on time', () => {
    const change = decideProcuracyCopy(caseWith({ deadlines: {} }), vn('2026-03-20 10:00'), calendar)!;
    expect(change.events[0]!.data).toEqual({ dueAt: undefined, onTime: true, lateByWorkingMinutes: 0 });
  });
});

describe('waiting for a person, and closing', () => {
  it('a new wait records who must act by when; the same wait re-entered only renews the token', () => {
    const fresh = decideAwait(caseWith({ status: 'decided' }), 'decision', 'token-1', vn('2026-03-02 10:05'))!;
    expect(fresh.update).toEqual({ status: 'awaiting-decision', pendingStep: { step: 'decision', taskToken: 'token-1', since: iso('2026-03-02 10:05'), dueAt: iso('2026-03-03 10:00') } });
    expect(fresh.events).toEqual([{ type: 'step-awaiting', at: iso('2026-03-02 10:05'), actor: { kind: 'system', component: 'workflow' }, data: { step: 'decision', dueAt: iso('2026-03-03 10:00') } }]);
    expect(decideAwait(waitingForDecision(), 'decision', 'token-1', vn('2026-03-03 10:00'))).toBeUndefined();
    expect(decideAwait(waitingForDecision({ breached: true }), 'decision', 'token-2', vn('2026-03-03 10:00'))).toEqual({
      update: { pendingStep: { step: 'decision', taskToken: 'token-2', since: iso('2026-03-02 10:00'), dueAt: iso('2026-03-03 10:00'), breached: true } },
      events: [],
    });
  });

  it('refuses a step it does not know, and a step without a deadline', () => {
    expect(() => decideAwait(caseWith(), 'coffee', 't', vn('2026-03-02 10:05'))).toThrow(UnknownStep);
    expect(() => decideAwait(caseWith(), 'handover', 't', vn('2026-03-02 10:05'))).toThrow(StepNotPending);
  });

  it('closes once, leaving no step pending', () => {
    const change = decideClosure(waitingForDecision(), 'resolved', vn('2026-03-03 09:00'))!;
    expect(change.update).toEqual({ status: 'closed', pendingStep: undefined, closure: { reason: 'resolved', at: iso('2026-03-03 09:00') } });
    expect(change.events).toEqual([{ type: 'case-closed', at: iso('2026-03-03 09:00'), actor: { kind: 'system', component: 'workflow' }, data: { reason: 'resolved' } }]);
    expect(decideClosure(caseWith({ status: 'closed' }), 'resolved', vn('2026-03-03 09:00'))).toBeUndefined();
  });
});
