import { addDays, instantAt, localDateOf, MS_PER_MINUTE, type LocalDate } from './localTime';
import type { WorkingCalendar } from './workingCalendar';

/**
 * Working-time arithmetic on a working calendar. Instants are epoch milliseconds; durations are in
 * minutes of working time (fractions allowed, counted to the millisecond).
 *
 * A clock runs only during the office's sessions on working days, and not while it is paused.
 */

/** A period in which the clock does not run (waiting for the requester). An open pause has no `to`. */
export interface Pause {
  from: number;
  to?: number;
}

interface Interval {
  start: number;
  end: number;
}

/** The sessions of the working days from an instant on, the first one clipped to start at it. */
function* sessionIntervals(calendar: WorkingCalendar, from: number): Generator<Interval> {
  for (let date: LocalDate = localDateOf(from); ; date = addDays(date, 1)) {
    if (!calendar.dayStatus(date).working) continue; // dayStatus throws past the supported years
    for (const session of calendar.sessions) {
      const start = instantAt(date, session.from);
      const end = instantAt(date, session.to);
      if (end > from) yield { start: Math.max(start, from), end };
    }
  }
}

/** Pauses as sorted, merged intervals; an open pause runs to infinity. */
export function normalisePauses(pauses: readonly Pause[]): Interval[] {
  const sorted = pauses
    .map((p) => ({ start: p.from, end: p.to ?? Infinity }))
    .filter((p) => p.end > p.start)
    .sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const pause of sorted) {
    const last = merged[merged.length - 1];
    if (last && pause.start <= last.end) last.end = Math.max(last.end, pause.end);
    else merged.push({ ...pause });
  }
  return merged;
}

/** The stretches in which the clock runs, from an instant on: sessions minus pauses. Ends at an open pause. */
function* runningIntervals(calendar: WorkingCalendar, from: number, pauses: readonly Pause[]): Generator<Interval> {
  const stops = normalisePauses(pauses);
  for (const interval of sessionIntervals(calendar, from)) {
    let start = interval.start;
    for (const stop of stops) {
      if (stop.end <= start || stop.start >= interval.end) continue;
      if (stop.start > start) yield { start, end: stop.start };
      start = Math.max(start, stop.end);
      if (start >= interval.end) break;
    }
    if (start === Infinity) return; // an open pause: the clock never runs again
    if (start < interval.end) yield { start, end: interval.end };
  }
}

/** Whether the office is open at an instant: a working day, inside one of its sessions. */
export function isWorkingTime(calendar: WorkingCalendar, at: number): boolean {
  const date = localDateOf(at);
  if (!calendar.dayStatus(date).working) return false;
  return calendar.sessions.some((s) => instantAt(date, s.from) <= at && at < instantAt(date, s.to));
}

/** The first instant at or after `at` that is working time (`at` itself when the office is open). */
export function nextOpening(calendar: WorkingCalendar, at: number): number {
  const first = sessionIntervals(calendar, at).next();
  if (first.done) throw new RangeError('no working time after this instant');
  return first.value.start;
}

/**
 * The instant at which `minutes` of working time have run from `start`. It is always inside working time
 * or exactly at the end of a session (a deadline "at 17:00"), never at the next morning's opening.
 * Adding zero minutes returns `start` unchanged.
 */
export function addWorkingTime(calendar: WorkingCalendar, start: number, minutes: number, pauses: readonly Pause[] = []): number {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`working time must be a non-negative number of minutes, got ${minutes}`);
  let remaining = Math.round(minutes * MS_PER_MINUTE);
  if (remaining === 0) return start;
  for (const interval of runningIntervals(calendar, start, pauses)) {
    const length = interval.end - interval.start;
    if (remaining <= length) return interval.start + remaining;
    remaining -= length;
  }
  throw new RangeError('the clock is paused with no end, so no working time can be added');
}

/**
 * Working time from `from` to `to`, in minutes; negative when `to` is before `from`. Used for
 * "how much is left" and "how late": positive means `to` comes that much working time after `from`.
 */
export function workingTimeBetween(calendar: WorkingCalendar, from: number, to: number, pauses: readonly Pause[] = []): number {
  if (to < from) return -workingTimeBetween(calendar, to, from, pauses);
  let total = 0;
  for (const interval of runningIntervals(calendar, from, pauses)) {
    if (interval.start >= to) break;
    total += Math.min(interval.end, to) - interval.start;
  }
  return total / MS_PER_MINUTE;
}
