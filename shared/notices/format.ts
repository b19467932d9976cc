import { toVietnamIso, vietnameseDateTime } from '../time/vietnam-time';
import type { Instant } from './common';

/** An instant as a Date, refusing text that is not one: a notice must never print "NaN". */
export function instantOf(value: Instant): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not an instant: ${String(value)}`);
  return date;
}

/** "HH:MM ngày dd/mm/yyyy" in Vietnam time: how every notice states a deadline or a time. */
export const at = (value: Instant) => vietnameseDateTime(instantOf(value));

/** The parts of an instant on the Vietnamese wall clock (UTC+7). */
export function vietnamParts(value: Instant): { year: string; month: string; day: string; hour: string; minute: string; weekday: number } {
  const iso = toVietnamIso(instantOf(value));
  const [year, month, day, hour, minute] = [iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10), iso.slice(11, 13), iso.slice(14, 16)];
  return { year, month, day, hour, minute, weekday: new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))).getUTCDay() };
}

/** "dd/mm/yyyy" in Vietnam time. */
export function dayOf(value: Instant): string {
  const p = vietnamParts(value);
  return `${p.day}/${p.month}/${p.year}`;
}

/** "HH:MM" in Vietnam time. */
export function clockOf(value: Instant): string {
  const p = vietnamParts(value);
  return `${p.hour}:${p.minute}`;
}

const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'] as const;

/** "Thứ Hai" ... "Chủ nhật", the day of the week in Vietnam. */
export const weekdayOf = (value: Instant) => WEEKDAYS[vietnamParts(value).weekday]!;

/** An appointment at the one-stop desk: a half-day session of the office, with the window the requester is received in. */
export interface AppointmentSlot {
  start: Instant;
  end: Instant;
  /** The session's name in the office directory: "sáng", "chiều". */
  session: string;
}

/** "buổi sáng Thứ Hai, từ 08:00 đến 11:30 ngày 30/11/2026". */
export function slotText(slot: AppointmentSlot): string {
  const start = instantOf(slot.start);
  const end = instantOf(slot.end);
  if (end <= start) throw new RangeError(`an appointment must end after it starts (${toVietnamIso(start)} .. ${toVietnamIso(end)})`);
  return `buổi ${slot.session.trim()} ${weekdayOf(start)}, từ ${clockOf(start)} đến ${at(end)}`;
}

/** Working time as people say it: "45 phút", "3 giờ", "1 giờ 30 phút". */
export function workingDuration(minutes: number): string {
  const whole = Math.max(0, Math.round(minutes));
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  if (hours === 0) return `${rest} phút`;
  return rest === 0 ? `${hours} giờ` : `${hours} giờ ${rest} phút`;
}

/** A numbered list, indented as the other notices indent theirs. */
export const numbered = (items: readonly string[]) => items.map((item, i) => `  ${i + 1}. ${item}`);

/** Trimmed, non-empty items; a notice that must list something and has nothing to list is a bug upstream. */
export function requireItems(items: readonly string[], what: string): string[] {
  const cleaned = items.map((item) => item.trim()).filter(Boolean);
  if (cleaned.length === 0) throw new RangeError(`${what}: the list is empty`);
  return cleaned;
}

/** A file name safe in a MIME header and on any disk: the decision number "15/QĐ-THADS" becomes "15-QĐ-THADS". */
export const fileSafe = (text: string) => text.replace(/[\\/:*?"<>|]+/g, '-').replace(/\s+/g, ' ').trim();
