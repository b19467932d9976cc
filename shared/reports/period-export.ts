/**
 * Exports for auditors (inspectors, the procuracy, the ministry): the cases of a period, one line each, and
 * their timelines, one line per event, as CSV (for a spreadsheet) and JSON (for a program). The case lines
 * carry the same judgement as the official report (received, due, resolved, on time or late), so a figure of
 * the report can be checked against the files behind it.
 */
import type { Actor, CaseRecord, TimelineEvent } from '../cases/model';
import type { CalendarData } from '../calendar';
import type { OfficeDirectory } from '../offices/directory';
import { canonicalJson } from '../timeline/hash-chain';
import { toCsv, type CsvValue } from './csv';
import type { ReportingPeriod } from './period';
import { isOneStopProcedure, PROCEDURE_NAMES } from './procedures';
import { INTAKE_LABELS, milestonesOf, ONLINE_OUTCOME_LABELS, onlineOutcomeIn, onTimeJudge, OUTCOME_LABELS, resultDeadlineOf, standingIn, timelinessOf, type Intake, type OnlineOutcome, type OnTimeJudge, type Outcome } from './report-case';

export type EventsByCase = ReadonlyMap<string, readonly TimelineEvent[]>;

export interface CaseExportOptions {
  /** The offices, whose calendars judge on time or late (the calendar's `timeliness`, as the report does). */
  directory: OfficeDirectory;
  /** Calendar data other than the bundled one (tests, tools). */
  calendars?: CalendarData;
  /**
   * Keep only the cases the official report of this period counts (or lists as withdrawn) and the requests
   * e-mailed in it (the online stage beside the form), and say how.
   */
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
  /** The in-person receipt (the receipt slip), when it happened: from then on the case is on the form. */
  receivedInPersonAt?: string;
  /** The date on the receipt slip: the result's deadline (`deadlines.decision`), which the result is judged by. */
  resultDueAt?: string;
  /** When the result was issued ("đã giải quyết xong") and handed over ("trả kết quả"). */
  resolvedAt?: string;
  handedOverAt?: string;
  /** How the case closed, and when. */
  closure?: { reason: string; at: string };
  /** The requester's written withdrawal, when an officer recorded it (the case then closes as `withdrawn`). */
  withdrawal?: { via: 'email' | 'letter'; reference: string; recordedAt: string };
  /** For a case whose result was issued: whether on time, by the calendar's `timeliness`. */
  timeliness?: 'on-time' | 'late';
  /** With a period: where the case stands in it, as the official report counts it (absent if not on the form). */
  standing?: { intake: Intake; outcome: Outcome };
  /** With a period: what became of a request e-mailed in it (the online stage beside the form). */
  online?: OnlineOutcome;
  /** In JSON, when events are given: the case's timeline, in order. */
  timeline?: TimelineEvent[];
}

const timelineOf = (caseId: string, events: EventsByCase | undefined): TimelineEvent[] =>
  [...(events?.get(caseId) ?? [])].sort((a, b) => a.seq - b.seq);

function entryOf(record: CaseRecord, events: EventsByCase | undefined, period: ReportingPeriod | undefined, onTime: OnTimeJudge): CaseExportEntry | undefined {
  const timeline = timelineOf(record.caseId, events);
  const due = resultDeadlineOf(record);
  const milestones = milestonesOf(record.caseId, timeline);
  const instants = { office: record.office, emailedAt: record.receivedAt, ...(due ? { resultDeadline: due } : {}), ...milestones };
  let standing: CaseExportEntry['standing'];
  let online: OnlineOutcome | undefined;
  if (period) {
    const s = standingIn(instants, period, onTime);
    online = onlineOutcomeIn(instants, period);
    if (!s.counted && !online) return undefined;
    if (s.counted) standing = { intake: s.intake, outcome: s.outcome };
  }
  const timeliness = timelinessOf(instants, onTime);
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
    ...(milestones.receivedAt ? { receivedInPersonAt: milestones.receivedAt } : {}),
    ...(due ? { resultDueAt: due.dueAt } : {}),
    ...(milestones.resolvedAt ? { resolvedAt: milestones.resolvedAt } : {}),
    ...(milestones.handedOverAt ? { handedOverAt: milestones.handedOverAt } : {}),
    ...(milestones.closure ? { closure: { ...milestones.closure } } : {}),
    ...(record.withdrawal ? { withdrawal: { via: record.withdrawal.via, reference: record.withdrawal.reference, recordedAt: record.withdrawal.recordedAt } } : {}),
    ...(timeliness ? { timeliness } : {}),
    ...(standing ? { standing } : {}),
    ...(online ? { online } : {}),
  };
}

/** The cases as export entries, in case id order (which is office, year, then number). */
export function caseExportEntries(cases: readonly CaseRecord[], events: EventsByCase | undefined, options: CaseExportOptions): CaseExportEntry[] {
  const onTime = onTimeJudge(options.directory, options.calendars);
  return [...cases]
    .sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0))
    .map((record) => entryOf(record, events, options.period, onTime))
    .filter((entry): entry is CaseExportEntry => entry !== undefined);
}

const TIMELINESS_LABELS = { 'on-time': 'Đúng hạn', late: 'Quá hạn' } as const;

/** The steps whose deadlines become columns: the review and the result (decision) first, then others by name. */
function deadlineSteps(entries: readonly CaseExportEntry[]): string[] {
  const steps = new Set(entries.flatMap((e) => Object.keys(e.deadlines)));
  const first = ['review', 'decision'].filter((s) => steps.has(s));
  return [...first, ...[...steps].filter((s) => !first.includes(s)).sort()];
}

/**
 * The cases as CSV, one line per case: id, office, procedure, status, requester, receipt, the due instant of
 * each step (a column per step), breached steps, resolution, closure, on time or late, the requester's written withdrawal, and with a period
 * where the case stands in it. Text that a spreadsheet would run as a formula is neutralised (see `toCsv`).
 */
export function exportCasesCsv(cases: readonly CaseRecord[], events: EventsByCase | undefined, options: CaseExportOptions): string {
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
    'Thời điểm tiếp nhận trực tiếp',
    'Thời hạn trả kết quả',
    'Thời điểm có kết quả',
    'Thời điểm trả kết quả',
    'Lý do kết thúc',
    'Thời điểm kết thúc',
    'Đúng hạn/quá hạn',
    'Văn bản rút yêu cầu',
    ...(options.period ? ['Nguồn trong kỳ', 'Tình trạng cuối kỳ', 'Hỗ trợ trực tuyến'] : []),
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
    e.receivedInPersonAt,
    e.resultDueAt,
    e.resolvedAt,
    e.handedOverAt,
    e.closure?.reason,
    e.closure?.at,
    e.timeliness ? TIMELINESS_LABELS[e.timeliness] : undefined,
    e.withdrawal?.reference,
    ...(options.period
      ? [e.standing ? INTAKE_LABELS[e.standing.intake] : undefined, e.standing ? OUTCOME_LABELS[e.standing.outcome] : undefined, e.online ? ONLINE_OUTCOME_LABELS[e.online] : undefined]
      : []),
  ]);
  return toCsv([header, ...lines], { guardFormulas: true });
}

/** The cases as JSON: the period (if any) and an entry per case, with its timeline when events are given. */
export function exportCasesJson(cases: readonly CaseRecord[], events: EventsByCase | undefined, options: CaseExportOptions): string {
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
