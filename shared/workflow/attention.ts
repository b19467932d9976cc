import type { CaseStore } from '../cases/store';
import type { Clock } from '../clock';
import { toVietnamIso } from '../time/vietnam-time';
import { WORKFLOW } from './steps';
import { caseIdOfExecution, currentExecution, resumeCase, resumeIndex, type WorkflowExecutions } from './resume';

/** An execution of the case workflow that ended, as Step Functions reports it (EventBridge "Execution Status Change"). */
export interface EndedExecution {
  name: string;
  status: string;
  input?: string;
  error?: string;
  cause?: string;
}

export interface AttentionPorts {
  cases: Pick<CaseStore, 'getCase' | 'requireCase' | 'changeCase'>;
  executions: WorkflowExecutions;
  clock: Clock;
  /** Tells the head of office (the `needs-attention` notice). */
  tellHead(caseId: string): Promise<void>;
}

export type EndOutcome = 'ignored' | 'continued' | 'marked' | 'already-marked';

/**
 * Nothing ends silently: an execution of an open case that ended without closing it marks the
 * case "needs attention" (work queue, case view) and tells the head of office, once per execution.
 * An execution that timed out (the machine's own TimeoutSeconds, set below Step Functions' one-year
 * limit) goes on in a new execution by itself; only if that fails is the case marked.
 * Ends of older executions (a case resumed since) and of closed cases change nothing.
 */
export async function onExecutionEnded(ended: EndedExecution, ports: AttentionPorts): Promise<EndOutcome> {
  if (ended.status === 'SUCCEEDED' || ended.status === 'RUNNING') return 'ignored';
  const caseId = caseIdOfExecution(ended.name, ended.input);
  if (!caseId) return 'ignored';
  const record = await ports.cases.getCase(caseId);
  if (!record || record.status === 'closed') return 'ignored';
  if (resumeIndex(caseId, ended.name) < resumeIndex(caseId, currentExecution(record))) return 'ignored';

  if (ended.status === 'TIMED_OUT') {
    try {
      await resumeCase(caseId, ports, { reason: 'continued in a new execution before the one-year limit of an execution' });
      return 'continued';
    } catch {
      // could not go on by itself: people must act, as for any other end
    }
  }
  const at = toVietnamIso(ports.clock.now());
  const { events } = await ports.cases.changeCase(caseId, (current) => {
    if (current.status === 'closed' || current.workflowEnded?.execution === ended.name) return undefined;
    const workflowEnded = { status: ended.status, execution: ended.name, at, ...(ended.error ? { error: ended.error } : {}), ...(ended.cause ? { cause: ended.cause.slice(0, 1000) } : {}) };
    return { update: { workflowEnded }, events: [{ type: 'needs-attention', at, actor: WORKFLOW, data: { ...workflowEnded } }] };
  });
  // Told on every delivery until it went out: the notice's own key keeps it to one message.
  await ports.tellHead(caseId);
  return events.length ? 'marked' : 'already-marked';
}
