import type { TimelineEvent } from '../cases/model';
import { canonicalJson, sha256Hex } from '../timeline/hash-chain';
import { toVietnamIso } from '../time/vietnam-time';
import { merkleRoot } from './merkle';

/** Where a case's chain stood when the digest was taken: its last event and that event's hash. */
export interface ChainHead {
  caseId: string;
  lastSeq: number;
  lastHash: string;
}

/**
 * The daily digest: every case's chain head, and a Merkle root over them. It is written to a
 * bucket under S3 Object Lock, out of reach of anyone who can write the table, so a chain
 * rewritten after it (however consistently) no longer reaches the head the digest recorded.
 */
export interface ChainDigest {
  kind: 'motcua-chain-digest';
  version: 1;
  /** The Vietnamese calendar day it was taken on. */
  day: string;
  createdAt: string;
  cases: number;
  heads: ChainHead[];
  root: string;
}

const leafOf = (head: ChainHead) => sha256Hex(canonicalJson({ caseId: head.caseId, lastSeq: head.lastSeq, lastHash: head.lastHash }));

export function buildDigest(heads: ChainHead[], now: Date): ChainDigest {
  const sorted = [...heads].sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0)).map(({ caseId, lastSeq, lastHash }) => ({ caseId, lastSeq, lastHash }));
  const createdAt = toVietnamIso(now);
  return { kind: 'motcua-chain-digest', version: 1, day: createdAt.slice(0, 10), createdAt, cases: sorted.length, heads: sorted, root: merkleRoot(sorted.map(leafOf)) };
}

/** The key of a digest in its bucket: one folder per day; a second run on a day gets a key of its own (nothing is overwritten). */
export const digestKey = (digest: Pick<ChainDigest, 'day' | 'createdAt'>) => `digests/${digest.day}/${digest.createdAt.replace(/[^0-9]/g, '').slice(0, 14)}.json`;

export class InvalidDigest extends Error {
  override readonly name = 'InvalidDigest';
}

/** Reads a digest file, and checks that its heads still give its root (a file edited by hand does not). */
export function parseDigest(text: string): ChainDigest {
  let value: Partial<ChainDigest>;
  try {
    value = JSON.parse(text) as Partial<ChainDigest>;
  } catch {
    throw new InvalidDigest('the digest is not JSON (write it with motcua digest --out <file>)');
  }
  if (value.kind !== 'motcua-chain-digest' || value.version !== 1 || !Array.isArray(value.heads) || typeof value.root !== 'string') {
    throw new InvalidDigest('the file is not a motcua chain digest (kind motcua-chain-digest, version 1, heads, root)');
  }
  const root = merkleRoot(value.heads.map(leafOf));
  if (root !== value.root) throw new InvalidDigest(`the digest's heads do not give its root (${value.root.slice(0, 12)}…, recomputed ${root.slice(0, 12)}…): the file was altered`);
  return value as ChainDigest;
}

/** What a chain looks like against the head a digest recorded for it. */
export type DigestFinding =
  | { caseId: string; problem: 'missing'; message: string }
  | { caseId: string; problem: 'truncated'; message: string }
  | { caseId: string; problem: 'rewritten'; seq: number; message: string }
  | { caseId: string; problem: 'unlinked'; seq: number; message: string };

/**
 * Compares a case's events with its head in a digest: the events up to the recorded head must
 * still link one to the next and end in the recorded hash. Whether each event's content still
 * gives its hash is the case's own verify; together they prove the first `lastSeq` events are the
 * ones that existed when the digest was taken.
 */
export function compareWithHead(head: ChainHead, events: Array<Pick<TimelineEvent, 'seq' | 'hash' | 'prevHash'>> | undefined, digestDay: string): DigestFinding | undefined {
  const { caseId, lastSeq, lastHash } = head;
  if (!events) return { caseId, problem: 'missing', message: `${caseId} is gone: the digest of ${digestDay} recorded ${lastSeq} events` };
  if (events.length < lastSeq) return { caseId, problem: 'truncated', message: `${caseId} holds ${events.length} events; the digest of ${digestDay} recorded ${lastSeq}` };
  for (let i = 1; i < lastSeq; i++) {
    if (events[i]!.prevHash !== events[i - 1]!.hash) return { caseId, problem: 'unlinked', seq: events[i]!.seq, message: `${caseId}: event ${events[i]!.seq} does not follow from event ${events[i - 1]!.seq}` };
  }
  const at = events[lastSeq - 1];
  if (lastSeq > 0 && at?.hash !== lastHash) {
    return {
      caseId,
      problem: 'rewritten',
      seq: lastSeq,
      message: `${caseId} was rewritten after the digest of ${digestDay}: event ${lastSeq} now hashes to ${at?.hash.slice(0, 12)}…, the digest recorded ${lastHash.slice(0, 12)}…`,
    };
  }
  return undefined;
}
