import type { CaseRecord } from '../cases/model';
import { canonicalJson, sha256Hex } from './hash-chain';

/**
 * The fields of a case that the report, the queue and the case view read. The last event of
 * every change carries their hash (`caseState`), so an edit of the case item alone (a breach
 * removed, a deadline moved, a status changed) shows up in `verify` as a case that no longer
 * matches its chain. The task token is left out: it is renewed without an event (a new wait of
 * the same step) and is no fact of the case; so are the chain's own head and `updatedAt`.
 */
export const REPORTABLE_FIELDS = [
  'office',
  'procedure',
  'flow',
  'status',
  'requester',
  'subject',
  'receivedAt',
  'deadlines',
  'breaches',
  'pendingStep',
  'round',
  'appointment',
  'resultCollection',
  'decision',
  'resultDelivered',
  'procuracyCopy',
  'documents',
  'closure',
  'withdrawal',
  'assignee',
] as const satisfies ReadonlyArray<keyof CaseRecord>;

export function reportableState(record: Partial<CaseRecord>): Record<string, unknown> {
  const state: Record<string, unknown> = {};
  for (const field of REPORTABLE_FIELDS) state[field] = record[field];
  if (record.pendingStep) {
    const { taskToken: _token, ...pending } = record.pendingStep;
    state.pendingStep = pending;
  }
  return state;
}

export function caseStateHash(record: Partial<CaseRecord>): string {
  return sha256Hex(canonicalJson(reportableState(record)));
}
