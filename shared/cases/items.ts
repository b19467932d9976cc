import { vietnamMonth } from '../time/vietnam-time';
import type { CaseRecord, TimelineEvent } from './model';
import { auditKeys, caseKey, casePartKey, eventKey, UNDATED_DEADLINE, workQueueKeys } from './keys';

/**
 * The fields of a case kept in items of their own (casePartKey), not in the case item. Every change of a case
 * rewrites its case item in a transaction, at 2 write units per KB: the checklist of the automatic checks (about
 * 4 KB, a third of a closed case's item) is written once, at receipt, and read only with the case itself (never
 * from the indexes, whose items are the case item alone), so it is written apart, only when it changes.
 */
export const CASE_PARTS = ['checklist'] as const satisfies ReadonlyArray<keyof CaseRecord>;
export type CasePart = (typeof CASE_PARTS)[number];

/**
 * On a record read from a case item written before its parts were kept apart (the part inline): which parts the
 * next change must write apart, though they did not change. A symbol, so that it never reaches JSON (the API,
 * the hashes) but follows the record through `{ ...record }`.
 */
export const INLINE_PARTS = Symbol('parts read from the case item itself');
type WithInlineParts = CaseRecord & { [INLINE_PARTS]?: CasePart[] };

/**
 * The one mapping between the table's items and the records the code works with: a case item
 * carries its keys and its index keys (the work queue while open, the audit period always), and
 * none of CASE_PARTS; reading strips the keys again.
 */
export function toCaseItem(record: CaseRecord): Record<string, unknown> {
  const open = record.status !== 'closed';
  const head: Record<string, unknown> = { ...record };
  for (const part of CASE_PARTS) delete head[part];
  return {
    ...caseKey(record.caseId),
    entity: 'case',
    ...head,
    // The work queue orders by the earliest deadline of the pending step.
    ...(open ? workQueueKeys(record.office, record.pendingStep?.dueAt ?? UNDATED_DEADLINE, record.caseId) : {}),
    ...auditKeys(record.office, vietnamMonth(new Date(record.receivedAt)), record.receivedAt, record.caseId),
  };
}

/** The item of a part of a case (the value under `value`). */
export function toCasePartItem(caseId: string, part: CasePart, value: unknown): Record<string, unknown> {
  return { ...casePartKey(caseId, part), entity: 'case-part', caseId, part, value };
}

export const isCasePartItem = (item: Record<string, unknown>) => item.entity === 'case-part';

/**
 * A case from its case item, and from the items of its parts when the reader has them (a case read whole);
 * an index item alone gives the case without its parts.
 */
export function fromCaseItem(item: Record<string, unknown>, partItems: Array<Record<string, unknown>> = []): CaseRecord {
  const { PK: _pk, SK: _sk, entity: _entity, GSI1PK: _1pk, GSI1SK: _1sk, GSI2PK: _2pk, GSI2SK: _2sk, ...record } = item;
  const inline = CASE_PARTS.filter((part) => record[part] !== undefined);
  for (const partItem of partItems) record[String(partItem.part)] = partItem.value;
  const result = record as unknown as WithInlineParts;
  if (inline.length) result[INLINE_PARTS] = inline;
  return result;
}

/**
 * The parts a change must write (the value, or undefined to delete the part's item): those whose value changed,
 * and those the case item still held inline.
 */
export function changedParts(current: CaseRecord, next: CaseRecord): Array<[CasePart, unknown]> {
  const inline = (current as WithInlineParts)[INLINE_PARTS] ?? [];
  return CASE_PARTS.filter((part) => inline.includes(part) || JSON.stringify(current[part]) !== JSON.stringify(next[part])).map((part) => [part, next[part]]);
}

/** The record as written: nothing of it is inline any more. */
export function withPartsApart(record: CaseRecord): CaseRecord {
  const written: WithInlineParts = { ...record };
  delete written[INLINE_PARTS];
  return written;
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
