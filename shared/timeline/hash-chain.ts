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
  /**
   * The hash of the case's reportable fields after the change this event ends (case-state.ts),
   * so that the case item the report and the queue read is covered by the chain. Events written
   * before it existed have none, and hash as they always did.
   */
  caseState?: string;
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
  const { caseId, seq, type, at, actor, data, prevHash, caseState } = fields;
  return sha256Hex(canonicalJson({ caseId, seq, type, at, actor, data, prevHash, caseState }));
}

/** SHA-256 in hex: of an event's canonical JSON, of a stored document's bytes. */
export function sha256Hex(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

export type ChainBreak =
  /** The event's content no longer matches its own hash. */
  | { kind: 'edited'; seq: number }
  /** The event was changed and its hash re-computed to look consistent: the next event (or the case head) recorded another hash for it. */
  | { kind: 'rehashed'; seq: number }
  /** Events are missing or out of order at this position. */
  | { kind: 'reordered-or-removed'; seq: number; expectedSeq: number }
  /** The first event does not start from the genesis hash. */
  | { kind: 'relinked'; seq: number }
  /** Events after `lastSeq` that the case records were removed. */
  | { kind: 'truncated'; lastSeq: number; expectedLastSeq: number; expectedLastHash: string }
  /** An event beyond what the case records as its last was added behind its back. */
  | { kind: 'unrecorded'; seq: number };

/**
 * Re-computes a case's chain and names the first event that was edited, removed or reordered.
 * `head` is what the case item records as its last event, which catches changes at the end.
 */
export function verifyChain(
  events: Array<ChainedFields & { hash: string }>,
  head?: { lastSeq: number; lastHash: string },
): { ok: true } | { ok: false; firstBreak: ChainBreak } {
  let prevHash = GENESIS_HASH;
  for (const [index, event] of events.entries()) {
    const expectedSeq = index + 1;
    if (event.seq !== expectedSeq) return { ok: false, firstBreak: { kind: 'reordered-or-removed', seq: event.seq, expectedSeq } };
    const selfConsistent = eventHash(event) === event.hash;
    if (event.prevHash !== prevHash) {
      if (!selfConsistent || index === 0) return { ok: false, firstBreak: index === 0 ? { kind: 'relinked', seq: 1 } : { kind: 'edited', seq: event.seq } };
      return { ok: false, firstBreak: { kind: 'rehashed', seq: event.seq - 1 } };
    }
    if (!selfConsistent) return { ok: false, firstBreak: { kind: 'edited', seq: event.seq } };
    prevHash = event.hash;
  }
  if (head) {
    if (head.lastSeq > events.length) {
      return { ok: false, firstBreak: { kind: 'truncated', lastSeq: events.length, expectedLastSeq: head.lastSeq, expectedLastHash: head.lastHash } };
    }
    if (head.lastSeq < events.length) return { ok: false, firstBreak: { kind: 'unrecorded', seq: head.lastSeq + 1 } };
    if (head.lastHash !== prevHash) return { ok: false, firstBreak: { kind: 'rehashed', seq: head.lastSeq } };
  }
  return { ok: true };
}
