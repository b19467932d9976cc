import { addDays, formatClockTime, formatInstant, instantAt, localDateOf, msIntoLocalDay, MS_PER_MINUTE, parseClockTime, parseInstant, yearOf } from './localTime';
import { addWorkingTime, nextOpening, normalisePauses, workingTimeBetween, type Pause } from './workingTime';
import type { WorkingCalendar } from './workingCalendar';

/**
 * A deadline is a value stored with the case. It carries what it was computed from (receipt, amount of
 * working time, office, cut-off, pauses) and the version of the calendar it used, so a later change of
 * the calendar never moves it silently: `recompute` gives the new value and says whether it moved.
 */
/**
 * How a limit in working days is counted (the catalog names the rule of each limit):
 * - `legal`: as the Civil Code 2015 counts a period (arts. 147-148): the day of receipt is not counted, and
 *   the period ends at the close of the office's working hours on its Nth working day. Statutory limits.
 * - `working-hours`: N × the office's working hours of a day, from the minute of receipt. The agency's own
 *   commitments, such as the one-working-day reply.
 */
export const COUNTING_RULES = ['legal', 'working-hours'] as const;
export type CountingRule = (typeof COUNTING_RULES)[number];

/** The Civil Code articles the `legal` rule applies. */
export const LEGAL_COUNTING_SOURCE = 'Bộ luật Dân sự số 91/2015/QH13, Điều 147 và Điều 148';

// A type alias, not an interface, so it is assignable to records with an index signature (how cases store it).
export type Deadline = {
  /** When the working time runs out: ISO 8601 with +07:00. */
  dueAt: string;
  /** When the clock started: the receipt, or the next opening (or next working morning after the cut-off). */
  startedAt: string;
  /** In words: how the deadline was computed. */
  rule: string;
  /** The counting rule applied (absent on deadlines stored before there were two: those are `working-hours`). */
  counting?: CountingRule;
  /** Present when a year the deadline spans has no official schedule: its days off are a forecast. */
  provisional?: { years: number[] };
  calendarVersion: string;
  workingMinutes: number;
  /** The number of working days asked for, when the deadline was asked in days. */
  workingDays?: number;
  /** Every non-working day from the receipt to the due day, with its reason. */
  skipped: Array<{ date: string; reason: string }>;
  receivedAt: string;
  /** Absent when computed on the agency's default hours and the national calendar only. */
  office?: string;
  afterCutoff?: string;
  pauses: Array<{ from: string; to?: string }>;
  /** Present while the clock is paused with no end: `dueAt` then assumes the clock restarts at once. */
  paused?: { since: string; remainingWorkingMinutes: number };
};

export interface DeadlineRequest {
  receivedAt: Date;
  /** Positive whole number of working days; each is the office's working hours of a day. */
  workingDays?: number;
  /** Alternative to workingDays: a positive number of working hours (`working-hours` counting only). */
  workingHours?: number;
  /** Default `working-hours`. */
  counting?: CountingRule;
  afterCutoff?: string;
  pauses?: ReadonlyArray<{ from: Date; to?: Date }>;
}

export class InvalidDeadlineRequest extends Error {
  override readonly name = 'InvalidDeadlineRequest';
}

function instantOf(value: Date, what: string): number {
  const ms = value instanceof Date ? value.getTime() : NaN;
  if (Number.isNaN(ms)) throw new InvalidDeadlineRequest(`${what} is not a valid date`);
  return ms;
}

function workingMinutesOf(request: DeadlineRequest, calendar: WorkingCalendar): { minutes: number; words: string } {
  const { workingDays, workingHours } = request;
  if ((workingDays === undefined) === (workingHours === undefined)) {
    throw new InvalidDeadlineRequest('give either workingDays or workingHours');
  }
  if (workingDays !== undefined) {
    if (!Number.isInteger(workingDays) || workingDays <= 0) {
      throw new InvalidDeadlineRequest(`workingDays must be a positive whole number, got ${workingDays}`);
    }
    const hoursPerDay = calendar.minutesPerDay / 60;
    return {
      minutes: workingDays * calendar.minutesPerDay,
      words: `${workingDays} working day${workingDays === 1 ? '' : 's'} × ${hoursPerDay} h`,
    };
  }
  const hours = workingHours ?? NaN;
  if (!(hours > 0) || !Number.isInteger(hours * 60)) {
    throw new InvalidDeadlineRequest(`workingHours must be a positive number of whole minutes, got ${workingHours}`);
  }
  return { minutes: hours * 60, words: `${hours} working hour${hours === 1 ? '' : 's'}` };
}

function countingOf(request: DeadlineRequest): CountingRule {
  const counting = request.counting ?? 'working-hours';
  if (!(COUNTING_RULES as readonly string[]).includes(counting)) {
    throw new InvalidDeadlineRequest(`counting must be "legal" or "working-hours", got "${String(counting)}"`);
  }
  if (counting === 'legal' && request.workingDays === undefined) {
    throw new InvalidDeadlineRequest('legal counting is in working days: give workingDays, not workingHours');
  }
  return counting;
}

/** The close of the office's last session on the day of an instant. */
function closingOf(calendar: WorkingCalendar, at: number): number {
  const last = calendar.sessions[calendar.sessions.length - 1];
  return instantAt(localDateOf(at), last?.to ?? 0);
}

function cutoffMinutes(afterCutoff: string | undefined): number | undefined {
  if (afterCutoff === undefined) return undefined;
  const minutes = parseClockTime(afterCutoff);
  if (minutes === undefined) throw new InvalidDeadlineRequest(`afterCutoff must be HH:MM, got ${afterCutoff}`);
  return minutes;
}

/**
 * When the clock starts: the receipt if the office is open, else its next opening; with a cut-off, a file
 * received on a working day after the cut-off time starts at the next working day's opening.
 */
export function clockStart(calendar: WorkingCalendar, receivedAt: number, cutoff?: number): { at: number; afterCutoff: boolean } {
  const day = localDateOf(receivedAt);
  if (cutoff !== undefined && calendar.dayStatus(day).working && msIntoLocalDay(receivedAt) > cutoff * MS_PER_MINUTE) {
    return { at: nextOpening(calendar, instantAt(addDays(day, 1), 0)), afterCutoff: true };
  }
  return { at: nextOpening(calendar, receivedAt), afterCutoff: false };
}

function skippedDays(calendar: WorkingCalendar, from: number, to: number): Deadline['skipped'] {
  const skipped: Deadline['skipped'] = [];
  const last = localDateOf(to);
  for (let date = localDateOf(from); date <= last; date = addDays(date, 1)) {
    const status = calendar.dayStatus(date);
    if (!status.working) skipped.push({ date, reason: status.reason });
  }
  return skipped;
}

function yearsBetween(from: number, to: number): number[] {
  const years: number[] = [];
  for (let year = yearOf(localDateOf(from)); year <= yearOf(localDateOf(to)); year++) years.push(year);
  return years;
}

function describeSessions(calendar: WorkingCalendar): string {
  return calendar.sessions.map((s) => `${formatClockTime(s.from)}-${formatClockTime(s.to)}`).join(', ');
}

function formatMinutes(minutes: number): string {
  const rounded = Math.round(minutes);
  return `${Math.floor(rounded / 60)} h ${String(rounded % 60).padStart(2, '0')} min`;
}

/** Computes a deadline on a given working calendar (the calendar decides the office and its layers). */
export function computeDeadline(calendar: WorkingCalendar, request: DeadlineRequest): Deadline {
  const receivedAt = instantOf(request.receivedAt, 'receivedAt');
  const counting = countingOf(request);
  const { minutes, words } = workingMinutesOf(request, calendar);
  const cutoff = cutoffMinutes(request.afterCutoff);
  const pauses: Pause[] = (request.pauses ?? []).map((p, i) => {
    const from = instantOf(p.from, `pauses[${i}].from`);
    const to = p.to === undefined ? undefined : instantOf(p.to, `pauses[${i}].to`);
    if (to !== undefined && to < from) throw new InvalidDeadlineRequest(`pauses[${i}] ends before it starts`);
    return to === undefined ? { from } : { from, to };
  });

  // Legal: the day of receipt is not counted, so the clock starts at the first opening after it (a cut-off
  // changes nothing more). Working hours: from the receipt, or the next morning after the cut-off.
  const start =
    counting === 'legal'
      ? { at: nextOpening(calendar, instantAt(addDays(localDateOf(receivedAt), 1), 0)), afterCutoff: false }
      : clockStart(calendar, receivedAt, cutoff);
  const openPause = normalisePauses(pauses).find((p) => p.end === Infinity);
  // While a pause is open, the due instant assumes the requester answers at once: it is the earliest possible.
  const closedPauses = openPause ? pauses.filter((p) => p.to !== undefined) : pauses;
  const runsOut = addWorkingTime(calendar, start.at, minutes, closedPauses);
  // Legal: the period ends at the close of the day its working days run out (art. 148).
  const due = counting === 'legal' ? closingOf(calendar, runsOut) : runsOut;
  const pausedFor = workingTimeBetween(calendar, start.at, runsOut) - minutes;
  const years = yearsBetween(receivedAt, due);
  const provisionalYears = years.filter((year) => calendar.isProvisional(year));

  const ruleParts =
    counting === 'legal'
      ? [
          `${words}, counted by the legal rule (${LEGAL_COUNTING_SOURCE}): the day of receipt is not counted; the period ends at the close of office hours (${describeSessions(calendar)}) on its last working day`,
        ]
      : [`${words} = ${minutes} working minutes, counted from receipt in office hours (${describeSessions(calendar)}) on working days`];
  ruleParts.push(calendar.office ? `office ${calendar.office}, province ${calendar.province}` : 'agency default hours, national calendar only');
  if (counting === 'legal' && cutoff !== undefined) ruleParts.push(`the ${request.afterCutoff} cut-off (an agency setting) does not move a statutory period`);
  else if (start.afterCutoff) ruleParts.push(`received after the ${request.afterCutoff} cut-off: the clock starts the next working morning`);
  else if (counting === 'working-hours' && start.at !== receivedAt) ruleParts.push('received outside office hours: the clock starts at the next opening');
  if (pausedFor > 0) ruleParts.push(`paused ${formatMinutes(pausedFor)} of working time (waiting for the requester)`);
  if (openPause) ruleParts.push(`paused since ${formatInstant(openPause.start)}: due instant is provisional`);
  if (provisionalYears.length > 0) {
    ruleParts.push(`provisional: ${provisionalYears.join(', ')} has no official schedule of days off yet; its holidays are forecast from the Labour Code and recent practice`);
  }

  const deadline: Deadline = {
    dueAt: formatInstant(due),
    startedAt: formatInstant(start.at),
    rule: ruleParts.join('; '),
    counting,
    ...(provisionalYears.length > 0 ? { provisional: { years: provisionalYears } } : {}),
    calendarVersion: calendar.versionFor(years),
    workingMinutes: minutes,
    ...(request.workingDays !== undefined ? { workingDays: request.workingDays } : {}),
    skipped: skippedDays(calendar, receivedAt, due),
    receivedAt: formatInstant(receivedAt),
    ...(calendar.office ? { office: calendar.office } : {}),
    ...(request.afterCutoff !== undefined ? { afterCutoff: request.afterCutoff } : {}),
    pauses: pauses.map((p) => (p.to === undefined ? { from: formatInstant(p.from) } : { from: formatInstant(p.from), to: formatInstant(p.to) })),
  };
  if (openPause) {
    const used = workingTimeBetween(calendar, start.at, Math.max(start.at, openPause.start), closedPauses);
    deadline.paused = { since: formatInstant(openPause.start), remainingWorkingMinutes: Math.max(0, minutes - used) };
  }
  return deadline;
}

function storedPauses(deadline: { pauses?: Deadline['pauses'] }): Pause[] {
  return (deadline.pauses ?? []).map((p) => {
    const from = parseInstant(p.from) ?? NaN;
    return p.to === undefined ? { from } : { from, to: parseInstant(p.to) ?? NaN };
  });
}

/** The request a stored deadline was computed from, with its pauses replaced when given. */
export function requestOf(deadline: Deadline, pauses?: DeadlineRequest['pauses']): DeadlineRequest {
  return {
    receivedAt: new Date(parseInstant(deadline.receivedAt) ?? NaN),
    ...(deadline.workingDays !== undefined ? { workingDays: deadline.workingDays } : { workingHours: deadline.workingMinutes / 60 }),
    ...(deadline.afterCutoff !== undefined ? { afterCutoff: deadline.afterCutoff } : {}),
    ...(deadline.counting !== undefined ? { counting: deadline.counting } : {}),
    pauses: pauses ?? storedPauses(deadline).map((p) => (p.to === undefined ? { from: new Date(p.from) } : { from: new Date(p.from), to: new Date(p.to) })),
  };
}

export interface Recomputed {
  deadline: Deadline;
  /** The due instant changed. */
  moved: boolean;
  /** Clock minutes the due instant moved by (positive: later). */
  movedByMinutes: number;
  /** The calendar (data or office hours) that applies is not the one the deadline was computed with. */
  calendarChanged: boolean;
}

/**
 * Computes a stored deadline again on the current calendar (and, when given, new pauses). The stored value
 * is never changed here: the caller decides whether to keep the new one, and must say so if it moved.
 */
export function recompute(calendar: WorkingCalendar, previous: Deadline, pauses?: DeadlineRequest['pauses']): Recomputed {
  const deadline = computeDeadline(calendar, requestOf(previous, pauses));
  const movedByMinutes = ((parseInstant(deadline.dueAt) ?? NaN) - (parseInstant(previous.dueAt) ?? NaN)) / MS_PER_MINUTE;
  return { deadline, moved: movedByMinutes !== 0, movedByMinutes, calendarChanged: deadline.calendarVersion !== previous.calendarVersion };
}

/** The instant at which a fraction (0-1) of a deadline's working time has run, as ISO 8601 +07:00. */
export function warningInstant(calendar: WorkingCalendar, deadline: Deadline, fraction: number): string {
  if (!Number.isFinite(fraction) || fraction < 0 || fraction > 1) throw new RangeError(`fraction must be between 0 and 1, got ${fraction}`);
  const closedPauses = storedPauses(deadline).filter((p) => p.to !== undefined);
  const start = parseInstant(deadline.startedAt) ?? NaN;
  // Whole minutes, rounded down: a warning a little early is better than one a little late.
  return formatInstant(addWorkingTime(calendar, start, Math.floor(deadline.workingMinutes * fraction), closedPauses));
}

export interface Timeliness {
  /** Done at or before the due instant (see `timeliness`). */
  onTime: boolean;
  /** Working minutes run past the due instant: 0 for what is done after closing on the due day, which is still late. */
  lateByWorkingMinutes: number;
  remainingWorkingMinutes: number;
}

/** A deadline as a case stores it: at least its due instant; its pauses when it has any. */
export type StoredDeadline = { dueAt: string; pauses?: Deadline['pauses']; [detail: string]: unknown };

/**
 * THE definition of on time, for every step, breach, report cell and export column: something done at
 * `at` met the deadline when it was done at or before the due instant. A legal period ends at the close of
 * office hours on its last day (Civil Code art. 148), so what is done that evening is late, as the breach
 * recorded at the due instant says; it is late by 0 working minutes. How late, or how early, is counted in
 * working minutes.
 */
export function timeliness(calendar: WorkingCalendar, deadline: StoredDeadline, at: Date): Timeliness {
  const due = parseInstant(deadline.dueAt);
  if (due === undefined) throw new InvalidDeadlineRequest(`dueAt "${deadline.dueAt}" is not an ISO 8601 instant`);
  const done = instantOf(at, 'at');
  const closedPauses = storedPauses(deadline).filter((p) => p.to !== undefined);
  const pastDue = workingTimeBetween(calendar, due, done, closedPauses);
  return { onTime: done <= due, lateByWorkingMinutes: Math.max(0, pastDue), remainingWorkingMinutes: Math.max(0, -pastDue) };
}
