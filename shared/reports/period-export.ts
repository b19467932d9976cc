/**
 * Exports for auditors (inspectors, the procuracy, the ministry): the cases of a period, one line each, and
 * their timelines, one line per event, as CSV (for a spreadsheet) and JSON (for a program). The case lines
 * carry the same judgement as the official report (received, due, resolved, on time or late), so a figure of
 * the report can be checked against the files behind it.
 */
import type { Actor, CaseRecord, TimelineEvent } from '../cases/model';
import { canonicalJson } from '../timeline/hash-chain';
import { toCsv, type CsvValue } from './csv';
import type { ReportingPeriod } from './period';
import { isOneStopProcedure, PROCEDURE_NAMES } from './procedures';
import { endingsOf, INTAKE_LABELS, OUTCOME_LABELS, resultDeadlineOf, standingIn, timelinessOf, type Intake, type Outcome } from './report-case';

export type EventsByCase = ReadonlyMap<string, readonly TimelineEvent[]>;

export interface CaseExportOptions {
  /** Keep only the cases the official report of this period counts (or lists as withdrawn), and say how. */
  period?: ReportingPeriod;
}

export interface CaseExportEntry {
  caseId: string;
  office: string;
  procedure: string;
  procedureName?: string;
  status: CaseRecord['status'];
  requester: CaseRecord['requester'];
  receivedAt: string;
  /** Each step's due instant, by step name. */
  deadlines: Record<string, string>;
  breaches: string[];
  /** The deadline the result is judged by, and which step's it is ("result", or "review" for now). */
  resultDueAt?: string;
  dueStep?: string;
  resolvedAt?: string;
  withdrawnAt?: string;
  /** For a resolved case with a due date: whether the result came at or before it. */
  timeliness?: 'on-time' | 'late';
  /** With a period: where the case stands in it, as the official report counts it. */
  standing?: { intake: Intake; outcome: Outcome };
  /** In JSON, when events are given: the case's timeline, in order. */
  timeline?: TimelineEvent[];
}

const timelineOf = (caseId: string, events: EventsByCase | undefined): TimelineEvent[] =>
  [...(events?.get(caseId) ?? [])].sort((a, b) => a.seq - b.seq);

function entryOf(record: CaseRecord, events: EventsByCase | undefined, period: ReportingPeriod | undefined): CaseExportEntry | undefined {
  const timeline = timelineOf(record.caseId, events);
  const due = resultDeadlineOf(record);
  const endings = endingsOf(record.caseId, timeline);
  const instants = { receivedAt: record.receivedAt, ...(due ? { resultDueAt: due.dueAt } : {}), ...endings };
  let standing: CaseExportEntry['standing'];
  if (period) {
    const s = standingIn(instants, period);
    if (!s.counted) return undefined;
    standing = { intake: s.intake, outcome: s.outcome };
  }
  const timeliness = timelinessOf(instants);
  return {
    caseId: record.caseId,
    office: record.office,
    procedure: record.procedure,
    ...(isOneStopProcedure(record.procedure) ? { procedureName: PROCEDURE_NAMES[record.procedure] } : {}),
    status: record.status,
    requester: { ...record.requester },
    receivedAt: record.receivedAt,
    deadlines: Object.fromEntries(Object.entries(record.deadlines).map(([step, d]) => [step, d.dueAt])),
    breaches: [...record.breaches],
    ...(due ? { resultDueAt: due.dueAt, dueStep: due.step } : {}),
    ...endings,
    ...(timeliness ? { timeliness } : {}),
    ...(standing ? { standing } : {}),
  };
}

/** The cases as export entries, in case id order (which is office, year, then number). */
export function caseExportEntries(cases: readonly CaseRecord[], events?: EventsByCase, options: CaseExportOptions = {}): CaseExportEntry[] {
  return [...cases]
    .sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0))
    .map((record) => entryOf(record, events, options.period))
    .filter((entry): entry is CaseExportEntry => entry !== undefined);
}

const TIMELINESS_LABELS = { 'on-time': 'Đúng hạn', late: 'Quá hạn' } as const;

/** The steps whose deadlines become columns: the result and the review first, then others by name. */
function deadlineSteps(entries: readonly CaseExportEntry[]): string[] {
  const steps = new Set(entries.flatMap((e) => Object.keys(e.deadlines)));
  const first = ['result', 'review'].filter((s) => steps.has(s));
  return [...first, ...[...steps].filter((s) => !first.includes(s)).sort()];
}

/**
 * The cases as CSV, one line per case: id, office, procedure, status, requester, receipt, the due instant of
 * each step (a column per step), breached steps, resolution, withdrawal, on time or late, and with a period
 * where the case stands in it. Text that a spreadsheet would run as a formula is neutralised (see `toCsv`).
 */
export function exportCasesCsv(cases: readonly CaseRecord[], events?: EventsByCase, options: CaseExportOptions = {}): string {
  const entries = caseExportEntries(cases, events, options);
  const steps = deadlineSteps(entries);
  const header: CsvValue[] = [
    'Mã hồ sơ',
    'Đơn vị',
    'Thủ tục',
    'Tên thủ tục',
    'Trạng thái',
    'Người yêu cầu',
    'Thư điện tử người yêu cầu',
    'Thời điểm tiếp nhận',
    ...steps.map((s) => `Thời hạn: ${s}`),
    'Bước quá hạn',
    'Thời điểm giải quyết xong',
    'Thời điểm rút yêu cầu',
    'Đúng hạn/quá hạn',
    ...(options.period ? ['Nguồn trong kỳ', 'Tình trạng cuối kỳ'] : []),
  ];
  const lines = entries.map((e): CsvValue[] => [
    e.caseId,
    e.office,
    e.procedure,
    e.procedureName,
    e.status,
    e.requester.name,
    e.requester.address,
    e.receivedAt,
    ...steps.map((s) => e.deadlines[s]),
    e.breaches.join('; '),
    e.resolvedAt,
    e.withdrawnAt,
    e.timeliness ? TIMELINESS_LABELS[e.timeliness] : undefined,
    ...(options.period ? [e.standing ? INTAKE_LABELS[e.standing.intake] : undefined, e.standing ? OUTCOME_LABELS[e.standing.outcome] : undefined] : []),
  ]);
  return toCsv([header, ...lines], { guardFormulas: true });
}

/** The cases as JSON: the period (if any) and an entry per case, with its timeline when events are given. */
export function exportCasesJson(cases: readonly CaseRecord[], events?: EventsByCase, options: CaseExportOptions = {}): string {
  const entries = caseExportEntries(cases, events, options).map((e) => (events ? { ...e, timeline: timelineOf(e.caseId, events) } : e));
  const period = options.period ? { key: options.period.key, label: options.period.label, firstDay: options.period.firstDay, lastDay: options.period.lastDay } : null;
  return `${JSON.stringify({ period, cases: entries }, null, 2)}\n`;
}

/** Who acted, in one field: "system:workflow", "requester:an@example.vn", "officer:nv01". */
export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'system':
      return `system:${actor.component}`;
    case 'requester':
      return `requester:${actor.address}`;
    case 'officer':
      return `officer:${actor.id}`;
  }
}

function allEvents(events: EventsByCase): TimelineEvent[] {
  return [...events.keys()].sort().flatMap((caseId) => timelineOf(caseId, events));
}

export const TIMELINE_CSV_HEADINGS = ['Mã hồ sơ', 'STT sự kiện', 'Loại sự kiện', 'Thời điểm', 'Người thực hiện', 'Mã băm', 'Mã băm sự kiện trước', 'Dữ liệu'] as const;

/**
 * The timelines as CSV, one line per event in case and sequence order, with both hashes of the chain so an
 * auditor can check it (see shared/timeline/hash-chain); the event's data is its canonical JSON.
 */
export function exportTimelineCsv(events: EventsByCase): string {
  const lines = allEvents(events).map((e): CsvValue[] => [e.caseId, e.seq, e.type, e.at, actorLabel(e.actor), e.hash, e.prevHash, canonicalJson(e.data)]);
  return toCsv([[...TIMELINE_CSV_HEADINGS], ...lines], { guardFormulas: true });
}

/** The timelines as JSON: every event as stored, in case and sequence order. */
export function exportTimelineJson(events: EventsByCase): string {
  return `${JSON.stringify(allEvents(events), null, 2)}\n`;
}
