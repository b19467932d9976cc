/**
 * The report of Công văn 1639/TCTHADS-NV3 (11/5/2017): "Báo cáo tình hình tiếp nhận hồ sơ và trả kết quả theo
 * cơ chế một cửa", per procedure and level, for a period, for one office or rolled up for a province.
 */
import type { Office, OfficeDirectory } from '../offices/directory';
import { toVietnamIso } from '../time/vietnam-time';
import type { ReportingPeriod } from './period';
import { LEVEL_HEADINGS, ONE_STOP_PROCEDURES, PROCEDURE_NAMES, REPORT_LEVELS, type OfficeLevel, type OneStopProcedureCode } from './procedures';
import type { CalendarData } from '../calendar';
import { ONLINE_OUTCOMES, onlineOutcomeIn, onTimeJudge, standingIn, type Intake, type OnlineOutcome, type Outcome, type ReportCase } from './report-case';
import { questionSummary, type QuestionCase, type QuestionSummary } from './questions';

export const FORM_TITLE = 'BÁO CÁO TÌNH HÌNH TIẾP NHẬN HỒ SƠ VÀ TRẢ KẾT QUẢ THEO CƠ CHẾ MỘT CỬA';
export const FORM_REFERENCE = 'Theo biểu mẫu kèm theo Công văn số 1639/TCTHADS-NV3 ngày 11/5/2017 của Tổng cục Thi hành án dân sự';
export const TOTAL_LABEL = 'Tổng cộng';

/** The form's number columns, left to right. */
export const FORM_COLUMN_KEYS = [
  'total',
  'carriedOver',
  'newlyReceived',
  'carriedOverResolvedOnTime',
  'carriedOverResolvedLate',
  'carriedOverInProgressNotDue',
  'carriedOverInProgressOverdue',
  'newlyReceivedResolvedOnTime',
  'newlyReceivedResolvedLate',
  'newlyReceivedInProgressNotDue',
  'newlyReceivedInProgressOverdue',
] as const;

export type FormColumnKey = (typeof FORM_COLUMN_KEYS)[number];
export type FormCounts = Record<FormColumnKey, number>;

export interface FormColumn {
  key: FormColumnKey;
  /** The headings above the column, outermost first, as the form writes them. */
  headings: readonly string[];
  definition: string;
}

const RECEIVED = 'Số hồ sơ nhận giải quyết theo cơ chế một cửa';
const CARRIED = 'Số kỳ trước chuyển qua';
const NEW = 'Số mới tiếp nhận';
const RESOLVED = 'Đã giải quyết xong';
// The seed prints "(chuyên kỳ sau)": a lost accent; the form means "chuyển kỳ sau", carried to the next period.
const IN_PROGRESS = 'Đang giải quyết (chuyển kỳ sau)';

/**
 * The eleven number columns of the form. Its heading reads: "Số hồ sơ nhận giải quyết theo cơ chế một cửa"
 * (Tổng số; Trong đó: Số kỳ trước chuyển qua, Số mới tiếp nhận), then for "Số kỳ trước chuyển qua" and for
 * "Số mới tiếp nhận" each: "Đã giải quyết xong" (Đúng hạn, Quá hạn) and "Đang giải quyết (chuyển kỳ sau)"
 * (Chưa tới hạn, Quá hạn). The instants behind each word are defined in `standingIn`.
 */
export const FORM_COLUMNS: readonly FormColumn[] = [
  { key: 'total', headings: [RECEIVED, 'Tổng số'], definition: 'files to handle in the period: carried over + newly received' },
  { key: 'carriedOver', headings: [RECEIVED, 'Trong đó', CARRIED], definition: 'received in person (receipt slip) before the period, result not issued before it' },
  { key: 'newlyReceived', headings: [RECEIVED, 'Trong đó', NEW], definition: 'received in person (receipt slip) within the period' },
  { key: 'carriedOverResolvedOnTime', headings: [CARRIED, RESOLVED, 'Đúng hạn'], definition: 'carried over, result issued in the period, on time by the calendar against the date on the receipt slip' },
  { key: 'carriedOverResolvedLate', headings: [CARRIED, RESOLVED, 'Quá hạn'], definition: 'carried over, result issued in the period, late by the calendar against the date on the receipt slip' },
  { key: 'carriedOverInProgressNotDue', headings: [CARRIED, IN_PROGRESS, 'Chưa tới hạn'], definition: 'carried over, no result at the end of the period, which would still be on time then' },
  { key: 'carriedOverInProgressOverdue', headings: [CARRIED, IN_PROGRESS, 'Quá hạn'], definition: 'carried over, no result at the end of the period, already late then' },
  { key: 'newlyReceivedResolvedOnTime', headings: [NEW, RESOLVED, 'Đúng hạn'], definition: 'newly received, result issued in the period, on time by the calendar against the date on the receipt slip' },
  { key: 'newlyReceivedResolvedLate', headings: [NEW, RESOLVED, 'Quá hạn'], definition: 'newly received, result issued in the period, late by the calendar against the date on the receipt slip' },
  { key: 'newlyReceivedInProgressNotDue', headings: [NEW, IN_PROGRESS, 'Chưa tới hạn'], definition: 'newly received, no result at the end of the period, which would still be on time then' },
  { key: 'newlyReceivedInProgressOverdue', headings: [NEW, IN_PROGRESS, 'Quá hạn'], definition: 'newly received, no result at the end of the period, already late then' },
];

const OUTCOME_COLUMN: Record<Intake, Record<Exclude<Outcome, 'withdrawn'>, FormColumnKey>> = {
  'carried-over': {
    'resolved-on-time': 'carriedOverResolvedOnTime',
    'resolved-late': 'carriedOverResolvedLate',
    'in-progress-not-due': 'carriedOverInProgressNotDue',
    'in-progress-overdue': 'carriedOverInProgressOverdue',
  },
  'newly-received': {
    'resolved-on-time': 'newlyReceivedResolvedOnTime',
    'resolved-late': 'newlyReceivedResolvedLate',
    'in-progress-not-due': 'newlyReceivedInProgressNotDue',
    'in-progress-overdue': 'newlyReceivedInProgressOverdue',
  },
};

interface RowBase {
  /** What the form's STT column shows: "I", "II", "1".."5", or nothing for the total. */
  stt: string;
  label: string;
  counts: FormCounts;
  /**
   * Files withdrawn by the requester in the period. The form has no column for them, so they are in none of
   * the counts; the report states them beside the form.
   */
  withdrawn: number;
}

/** A section of the form (I: the provincial agency, II: its regional offices), carrying the section's sum. */
export interface LevelRow extends RowBase {
  kind: 'level';
  level: OfficeLevel;
}

export interface ProcedureRow extends RowBase {
  kind: 'procedure';
  level: OfficeLevel;
  procedure: OneStopProcedureCode;
}

export interface TotalRow extends RowBase {
  kind: 'total';
}

export type ReportRow = LevelRow | ProcedureRow | TotalRow;

/** How one case was counted: the line an auditor follows from a cell to the files behind it. */
export interface LedgerEntry {
  caseId: string;
  office: string;
  level: OfficeLevel;
  procedure: OneStopProcedureCode;
  intake: Intake;
  outcome: Outcome;
  /** The form column the case counts in (besides total and its intake); absent when withdrawn. */
  column?: FormColumnKey;
  /** The in-person receipt, the date on the receipt slip, the result issued and handed over. */
  receivedAt: string;
  resultDueAt?: string;
  resolvedAt?: string;
  handedOverAt?: string;
}

/**
 * The online stage beside the form (seed 004 asks for "tình hình tiếp nhận và hỗ trợ trực tuyến" apart from
 * the form): the one-stop requests e-mailed in the period and what became of them by its end.
 */
export interface OnlineSummary {
  received: number;
  outcomes: Record<OnlineOutcome, number>;
  cases: Array<{ caseId: string; office: string; procedure: OneStopProcedureCode; emailedAt: string; outcome: OnlineOutcome }>;
}

/** The form for one office, as part of a province's report. */
export interface OfficeSheet {
  office: string;
  name: string;
  level: OfficeLevel;
  rows: ReportRow[];
}

export type ReportScope = { office: string } | { province: string };

export interface OfficialReport {
  title: string;
  reference: string;
  /** Who reports: the office, or for a province its provincial agency. */
  agencyName: string;
  scope: { kind: 'office'; office: string } | { kind: 'province'; province: string };
  period: ReportingPeriod;
  /** The instant the figures describe: the end of the period, or earlier for a provisional report. ISO +07:00. */
  observedAt: string;
  /** True when observed before the period ended: figures may still change. */
  provisional: boolean;
  columns: readonly FormColumn[];
  /** The form: I, its procedures, II, its procedures, Tổng cộng. */
  rows: ReportRow[];
  /** For a province: the same form for each of its offices, in directory order (their sum is `rows`). */
  offices: OfficeSheet[];
  ledger: LedgerEntry[];
  /** The requests e-mailed in the period, in the offices of the scope, and what became of them. */
  online: OnlineSummary;
  /** The questions and feedback e-mailed in the period and how they were answered: beside the form, which has no row for them. */
  questions: QuestionSummary;
  /** Data an auditor must look at. */
  attention: {
    /** Counted, but with no due date: they count as on time or not yet due. */
    withoutDueDate: string[];
    /** Left out of a province's report: their office is not in the directory, so neither is its province. */
    unknownOffice: string[];
  };
}

export class InvalidReportScope extends Error {
  override readonly name = 'InvalidReportScope';
}

const zeroCounts = (): FormCounts => Object.fromEntries(FORM_COLUMN_KEYS.map((k) => [k, 0])) as FormCounts;

function addInto(target: RowBase, source: RowBase): void {
  for (const key of FORM_COLUMN_KEYS) target.counts[key] += source.counts[key];
  target.withdrawn += source.withdrawn;
}

function emptyForm(): ReportRow[] {
  const rows: ReportRow[] = [];
  for (const level of REPORT_LEVELS) {
    const heading = LEVEL_HEADINGS[level];
    rows.push({ kind: 'level', level, stt: heading.stt, label: heading.name, counts: zeroCounts(), withdrawn: 0 });
    ONE_STOP_PROCEDURES.forEach((procedure, i) => {
      rows.push({ kind: 'procedure', level, procedure, stt: String(i + 1), label: PROCEDURE_NAMES[procedure], counts: zeroCounts(), withdrawn: 0 });
    });
  }
  rows.push({ kind: 'total', stt: '', label: TOTAL_LABEL, counts: zeroCounts(), withdrawn: 0 });
  return rows;
}

function count(rows: ReportRow[], entry: LedgerEntry): void {
  const row = rows.find((r) => r.kind === 'procedure' && r.level === entry.level && r.procedure === entry.procedure);
  if (!row) throw new Error(`no row for ${entry.procedure} at level ${entry.level}`);
  if (entry.column === undefined) {
    row.withdrawn += 1;
    return;
  }
  row.counts.total += 1;
  row.counts[entry.intake === 'carried-over' ? 'carriedOver' : 'newlyReceived'] += 1;
  row.counts[entry.column] += 1;
}

/** Section rows sum their procedures; the total sums the sections. */
function sumUp(rows: ReportRow[]): ReportRow[] {
  const total = rows.find((r) => r.kind === 'total')!;
  for (const level of rows.filter((r): r is LevelRow => r.kind === 'level')) {
    for (const row of rows) if (row.kind === 'procedure' && row.level === level.level) addInto(level, row);
    addInto(total, level);
  }
  return rows;
}

function formOf(entries: readonly LedgerEntry[]): ReportRow[] {
  const rows = emptyForm();
  for (const entry of entries) count(rows, entry);
  return sumUp(rows);
}

function officesInScope(directory: OfficeDirectory, scope: ReportScope): { offices: Office[]; agencyName: string; kind: 'office' | 'province' } {
  if ('office' in scope) {
    const office = directory.offices.find((o) => o.code === scope.office);
    if (!office) throw new InvalidReportScope(`office ${scope.office} is not in the office directory`);
    return { offices: [office], agencyName: office.name, kind: 'office' };
  }
  // The provincial agency first (section I), then its regional offices, each group in directory order.
  const offices = REPORT_LEVELS.flatMap((level) => directory.offices.filter((o) => o.province === scope.province && o.level === level));
  if (offices.length === 0) throw new InvalidReportScope(`no office of the directory is in province ${scope.province}`);
  const agency = offices.find((o) => o.level === 'province');
  return { offices, agencyName: agency?.name ?? `Thi hành án dân sự ${scope.province}`, kind: 'province' };
}

/**
 * Builds the report of a period from the cases (any cases: those outside the scope or the period are left
 * out). For a province, the form sums the provincial agency (section I) and its regional offices (section
 * II), as the form's footnote asks, and `offices` gives the form of each office, for the annex an auditor
 * checks the sum against. `asOf` before the period's end makes a provisional report observed at that
 * instant; without it the report describes the end of the period.
 */
export function buildOfficialReport(args: {
  cases: readonly ReportCase[];
  /** The questions and feedback of the offices (the answer flow); none when not given. */
  questions?: readonly QuestionCase[];
  directory: OfficeDirectory;
  period: ReportingPeriod;
  scope: ReportScope;
  asOf?: Date;
  /** Calendar data other than the bundled one (tests, tools). */
  calendars?: CalendarData;
}): OfficialReport {
  const { cases, directory, period, scope } = args;
  const onTime = onTimeJudge(directory, args.calendars);
  const observedAt = new Date(Math.min(period.end.getTime(), (args.asOf ?? period.end).getTime()));
  if (observedAt.getTime() <= period.start.getTime()) {
    throw new InvalidReportScope(`the period ${period.key} starts after the report's date ${toVietnamIso(observedAt)}: there is nothing to report yet`);
  }
  const { offices, agencyName, kind } = officesInScope(directory, scope);
  const known = new Set(directory.offices.map((o) => o.code));
  const levelOf = new Map(offices.map((o) => [o.code, o.level]));

  const ledger: LedgerEntry[] = [];
  const withoutDueDate: string[] = [];
  const unknownOffice: string[] = [];
  const onlineCases: OnlineSummary['cases'] = [];
  for (const c of cases) {
    if (!known.has(c.office)) {
      // An office missing from the directory may belong to the province: say so rather than guess.
      // Only whether it would count is read here, not its outcome: no calendar is needed (nor known) for it.
      const counted = standingIn(c, period, () => true, observedAt).counted || onlineOutcomeIn(c, period, observedAt) !== undefined;
      if (kind === 'province' && counted) unknownOffice.push(c.caseId);
      continue;
    }
    const level = levelOf.get(c.office);
    if (level === undefined) continue;
    const online = onlineOutcomeIn(c, period, observedAt);
    if (online) onlineCases.push({ caseId: c.caseId, office: c.office, procedure: c.procedure, emailedAt: c.emailedAt, outcome: online });
    const standing = standingIn(c, period, onTime, observedAt);
    if (!standing.counted) continue;
    const column = standing.outcome === 'withdrawn' ? undefined : OUTCOME_COLUMN[standing.intake][standing.outcome];
    ledger.push({
      caseId: c.caseId,
      office: c.office,
      level,
      procedure: c.procedure,
      intake: standing.intake,
      outcome: standing.outcome,
      ...(column ? { column } : {}),
      receivedAt: c.receivedAt!,
      ...(c.resultDeadline ? { resultDueAt: c.resultDeadline.dueAt } : {}),
      ...(c.resolvedAt ? { resolvedAt: c.resolvedAt } : {}),
      ...(c.handedOverAt ? { handedOverAt: c.handedOverAt } : {}),
    });
    if (standing.withoutDueDate && column) withoutDueDate.push(c.caseId);
  }
  const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  ledger.sort((a, b) => byId(a.caseId, b.caseId));
  onlineCases.sort((a, b) => byId(a.caseId, b.caseId));
  const outcomes = Object.fromEntries(ONLINE_OUTCOMES.map((o) => [o, onlineCases.filter((c) => c.outcome === o).length])) as Record<OnlineOutcome, number>;

  return {
    title: FORM_TITLE,
    reference: FORM_REFERENCE,
    agencyName,
    scope: 'office' in scope ? { kind: 'office', office: scope.office } : { kind: 'province', province: scope.province },
    period,
    observedAt: toVietnamIso(observedAt),
    provisional: observedAt.getTime() < period.end.getTime(),
    columns: FORM_COLUMNS,
    rows: formOf(ledger),
    offices:
      kind === 'province'
        ? offices.map((o) => ({ office: o.code, name: o.name, level: o.level, rows: formOf(ledger.filter((e) => e.office === o.code)) }))
        : [],
    ledger,
    online: { received: onlineCases.length, outcomes, cases: onlineCases },
    questions: questionSummary((args.questions ?? []).filter((q) => levelOf.has(q.office)), period, onTime, observedAt),
    attention: { withoutDueDate: withoutDueDate.sort(byId), unknownOffice: unknownOffice.sort(byId) },
  };
}
