/**
 * Local time in Asia/Ho_Chi_Minh. Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed
 * offset is exact for every instant the system deals with, and needs no time-zone database.
 * Instants are handled as epoch milliseconds; calendar days as 'YYYY-MM-DD' strings.
 */

export const VIETNAM_UTC_OFFSET = '+07:00';
const OFFSET_MS = 7 * 60 * 60 * 1000;
export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

/** A calendar day in Vietnam, 'YYYY-MM-DD'. */
export type LocalDate = string;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLocalDate(text: string): boolean {
  const match = LOCAL_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** Days since 1970-01-01 of a local date (the local day count, not UTC). */
export function dayIndexOf(date: LocalDate): number {
  const match = LOCAL_DATE.exec(date);
  if (!match) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY;
}

export function localDateOfDayIndex(dayIndex: number): LocalDate {
  return new Date(dayIndex * MS_PER_DAY).toISOString().slice(0, 10);
}

export function localDateOf(instant: number): LocalDate {
  return new Date(instant + OFFSET_MS).toISOString().slice(0, 10);
}

export function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4));
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return localDateOfDayIndex(dayIndexOf(date) + days);
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekdayOf(date: LocalDate): number {
  return new Date(dayIndexOf(date) * MS_PER_DAY).getUTCDay();
}

export function isWeekend(date: LocalDate): boolean {
  const weekday = weekdayOf(date);
  return weekday === 0 || weekday === 6;
}

const WEEKDAY_NAMES = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'] as const;
const WEEKDAY_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** The Vietnamese weekday name, as it appears in official notices ("Thứ Bảy"). */
export function weekdayName(date: LocalDate): string {
  return WEEKDAY_NAMES[weekdayOf(date)] ?? '';
}

export function weekdayShortName(date: LocalDate): string {
  return WEEKDAY_SHORT[weekdayOf(date)] ?? '';
}

/** The instant at a number of minutes after local midnight of a day (minutes may reach 1440). */
export function instantAt(date: LocalDate, minuteOfDay: number): number {
  return dayIndexOf(date) * MS_PER_DAY + minuteOfDay * MS_PER_MINUTE - OFFSET_MS;
}

/** Milliseconds since local midnight. */
export function msIntoLocalDay(instant: number): number {
  const local = instant + OFFSET_MS;
  return local - Math.floor(local / MS_PER_DAY) * MS_PER_DAY;
}

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of an 'HH:MM' clock time, or undefined if it is not one. */
export function parseClockTime(text: string): number | undefined {
  const match = CLOCK_TIME.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

export function formatClockTime(minuteOfDay: number): string {
  const hours = Math.floor(minuteOfDay / 60);
  const minutes = minuteOfDay % 60;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** ISO 8601 in Vietnam's offset, e.g. 2026-02-23T16:30:00+07:00 (milliseconds only when not zero). */
export function formatInstant(instant: number): string {
  const local = new Date(instant + OFFSET_MS).toISOString(); // 2026-02-23T16:30:00.000Z, shifted
  const withoutZone = local.endsWith('.000Z') ? local.slice(0, 19) : local.slice(0, 23);
  return `${withoutZone}${VIETNAM_UTC_OFFSET}`;
}

const ISO_DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Parses an ISO 8601 date-time. Without an offset the time is read as Vietnam's local time, which is
 * what an officer typing a receipt time means. Returns undefined for anything else, including
 * impossible dates (2026-02-30) that `Date.parse` would silently roll over.
 */
export function parseInstant(text: string): number | undefined {
  const match = ISO_DATE_TIME.exec(text.trim());
  if (!match) return undefined;
  const [, date = '', hh = '', mm = '', ss = '0', fraction = '0', zone = VIETNAM_UTC_OFFSET] = match;
  if (!isLocalDate(date)) return undefined;
  const hours = Number(hh);
  const minutes = Number(mm);
  const seconds = Number(ss);
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const offsetMinutes = zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const ms = Number(fraction.padEnd(3, '0'));
  return dayIndexOf(date) * MS_PER_DAY + ((hours * 60 + minutes - offsetMinutes) * 60 + seconds) * 1000 + ms;
}
