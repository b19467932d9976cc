import type { Actor, CaseRecord } from '../cases/model';
import type { CaseStore } from '../cases/store';
import type { Clock } from '../clock';
import { toVietnamIso } from '../time/vietnam-time';
import { WORKFLOW } from './steps';

/**
 * Where a case's workflow is, and how it goes on after its execution ended without closing the
 * case (failed, aborted, or timed out before Step Functions' one-year limit).
 *
 * The step it was in is the Task its last execution was in, with the input it had: what
 * `local/` resumes after a restart, and what Step Functions' execution history records. A new
 * execution, `<case id>-r<n>`, starts with that input and `resumeAt` naming the Task; the state
 * machine's first Task (Read the attachments) fails with ResumeRequested, which the build catches into
 * the Choice that goes there ("Resume at the last Task", statemachines/build.ts). The
 * deadlines stay what they were: they live on the case, and every step reads them from there.
 */
export const RESUME_FIELD = 'resumeAt';
/** The first Task of the case workflow: a resume that names it just runs it. */
export const FIRST_TASK = 'Read the attachments';

/** The first Task's input names another Task to resume at: hand it over (statemachines/build.ts catches this error). */
export class ResumeRequested extends Error {
  override readonly name = 'ResumeRequested';
}

/** Throws ResumeRequested when the execution's input is a resume at a Task other than the first. */
export function resumeRequested(input: { [RESUME_FIELD]?: string } | undefined): void {
  const at = input?.[RESUME_FIELD];
  if (at !== undefined && at !== FIRST_TASK) throw new ResumeRequested(`resuming at '${at}'`);
}

/** The Task that records a failure: never where a case resumes (see statemachines/machines/*.json). */
export const FAILURE_REPORTER = 'Report the failure';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';

/** The case workflow's executions, as Step Functions (or local/) keeps them. */
export interface WorkflowExecutions {
  /** The execution's status; undefined when no execution has that name. */
  status(name: string): Promise<ExecutionStatus | undefined>;
  /** The last Task the execution entered, other than the failure reporter, with its input. */
  lastTask(name: string): Promise<{ stateName: string; input: Record<string, unknown> } | undefined>;
  /** Starts an execution; the same name and input again is no second execution. */
  start(name: string, input: Record<string, unknown>): Promise<void>;
}

export interface ResumePorts {
  cases: Pick<CaseStore, 'requireCase' | 'changeCase'>;
  executions: WorkflowExecutions;
  clock: Clock;
}

export class CannotResume extends Error {
  override readonly name = 'CannotResume';
}

/** The case's current execution: the case id until its first resume. */
export const currentExecution = (record: Pick<CaseRecord, 'caseId' | 'execution'>) => record.execution ?? record.caseId;

/** 0 for the first execution (named by the case id), n for `<case id>-r<n>`. */
export function resumeIndex(caseId: string, execution: string): number {
  if (execution === caseId) return 0;
  const match = new RegExp(`^${caseId}-r(\\d+)$`).exec(execution);
  return match ? Number(match[1]) : -1;
}

/** Reads the case id of an execution of the case workflow (its input names it; its name starts with it). */
export function caseIdOfExecution(name: string, input?: string): string | undefined {
  try {
    const parsed = input ? (JSON.parse(input) as { caseId?: unknown }) : undefined;
    if (typeof parsed?.caseId === 'string') return parsed.caseId;
  } catch {
    // fall back to the name
  }
  return /^([A-Z][A-Z0-9]{1,15}-\d{4}-\d{6})(-r\d+)?$/.exec(name)?.[1];
}

/**
 * Starts the case's workflow again at the step its last execution was in. Refused while that
 * execution runs or once the case is closed. The new execution is started before the case records
 * it, under a name that follows from the case (`-r<n>`), so a retried resume starts nothing twice.
 */
export async function resumeCase(
  caseId: string,
  ports: ResumePorts,
  how: { actor?: Actor; reason?: string } = {},
): Promise<{ execution: string; resumedAt: string; from: string }> {
  const record = await ports.cases.requireCase(caseId);
  if (record.status === 'closed') throw new CannotResume(`case ${caseId} is closed; there is nothing to resume`);
  const last = currentExecution(record);
  const status = await ports.executions.status(last);
  if (status === 'RUNNING') throw new CannotResume(`the workflow of case ${caseId} is running (${last}); there is nothing to resume`);
  const where = status ? await ports.executions.lastTask(last) : undefined;
  if (!where) throw new CannotResume(`the execution ${last} of case ${caseId} ${status ? 'entered no step' : 'is not known to Step Functions'}; there is no step to resume at`);

  const resumes = (record.resumes ?? 0) + 1;
  const execution = `${caseId}-r${resumes}`;
  const { [RESUME_FIELD]: _previous, failure: _failure, ...input } = where.input;
  await ports.executions.start(execution, { ...input, caseId, [RESUME_FIELD]: where.stateName });
  const at = toVietnamIso(ports.clock.now());
  await ports.cases.changeCase(caseId, (current) => {
    if (resumeIndex(caseId, currentExecution(current)) >= resumes) return undefined; // recorded by an earlier attempt
    return {
      update: { execution, resumes, workflowEnded: undefined },
      events: [{ type: 'workflow-resumed', at, actor: how.actor ?? WORKFLOW, data: { from: last, fromStatus: status, execution, resumedAt: where.stateName, ...(how.reason ? { reason: how.reason } : {}) } }],
    };
  });
  return { execution, resumedAt: where.stateName, from: last };
}
