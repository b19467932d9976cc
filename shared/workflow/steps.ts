import type { CaseRepository } from '../cases/repository';
import type { CaseRecord, NewEvent, StepDeadline } from '../cases/model';
import type { OfficeDirectory } from '../offices/directory';
import type { Clock } from '../clock';
import { deadlineFor } from '../calendar';
import { toVietnamIso } from '../time/vietnam-time';

export interface WorkflowPorts {
  cases: CaseRepository;
  directory: OfficeDirectory;
  clock: Clock;
}

/** The officer's reply to a request is due within one working day of its receipt (seed 002). */
export const REVIEW_WORKING_DAYS = 1;

const WORKFLOW: NewEvent['actor'] = { kind: 'system', component: 'workflow' };

export class StepNotPending extends Error {
  override readonly name = 'StepNotPending';
}

/** Seconds from now until an instant, at least 1: what a Step Functions task timeout takes. */
export function secondsUntil(instant: string, now: Date): number {
  return Math.max(1, Math.ceil((new Date(instant).getTime() - now.getTime()) / 1000));
}

/** Gives the case its review deadline (once: a retry keeps the deadline already given). */
export async function recordReceipt(caseId: string, ports: WorkflowPorts): Promise<{ review: { dueAt: string; timeoutSeconds: number } }> {
  const { record } = await ports.cases.changeCase(caseId, (current) => {
    if (current.deadlines.review) return undefined;
    const deadline = deadlineFor({
      receivedAt: new Date(current.receivedAt),
      workingDays: REVIEW_WORKING_DAYS,
      office: current.office,
      directory: ports.directory,
    }) as StepDeadline;
    return {
      update: { deadlines: { ...current.deadlines, review: deadline } },
      events: [{ type: 'deadline-set', at: toVietnamIso(ports.clock.now()), actor: WORKFLOW, data: { step: 'review', ...deadline } }],
    };
  });
  const dueAt = record.deadlines.review!.dueAt;
  return { review: { dueAt, timeoutSeconds: secondsUntil(dueAt, ports.clock.now()) } };
}

/** The workflow now waits for a person: record who must act, by when, and the token that resumes it. */
export async function awaitStep(caseId: string, step: string, taskToken: string, ports: WorkflowPorts): Promise<void> {
  await ports.cases.changeCase(caseId, (current) => {
    const dueAt = current.deadlines[step]?.dueAt;
    if (!dueAt) throw new Error(`case ${caseId} has no deadline for step ${step}`);
    const now = toVietnamIso(ports.clock.now());
    if (current.pendingStep?.step === step) {
      // The same wait re-entered (a retry, or a local restart): only the token changes.
      return current.pendingStep.taskToken === taskToken ? undefined : { update: { pendingStep: { ...current.pendingStep, taskToken } }, events: [] };
    }
    return {
      update: { status: statusWhileWaiting(step), pendingStep: { step, taskToken, since: now, dueAt } },
      events: [{ type: 'step-awaiting', at: now, actor: WORKFLOW, data: { step, dueAt } }],
    };
  });
}

/** The deadline passed with the step still undone: a breach, recorded once; the step keeps waiting. */
export async function recordBreach(caseId: string, step: string, ports: WorkflowPorts): Promise<void> {
  await ports.cases.changeCase(caseId, (current) => {
    if (current.breaches.includes(step)) return undefined;
    const dueAt = current.deadlines[step]?.dueAt;
    const now = ports.clock.now();
    return {
      update: { breaches: [...current.breaches, step] },
      events: [
        {
          type: 'deadline-breached',
          at: toVietnamIso(now),
          actor: WORKFLOW,
          data: { step, dueAt, minutesLate: dueAt ? Math.max(0, Math.round((now.getTime() - new Date(dueAt).getTime()) / 60_000)) : undefined },
        },
      ],
    };
  });
}

/** A person completed the step: record the outcome, and whether it came on time. */
export async function completeStep(caseId: string, step: string, outcome: Record<string, unknown>, ports: WorkflowPorts): Promise<void> {
  await ports.cases.changeCase(caseId, (current) => {
    if (current.pendingStep?.step !== step) {
      if (current.status === statusAfter(step)) return undefined; // already recorded by an earlier attempt
      throw new StepNotPending(`case ${caseId} is not waiting for ${step}`);
    }
    const now = ports.clock.now();
    const dueAt = current.pendingStep.dueAt;
    const { pendingStep: _done, ...rest } = current;
    const next: Partial<CaseRecord> = { ...rest, status: statusAfter(step), pendingStep: undefined };
    return {
      update: next,
      events: [{ type: 'step-completed', at: toVietnamIso(now), actor: WORKFLOW, data: { step, outcome, dueAt, onTime: now.getTime() <= new Date(dueAt).getTime() } }],
    };
  });
}

/** Something failed that retries could not mend: say so on the case, for people to act. */
export async function recordFailure(caseId: string, failure: { Error?: string; Cause?: string }, ports: WorkflowPorts): Promise<void> {
  await ports.cases.changeCase(caseId, () => ({
    update: {},
    events: [{ type: 'workflow-failed', at: toVietnamIso(ports.clock.now()), actor: WORKFLOW, data: { error: failure.Error ?? 'unknown', cause: failure.Cause?.slice(0, 4000) } }],
  }));
}

function statusWhileWaiting(step: string): CaseRecord['status'] {
  if (step === 'review') return 'awaiting-review';
  throw new Error(`unknown step ${step}`);
}

function statusAfter(step: string): CaseRecord['status'] {
  if (step === 'review') return 'reviewed';
  throw new Error(`unknown step ${step}`);
}
