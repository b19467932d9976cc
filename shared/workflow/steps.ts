import type { CaseStore } from '../cases/store';
import type { CaseRecord, ClosureReason } from '../cases/model';
import { caseSnapshot } from '../cases/snapshot';
import type { OfficeDirectory } from '../offices/directory';
import type { Clock } from '../clock';
import type { TimeLimit } from './procedure-settings';
import { toVietnamIso } from '../time/vietnam-time';
import { assertFreshClock, DEFAULT_WARNING_FRACTION, secondsUntil, stepClock, type ClockKind, type StepClock } from './step-clock';
import { decideAwait, decideBreach, decideClosure, decideCompletion, decidePause, decideResume, refuseWithdrawnOutput, UnknownStep, WAITING_STATUS, WORKFLOW } from './decisions';

// The decisions and their vocabulary live in decisions.ts; these names stay importable from here.
export { deadlineOfLimit, RequestWithdrawn, StepNotPending, timelinessOf, UnknownStep, WORKFLOW } from './decisions';

export interface WorkflowPorts {
  cases: CaseStore;
  directory: OfficeDirectory;
  clock: Clock;
}

// The clocks of the waits live in step-clock.ts; these names stay importable from here.
export { DEFAULT_WARNING_FRACTION, secondsUntil, StaleStepClock, StepOverdue, WarningDue, type StepClock } from './step-clock';

const now = (ports: WorkflowPorts) => toVietnamIso(ports.clock.now());

/** The step's clock as timeouts from now (until the warning point, until the deadline), read from the case. */
export async function startStepClock(caseId: string, step: string, ports: WorkflowPorts, warningFraction = DEFAULT_WARNING_FRACTION): Promise<StepClock> {
  return stepClock(await ports.cases.requireCase(caseId), step, ports.clock.now(), ports, warningFraction);
}

/** What a wait was given as its timeout, and what it was measured to: checked against the case before the wait records itself. */
export interface WaitClock {
  kind: ClockKind;
  timeoutSeconds: number;
  /** The warning fraction of the case's procedure (read with the case, not before it). */
  warningFractionOf?: (procedure: string) => number;
}

/**
 * The workflow now waits for a person: record who must act, by when, and the token that resumes it.
 * `known`: the case as the steps before left it (passed along with the clock, shared/cases/snapshot.ts),
 * decided on without reading it; the write is conditioned on it, so a case that moved since is read again.
 */
export async function awaitStep(caseId: string, step: string, taskToken: string, ports: WorkflowPorts, clock?: WaitClock, known?: CaseRecord): Promise<void> {
  if (!WAITING_STATUS[step]) throw new UnknownStep(`unknown step ${step}`);
  await ports.cases.changeCase(caseId, (current) => {
    const at = ports.clock.now();
    if (clock) assertFreshClock(current, step, clock.kind, clock.timeoutSeconds, at, ports, clock.warningFractionOf?.(current.procedure));
    return decideAwait(current, step, taskToken, at);
  }, known);
}

/** The deadline passed with the step still undone: a breach, recorded once per deadline; the step keeps waiting. */
export async function recordBreach(caseId: string, step: string, ports: WorkflowPorts): Promise<void> {
  await ports.cases.changeCase(caseId, (current) => decideBreach(current, step, ports.clock.now(), ports));
}

/** A person completed the step: record the outcome, and whether it came on time and by how much. */
export async function completeStep(caseId: string, step: string, outcome: Record<string, unknown>, ports: WorkflowPorts): Promise<void> {
  await ports.cases.changeCase(caseId, (current) => decideCompletion(current, step, outcome, ports.clock.now(), ports));
}

/** The file is incomplete: the agency's clock stops until the requester replies, who has a limit to reply. */
export async function pauseForRequester(caseId: string, replyLimit: TimeLimit, ports: WorkflowPorts): Promise<{ replyInSeconds: number; replyBy: string }> {
  const { record } = await ports.cases.changeCase(caseId, (current) => decidePause(current, replyLimit, ports.clock.now(), ports));
  const replyBy = record.deadlines['requester-reply']!.dueAt;
  return { replyInSeconds: secondsUntil(replyBy, ports.clock.now()), replyBy };
}

/** The requester's reply is in: the clock runs again, and the review gets a fresh deadline (the procedure's review limit) from the reply. */
export async function resumeAfterReply(
  caseId: string,
  reply: { messageId?: string; receivedAt?: string },
  reviewLimit: TimeLimit,
  ports: WorkflowPorts,
  warningFraction = DEFAULT_WARNING_FRACTION,
  afterCutoff?: string,
) {
  // The wait for the reply was ended by the requester's withdrawal, not by a reply.
  refuseWithdrawnOutput(caseId, "the requester's reply", reply);
  const { record } = await ports.cases.changeCase(caseId, (current) => decideResume(current, reply, reviewLimit, ports.clock.now(), ports, afterCutoff));
  // the review's clock goes with the result: the review's wait takes it as its timeout
  return { procedure: record.procedure, flow: record.flow ?? 'enforcement-request', round: record.round ?? 1, clock: { ...stepClock(record, 'review', ports.clock.now(), ports, warningFraction), known: caseSnapshot(record) } };
}

/** The case ends, for a reason; it leaves the work queue. */
export async function closeCase(caseId: string, reason: ClosureReason, ports: WorkflowPorts): Promise<void> {
  await ports.cases.changeCase(caseId, (current) => decideClosure(current, reason, ports.clock.now()));
}

/** Something failed that retries could not mend: say so on the case, for people to act. */
export async function recordFailure(caseId: string, failure: { Error?: string; Cause?: string }, ports: WorkflowPorts): Promise<void> {
  await ports.cases.changeCase(caseId, () => ({
    update: {},
    events: [{ type: 'workflow-failed', at: now(ports), actor: WORKFLOW, data: { error: failure.Error ?? 'unknown', cause: failure.Cause?.slice(0, 4000) } }],
  }));
}
