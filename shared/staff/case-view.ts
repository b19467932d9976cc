import type { Principal } from '../auth/principal';
import type { AttachmentRef, CaseRecord, TimelineEvent } from '../cases/model';
import { verifyChain, type ChainBreak } from '../timeline/hash-chain';
import { toVietnamIso } from '../time/vietnam-time';
import { caseFor } from './access';
import { InvalidRequest } from './errors';
import type { StaffPorts } from './ports';

/** A case as people see it: everything the record says except what resumes the workflow. */
export type CaseView = Omit<CaseRecord, 'pendingStep'> & { pendingStep?: { step: string; since: string; dueAt: string } };

/** A task token resumes the workflow on anyone's behalf: it never leaves the API, wherever it hides. */
export function withoutTaskTokens<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutTaskTokens) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'taskToken').map(([k, v]) => [k, withoutTaskTokens(v)])) as T;
}

export const caseView = (record: CaseRecord): CaseView => withoutTaskTokens(record) as CaseView;

/** An open case whose workflow ended without closing it: nothing will move it until someone resumes it. */
export const needsAttention = (record: Pick<CaseRecord, 'status' | 'attention'>): boolean => record.status !== 'closed' && record.attention !== undefined;

/** Whether each step with a deadline was done on time: what an auditor asks first. */
export interface StepClock {
  step: string;
  dueAt: string;
  waiting: boolean;
  breached: boolean;
  completedAt?: string;
  onTime?: boolean;
}

/** The events that complete a step that people do not complete through an action of the API. */
const COMPLETED_BY: Record<string, string> = { visit: 'visit-recorded', 'procuracy-copy': 'procuracy-copy-sent', 'requester-reply': 'clock-resumed' };

/** The latest event completing a step (a review done again after a reply counts from its last round). */
function completionOf(step: string, events: TimelineEvent[]): TimelineEvent | undefined {
  const type = COMPLETED_BY[step];
  return [...events].reverse().find((e) => (type ? e.type === type : e.type === 'step-completed' && e.data.step === step));
}

export function stepClocks(record: CaseRecord, events: TimelineEvent[]): StepClock[] {
  return Object.entries(record.deadlines).map(([step, deadline]) => {
    const done = completionOf(step, events);
    const completed = done && { ...done, data: { ...done.data, onTime: done.data.onTime ?? new Date(done.at).getTime() <= new Date(deadline.dueAt).getTime() } };
    return {
      step,
      dueAt: deadline.dueAt,
      waiting: record.pendingStep?.step === step,
      breached: record.breaches.includes(step),
      ...(completed ? { completedAt: completed.at, onTime: completed.data.onTime === true } : {}),
    };
  });
}

export interface CaseDetail extends Omit<CaseView, 'checklist'> {
  /** The automatic checks before review (an object of the lifecycle's checks), or null before they ran. */
  checklist: Record<string, unknown> | null;
  steps: StepClock[];
  timeline: TimelineEvent[];
  /** The case's workflow ended without closing it (see `attention`): the head resumes it (POST /cases/{id}/resume). */
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
    steps: stepClocks(record, events),
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

export interface VerifyReport {
  caseId: string;
  ok: boolean;
  events: number;
  head: { lastSeq: number; lastHash: string };
  verifiedAt: string;
  firstBreak?: TimelineBreak;
}

/** GET /cases/{id}/verify: re-computes the hash chain against the case's head and names the first break. */
export async function verifyCaseTimeline(principal: Principal, caseId: string, ports: StaffPorts): Promise<VerifyReport> {
  const record = await caseFor(principal, 'case:read', caseId, ports);
  const events = await ports.cases.listEvents(caseId);
  const head = { lastSeq: record.lastSeq, lastHash: record.lastHash };
  const result = verifyChain(events, head);
  const report: VerifyReport = { caseId, ok: result.ok, events: events.length, head, verifiedAt: toVietnamIso(ports.clock.now()) };
  return result.ok ? report : { ...report, firstBreak: describeBreak(result.firstBreak, events) };
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
export async function caseDocuments(principal: Principal, caseId: string, ports: StaffPorts): Promise<{ caseId: string; documents: CaseDocument[] }> {
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
        url: await ports.documents.signedGetUrl(doc, DOCUMENT_LINK_SECONDS),
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
