/**
 * What the official report needs to know of a case, apart from how cases are stored, and where a case stands
 * in a reporting period: the definitions behind every cell of the form of Công văn 1639/TCTHADS-NV3.
 */
import type { CaseRecord, TimelineEvent } from '../cases/model';
import { oneStopProcedure, type OneStopProcedureCode } from './procedures';
import type { ReportingPeriod } from './period';

export interface ReportCase {
  caseId: string;
  /** The office code; its level (provincial agency or regional office) and province come from the directory. */
  office: string;
  procedure: OneStopProcedureCode;
  /** When the one-stop desk received the file. ISO 8601. */
  receivedAt: string;
  /** When the result of the procedure is due (the date on the receipt and appointment slip). ISO 8601. */
  resultDueAt?: string;
  /** Which deadline of the case `resultDueAt` is (e.g. "result", or "review" until the lifecycle sets one). */
  dueStep?: string;
  /** When the result was issued or handed over; absent while the file is in progress. ISO 8601. */
  resolvedAt?: string;
  /** When the requester withdrew the file, if they did. ISO 8601. */
  withdrawnAt?: string;
}

/**
 * Timeline events that mean the file is resolved ("đã giải quyết xong"): the result was issued or handed
 * over, or the case was closed with it. The earliest of them counts. The case lifecycle (decision, hand-over,
 * closing) will emit these and may add to the list.
 */
export const RESOLUTION_EVENT_TYPES: readonly string[] = ['case-resolved', 'decision-handed-over', 'case-closed'];

/** Timeline events that mean the requester withdrew the file (rút yêu cầu). Emitted by the lifecycle to come. */
export const WITHDRAWAL_EVENT_TYPES: readonly string[] = ['request-withdrawn'];

function firstEventAt(events: readonly TimelineEvent[], types: readonly string[]): string | undefined {
  return events
    .filter((e) => types.includes(e.type))
    .sort((a, b) => a.seq - b.seq)[0]?.at;
}

/** The deadline the report judges a case by: its result's, else (until the lifecycle sets one) its review's. */
export function resultDeadlineOf(record: CaseRecord): { step: string; dueAt: string } | undefined {
  for (const step of ['result', 'review']) {
    const dueAt = record.deadlines[step]?.dueAt;
    if (dueAt) return { step, dueAt };
  }
  return undefined;
}

/** When the file was resolved and when withdrawn, from its timeline (the earliest event of each kind). */
export function endingsOf(caseId: string, events: readonly TimelineEvent[]): { resolvedAt?: string; withdrawnAt?: string } {
  const own = events.filter((e) => e.caseId === caseId);
  const resolvedAt = firstEventAt(own, RESOLUTION_EVENT_TYPES);
  const withdrawnAt = firstEventAt(own, WITHDRAWAL_EVENT_TYPES);
  return { ...(resolvedAt ? { resolvedAt } : {}), ...(withdrawnAt ? { withdrawnAt } : {}) };
}

/**
 * A stored case as the report sees it. The due date is the deadline of the procedure's result
 * (`deadlines.result`); cases do not have one yet (it arrives with the full lifecycle), so until then the
 * due date is that of the officer's review (`deadlines.review`, one working day), and `dueStep` says which.
 */
export function reportCaseFromRecord(record: CaseRecord, events: readonly TimelineEvent[]): ReportCase {
  const due = resultDeadlineOf(record);
  return {
    caseId: record.caseId,
    office: record.office,
    procedure: oneStopProcedure(record.procedure),
    receivedAt: record.receivedAt,
    ...(due ? { resultDueAt: due.dueAt, dueStep: due.step } : {}),
    ...endingsOf(record.caseId, events),
  };
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
  | { counted: false; reason: 'received-after-period' | 'resolved-before-period' | 'withdrawn-before-period' };

const ms = (iso: string) => {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new RangeError(`not an ISO 8601 instant: "${iso}"`);
  return t;
};

/** The instants that decide where a case stands. */
export type CaseInstants = Pick<ReportCase, 'receivedAt' | 'resultDueAt' | 'resolvedAt' | 'withdrawnAt'>;

/** How the file left the desk, whichever came first: its result, or the requester withdrawing it. */
function endingOf(c: CaseInstants): { kind: 'resolved' | 'withdrawn'; at: number } | undefined {
  const resolved = c.resolvedAt === undefined ? undefined : ms(c.resolvedAt);
  const withdrawn = c.withdrawnAt === undefined ? undefined : ms(c.withdrawnAt);
  if (withdrawn !== undefined && (resolved === undefined || withdrawn < resolved)) return { kind: 'withdrawn', at: withdrawn };
  return resolved === undefined ? undefined : { kind: 'resolved', at: resolved };
}

/**
 * Where a case stands in a period, observed at `observedAt` (the end of the period, or earlier for a
 * provisional report of a period still running). The definitions, instant by instant:
 *
 * - not counted if received at or after `observedAt`, or resolved or withdrawn before the period starts;
 * - carried over ("kỳ trước chuyển qua") if received before the period starts (and still open then);
 *   newly received ("mới tiếp nhận") if received within the period;
 * - resolved ("đã giải quyết xong") if resolved before `observedAt`: on time ("đúng hạn") when
 *   resolvedAt ≤ resultDueAt, late ("quá hạn") after it;
 * - withdrawn if withdrawn before `observedAt` and before any resolution;
 * - otherwise in progress, carried to the next period ("đang giải quyết (chuyển kỳ sau)"): overdue ("quá
 *   hạn") when resultDueAt < `observedAt` (the due instant had passed when the period closed), not yet due
 *   ("chưa tới hạn") otherwise.
 *
 * A case with no due date cannot be late: it counts on time or not yet due, and `withoutDueDate` says so, for
 * the report to name it.
 */
export function standingIn(c: CaseInstants, period: ReportingPeriod, observedAt: Date = period.end): Standing {
  const start = period.start.getTime();
  const close = Math.min(observedAt.getTime(), period.end.getTime());
  const received = ms(c.receivedAt);
  const due = c.resultDueAt === undefined ? undefined : ms(c.resultDueAt);
  const ending = endingOf(c);

  if (received >= close) return { counted: false, reason: 'received-after-period' };
  if (ending && ending.at < start) return { counted: false, reason: ending.kind === 'withdrawn' ? 'withdrawn-before-period' : 'resolved-before-period' };

  const intake: Intake = received < start ? 'carried-over' : 'newly-received';
  const withoutDueDate = due === undefined;
  let outcome: Outcome;
  if (ending && ending.at < close) {
    outcome = ending.kind === 'withdrawn' ? 'withdrawn' : due === undefined || ending.at <= due ? 'resolved-on-time' : 'resolved-late';
  } else {
    outcome = due !== undefined && due < close ? 'in-progress-overdue' : 'in-progress-not-due';
  }
  return { counted: true, intake, outcome, withoutDueDate };
}

/** Whether a resolved case's result came on time (at or before its due instant); undefined if not resolved or not due. */
export function timelinessOf(c: CaseInstants): 'on-time' | 'late' | undefined {
  const ending = endingOf(c);
  if (ending?.kind !== 'resolved' || c.resultDueAt === undefined) return undefined;
  return ending.at <= ms(c.resultDueAt) ? 'on-time' : 'late';
}
