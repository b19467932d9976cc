import type { CaseStore } from '../cases/store';
import type { CaseRecord, ClosureReason, NewEvent, StepDeadline } from '../cases/model';
import type { OfficeDirectory } from '../offices/directory';
import type { Clock } from '../clock';
import { checkTimeliness, deadlineFor, warningPoint, type Deadline, type StoredDeadline } from '../calendar';
import type { TimeLimit } from './procedure-settings';
import { toVietnamIso } from '../time/vietnam-time';

export interface WorkflowPorts {
  cases: CaseStore;
  directory: OfficeDirectory;
  clock: Clock;
}

/** When the assignee is warned, as a fraction of the step's working time (an agency setting, per procedure). */
export const DEFAULT_WARNING_FRACTION = 0.75;

export const WORKFLOW: NewEvent['actor'] = { kind: 'system', component: 'workflow' };

/** The steps a case waits on, and its status meanwhile. */
const WAITING_STATUS: Record<string, CaseRecord['status']> = {
  review: 'awaiting-review',
  'requester-reply': 'awaiting-requester',
  visit: 'awaiting-visit',
  decision: 'awaiting-decision',
  handover: 'awaiting-handover',
  registration: 'awaiting-registration',
};

/** The status once a person completed the step (steps completed by the workflow itself set their own). */
const DONE_STATUS: Record<string, CaseRecord['status']> = {
  review: 'reviewed',
  decision: 'decided',
  handover: 'decided',
  registration: 'reviewed',
};

export class StepNotPending extends Error {
  override readonly name = 'StepNotPending';
}

export class UnknownStep extends Error {
  override readonly name = 'UnknownStep';
}

/** Whether a step done at `at` met its stored deadline, and how late: the calendar's one definition of on time. */
export function timelinessOf(ports: Pick<WorkflowPorts, 'directory'>, record: CaseRecord, deadline: StoredDeadline, at: Date) {
  return checkTimeliness(deadline, at, { directory: ports.directory, office: record.office });
}

/** Seconds from now until an instant, at least 1: what a Step Functions task timeout takes. */
export function secondsUntil(instant: string | Date, now: Date): number {
  return Math.max(1, Math.ceil((new Date(instant).getTime() - now.getTime()) / 1000));
}

const now = (ports: WorkflowPorts) => toVietnamIso(ports.clock.now());

/**
 * The deadline of a limit from an instant, in the case's office calendar, counted by the rule the catalog
 * names for that limit (`legal` or `working-hours`). The agency's cut-off is passed when the limit runs
 * from a receipt; it moves only a working-hours limit (see shared/calendar/README.md).
 */
export function deadlineOfLimit(ports: WorkflowPorts, record: CaseRecord, from: Date, limit: TimeLimit, afterCutoff?: string): StepDeadline {
  return deadlineFor({
    receivedAt: from,
    workingDays: limit.workingDays,
    counting: limit.counting,
    office: record.office,
    directory: ports.directory,
    ...(afterCutoff ? { afterCutoff } : {}),
  }) as StepDeadline;
}

/**
 * The step's clock as timeouts from now: until the warning point (a fraction of the step's
 * working time, so always in working hours) and until the deadline.
 */
export async function startStepClock(caseId: string, step: string, ports: WorkflowPorts, warningFraction = DEFAULT_WARNING_FRACTION) {
  const record = await ports.cases.requireCase(caseId);
  const deadline = record.deadlines[step];
  if (!deadline) throw new StepNotPending(`case ${caseId} has no deadline for step ${step}`);
  const warnAt = new Date(warningPoint(deadline as unknown as Deadline, warningFraction, ports.directory, record.office));
  const at = ports.clock.now();
  return {
    dueAt: deadline.dueAt,
    warnAt: toVietnamIso(warnAt),
    warnInSeconds: secondsUntil(warnAt, at),
    dueInSeconds: secondsUntil(deadline.dueAt, at),
  };
}

/** The workflow now waits for a person: record who must act, by when, and the token that resumes it. */
export async function awaitStep(caseId: string, step: string, taskToken: string, ports: WorkflowPorts): Promise<void> {
  const status = WAITING_STATUS[step];
  if (!status) throw new UnknownStep(`unknown step ${step}`);
  await ports.cases.changeCase(caseId, (current) => {
    const dueAt = current.deadlines[step]?.dueAt;
    if (!dueAt) throw new StepNotPending(`case ${caseId} has no deadline for step ${step}`);
    if (current.pendingStep?.step === step && current.pendingStep.dueAt === dueAt) {
      // The same wait re-entered (after a warning, a breach, a retry or a local restart): only the token changes.
      return current.pendingStep.taskToken === taskToken ? undefined : { update: { pendingStep: { ...current.pendingStep, taskToken } }, events: [] };
    }
    return {
      update: { status, pendingStep: { step, taskToken, since: now(ports), dueAt } },
      events: [{ type: 'step-awaiting', at: now(ports), actor: WORKFLOW, data: { step, dueAt } }],
    };
  });
}

/** The deadline passed with the step still undone: a breach, recorded once per deadline; the step keeps waiting. */
export async function recordBreach(caseId: string, step: string, ports: WorkflowPorts): Promise<void> {
  await ports.cases.changeCase(caseId, (current) => {
    const deadline = current.deadlines[step];
    const pending = current.pendingStep?.step === step ? current.pendingStep : undefined;
    if (!deadline || pending?.breached) return undefined;
    const at = ports.clock.now();
    const { lateByWorkingMinutes } = timelinessOf(ports, current, deadline, at);
    return {
      update: { breaches: current.breaches.includes(step) ? current.breaches : [...current.breaches, step], ...(pending ? { pendingStep: { ...pending, breached: true } } : {}) },
      events: [{ type: 'deadline-breached', at: toVietnamIso(at), actor: WORKFLOW, data: { step, dueAt: deadline.dueAt, lateByWorkingMinutes } }],
    };
  });
}

/** A person completed the step: record the outcome, and whether it came on time and by how much. */
export async function completeStep(caseId: string, step: string, outcome: Record<string, unknown>, ports: WorkflowPorts): Promise<void> {
  await ports.cases.changeCase(caseId, (current) => {
    if (current.pendingStep?.step !== step) {
      if (outcomeAlreadyRecorded(current, step)) return undefined; // an earlier attempt recorded it
      throw new StepNotPending(`case ${caseId} is not waiting for ${step}`);
    }
    const at = ports.clock.now();
    const deadline = current.deadlines[step]!;
    const { onTime, lateByWorkingMinutes } = timelinessOf(ports, current, deadline, at);
    return {
      update: { status: DONE_STATUS[step] ?? current.status, pendingStep: undefined },
      events: [{ type: 'step-completed', at: toVietnamIso(at), actor: actorOf(outcome), data: { step, outcome, dueAt: deadline.dueAt, onTime, lateByWorkingMinutes } }],
    };
  });
}

function outcomeAlreadyRecorded(record: CaseRecord, step: string): boolean {
  return record.pendingStep === undefined && record.status === (DONE_STATUS[step] ?? record.status);
}

/** Who did it: the person the action names, else the workflow. */
function actorOf(outcome: Record<string, unknown>): NewEvent['actor'] {
  const actor = outcome.actor as NewEvent['actor'] | undefined;
  return actor && typeof actor === 'object' && 'kind' in actor ? actor : WORKFLOW;
}

/** The file is incomplete: the agency's clock stops until the requester replies, who has a limit to reply. */
export async function pauseForRequester(caseId: string, replyLimit: TimeLimit, ports: WorkflowPorts): Promise<{ replyInSeconds: number; replyBy: string }> {
  const { record } = await ports.cases.changeCase(caseId, (current) => {
    if (current.status === 'awaiting-requester' && current.deadlines['requester-reply']) return undefined;
    const at = ports.clock.now();
    const replyBy = deadlineOfLimit(ports, current, at, replyLimit);
    return {
      update: { status: 'awaiting-requester', deadlines: { ...current.deadlines, 'requester-reply': replyBy } },
      events: [{ type: 'clock-paused', at: toVietnamIso(at), actor: WORKFLOW, data: { waitingFor: 'requester', replyBy: replyBy.dueAt, replyWorkingDays: replyLimit.workingDays } }],
    };
  });
  const replyBy = record.deadlines['requester-reply']!.dueAt;
  return { replyInSeconds: secondsUntil(replyBy, ports.clock.now()), replyBy };
}

/** The requester's reply is in: the clock runs again, and the review gets a fresh deadline (the procedure's review limit) from the reply. */
export async function resumeAfterReply(caseId: string, reply: { messageId?: string; receivedAt?: string }, reviewLimit: TimeLimit, ports: WorkflowPorts) {
  const { record } = await ports.cases.changeCase(caseId, (current) => {
    if (current.status !== 'awaiting-requester') return undefined; // resumed by an earlier attempt
    const at = reply.receivedAt ? new Date(reply.receivedAt) : ports.clock.now();
    const round = (current.round ?? 1) + 1;
    const review = deadlineOfLimit(ports, current, at, reviewLimit);
    const { ['requester-reply']: _answered, ...deadlines } = current.deadlines;
    return {
      update: { status: 'received', round, pendingStep: undefined, deadlines: { ...deadlines, review } },
      events: [{ type: 'clock-resumed', at: now(ports), actor: WORKFLOW, data: { replyMessageId: reply.messageId, round, review: review.dueAt } }],
    };
  });
  return { procedure: record.procedure, flow: record.flow ?? 'enforcement-request', round: record.round ?? 1 };
}

/** The case ends, for a reason; it leaves the work queue. */
export async function closeCase(caseId: string, reason: ClosureReason, ports: WorkflowPorts): Promise<void> {
  await ports.cases.changeCase(caseId, (current) => {
    if (current.status === 'closed') return undefined;
    return {
      update: { status: 'closed', pendingStep: undefined, closure: { reason, at: now(ports) } },
      events: [{ type: 'case-closed', at: now(ports), actor: WORKFLOW, data: { reason } }],
    };
  });
}

/** Something failed that retries could not mend: say so on the case, for people to act. */
export async function recordFailure(caseId: string, failure: { Error?: string; Cause?: string }, ports: WorkflowPorts): Promise<void> {
  await ports.cases.changeCase(caseId, () => ({
    update: {},
    events: [{ type: 'workflow-failed', at: now(ports), actor: WORKFLOW, data: { error: failure.Error ?? 'unknown', cause: failure.Cause?.slice(0, 4000) } }],
  }));
}
