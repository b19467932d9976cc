import { sha256Hex } from '../timeline/hash-chain';

/**
 * How the day's decisions of an office are split into e-mails to its procuracy: pure, so that two runs
 * that see the same due copies plan the same dispatches, with the same ids (shared/procuracy/dispatch.ts).
 */

/** When the daily dispatch runs, on the Vietnamese wall clock: late in the working day, after the day's decisions (infra schedules it). */
export const DISPATCH_TIME = { hour: 16, minute: 30 } as const;

/**
 * The size bound of one dispatch e-mail, as sent (attachments base64-encoded): 10 MB. SES's v2 API takes
 * up to 40 MB a message after base64 encoding, but sends messages above 10 MB subject to bandwidth
 * throttling, and 10 MB is the v1 API's hard limit ("Service quotas in Amazon SES", message quotas,
 * https://docs.aws.amazon.com/ses/latest/dg/quotas.html); a procuracy's own mail server may also refuse
 * large mail (common limits are 10 to 25 MB). A single decision larger than this goes alone in its e-mail.
 */
export const DISPATCH_MAX_BYTES = 10 * 1024 * 1024;

/**
 * At most this many decisions in one e-mail: its assignment is one DynamoDB transaction (the dispatch
 * and each decision's due item, at most 100 items a transaction), and the covering letter's list stays
 * one a clerk reads.
 */
export const DISPATCH_MAX_DECISIONS = 40;

/** Room left for the headers, the covering letter and each attachment's MIME headers. */
const LETTER_OVERHEAD_BYTES = 64 * 1024;
const ATTACHMENT_HEADER_BYTES = 1024;

/** A decision to carry: its case, when its copy is due, and the size of its PDF in bytes. */
export interface DispatchItem {
  caseId: string;
  dueAt: string;
  size: number;
}

export interface PlannedDispatch {
  /** From the office and the cases carried: the same decisions make the same dispatch, whichever run plans it. */
  id: string;
  caseIds: string[];
  /** Its place among the e-mails planned together (1-based), and how many they are. */
  part: number;
  parts: number;
}

/** The bytes a PDF of `size` takes in the message: base64 (4 for 3) in lines of 76 characters with CRLF, and its part's headers. */
export function encodedSize(size: number): number {
  const base64 = Math.ceil(size / 3) * 4;
  return base64 + Math.ceil(base64 / 76) * 2 + ATTACHMENT_HEADER_BYTES;
}

/** The dispatch's id: the SHA-256 of the office and its cases' ids, sorted. */
export function dispatchId(office: string, caseIds: readonly string[]): string {
  return sha256Hex([office, ...[...caseIds].sort()].join('\n')).slice(0, 32);
}

/**
 * Splits the due decisions into e-mails, the most urgent first (earliest due, then case id), each
 * under `maxBytes` as sent and at most `maxDecisions` decisions; a decision too large for any e-mail
 * goes alone in its own.
 */
export function planDispatches(office: string, items: readonly DispatchItem[], limits = { maxBytes: DISPATCH_MAX_BYTES, maxDecisions: DISPATCH_MAX_DECISIONS }): PlannedDispatch[] {
  const ordered = [...items].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || a.caseId.localeCompare(b.caseId));
  const groups: string[][] = [];
  let current: string[] = [];
  let bytes = LETTER_OVERHEAD_BYTES;
  for (const item of ordered) {
    const size = encodedSize(item.size);
    if (current.length > 0 && (bytes + size > limits.maxBytes || current.length >= limits.maxDecisions)) {
      groups.push(current);
      current = [];
      bytes = LETTER_OVERHEAD_BYTES;
    }
    current.push(item.caseId);
    bytes += size;
  }
  if (current.length > 0) groups.push(current);
  return groups.map((caseIds, i) => ({ id: dispatchId(office, caseIds), caseIds, part: i + 1, parts: groups.length }));
}
