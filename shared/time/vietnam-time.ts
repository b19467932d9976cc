import { formatInstant } from '../calendar/localTime';

/** Vietnam keeps UTC+7 all year (no daylight saving), so local time is a fixed shift. */
const OFFSET_MS = 7 * 60 * 60 * 1000;

/** ISO 8601 in Vietnam time, e.g. 2026-02-13T16:30:00+07:00 (milliseconds when there are some): as deadlines print. */
export const toVietnamIso = (instant: Date): string => formatInstant(instant.getTime());

/** "YYYY-MM" of the instant in Vietnam time: the month an event belongs to in reports. */
export const vietnamMonth = (instant: Date) => new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 7);

export const vietnamYear = (instant: Date) => new Date(instant.getTime() + OFFSET_MS).getUTCFullYear();

/** "dd/mm/yyyy lúc HH:MM", as Vietnamese letters write a date and time. */
export function vietnameseDateTime(instant: Date): string {
  const t = new Date(instant.getTime() + OFFSET_MS).toISOString();
  return `${t.slice(11, 16)} ngày ${t.slice(8, 10)}/${t.slice(5, 7)}/${t.slice(0, 4)}`;
}
