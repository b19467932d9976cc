import type { CaseChange } from '../cases/repository';
import type { CaseRecord, ClosureReason, NewEvent, StepDeadline } from '../cases/model';
import type { OfficeDirectory } from '../offices/directory';
import { checkTimeliness, deadlineFor, type StoredDeadline } from '../calendar';
import type { TimeLimit } from './procedure-settings';
import { toVietnamIso } from '../time/vietnam-time';

/**
 * The legal core of the workflow as pure decisions: given the case as stored, the instant and the
 * calendar, what changes (new case state and the events that explain it), or undefined when there
 * is nothing to do. The steps in steps.ts and result-steps.ts read the case, call these and write.
 */

/** The calendar a decision counts in: the office directory (office hours, holidays by office). */
export interface Calendar {
  directory: OfficeDirectory;
}

export const WORKFLOW: NewEvent['actor'] = { kind: 'system', component: 'workflow' };

/** The steps a case waits on, and its status meanwhile. */
export const WAITING_STATUS: Record<string, CaseRecord['status']> = {
  review: 'awaiting-review',
  'requester-reply': 'awaiting-requester',
  visit: 'awaiting-visit',
  decision: 'awaiting-decision',
  handover: 'awaiting-handover',
  registration: 'awaiting-registration',
  answer: 'awaiting-answer',
};

/** The status once a person completed the step (steps completed by the workflow itself set their own). */
const DONE_STATUS: Record<string, CaseRecord['status']> = {
  review: 'reviewed',
  decision: 'decided',
  handover: 'decided',
  registration: 'reviewed',
  answer: 'reviewed',
};

export class StepNotPending extends Error {
  override readonly name = 'StepNotPending';
}

export class UnknownStep extends Error {
  override readonly name = 'UnknownStep';
}

/**
 * The requester's recorded withdrawal (shared/staff/withdraw.ts) completed the step the workflow waited for,
 * instead of what the step records: the state machine catches this by name and closes the case as withdrawn.
 */
export class RequestWithdrawn extends Error {
  override readonly name = 'RequestWithdrawn';
}

/** Whether what completed a wait is the withdrawal action's output (`withdrawn: true`), not the step's own result. */
export const isWithdrawal = (output: Record<string, unknown> | undefined) => output?.withdrawn === true;

/** Throws RequestWithdrawn when a wait was completed by the withdrawal: the step must not record it as its result. */
export function refuseWithdrawnOutput(caseId: string, what: string, output: Record<string, unknown> | undefined): void {
  if (isWithdrawal(output)) throw new RequestWithdrawn(`case ${caseId} was withdrawn by the requester while waiting for ${what}`);
}

/** Whether a step done at `at` met its stored deadline, and how late: the calendar's one definition of on time. */
export function timelinessOf(calendar: Calendar, record: CaseRecord, deadline: StoredDeadline, at: Date) {
  return checkTimeliness(deadline, at, { directory: calendar.directory, office: record.office });
}

/**
 * The deadline of a limit from an instant, in the case's office calendar, counted by the rule the catalog
 * names for that limit (`legal` or `working-hours`). The agency's cut-off is passed when the limit runs
 * from a receipt; it moves only a working-hours limit (see shared/calendar/README.md).
 */
export function deadlineOfLimit(calendar: Calendar, record: CaseRecord, from: Date, limit: TimeLimit, afterCutoff?: string): StepDeadline {
  return deadlineFor({
    receivedAt: from,
    workingDays: limit.workingDays,
    counting: limit.counting,
    office: record.office,
    directory: calendar.directory,
    ...(afterCutoff ? { afterCutoff } : {}),
  }) as StepDeadline;
}

/** The workflow now waits for a person on `step`: who must act, by when, and the token that resumes it. */
export function decideAwait(record: CaseRecord, step: string, taskToken: string, now: Date): CaseChange | undefined {
  const status = WAITING_STATUS[step];
  if (!status) throw new UnknownStep(`unknown step ${step}`);
  const dueAt = record.deadlines[step]?.dueAt;
  if (!dueAt) throw new StepNotPending(`case ${record.caseId} has no deadline for step ${step}`);
  if (record.pendingStep?.step === step && record.pendingStep.dueAt === dueAt) {
    // The same wait re-entered (after a warning, a breach, a retry or a local restart): only the token changes.
    return record.pendingStep.taskToken === taskToken ? undefined : { update: { pendingStep: { ...record.pendingStep, taskToken } }, events: [] };
  }
  const at = toVietnamIso(now);
  return {
    update: { status, pendingStep: { step, taskToken, since: at, dueAt } },
    events: [{ type: 'step-awaiting', at, actor: WORKFLOW, data: { step, dueAt } }],
  };
}

/** The deadline passed with the step still undone: a breach, recorded once per deadline; the step keeps waiting. */
export function decideBreach(record: CaseRecord, step: string, now: Date, calendar: Calendar): CaseChange | undefined {
  const deadline = record.deadlines[step];
  const pending = record.pendingStep?.step === step ? record.pendingStep : undefined;
  if (!deadline || pending?.breached) return undefined;
  const { lateByWorkingMinutes } = timelinessOf(calendar, record, deadline, now);
  return {
    update: { breaches: record.breaches.includes(step) ? record.breaches : [...record.breaches, step], ...(pending ? { pendingStep: { ...pending, breached: true } } : {}) },
    events: [{ type: 'deadline-breached', at: toVietnamIso(now), actor: WORKFLOW, data: { step, dueAt: deadline.dueAt, lateByWorkingMinutes } }],
  };
}

/** A person completed the step: the outcome, and whether it came on time and by how much. */
export function decideCompletion(record: CaseRecord, step: string, outcome: Record<string, unknown>, now: Date, calendar: Calendar): CaseChange | undefined {
  // Ended by the requester's withdrawal after a breach (the late wait records its outcome directly): the step has
  // no result to record; the withdrawal is on the timeline and the case workflow closes the case.
  if (isWithdrawal(outcome)) return undefined;
  if (record.pendingStep?.step !== step) {
    if (outcomeAlreadyRecorded(record, step)) return undefined; // an earlier attempt recorded it
    throw new StepNotPending(`case ${record.caseId} is not waiting for ${step}`);
  }
  const deadline = record.deadlines[step]!;
  const { onTime, lateByWorkingMinutes } = timelinessOf(calendar, record, deadline, now);
  return {
    update: { status: DONE_STATUS[step] ?? record.status, pendingStep: undefined },
    events: [{ type: 'step-completed', at: toVietnamIso(now), actor: actorOf(outcome), data: { step, outcome, dueAt: deadline.dueAt, onTime, lateByWorkingMinutes } }],
  };
}

function outcomeAlreadyRecorded(record: CaseRecord, step: string): boolean {
  if (record.pendingStep !== undefined) return false;
  // the hand-over's outcome closes the case in the same change: a retry finds it closed, the decision delivered
  if (step === 'handover' && record.status === 'closed' && record.resultDelivered) return true;
  // so does the answer to a question
  if (step === 'answer' && record.status === 'closed' && record.closure?.reason === 'answered') return true;
  return record.status === (DONE_STATUS[step] ?? record.status);
}

/** Who did it: the person the action names, else the workflow. */
function actorOf(outcome: Record<string, unknown>): NewEvent['actor'] {
  const actor = outcome.actor as NewEvent['actor'] | undefined;
  return actor && typeof actor === 'object' && 'kind' in actor ? actor : WORKFLOW;
}

/** The file is incomplete: the agency's clock stops until the requester replies, who has a limit to reply from now. */
export function decidePause(record: CaseRecord, replyLimit: TimeLimit, now: Date, calendar: Calendar): CaseChange | undefined {
  if (record.status === 'awaiting-requester' && record.deadlines['requester-reply']) return undefined;
  const replyBy = deadlineOfLimit(calendar, record, now, replyLimit);
  return {
    update: { status: 'awaiting-requester', deadlines: { ...record.deadlines, 'requester-reply': replyBy } },
    events: [{ type: 'clock-paused', at: toVietnamIso(now), actor: WORKFLOW, data: { waitingFor: 'requester', replyBy: replyBy.dueAt, replyWorkingDays: replyLimit.workingDays } }],
  };
}

/**
 * The requester's reply is in: the clock runs again, and the review gets a fresh deadline (the
 * procedure's review limit) counted from when the reply was received (else from now). The supplemented
 * file is received at the desk like the first one, so the agency's cut-off applies to it the same way:
 * a reply after the cut-off starts its clock the next working morning.
 */
export function decideResume(record: CaseRecord, reply: { messageId?: string; receivedAt?: string }, reviewLimit: TimeLimit, now: Date, calendar: Calendar, afterCutoff?: string): CaseChange | undefined {
  if (record.status !== 'awaiting-requester') return undefined; // resumed by an earlier attempt
  const from = reply.receivedAt ? new Date(reply.receivedAt) : now;
  const round = (record.round ?? 1) + 1;
  const review = deadlineOfLimit(calendar, record, from, reviewLimit, afterCutoff);
  const { ['requester-reply']: _answered, ...deadlines } = record.deadlines;
  return {
    update: { status: 'received', round, pendingStep: undefined, deadlines: { ...deadlines, review } },
    events: [{ type: 'clock-resumed', at: toVietnamIso(now), actor: WORKFLOW, data: { replyMessageId: reply.messageId, round, review: review.dueAt } }],
  };
}

/** The case ends, for a reason; it leaves the work queue. */
export function decideClosure(record: CaseRecord, reason: ClosureReason, now: Date): CaseChange | undefined {
  if (record.status === 'closed') return undefined;
  const at = toVietnamIso(now);
  return {
    update: { status: 'closed', pendingStep: undefined, closure: { reason, at } },
    events: [{ type: 'case-closed', at, actor: WORKFLOW, data: { reason } }],
  };
}

/** The copy to the procuracy went out: on time or late against its own limit (on time when the procedure sets none). */
export function decideProcuracyCopy(record: CaseRecord, now: Date, calendar: Calendar): CaseChange | undefined {
  if (record.procuracyCopy) return undefined;
  const deadline = record.deadlines['procuracy-copy'];
  const { onTime, lateByWorkingMinutes } = deadline ? timelinessOf(calendar, record, deadline, now) : { onTime: true, lateByWorkingMinutes: 0 };
  const at = toVietnamIso(now);
  return {
    update: { procuracyCopy: { sentAt: at, onTime } },
    events: [{ type: 'procuracy-copy-sent', at, actor: WORKFLOW, data: { dueAt: deadline?.dueAt, onTime, lateByWorkingMinutes } }],
  };
}

/**
 * Several decisions taken together, as one change (one transaction): each decides on the case as
 * the ones before it left it; their events follow one another. Undefined when none changes anything.
 */
export function composeChanges(record: CaseRecord, deciders: Array<(current: CaseRecord) => CaseChange | undefined>): CaseChange | undefined {
  let current = record;
  const update: CaseChange['update'] = {};
  const events: NewEvent[] = [];
  const alsoPut: NonNullable<CaseChange['alsoPut']> = [];
  const alsoDelete: NonNullable<CaseChange['alsoDelete']> = [];
  let changed = false;
  for (const decide of deciders) {
    const change = decide(current);
    if (!change) continue;
    changed = true;
    Object.assign(update, change.update);
    events.push(...change.events);
    alsoPut.push(...(change.alsoPut ?? []));
    alsoDelete.push(...(change.alsoDelete ?? []));
    current = { ...current, ...change.update };
  }
  return changed ? { update, events, ...(alsoPut.length ? { alsoPut } : {}), ...(alsoDelete.length ? { alsoDelete } : {}) } : undefined;
}
