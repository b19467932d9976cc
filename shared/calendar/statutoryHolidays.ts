import { hungKingsDay, lunarNewYear, type SolarDate } from './lunar';
import { addDays, isWeekend, weekdayName, weekdayOf, type LocalDate } from './localTime';

/**
 * The default national holidays of a year that has no official schedule file: the Labour Code 2019
 * (Bộ luật Lao động số 45/2019/QH14), art. 112(1), with the compensation of art. 111(3).
 *
 * Art. 112(3) leaves the exact Tết days and the day adjacent to National Day to the Prime Minister each
 * year, and the government also swaps days around weekends; those decisions belong in
 * config/calendars/national/<year>.json, which replaces this rule for its year. The defaults here are:
 *  - Tết Âm lịch (5 days): the last day of the lunar year and days 1-4 of lunar month 1.
 *  - Quốc khánh (2 days): 2 September and 1 September, except when 2 September is a Thursday, when the
 *    adjacent day is Friday 3 September so the break joins the weekend (as the Prime Minister chose in 2021;
 *    in 2022-2025 the chosen day was 1 September, or a compensating day after a weekend).
 *  - A holiday that falls on a Saturday or Sunday (civil servants' weekly rest days) is compensated by
 *    the next working day that is not itself a holiday (art. 111(3): "được nghỉ bù ... vào ngày làm việc kế tiếp").
 * This is the current law applied to any year; it is not a record of the holidays of years before 2021.
 */

const LABOUR_CODE = 'Bộ luật Lao động số 45/2019/QH14';
/** The date the Labour Code 2019 was passed. */
export const LABOUR_CODE_DATE = '2019-11-20';
const HOLIDAYS_ARTICLE = `${LABOUR_CODE}, Điều 112 khoản 1`;
const COMPENSATION_ARTICLE = `${LABOUR_CODE}, Điều 111 khoản 3`;

export interface StatutoryDay {
  date: LocalDate;
  reason: string;
  /** The article the day comes from. */
  source: string;
}

function isoOf({ year, month, day }: SolarDate): LocalDate {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function formatDayMonth(date: LocalDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}`;
}

/** The statutory holidays themselves, before compensation, in date order. */
export function statutoryHolidayDates(year: number): StatutoryDay[] {
  const tet = isoOf(lunarNewYear(year));
  const nationalDay = `${year}-09-02`;
  const adjacent = weekdayOf(nationalDay) === 4 ? `${year}-09-03` : `${year}-09-01`;
  const days: Array<Omit<StatutoryDay, 'source'>> = [
    { date: `${year}-01-01`, reason: 'Tết Dương lịch (New Year’s Day)' },
    { date: addDays(tet, -1), reason: 'Tết Âm lịch: ngày cuối năm âm lịch (Lunar New Year’s Eve)' },
    ...[1, 2, 3, 4].map((n, i) => ({ date: addDays(tet, i), reason: `Tết Âm lịch: mùng ${n} tháng Giêng (Lunar New Year, day ${n})` })),
    { date: isoOf(hungKingsDay(year)), reason: 'Giỗ Tổ Hùng Vương, 10/3 âm lịch (Hùng Kings’ Commemoration Day)' },
    { date: `${year}-04-30`, reason: 'Ngày Chiến thắng 30/4 (Reunification Day)' },
    { date: `${year}-05-01`, reason: 'Ngày Quốc tế Lao động 1/5 (International Labour Day)' },
    { date: nationalDay, reason: 'Quốc khánh 2/9 (National Day)' },
    { date: adjacent, reason: 'Quốc khánh: ngày liền kề 2/9 (National Day, adjacent day)' },
  ];
  return days.map((day) => ({ ...day, source: HOLIDAYS_ARTICLE })).sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * The statutory holidays of a year and the compensating days: for a holiday on a weekend, and (a default
 * chosen here, by analogy with art. 111(3)) for a holiday that coincides with another one, which happens
 * when the Hùng Kings' day falls on 30 April (1947 in 1900-2100).
 */
export function statutoryDaysOff(year: number): StatutoryDay[] {
  return withCompensations(statutoryHolidayDates(year), []);
}

/** Holidays plus their compensating days; `alsoOff` are days already off (a break) that compensate for nothing. */
function withCompensations(holidays: readonly StatutoryDay[], alsoOff: readonly StatutoryDay[]): StatutoryDay[] {
  const taken = new Set([...holidays, ...alsoOff].map((h) => h.date));
  const kept = new Map<LocalDate, StatutoryDay>();
  const compensations: StatutoryDay[] = [];
  for (const holiday of holidays) {
    const coinciding = kept.get(holiday.date);
    if (!coinciding) kept.set(holiday.date, holiday);
    if (!coinciding && !isWeekend(holiday.date)) continue;
    let date = addDays(holiday.date, 1);
    while (isWeekend(date) || taken.has(date)) date = addDays(date, 1);
    taken.add(date);
    const why = coinciding
      ? `trùng với ${coinciding.reason} ${formatDayMonth(holiday.date)}`
      : `rơi vào ${weekdayName(holiday.date)} ${formatDayMonth(holiday.date)}`;
    compensations.push({ date, reason: `Nghỉ bù cho ${holiday.reason} ${why} (compensating day off)`, source: COMPENSATION_ARTICLE });
  }
  return [...kept.values(), ...alsoOff, ...compensations].sort((a, b) => a.date.localeCompare(b.date));
}

/** Where the practice default comes from: the official Tết breaks of 2023-2026 (see README.md). */
export const TET_PRACTICE_SOURCE =
  'Thông lệ các năm 2023-2026 (5 ngày làm việc và các ngày nghỉ hằng tuần liền kề; năm 2025: Công văn 8726/VPCP-KGVX, năm 2026: Thông báo 9441/TB-BNV)';

/**
 * Tết as the government has set it in recent years (2023: 20-26/1, 2024: 8-14/2, 2025: 25/1-2/2,
 * 2026: 14-22/2): the seven days from the day before New Year's Eve to the 5th of lunar month 1, which
 * are always five weekdays, extended over the Saturday and Sunday that adjoin them. Art. 112(3) leaves the
 * days to the Prime Minister each year, so this is only a forecast for a year without a schedule.
 */
export function practiceTetDays(year: number): StatutoryDay[] {
  const tet = isoOf(lunarNewYear(year));
  let from = addDays(tet, -2);
  let through = addDays(tet, 4);
  while (isWeekend(addDays(from, -1))) from = addDays(from, -1);
  while (isWeekend(addDays(through, 1))) through = addDays(through, 1);
  const days: StatutoryDay[] = [];
  for (let date = from; date <= through; date = addDays(date, 1)) {
    days.push({ date, reason: `Tết Âm lịch, dự kiến theo thông lệ (Lunar New Year break, forecast from recent practice)`, source: TET_PRACTICE_SOURCE });
  }
  return days;
}

/**
 * The days off of a year that has no official schedule, as a forecast: the Labour Code's holidays and
 * compensations (above), except Tết, which follows recent practice (`practiceTetDays`). Every deadline
 * computed over such a year is marked provisional.
 */
export function practiceDaysOff(year: number): StatutoryDay[] {
  const others = statutoryHolidayDates(year).filter((h) => !h.reason.startsWith('Tết Âm lịch'));
  const tet = practiceTetDays(year);
  const tetDates = new Set(tet.map((d) => d.date));
  return withCompensations(others.filter((h) => !tetDates.has(h.date)), tet);
}
