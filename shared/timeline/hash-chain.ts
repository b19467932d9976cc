import { createHash } from 'node:crypto';

/** The hash that precedes the first event of every case. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an event's hash covers: everything it says, and the hash of the event before it. */
export interface ChainedFields {
  caseId: string;
  seq: number;
  type: string;
  at: string;
  actor: unknown;
  data: unknown;
  prevHash: string;
}

/**
 * JSON with object keys sorted at every level, so the same event always hashes the same way
 * whatever order its fields were written or read back in (DynamoDB does not keep map order).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function eventHash(fields: ChainedFields): string {
  const { caseId, seq, type, at, actor, data, prevHash } = fields;
  return createHash('sha256').update(canonicalJson({ caseId, seq, type, at, actor, data, prevHash })).digest('hex');
}

export type ChainBreak =
  | { kind: 'edited'; seq: number }
  | { kind: 'reordered-or-removed'; seq: number; expectedSeq: number }
  | { kind: 'relinked'; seq: number }
  | { kind: 'truncated'; lastSeq: number; expectedLastSeq: number; expectedLastHash: string };

/**
 * Re-computes a case's chain and names the first event that was edited, removed or reordered.
 * `head` is what the case item records as its last event, which catches removal at the end.
 */
export function verifyChain(
  events: Array<ChainedFields & { hash: string }>,
  head?: { lastSeq: number; lastHash: string },
): { ok: true } | { ok: false; firstBreak: ChainBreak } {
  let prevHash = GENESIS_HASH;
  for (const [index, event] of events.entries()) {
    const expectedSeq = index + 1;
    if (event.seq !== expectedSeq) return { ok: false, firstBreak: { kind: 'reordered-or-removed', seq: event.seq, expectedSeq } };
    if (event.prevHash !== prevHash) return { ok: false, firstBreak: { kind: 'relinked', seq: event.seq } };
    if (eventHash(event) !== event.hash) return { ok: false, firstBreak: { kind: 'edited', seq: event.seq } };
    prevHash = event.hash;
  }
  if (head && (head.lastSeq !== events.length || head.lastHash !== prevHash)) {
    return { ok: false, firstBreak: { kind: 'truncated', lastSeq: events.length, expectedLastSeq: head.lastSeq, expectedLastHash: head.lastHash } };
  }
  return { ok: true };
}
