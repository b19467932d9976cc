import type { CaseRecord } from '../cases/model';
import { warningPoint, type Deadline } from '../calendar';
import { toVietnamIso } from '../time/vietnam-time';
import { StepNotPending, type Calendar } from './decisions';

/**
 * A wait's clock: the seconds until its instant, which a Step Functions wait takes as its timeout.
 * A clock is read by the step before the wait and passed along in the execution's state, so the
 * wait need not read it again; the wait's function checks it against the case (assertFreshClock).
 */
export interface StepClock {
  dueAt: string;
  warnAt: string;
  warnInSeconds: number;
  dueInSeconds: number;
}

/** When the assignee is warned, as a fraction of the step's working time (an agency setting, per procedure). */
export const DEFAULT_WARNING_FRACTION = 0.75;

/**
 * How late a wait may end because its clock was read before it started (a notice sent in between,
 * a reminder that went out late): beyond this, the wait's function refuses the clock and it is read
 * again. A warning or a missed appointment is thus noticed at most five minutes late.
 */
export const CLOCK_TOLERANCE_SECONDS = 300;

export class StaleStepClock extends Error {
  override readonly name = 'StaleStepClock';
}

/** Seconds from now until an instant, at least 1: what a Step Functions task timeout takes. */
export function secondsUntil(instant: string | Date, now: Date): number {
  return Math.max(1, Math.ceil((new Date(instant).getTime() - now.getTime()) / 1000));
}

/**
 * The step's clock as timeouts from now: until the warning point (a fraction of the step's
 * working time, so always in working hours) and until the deadline.
 */
export function stepClock(record: CaseRecord, step: string, now: Date, calendar: Calendar, warningFraction = DEFAULT_WARNING_FRACTION): StepClock {
  const deadline = record.deadlines[step];
  if (!deadline) throw new StepNotPending(`case ${record.caseId} has no deadline for step ${step}`);
  const warnAt = new Date(warningPoint(deadline as unknown as Deadline, warningFraction, calendar.directory, record.office));
  return { dueAt: deadline.dueAt, warnAt: toVietnamIso(warnAt), warnInSeconds: secondsUntil(warnAt, now), dueInSeconds: secondsUntil(deadline.dueAt, now) };
}

/** What a wait's timeout was measured to: the step's warning point, its deadline, or the end of the appointment's session. */
export type ClockKind = 'warning' | 'deadline' | 'session-end';

/**
 * The wait would begin past the step's warning point: it does not begin (a wait of a second would end before
 * its token is recorded, leaving the case with a token no one can complete); the assignee is warned at once.
 */
export class WarningDue extends Error {
  override readonly name = 'WarningDue';
}

/**
 * The wait would begin past the step's deadline (a request registered after its review was due, a case resumed
 * late): it does not begin; the breach is recorded and the step waits on, late, for the officer to act.
 */
export class StepOverdue extends Error {
  override readonly name = 'StepOverdue';
}

/**
 * A wait that starts now with `timeoutSeconds` ends when it should (within the tolerance), or the
 * clock it was given is stale: a late start, a deadline moved, a resumed execution's old state.
 * Throws StaleStepClock then, which the wait catches to read its clock again; WarningDue or StepOverdue
 * when the instant it waits for has already come (the wait catches them into the warning or the breach).
 */
export function assertFreshClock(record: CaseRecord, step: string, kind: ClockKind, timeoutSeconds: number, now: Date, calendar: Calendar, warningFraction = DEFAULT_WARNING_FRACTION): void {
  const clock = kind === 'session-end' ? undefined : stepClock(record, step, now, calendar, warningFraction);
  if (clock && now.getTime() >= new Date(clock.dueAt).getTime()) throw new StepOverdue(`case ${record.caseId}: ${step} was due ${clock.dueAt}, before its wait began`);
  if (clock && kind === 'warning' && now.getTime() >= new Date(clock.warnAt).getTime()) throw new WarningDue(`case ${record.caseId}: the warning point of ${step} (${clock.warnAt}) passed before its wait began`);
  const intended = kind === 'warning' ? clock!.warnAt : kind === 'deadline' ? clock!.dueAt : record.appointment?.slot.end;
  if (!intended) throw new StaleStepClock(`case ${record.caseId} has no appointment to wait for`);
  const endsAt = now.getTime() + timeoutSeconds * 1000;
  const shouldEnd = Math.max(new Date(intended).getTime(), now.getTime());
  const off = Math.abs(endsAt - shouldEnd) / 1000;
  if (off > CLOCK_TOLERANCE_SECONDS) throw new StaleStepClock(`case ${record.caseId}: the ${kind} clock of ${step} would end ${Math.round(off)} s off ${intended}`);
}
