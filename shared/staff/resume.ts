import type { Principal } from '../auth/principal';
import { CannotResume, resumeCase, type WorkflowExecutions } from '../workflow/resume';
import { caseFor } from './access';
import { CaseConflict } from './errors';
import type { StaffPorts } from './ports';

export interface ResumeResult {
  caseId: string;
  /** The new execution's name: `<case id>-r<n>`. */
  execution: string;
  /** The execution that had ended. */
  from: string;
  /** The step (Task) the workflow goes on from. */
  resumedAt: string;
}

/**
 * The head of office restarts a case whose workflow ended without closing it (marked "needs
 * attention"), at the step it was in and with its deadlines (shared/workflow/resume.ts).
 * Refused (409) while the workflow runs, or once the case is closed.
 */
export async function resumeCaseWorkflow(
  principal: Principal,
  caseId: string,
  ports: Pick<StaffPorts, 'cases' | 'directory' | 'clock'> & { executions?: WorkflowExecutions },
): Promise<ResumeResult> {
  const record = await caseFor(principal, 'case:reassign', caseId, ports);
  if (!ports.executions) throw new Error('this deployment gives the API no access to the workflow executions');
  try {
    const resumed = await resumeCase(record.caseId, { cases: ports.cases, executions: ports.executions, clock: ports.clock }, {
      actor: { kind: 'officer', id: principal.sub, ...(principal.name ?? principal.email ? { name: principal.name ?? principal.email } : {}) },
      reason: 'resumed by the head of office',
    });
    return { caseId: record.caseId, ...resumed };
  } catch (error) {
    if (error instanceof CannotResume) throw new CaseConflict(error.message);
    throw error;
  }
}
