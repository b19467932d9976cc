import { createHash } from 'node:crypto';
import * as z from 'zod';
import { authorize, officeTarget, officesInScope } from '../auth/authorize';
import { AccessRefused } from '../auth/errors';
import type { Principal } from '../auth/principal';
import type { CaseRecord } from '../cases/model';
import { auditPartition, workQueuePartition } from '../cases/keys';
import { toVietnamIso, vietnamMonth } from '../time/vietnam-time';
import { InvalidRequest } from './errors';
import { needsAttention } from './case-view';
import { requesterNoticesHeld } from '../intake/sender-trust';
import type { CaseIndex, StaffPorts } from './ports';
import { timeLeftOf, type TimeLeft } from './time-left';
import { procedureCatalog } from '../procedures/default-catalog';
import { searchTermsOf, wordsMatch } from '../reading/search-words';

/**
 * GET /cases: the work queue and the auditors' search. Without a received period it reads the
 * work queue index (open cases, soonest deadline first); with one, the audit index by month of
 * receipt (every case, closed ones included, in order of receipt). For several offices, each
 * office is read in its own order and the results merged. The cursor holds where each office
 * stopped.
 */

const CODE = /^[A-Z][A-Z0-9]{1,15}$/;
const WORD = /^[a-z][a-z0-9-]{0,39}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const OFFSET_MS = 7 * 3600_000;
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;
const MAX_MONTHS = 120;
/** Items read per index query: enough to fill most pages at once, small enough to stop early. */
const INDEX_PAGE = 100;

/** An instant (ISO 8601; without an offset, Vietnam time) or a date (a whole day, Vietnam time). */
export function parseTimeBound(text: string, end: boolean): number | undefined {
  if (DATE.test(text)) {
    const start = Date.parse(`${text}T00:00:00+07:00`);
    if (Number.isNaN(start) || new Date(start + OFFSET_MS).toISOString().slice(0, 10) !== text) return undefined;
    return end ? start + 86_400_000 - 1 : start;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/.test(text)) return undefined;
  const withZone = /(Z|[+-]\d{2}:\d{2})$/.test(text) ? text : `${text}+07:00`;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? undefined : ms;
}

const timeBound = (end: boolean) =>
  z.string().transform((text, ctx) => {
    const ms = parseTimeBound(text, end);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not a date (YYYY-MM-DD) or an ISO 8601 date-time` });
      return z.NEVER;
    }
    return ms;
  });

export const caseSearchQuery = z.strictObject({
  office: z.string().regex(CODE, 'an office code such as HCMKV1').optional(),
  status: z.string().regex(WORD, 'a case status such as awaiting-review').optional(),
  procedure: z.string().regex(WORD, 'a procedure code such as enforcement-request').optional(),
  breached: z.enum(['true', 'false']).optional(),
  needsAttention: z.enum(['true', 'false']).optional(),
  dueBefore: timeBound(false).optional(),
  receivedFrom: timeBound(false).optional(),
  receivedTo: timeBound(true).optional(),
  limit: z
    .string()
    .regex(/^\d+$/, 'a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(MAX_LIMIT))
    .optional(),
  text: z
    .string()
    .min(2)
    .max(200)
    .optional()
    .meta({ description: 'words of the text read from the attachments, with or without diacritics: cases holding every word' }),
  cursor: z.string().max(8000).optional(),
});

export type CaseSearchQuery = z.infer<typeof caseSearchQuery>;

/** A case in a list: what an officer needs to pick the next one, never its task token. */
export interface CaseSummary {
  caseId: string;
  office: string;
  procedure: string;
  status: string;
  subject: string;
  requester: CaseRecord['requester'];
  receivedAt: string;
  assignee?: string;
  waitingFor: { step: string; since: string; dueAt: string } | null;
  nextDeadline: string | null;
  breached: boolean;
  breaches: string[];
  /** Its workflow ended without closing it: the head must resume it (motcua case resume). */
  needsAttention: boolean;
  /** How many items the desk must look at (a third party's message, a request past the reschedule limit). */
  attentionItems: number;
  /** Its sender failed verification and no officer confirmed the address: no notice goes to the requester. */
  senderHeld: boolean;
  /** How much working time the waiting step has left, and whether it passed its warning point (shared/staff/time-left). */
  timeLeft?: TimeLeft;
}

export interface CaseSearchResult {
  order: 'next-deadline' | 'received';
  offices: string[];
  items: CaseSummary[];
  nextCursor?: string;
}

export function caseSummary(item: Record<string, unknown>): CaseSummary {
  const record = item as unknown as CaseRecord;
  const pending = record.pendingStep;
  return {
    caseId: record.caseId,
    office: record.office,
    procedure: record.procedure,
    status: record.status,
    subject: record.subject,
    requester: record.requester,
    receivedAt: record.receivedAt,
    ...(record.assignee ? { assignee: record.assignee } : {}),
    waitingFor: pending ? { step: pending.step, since: pending.since, dueAt: pending.dueAt } : null,
    nextDeadline: pending?.dueAt ?? null,
    breached: (record.breaches ?? []).length > 0,
    breaches: record.breaches ?? [],
    needsAttention: needsAttention(record),
    attentionItems: record.attention?.length ?? 0,
    senderHeld: requesterNoticesHeld(record),
  };
}

function withTimeLeft(summary: CaseSummary, item: Record<string, unknown>, now: Date, directory: StaffPorts['directory']): CaseSummary {
  const timeLeft = timeLeftOf(item as unknown as CaseRecord, now, directory, procedureCatalog);
  return timeLeft ? { ...summary, timeLeft } : summary;
}

/** Where one office's reading stopped: the partition (month) and the key after the last item given. */
type Position = { p: number; k?: Record<string, unknown> } | 'done';

interface Cursor {
  v: 1;
  /** A fingerprint of the query, so a cursor cannot be replayed on another query. */
  q: string;
  s: Record<string, Position>;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

const cursorSchema = z.object({
  v: z.literal(1),
  q: z.string(),
  s: z.record(z.string(), z.union([z.literal('done'), z.object({ p: z.number().int().min(0), k: z.record(z.string(), z.unknown()).optional() })])),
});

function decodeCursor(text: string): Cursor {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))) as Cursor;
  } catch {
    throw new InvalidRequest('cursor is not valid: pass back the nextCursor of the previous page unchanged');
  }
}

/** Parses the query string of GET /cases, naming each problem. */
export function parseCaseSearch(query: Record<string, string | undefined>): CaseSearchQuery {
  const result = caseSearchQuery.safeParse(Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)));
  if (!result.success) {
    const issues = result.error.issues.map((i) =>
      i.code === 'unrecognized_keys' ? { path: '(query)', message: `unknown parameter ${i.keys.join(', ')}` } : { path: i.path.join('.') || '(query)', message: i.message },
    );
    throw new InvalidRequest(`the query is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
  const q = result.data;
  if (q.text !== undefined && searchTermsOf(q.text).length === 0) throw new InvalidRequest('text: give at least one word (letters or digits) to search for');
  if (q.receivedTo !== undefined && q.receivedFrom === undefined) throw new InvalidRequest('receivedTo needs receivedFrom: give the start of the period too');
  if (q.receivedFrom !== undefined && q.receivedTo !== undefined && q.receivedTo < q.receivedFrom) throw new InvalidRequest('receivedTo is before receivedFrom');
  return q;
}

/** The offices a search covers: the one asked for (if the principal may read it), else every office in the principal's reach. */
export function searchOffices(principal: Principal, office: string | undefined, directory: StaffPorts['directory']): string[] {
  if (office) {
    const decision = authorize(principal, 'case:read', officeTarget(directory, office));
    if (!decision.allowed) throw new AccessRefused(decision.reason);
    return [office];
  }
  const offices = officesInScope(principal, 'case:read', directory);
  if (!offices.length) {
    const decision = authorize(principal, 'case:read');
    throw new AccessRefused(decision.allowed ? 'no office of the directory is within your reach' : decision.reason);
  }
  return offices;
}

/** Months (YYYY-MM, Vietnam time) from one instant to another, both included. */
export function monthsBetween(fromMs: number, toMs: number): string[] {
  const months: string[] = [];
  let month = vietnamMonth(new Date(fromMs));
  const last = vietnamMonth(new Date(toMs));
  while (month <= last) {
    months.push(month);
    if (months.length > MAX_MONTHS) throw new InvalidRequest(`the received period spans more than ${MAX_MONTHS} months: ask for a shorter one`);
    const [y, m] = month.split('-').map(Number) as [number, number];
    month = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  }
  return months;
}

interface Plan {
  order: CaseSearchResult['order'];
  index: 'GSI1' | 'GSI2';
  partitions: (office: string) => string[];
  from?: string;
  to?: string;
  keep: (item: Record<string, unknown>) => boolean;
}

function planFor(q: CaseSearchQuery, now: Date): Plan {
  const terms = q.text === undefined ? [] : searchTermsOf(q.text);
  const keep = (item: Record<string, unknown>) => {
    const record = item as unknown as CaseRecord;
    if (item.entity !== undefined && item.entity !== 'case') return false;
    if (q.status && record.status !== q.status) return false;
    if (q.procedure && record.procedure !== q.procedure) return false;
    if (q.breached !== undefined && (record.breaches ?? []).length > 0 !== (q.breached === 'true')) return false;
    if (q.needsAttention !== undefined && needsAttention(record) !== (q.needsAttention === 'true')) return false;
    if (q.dueBefore !== undefined && !(record.pendingStep && Date.parse(record.pendingStep.dueAt) < q.dueBefore)) return false;
    if (q.receivedFrom !== undefined) {
      const received = Date.parse(record.receivedAt);
      if (received < q.receivedFrom || received > (q.receivedTo ?? now.getTime())) return false;
    }
    if (terms.length && !wordsMatch(record.readingWords, terms)) return false;
    return true;
  };
  if (q.receivedFrom !== undefined) {
    const to = q.receivedTo ?? now.getTime();
    const months = monthsBetween(q.receivedFrom, to);
    // Sort keys are "<received at, Vietnam ISO>#<id>": the bounds are widened by a second and the filter is exact.
    return {
      order: 'received',
      index: 'GSI2',
      partitions: (office) => months.map((m) => auditPartition(office, m)),
      from: toVietnamIso(new Date(q.receivedFrom - 1000)),
      to: `${toVietnamIso(new Date(to + 1000))}~`,
      keep,
    };
  }
  return {
    order: 'next-deadline',
    index: 'GSI1',
    partitions: (office) => [workQueuePartition(office)],
    ...(q.dueBefore !== undefined ? { to: `${toVietnamIso(new Date(q.dueBefore + 1000))}` } : {}),
    keep,
  };
}

interface Fetched {
  item: Record<string, unknown>;
  sortKey: string;
  after: Position;
}

/** Reads one office until `want` matching items are found or its partitions end. */
async function readOffice(index: CaseIndex, plan: Plan, partitions: string[], start: Position, want: number): Promise<{ items: Fetched[]; end: Position }> {
  const items: Fetched[] = [];
  let position = start;
  const skName = `${plan.index}SK`;
  while (position !== 'done' && items.length < want) {
    const { p, k } = position;
    const partition = partitions[p];
    if (partition === undefined) {
      position = 'done';
      break;
    }
    const page = await index.page({ index: plan.index, partition, ...(plan.from ? { from: plan.from } : {}), ...(plan.to ? { to: plan.to } : {}), ...(k ? { startKey: k } : {}), limit: INDEX_PAGE });
    for (const item of page.items) {
      if (!plan.keep(item)) continue;
      items.push({ item, sortKey: String(item[skName]), after: { p, k: indexKeyOf(item, plan.index) } });
    }
    position = page.lastKey ? { p, k: page.lastKey } : p + 1 < partitions.length ? { p: p + 1 } : 'done';
  }
  return { items, end: position };
}

/** The key an index query continues after: the table's keys and the index's. */
function indexKeyOf(item: Record<string, unknown>, index: 'GSI1' | 'GSI2'): Record<string, unknown> {
  return { PK: item.PK, SK: item.SK, [`${index}PK`]: item[`${index}PK`], [`${index}SK`]: item[`${index}SK`] };
}

function fingerprint(q: CaseSearchQuery, offices: string[]): string {
  const { cursor: _cursor, limit: _limit, ...filters } = q;
  return createHash('sha256').update(JSON.stringify({ filters, offices })).digest('base64url').slice(0, 16);
}

/** GET /cases for a principal: the offices in reach (or the one asked for), filtered, ordered and paginated. */
export async function searchCases(principal: Principal, query: Record<string, string | undefined>, ports: Pick<StaffPorts, 'index' | 'directory' | 'clock'>): Promise<CaseSearchResult> {
  const q = parseCaseSearch(query);
  const offices = searchOffices(principal, q.office, ports.directory);
  const now = ports.clock.now();
  const plan = planFor(q, now);
  const limit = q.limit ?? DEFAULT_LIMIT;
  const print = fingerprint(q, offices);
  const cursor = q.cursor ? decodeCursor(q.cursor) : undefined;
  if (cursor && (cursor.q !== print || Object.keys(cursor.s).sort().join() !== [...offices].sort().join())) {
    throw new InvalidRequest('the cursor belongs to another query: repeat the same filters as for the first page');
  }

  const reads = await Promise.all(
    offices.map(async (office) => {
      const start: Position = cursor?.s[office] ?? { p: 0 };
      return { office, start, ...(await readOffice(ports.index, plan, plan.partitions(office), start, limit)) };
    }),
  );
  const merged = reads
    .flatMap((r) => r.items.map((f) => ({ office: r.office, ...f })))
    .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))
    .slice(0, limit);

  const positions: Record<string, Position> = {};
  for (const read of reads) {
    const given = merged.filter((m) => m.office === read.office);
    positions[read.office] = given.length === read.items.length ? read.end : given.length ? given.at(-1)!.after : read.start;
  }
  const more = Object.values(positions).some((p) => p !== 'done');
  return {
    order: plan.order,
    offices,
    items: merged.map((m) => withTimeLeft(caseSummary(m.item), m.item, now, ports.directory)),
    ...(more ? { nextCursor: encodeCursor({ v: 1, q: print, s: positions }) } : {}),
  };
}
