import * as z from 'zod';
import type { Principal } from '../auth/principal';
import type { AttachmentRef, CaseRecord, TimelineEvent } from '../cases/model';
import { sha256Hex, verifyChain, type ChainBreak } from '../timeline/hash-chain';
import { caseStateHash } from '../timeline/case-state';
import { checkTimeliness } from '../calendar';
import type { OfficeDirectory } from '../offices/directory';
import { toVietnamIso } from '../time/vietnam-time';
import { caseFor } from './access';
import { InvalidRequest } from './errors';
import type { StaffPorts } from './ports';

/** A case as people see it: everything the record says except what resumes the workflow, and the words kept for the search (the checklist shows what was read). */
export type CaseView = Omit<CaseRecord, 'pendingStep' | 'readingWords'> & { pendingStep?: { step: string; since: string; dueAt: string } };

/** A task token resumes the workflow on anyone's behalf: it never leaves the API, wherever it hides. */
export function withoutTaskTokens<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutTaskTokens) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'taskToken').map(([k, v]) => [k, withoutTaskTokens(v)])) as T;
}

export const caseView = ({ readingWords: _words, ...record }: CaseRecord): CaseView => withoutTaskTokens(record) as CaseView;

/** An open case whose workflow ended without closing it: nothing will move it until someone resumes it. */
export const needsAttention = (record: Pick<CaseRecord, 'status' | 'workflowEnded'>): boolean => record.status !== 'closed' && record.workflowEnded !== undefined;

/** Whether each step with a deadline was done on time: what an auditor asks first. */
export interface StepClock {
  step: string;
  dueAt: string;
  waiting: boolean;
  breached: boolean;
  completedAt?: string;
  onTime?: boolean;
  /** The counting rule of the step's limit (`legal` or `working-hours`), when the deadline records it. */
  counting?: string;
  /** The due date is a forecast: a year it spans has no official schedule of days off. */
  provisional?: true;
  /** The step was never done because the requester withdrew the request: its clock closed then (no breach after it). */
  closedBy?: 'withdrawal';
}

/** The events that complete a step that people do not complete through an action of the API. */
const COMPLETED_BY: Record<string, string> = { visit: 'visit-recorded', 'procuracy-copy': 'procuracy-copy-sent', 'requester-reply': 'clock-resumed' };

/** The latest event completing a step (a review done again after a reply counts from its last round). */
function completionOf(step: string, events: TimelineEvent[]): TimelineEvent | undefined {
  const type = COMPLETED_BY[step];
  return [...events].reverse().find((e) => (type ? e.type === type : e.type === 'step-completed' && e.data.step === step));
}

/**
 * Each step's clock. On time is what the workflow recorded when the step was done; for an event recorded
 * without it, the calendar's one definition (`checkTimeliness`) on the completion's instant.
 */
export function stepClocks(record: CaseRecord, events: TimelineEvent[], directory: OfficeDirectory): StepClock[] {
  return Object.entries(record.deadlines).map(([step, deadline]) => {
    const done = completionOf(step, events);
    const onTimeOf = (at: string) => checkTimeliness(deadline, new Date(at), { directory, office: record.office }).onTime;
    const completed = done && { ...done, data: { ...done.data, onTime: typeof done.data.onTime === 'boolean' ? done.data.onTime : onTimeOf(done.at) } };
    return {
      step,
      dueAt: deadline.dueAt,
      waiting: record.pendingStep?.step === step,
      breached: record.breaches.includes(step),
      ...(typeof deadline.counting === 'string' ? { counting: deadline.counting } : {}),
      ...(deadline.provisional ? { provisional: true as const } : {}),
      ...(completed ? { completedAt: completed.at, onTime: completed.data.onTime === true } : {}),
      ...(!completed && record.closure?.reason === 'withdrawn' ? { closedBy: 'withdrawal' as const } : {}),
    };
  });
}

export interface CaseDetail extends Omit<CaseView, 'checklist'> {
  /** The automatic checks before review (an object of the lifecycle's checks), or null before they ran. */
  checklist: Record<string, unknown> | null;
  steps: StepClock[];
  timeline: TimelineEvent[];
  /** The case's workflow ended without closing it (see `workflowEnded`): the head resumes it (POST /cases/{id}/resume). */
  needsAttention: boolean;
}

/** GET /cases/{id}: the case, its checklist, its deadlines and how each went, and its full timeline. */
export async function caseDetail(principal: Principal, caseId: string, ports: StaffPorts): Promise<CaseDetail> {
  const record = await caseFor(principal, 'case:read', caseId, ports);
  const events = await ports.cases.listEvents(caseId);
  const checklist = (record as { checklist?: unknown }).checklist;
  return {
    ...caseView(record),
    checklist: checklist && typeof checklist === 'object' ? withoutTaskTokens(checklist as Record<string, unknown>) : null,
    steps: stepClocks(record, events, ports.directory),
    timeline: withoutTaskTokens(events),
    needsAttention: needsAttention(record),
  };
}

/** GET /cases/{id}/timeline: the events of a case, optionally of some types only. */
export async function caseTimeline(principal: Principal, caseId: string, query: Record<string, string | undefined>, ports: StaffPorts) {
  const unknown = Object.keys(query).filter((k) => k !== 'type');
  if (unknown.length) throw new InvalidRequest(`unknown query parameter ${unknown.join(', ')} (this route takes: type)`);
  await caseFor(principal, 'case:read', caseId, ports);
  const types = query.type?.split(',').map((t) => t.trim()).filter(Boolean);
  const events = await ports.cases.listEvents(caseId);
  return { caseId, events: withoutTaskTokens(types?.length ? events.filter((e) => types.includes(e.type)) : events) };
}

/** The first place where the timeline stops being what was written, in an auditor's words. */
export interface TimelineBreak {
  /** edited | removed | reordered | relinked | added */
  kind: string;
  /** The first event that was edited, removed or reordered. */
  seq: number;
  message: string;
  /** What stands at that place now, if anything. */
  found?: { seq: number; type: string; at: string };
}

/** A document whose bytes are no longer those whose SHA-256 the timeline recorded. */
export interface DocumentBreak {
  name: string;
  bucket: string;
  key: string;
  /** The event that recorded the document and its hash. */
  seq: number;
  problem: 'altered' | 'missing';
  recordedSha256: string;
  foundSha256?: string;
  message: string;
}

export interface VerifyReport {
  caseId: string;
  ok: boolean;
  events: number;
  head: { lastSeq: number; lastHash: string };
  verifiedAt: string;
  firstBreak?: TimelineBreak;
  /** Whether the case item (status, deadlines, breaches, ...) is the state its last change chained; `unchained` for cases older than that. */
  caseState: 'matches' | 'differs' | 'unchained';
  /** Documents re-hashed against the SHA-256 their event recorded. */
  documents: { checked: number; broken: DocumentBreak[] };
}

/**
 * GET /cases/{id}/verify: re-computes the hash chain against the case's head and names the first
 * break; checks that the case item is the state its last change recorded; re-hashes every document
 * whose hash the timeline holds, naming each that changed or is gone.
 */
export async function verifyCaseTimeline(principal: Principal, caseId: string, ports: StaffPorts): Promise<VerifyReport> {
  const record = await caseFor(principal, 'case:read', caseId, ports);
  const events = await ports.cases.listEvents(caseId);
  const head = { lastSeq: record.lastSeq, lastHash: record.lastHash };
  const result = verifyChain(events, head);
  const lastState = [...events].reverse().find((e) => e.caseState !== undefined);
  const caseState = !lastState ? 'unchained' : lastState.caseState === caseStateHash(record) ? 'matches' : 'differs';
  const documents = await rehashDocuments(events, ports);
  const ok = result.ok && caseState !== 'differs' && documents.broken.length === 0;
  const report: VerifyReport = { caseId, ok, events: events.length, head, verifiedAt: toVietnamIso(ports.clock.now()), caseState, documents };
  if (!result.ok) return { ...report, firstBreak: describeBreak(result.firstBreak, events) };
  if (caseState === 'differs') {
    const seq = lastState!.seq;
    return {
      ...report,
      firstBreak: {
        kind: 'case-edited',
        seq,
        message: `the case record was edited behind its timeline: its status, deadlines, breaches or other reported fields are not the state that event ${seq} chained`,
        found: { seq, type: lastState!.type, at: lastState!.at },
      },
    };
  }
  return report;
}

/** Reads back every document the timeline recorded with a SHA-256 and compares. */
async function rehashDocuments(events: TimelineEvent[], ports: StaffPorts): Promise<VerifyReport['documents']> {
  // A produced document (the receipt slip) is recorded flat in its event's data.
  const refsOf = (event: TimelineEvent) => [...documentsOf(event), ...(isStored(event.data) ? [event.data] : [])];
  const hashed = events.flatMap((event) => refsOf(event).filter((d): d is AttachmentRef & { sha256: string } => typeof (d as { sha256?: unknown }).sha256 === 'string').map((doc) => ({ event, doc })));
  const broken: DocumentBreak[] = [];
  for (const { event, doc } of hashed) {
    const content = await ports.uploads.readDocument(doc);
    const where = { name: doc.name, bucket: doc.bucket, key: doc.key, seq: event.seq, recordedSha256: doc.sha256 };
    if (!content) {
      broken.push({ ...where, problem: 'missing', message: `document "${doc.name}" (${doc.key}), recorded by event ${event.seq}, is gone from ${doc.bucket}` });
      continue;
    }
    const found = sha256Hex(content);
    if (found !== doc.sha256) {
      broken.push({ ...where, problem: 'altered', foundSha256: found, message: `document "${doc.name}" (${doc.key}) was replaced: its SHA-256 is ${found.slice(0, 12)}…, event ${event.seq} recorded ${doc.sha256.slice(0, 12)}…` });
    }
  }
  return { checked: hashed.length, broken };
}

export function describeBreak(chainBreak: ChainBreak, events: TimelineEvent[]): TimelineBreak {
  const facts = (seq: number) => {
    const e = events.find((event) => event.seq === seq);
    return e ? { found: { seq: e.seq, type: e.type, at: e.at } } : {};
  };
  const b = chainBreak as { kind: string; seq?: number; expectedSeq?: number; lastSeq?: number; expectedLastSeq?: number };
  const seq = b.seq ?? 0;
  switch (b.kind) {
    case 'edited':
      return { kind: 'edited', seq, message: `event ${seq} was edited: its content no longer matches its hash`, ...facts(seq) };
    case 'rehashed':
      return { kind: 'edited', seq, message: `event ${seq} was edited and its hash re-computed: what follows it recorded another hash`, ...facts(seq) };
    case 'reordered-or-removed': {
      const expected = b.expectedSeq ?? seq;
      if (events.some((e) => e.seq === expected)) {
        return { kind: 'reordered', seq: expected, message: `event ${expected} is out of order: event ${seq} stands in its place`, ...facts(seq) };
      }
      return { kind: 'removed', seq: expected, message: `event ${expected} was removed: the timeline goes on with event ${seq}`, ...facts(seq) };
    }
    case 'relinked':
      return { kind: 'relinked', seq, message: `event ${seq} does not follow from the one before it: its link (prevHash) was changed`, ...facts(seq) };
    case 'truncated': {
      const held = b.lastSeq ?? events.length;
      const recorded = b.expectedLastSeq ?? held;
      const missing = recorded - held;
      return {
        kind: 'removed',
        seq: held + 1,
        message: `the last ${missing === 1 ? 'event was' : `${missing} events were`} removed: the case records ${recorded} events, the timeline holds ${held}`,
      };
    }
    case 'unrecorded':
      return { kind: 'added', seq, message: `event ${seq} was added behind the case's back: the case records ${seq - 1} events`, ...facts(seq) };
    default:
      return { kind: b.kind, seq, message: `the timeline breaks at event ${seq} (${b.kind})`, ...facts(seq) };
  }
}

/** A file of the case (an attachment of a message, or a document the system produced), with a short-lived link. */
export interface CaseDocument {
  name: string;
  contentType: string;
  size?: number;
  source: { seq: number; type: string; at: string };
  url: string;
  expiresAt: string;
}

export const DOCUMENT_LINK_SECONDS = 5 * 60;

/** GET /cases/{id}/documents: every file the timeline names, each with a signed link valid 5 minutes. */
/**
 * Types a browser may show inline from the documents bucket: PDFs and raster images. Anything else
 * (HTML, SVG, office files) is always a download, so a file a requester sent never runs as a page.
 */
const INLINE_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** GET /cases/{id}/documents takes `disposition`: `inline` links for the console's previews, `attachment` (default) otherwise. */
export const documentsQuery = z.strictObject({ disposition: z.enum(['inline', 'attachment']).optional() });

export async function caseDocuments(principal: Principal, caseId: string, ports: StaffPorts, query: Record<string, string | undefined> = {}): Promise<{ caseId: string; documents: CaseDocument[] }> {
  const parsed = documentsQuery.safeParse(query);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(query)', message: i.message }));
    throw new InvalidRequest(`the query is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')} (this route takes: disposition)`, issues);
  }
  const inline = parsed.data.disposition === 'inline';
  await caseFor(principal, 'case:read', caseId, ports);
  const events = await ports.cases.listEvents(caseId);
  const expiresAt = toVietnamIso(new Date(Date.now() + DOCUMENT_LINK_SECONDS * 1000));
  const documents = await Promise.all(
    events.flatMap((event) =>
      documentsOf(event).map(async (doc) => ({
        name: doc.name,
        contentType: doc.contentType ?? 'application/octet-stream',
        ...(typeof doc.size === 'number' ? { size: doc.size } : {}),
        source: { seq: event.seq, type: event.type, at: event.at },
        url: await ports.documents.signedGetUrl(doc, DOCUMENT_LINK_SECONDS, { inline: inline && INLINE_TYPES.has(doc.contentType ?? '') }),
        expiresAt,
      })),
    ),
  );
  return { caseId, documents };
}

/** Attachments of messages (`data.attachments`) and generated documents (`data.document`, `data.documents`). */
function documentsOf(event: TimelineEvent): AttachmentRef[] {
  const { attachments, document, documents } = event.data as { attachments?: unknown; document?: unknown; documents?: unknown };
  return [...(Array.isArray(attachments) ? attachments : []), ...(Array.isArray(documents) ? documents : []), ...(document ? [document] : [])].filter(isStored);
}

function isStored(value: unknown): value is AttachmentRef {
  const v = value as Partial<AttachmentRef> | null;
  return !!v && typeof v.bucket === 'string' && typeof v.key === 'string' && typeof v.name === 'string';
}
