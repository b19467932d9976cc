/**
 * What the official report needs to know of a case, apart from how cases are stored, and where a case stands
 * in a reporting period: the definitions behind every cell of the form of Công văn 1639/TCTHADS-NV3.
 * The readings of the form's words, with their sources, are in ./README.md.
 */
import type { CaseRecord, ClosureReason, TimelineEvent } from '../cases/model';
import { calendarFor, type CalendarData, type Deadline, type WorkingCalendar } from '../calendar';
import { timeliness } from '../calendar/deadline';
import type { OfficeDirectory } from '../offices/directory';
import { oneStopProcedure, type OneStopProcedureCode } from './procedures';
import type { ReportingPeriod } from './period';

export interface ReportCase {
  caseId: string;
  /** The office code; its level (provincial agency or regional office) and province come from the directory. */
  office: string;
  procedure: OneStopProcedureCode;
  /** When the request arrived by e-mail (the online stage: hỗ trợ trực tuyến). ISO 8601. */
  emailedAt: string;
  /**
   * When the one-stop desk received the file in person and gave the receipt and appointment slip (form 01):
   * "nhận giải quyết theo cơ chế một cửa". Absent while (or if never) received in person: the file is not on the form.
   */
  receivedAt?: string;
  /** The deadline of the result, as the workflow stored it (`deadlines.decision`: the date on the receipt slip). */
  resultDeadline?: Deadline;
  /** When the result was issued (the decision recorded): "đã giải quyết xong". ISO 8601. */
  resolvedAt?: string;
  /** When the result was handed over ("trả kết quả"), for the ledger and exports. ISO 8601. */
  handedOverAt?: string;
  /** How and when the case closed, if it did. */
  closure?: { reason: ClosureReason; at: string };
}

/** The deadline the report judges the result by: the one the in-person receipt sets, printed on the receipt slip. */
export const RESULT_DEADLINE_STEP = 'decision';

/** The timeline event of the in-person receipt (the receipt slip is produced with it). */
export const IN_PERSON_RECEIPT_EVENT = 'visit-recorded';

/** The timeline event of the result being issued: the file is resolved ("đã giải quyết xong"). */
export const RESULT_ISSUED_EVENT = 'decision-recorded';

/** The timeline event of the result being handed over ("trả kết quả"). */
export const HANDOVER_EVENT = 'decision-handed-over';

const firstEvent = (events: readonly TimelineEvent[], type: string) => events.filter((e) => e.type === type).sort((a, b) => a.seq - b.seq)[0];

/** The result's deadline of a stored case: `deadlines.decision`, set at the in-person receipt. */
export function resultDeadlineOf(record: CaseRecord): Deadline | undefined {
  return record.deadlines[RESULT_DEADLINE_STEP] as unknown as Deadline | undefined;
}

/** The instants of a case's life that the report reads, from its own timeline. */
export function milestonesOf(caseId: string, events: readonly TimelineEvent[]): Pick<ReportCase, 'receivedAt' | 'resolvedAt' | 'handedOverAt' | 'closure'> {
  const own = events.filter((e) => e.caseId === caseId);
  const received = firstEvent(own, IN_PERSON_RECEIPT_EVENT)?.at;
  const resolved = firstEvent(own, RESULT_ISSUED_EVENT)?.at;
  const handedOver = firstEvent(own, HANDOVER_EVENT)?.at;
  const closed = firstEvent(own, 'case-closed');
  return {
    ...(received ? { receivedAt: received } : {}),
    ...(resolved ? { resolvedAt: resolved } : {}),
    ...(handedOver ? { handedOverAt: handedOver } : {}),
    ...(closed ? { closure: { reason: closed.data.reason as ClosureReason, at: closed.at } } : {}),
  };
}

/** A stored case as the report sees it. */
export function reportCaseFromRecord(record: CaseRecord, events: readonly TimelineEvent[]): ReportCase {
  const deadline = resultDeadlineOf(record);
  return {
    caseId: record.caseId,
    office: record.office,
    procedure: oneStopProcedure(record.procedure),
    emailedAt: record.receivedAt,
    ...(deadline ? { resultDeadline: deadline } : {}),
    ...milestonesOf(record.caseId, events),
  };
}

/**
 * Whether something done at `at` met the case's result deadline. The one definition is the calendar's
 * `timeliness`; this only finds the office's calendar for it.
 */
export type OnTimeJudge = (c: Pick<ReportCase, 'office' | 'resultDeadline'>, at: Date) => boolean;

/** The judge for a directory (and, in tests or tools, other calendar data): `timeliness` on the office's calendar. */
export function onTimeJudge(directory: OfficeDirectory, calendars?: CalendarData): OnTimeJudge {
  const calendars_ = new Map<string, WorkingCalendar>();
  const calendarOf = (office: string) => {
    let calendar = calendars_.get(office);
    if (!calendar) {
      calendar = calendarFor({ directory, office, ...(calendars ? { calendars } : {}) });
      calendars_.set(office, calendar);
    }
    return calendar;
  };
  return (c, at) => (c.resultDeadline ? timeliness(calendarOf(c.office), c.resultDeadline, at).onTime : true);
}

/** Where a file came from in the period: "Số kỳ trước chuyển qua" or "Số mới tiếp nhận". */
export type Intake = 'carried-over' | 'newly-received';

/**
 * Where it stands at the end of the period: "Đã giải quyết xong" (đúng hạn / quá hạn), "Đang giải quyết
 * (chuyển kỳ sau)" (chưa tới hạn / quá hạn), or withdrawn, which the form has no column for.
 */
export type Outcome = 'resolved-on-time' | 'resolved-late' | 'in-progress-not-due' | 'in-progress-overdue' | 'withdrawn';

/** The words of the form (and of its notes) for where a file came from and where it stands. */
export const INTAKE_LABELS: Readonly<Record<Intake, string>> = {
  'carried-over': 'Kỳ trước chuyển qua',
  'newly-received': 'Mới tiếp nhận',
};

export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  'resolved-on-time': 'Đã giải quyết xong - đúng hạn',
  'resolved-late': 'Đã giải quyết xong - quá hạn',
  'in-progress-not-due': 'Đang giải quyết - chưa tới hạn',
  'in-progress-overdue': 'Đang giải quyết - quá hạn',
  withdrawn: 'Rút yêu cầu (không tính vào biểu)',
};

export type Standing =
  | { counted: true; intake: Intake; outcome: Outcome; withoutDueDate: boolean }
  | { counted: false; reason: 'not-received-in-person' | 'received-after-period' | 'resolved-before-period' | 'withdrawn-before-period' };

const ms = (iso: string) => {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new RangeError(`not an ISO 8601 instant: "${iso}"`);
  return t;
};

/** The instants that decide where a case stands. */
export type CaseInstants = Pick<ReportCase, 'office' | 'receivedAt' | 'resultDeadline' | 'resolvedAt' | 'closure'>;

/** How the file left the form, whichever came first: its result, or the requester withdrawing it. */
function endingOf(c: CaseInstants): { kind: 'resolved' | 'withdrawn'; at: number } | undefined {
  const resolved = c.resolvedAt === undefined ? undefined : ms(c.resolvedAt);
  const withdrawn = c.closure?.reason === 'withdrawn' ? ms(c.closure.at) : undefined;
  if (withdrawn !== undefined && (resolved === undefined || withdrawn < resolved)) return { kind: 'withdrawn', at: withdrawn };
  return resolved === undefined ? undefined : { kind: 'resolved', at: resolved };
}

/**
 * Where a case stands in a period, observed at `observedAt` (the end of the period, or earlier for a
 * provisional report of a period still running). The definitions, instant by instant:
 *
 * - not counted if never received in person before `observedAt`, or received at or after it, or resolved or
 *   withdrawn before the period starts;
 * - carried over ("kỳ trước chuyển qua") if received before the period starts (and still open then);
 *   newly received ("mới tiếp nhận") if received within the period;
 * - resolved ("đã giải quyết xong") if its result was issued before `observedAt`: on time ("đúng hạn") when
 *   `timeliness` says the result deadline was met at that instant, late ("quá hạn") otherwise;
 * - withdrawn if withdrawn before `observedAt` and before any result;
 * - otherwise in progress, carried to the next period ("đang giải quyết (chuyển kỳ sau)"): overdue ("quá
 *   hạn") when the result, issued at `observedAt`, would already be late; not yet due ("chưa tới hạn") otherwise.
 *
 * A case with no result deadline cannot be late: it counts on time or not yet due, and `withoutDueDate` says so.
 */
export function standingIn(c: CaseInstants, period: ReportingPeriod, onTime: OnTimeJudge, observedAt: Date = period.end): Standing {
  const start = period.start.getTime();
  const close = Math.min(observedAt.getTime(), period.end.getTime());
  if (c.receivedAt === undefined) return { counted: false, reason: 'not-received-in-person' };
  const received = ms(c.receivedAt);
  const ending = endingOf(c);

  if (received >= close) return { counted: false, reason: 'received-after-period' };
  if (ending && ending.at < start) return { counted: false, reason: ending.kind === 'withdrawn' ? 'withdrawn-before-period' : 'resolved-before-period' };

  const intake: Intake = received < start ? 'carried-over' : 'newly-received';
  const withoutDueDate = c.resultDeadline === undefined;
  let outcome: Outcome;
  if (ending && ending.at < close) {
    outcome = ending.kind === 'withdrawn' ? 'withdrawn' : onTime(c, new Date(ending.at)) ? 'resolved-on-time' : 'resolved-late';
  } else {
    outcome = onTime(c, new Date(close)) ? 'in-progress-not-due' : 'in-progress-overdue';
  }
  return { counted: true, intake, outcome, withoutDueDate };
}

/** Whether a resolved case's result came on time; undefined if not resolved (or withdrawn first) or without a deadline. */
export function timelinessOf(c: CaseInstants, onTime: OnTimeJudge): 'on-time' | 'late' | undefined {
  const ending = endingOf(c);
  if (ending?.kind !== 'resolved' || c.resultDeadline === undefined) return undefined;
  return onTime(c, new Date(ending.at)) ? 'on-time' : 'late';
}

/**
 * What became of a request in its online stage (e-mail, review, appointment), before the form counts it:
 * received in person (it is on the form from then on), refused, referred to the competent office, closed for
 * want of the missing items, closed after two missed appointments, withdrawn, guidance given (a complaint or
 * denunciation, which has no in-person receipt here), or still before the in-person receipt. Refused, referred and unanswered requests are never "đã giải quyết xong" (see ./README.md).
 */
export type OnlineOutcome = 'received-in-person' | 'refused' | 'referred' | 'no-reply' | 'missed-twice' | 'withdrawn' | 'guidance-given' | 'pending';

export const ONLINE_OUTCOMES: readonly OnlineOutcome[] = ['received-in-person', 'refused', 'referred', 'no-reply', 'missed-twice', 'withdrawn', 'guidance-given', 'pending'];

export const ONLINE_OUTCOME_LABELS: Readonly<Record<OnlineOutcome, string>> = {
  'received-in-person': 'Đã tiếp nhận trực tiếp (tính vào biểu)',
  refused: 'Từ chối tiếp nhận',
  referred: 'Hướng dẫn gửi cơ quan có thẩm quyền',
  'no-reply': 'Không bổ sung hồ sơ trong thời hạn',
  'missed-twice': 'Không đến theo lịch hẹn',
  withdrawn: 'Rút yêu cầu',
  'guidance-given': 'Đã hướng dẫn (khiếu nại, tố cáo)',
  pending: 'Đang xem xét, chưa tiếp nhận trực tiếp',
};

/**
 * A request e-mailed within the period (before `observedAt`): what had become of it by `observedAt`.
 * Undefined for a request e-mailed outside the period.
 */
export function onlineOutcomeIn(c: { emailedAt: string; receivedAt?: string; closure?: ReportCase['closure'] }, period: ReportingPeriod, observedAt: Date = period.end): OnlineOutcome | undefined {
  const close = Math.min(observedAt.getTime(), period.end.getTime());
  const emailed = ms(c.emailedAt);
  if (emailed < period.start.getTime() || emailed >= close) return undefined;
  if (c.receivedAt !== undefined && ms(c.receivedAt) < close) return 'received-in-person';
  if (c.closure && ms(c.closure.at) < close) {
    const reason = c.closure.reason;
    if (reason === 'refused' || reason === 'referred' || reason === 'no-reply' || reason === 'missed-twice' || reason === 'withdrawn' || reason === 'guidance-given') return reason;
  }
  return 'pending';
}
