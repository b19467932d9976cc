import { vietnamMonth } from '../time/vietnam-time';
import type { CaseRecord, TimelineEvent } from './model';
import { auditKeys, caseKey, eventKey, UNDATED_DEADLINE, workQueueKeys } from './keys';

/**
 * The one mapping between the table's items and the records the code works with: a case item
 * carries its keys and its index keys (the work queue while open, the audit period always);
 * reading strips them again.
 */
export function toCaseItem(record: CaseRecord): Record<string, unknown> {
  const open = record.status !== 'closed';
  return {
    ...caseKey(record.caseId),
    entity: 'case',
    ...record,
    // The work queue orders by the earliest deadline of the pending step.
    ...(open ? workQueueKeys(record.office, record.pendingStep?.dueAt ?? UNDATED_DEADLINE, record.caseId) : {}),
    ...auditKeys(record.office, vietnamMonth(new Date(record.receivedAt)), record.receivedAt, record.caseId),
  };
}

export function fromCaseItem(item: Record<string, unknown>): CaseRecord {
  const { PK: _pk, SK: _sk, entity: _entity, GSI1PK: _1pk, GSI1SK: _1sk, GSI2PK: _2pk, GSI2SK: _2sk, ...record } = item;
  return record as unknown as CaseRecord;
}

/** Whether an index item is a case (items written before `entity` existed count as cases). */
export const isCaseItem = (item: Record<string, unknown>) => item.entity === undefined || item.entity === 'case';

export function toEventItem(event: TimelineEvent): Record<string, unknown> {
  return { ...eventKey(event.caseId, event.seq), entity: 'event', ...event };
}

export function fromEventItem(item: Record<string, unknown>): TimelineEvent {
  const { PK: _pk, SK: _sk, entity: _entity, ...event } = item;
  return event as unknown as TimelineEvent;
}
