import { createHash } from 'node:crypto';

/** Key builders for the single table (see DESIGN.md, "Data"). */
export const caseKey = (caseId: string) => ({ PK: `CASE#${caseId}`, SK: 'CASE' });

/**
 * A part of a case kept in an item of its own beside the case item (shared/cases/items.ts CASE_PARTS): large,
 * written once or rarely, so that the many transactions that change the case do not rewrite it. Its sort key
 * begins with the case item's, so one Query (`begins_with(SK, 'CASE')`) reads the case whole.
 */
export const casePartKey = (caseId: string, part: string) => ({ PK: `CASE#${caseId}`, SK: `CASE#${part}` });

export const eventKey = (caseId: string, seq: number) => ({ PK: `CASE#${caseId}`, SK: `EVT#${String(seq).padStart(6, '0')}` });

export const EVENT_SK_PREFIX = 'EVT#';

/** Message-IDs are long and arbitrary; their hash makes a bounded key. */
export function messageKey(messageId: string) {
  return { PK: `MSG#${createHash('sha256').update(normalizeMessageId(messageId)).digest('hex')}`, SK: 'MSG' };
}

export function normalizeMessageId(messageId: string): string {
  const bare = messageId.trim().replace(/^<|>$/g, '');
  return `<${bare}>`;
}

export const serialCounterKey = (office: string, year: number) => ({ PK: `COUNTER#${office}#${year}`, SK: 'COUNTER' });

/** The secondary indexes of the table: GSI1 the work queue, GSI2 the audit periods. */
export type CaseIndexName = 'GSI1' | 'GSI2';

/**
 * What the indexes hold of an item: its keys only. A case item (3 to 9 KB) changes some twenty times; with
 * every attribute projected, each change was written again to both indexes at 1 write unit a KB. With keys
 * only, an index is written only when its keys change (a new case, a new next deadline, the case leaving the
 * queue), at 1 unit each, and readers fetch the items by their keys (shared/staff/case-index.ts). The infra
 * (infra/constructs/case-store.ts), the local table (local/services/table.ts) and the bench read it here.
 */
export const CASE_INDEX_PROJECTION = 'KEYS_ONLY' as const;

/** The work queue's partition of an office: its open cases. */
export const workQueuePartition = (office: string) => `OFFICE#${office}#OPEN`;

/** The audit index's partition of an office for a month of receipt (`YYYY-MM`, Vietnam time). */
export const auditPartition = (office: string, receivedAtLocalMonth: string) => `OFFICE#${office}#${receivedAtLocalMonth}`;

/** The sort key of a case in the work queue when its step has no deadline: after every dated one. */
export const UNDATED_DEADLINE = '9999-12-31T23:59:59Z';

/** The work queue: open cases of an office, soonest deadline first. */
export const workQueueKeys = (office: string, nextDeadline: string, caseId: string) => ({
  GSI1PK: workQueuePartition(office),
  GSI1SK: `${nextDeadline}#${caseId}`,
});

/** The audit index: cases of an office by month of receipt (local time), for periods and reports. */
export const auditKeys = (office: string, receivedAtLocalMonth: string, receivedAt: string, caseId: string) => ({
  GSI2PK: auditPartition(office, receivedAtLocalMonth),
  GSI2SK: `${receivedAt}#${caseId}`,
});

/** A requester's cases, for "is this a duplicate of an open case?": written with the case, never changed. */
export const requesterCaseKey = (address: string, caseId: string) => ({ PK: `REQUESTER#${address.toLowerCase()}`, SK: `CASE#${caseId}` });

/**
 * How many cases a requester opened, beside that index (every opening with an address counts itself in the same
 * transaction): intake reads it with the message, so the receipt looks for the requester's other cases only when
 * there are some. Its sort key does not begin with `CASE#`, so it is no case of the index.
 */
export const requesterSummaryKey = (address: string) => ({ PK: `REQUESTER#${address.toLowerCase()}`, SK: 'CASES' });

/** An export or report built as a job (shared/staff/export-jobs.ts); the item expires by the table's TTL. */
export const exportJobKey = (jobId: string) => ({ PK: `JOB#${jobId}`, SK: 'JOB' });

/** A citizen's access token (shared/citizen), found by the SHA-256 of the token: the token itself is never stored. */
export const accessTokenKey = (tokenHash: string) => ({ PK: `ACCESS#${tokenHash}`, SK: 'ACCESS' });

/** Which token a notice of a case carries now (by the notice's Message-ID), so that a retried notice replaces it rather than adding one. */
export const noticeAccessKey = (caseId: string, messageId: string) => ({ PK: `ACCESSOF#${caseId}`, SK: `NOTICE#${createHash('sha256').update(normalizeMessageId(messageId)).digest('hex')}` });

/** Attempts on the citizen's public routes in a window (a counter that expires by the table's TTL). */
export const rateCounterKey = (scope: string, window: string) => ({ PK: `RATE#${scope}`, SK: `WINDOW#${window}` });

/** The satisfaction rating of a case: at most one. */
export const surveyRatingKey = (caseId: string) => ({ PK: `SURVEY#${caseId}`, SK: 'SURVEY' });

/** Ratings of an office by month of rating (Vietnam time), on the audit index (GSI2) beside the cases' own partitions. */
export const surveyPartition = (office: string, ratedAtLocalMonth: string) => `SURVEYS#${office}#${ratedAtLocalMonth}`;

/** An office's decisions waiting for the daily dispatch to the procuracy (shared/procuracy/dispatch.ts): one partition per office. */
export const procuracyPartition = (office: string) => `PROCURACY#${office}`;

/** A decision whose copy to the procuracy is due and not yet sent: written with the decision, deleted with the sending's record. */
export const procuracyDueKey = (office: string, caseId: string) => ({ PK: procuracyPartition(office), SK: `${PROCURACY_DUE_PREFIX}${caseId}` });
export const PROCURACY_DUE_PREFIX = 'DUE#';

/** One dispatch of an office to its procuracy (the decisions it carries), from its assignment to the record of its sending. */
export const procuracyDispatchKey = (office: string, dispatchId: string) => ({ PK: procuracyPartition(office), SK: `${PROCURACY_DISPATCH_PREFIX}${dispatchId}` });
export const PROCURACY_DISPATCH_PREFIX = 'DISPATCH#';
