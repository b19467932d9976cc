import type { CaseRecord, TimelineEvent } from './model';
import { requestEventOf } from '../intake/request-event';

/**
 * The case as a step left it, passed along in the workflow's state to the next step that changes it, so
 * that step need not read it again (issue 12). A snapshot is only a first guess: every write made from it is
 * conditioned on the case's `lastSeq` (CaseStore.changeCase's `known`), and a notice claims its sending only
 * while the case is still at that `lastSeq`; when the case moved since (an officer's note), it is read again.
 * `record` is the whole record (its parts too: a write compares them), or null when it would not fit the bound.
 * `events`: only what the next step reads of the timeline (the notices: the request's attachments).
 */
export interface CaseSnapshot {
  record: CaseRecord | null;
  events?: TimelineEvent[];
}

/**
 * Step Functions keeps a state's data under 256 KB; a snapshot stays far below it (a case with its checklist
 * is about 7 KB), leaving the rest of the state room. Past this, the snapshot carries no record: the next step reads.
 */
export const SNAPSHOT_LIMIT_BYTES = 48 * 1024;

/** The snapshot of a record (and of the request's event, cut to what the notices read), or an empty one past the bound. */
export function caseSnapshot(record: CaseRecord, events?: readonly TimelineEvent[]): CaseSnapshot {
  const request = events ? requestEventOf(events) : undefined;
  const snapshot: CaseSnapshot = {
    record,
    ...(events ? { events: request ? [{ ...request, data: { attachments: ((request.data.attachments as Array<{ name: unknown }> | undefined) ?? []).map((a) => ({ name: a.name })) } }] : [] } : {}),
  };
  return Buffer.byteLength(JSON.stringify(snapshot)) <= SNAPSHOT_LIMIT_BYTES ? snapshot : { record: null };
}

/** The record of a snapshot a step was given, when it is of this case. */
export function knownRecord(caseId: string, snapshot: { record?: unknown } | null | undefined): CaseRecord | undefined {
  const record = snapshot?.record as CaseRecord | null | undefined;
  return record && record.caseId === caseId && typeof record.lastSeq === 'number' ? record : undefined;
}
