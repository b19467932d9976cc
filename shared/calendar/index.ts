/**
 * The working-day calendar and SLA clock: every deadline in motcua comes from here.
 * Semantics: ./README.md.
 */
import type { OfficeDirectory } from '../offices/directory';
import type { CalendarData } from './calendarData';
import { bundledCalendarData } from './data';
import { computeDeadline, recompute, timeliness, warningInstant, type CountingRule, type Deadline, type Recomputed, type StoredDeadline, type Timeliness } from './deadline';
import { formatInstant } from './localTime';
import { workingCalendar, type WorkingCalendar } from './workingCalendar';
import * as clock from './workingTime';

export type { CountingRule, Deadline, DeadlineRequest, Recomputed, StoredDeadline, Timeliness } from './deadline';
export { COUNTING_RULES, InvalidDeadlineRequest, LEGAL_COUNTING_SOURCE, computeDeadline } from './deadline';
export type { CalendarData, CalendarFileInput } from './calendarData';
export { calendarDataFrom } from './calendarData';
export { bundledCalendarData, bundledCalendarFiles } from './data';
export { InvalidCalendarData, parseCalendarFile } from './schema';
export type { CalendarDayEntry, NationalYearCalendar, ProvinceCalendar, OfficeCalendar } from './schema';
export { workingCalendar, UnknownOffice, CalendarOutOfRange } from './workingCalendar';
export type { WorkingCalendar, DayStatus, CalendarLayer, Session } from './workingCalendar';
export { practiceDaysOff, practiceTetDays, statutoryDaysOff, statutoryHolidayDates } from './statutoryHolidays';
export { lunarNewYear, hungKingsDay, solarToLunar, lunarToSolar, leapMonthOf } from './lunar';
export { formatInstant, parseInstant } from './localTime';

/** Where to find the calendar: the office (and its directory) and, in tests or tools, other calendar data. */
export interface CalendarScope {
  directory: OfficeDirectory;
  office?: string;
  /** Defaults to the data bundled from config/calendars. */
  calendars?: CalendarData;
}

export function calendarFor(scope: CalendarScope): WorkingCalendar {
  const args = { data: scope.calendars ?? bundledCalendarData(), directory: scope.directory };
  return workingCalendar(scope.office === undefined ? args : { ...args, office: scope.office });
}

type Pauses = ReadonlyArray<{ from: Date; to?: Date }>;

function pausesOf(pauses: Pauses | undefined): clock.Pause[] {
  return (pauses ?? []).map((p) => (p.to === undefined ? { from: p.from.getTime() } : { from: p.from.getTime(), to: p.to.getTime() }));
}

/** Whether the office is open at an instant. */
export function isWorkingTime(scope: CalendarScope, at: Date): boolean {
  return clock.isWorkingTime(calendarFor(scope), at.getTime());
}

/** The first instant at or after `at` at which the office is open. */
export function nextOpening(scope: CalendarScope, at: Date): Date {
  return new Date(clock.nextOpening(calendarFor(scope), at.getTime()));
}

/** The instant at which `minutes` of working time have run from `start` (pauses excluded). */
export function addWorkingTime(scope: CalendarScope, start: Date, minutes: number, pauses?: Pauses): Date {
  return new Date(clock.addWorkingTime(calendarFor(scope), start.getTime(), minutes, pausesOf(pauses)));
}

/** Working minutes from `from` to `to` (negative if `to` is earlier), pauses excluded. */
export function workingTimeBetween(scope: CalendarScope, from: Date, to: Date, pauses?: Pauses): number {
  return clock.workingTimeBetween(calendarFor(scope), from.getTime(), to.getTime(), pausesOf(pauses));
}

/** The deadline of a procedure step: N working days (or hours) from receipt, counted by the rule named. */
export function deadlineFor(args: {
  receivedAt: Date;
  workingDays?: number;
  workingHours?: number;
  /** `legal` for statutory limits, `working-hours` (the default) for the agency's own commitments. */
  counting?: CountingRule;
  office: string;
  directory: OfficeDirectory;
  afterCutoff?: string;
  pauses?: Pauses;
  calendars?: CalendarData;
}): Deadline {
  const { office, directory, calendars, ...request } = args;
  return computeDeadline(calendarFor({ directory, office, ...(calendars ? { calendars } : {}) }), request);
}

/** The ISO instant at which a fraction (e.g. 0.75) of a deadline's working time has run: when to warn. */
export function warningPoint(deadline: Deadline, fraction: number, directory: OfficeDirectory, office: string, calendars?: CalendarData): string {
  return warningInstant(calendarFor({ directory, office, ...(calendars ? { calendars } : {}) }), deadline, fraction);
}

/**
 * Computes a stored deadline again on today's calendar (optionally with new pauses, e.g. when the requester
 * answered). Returns the new value and whether it moved; the stored deadline is not changed.
 */
export function recomputeDeadline(
  previous: Deadline,
  args: { directory: OfficeDirectory; pauses?: Pauses; calendars?: CalendarData },
): Recomputed {
  const calendar = calendarFor({ directory: args.directory, ...(previous.office ? { office: previous.office } : {}), ...(args.calendars ? { calendars: args.calendars } : {}) });
  return recompute(calendar, previous, args.pauses);
}

/**
 * Whether something done at `at` met a stored deadline, and how late (or how early) in working minutes:
 * THE definition of on time (see `timeliness` in ./deadline.ts). The workflow, the case view, the exports
 * and the report all call this; none compares instants itself. `office` is the case's, used when the
 * stored deadline does not name one.
 */
export function checkTimeliness(deadline: StoredDeadline, at: Date, args: { directory: OfficeDirectory; office?: string; calendars?: CalendarData }): Timeliness {
  const office = typeof deadline.office === 'string' ? deadline.office : args.office;
  const calendar = calendarFor({ directory: args.directory, ...(office ? { office } : {}), ...(args.calendars ? { calendars: args.calendars } : {}) });
  return timeliness(calendar, deadline, at);
}

/** ISO 8601 with +07:00 for a Date. */
export function toVietnamTime(at: Date): string {
  return formatInstant(at.getTime());
}
