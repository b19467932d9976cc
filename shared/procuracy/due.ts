import type { CaseRecord } from '../cases/model';
import { procuracyDueKey } from '../cases/keys';

/**
 * A decision whose copy to the procuracy is due and not yet sent, as the table keeps it in its office's
 * partition: written in the transaction that records the decision (shared/workflow/result-decisions.ts),
 * deleted in the one that records the copy sent (shared/procuracy/dispatch.ts). `dispatchId` names the
 * dispatch it was assigned to, once one was.
 */
export interface DueCopy {
  caseId: string;
  office: string;
  dueAt: string;
  since: string;
  dispatchId?: string;
}

export function procuracyDueItem(record: Pick<CaseRecord, 'caseId' | 'office'>, dueAt: string, since: string): Record<string, unknown> {
  return { ...procuracyDueKey(record.office, record.caseId), entity: 'procuracy-due', caseId: record.caseId, office: record.office, dueAt, since };
}
