/**
 * The Vietnamese lunisolar calendar (âm lịch), computed astronomically.
 *
 * This is Hồ Ngọc Đức's algorithm ("Âm lịch Việt Nam", https://www.informatik.uni-leipzig.de/~duc/amlich/),
 * which uses Jean Meeus' formulas ("Astronomical Algorithms", 1998) for the new moons and the sun's
 * longitude. The calendar is computed for UTC+7, the time zone Vietnam has used for its calendar since
 * 1967/1968: a new moon that falls between 23:00 and 24:00 Beijing time starts a month one day later in
 * China than in Vietnam, which is why Tết differs in some years (1968, 1985, 2007). Chinese-calendar
 * packages compute for UTC+8 and must not be used here.
 *
 * Dates are handled as Julian day numbers (whole days, Gregorian calendar); `Math.floor` is the
 * algorithm's INT.
 */

/** Vietnam's calendar time zone, in hours from UTC. */
export const VIETNAM_CALENDAR_TIME_ZONE = 7;

/** Years over which the calendar has been checked against published dates. */
export const FIRST_SUPPORTED_YEAR = 1900;
export const LAST_SUPPORTED_YEAR = 2100;

export interface SolarDate {
  year: number;
  month: number; // 1-12
  day: number;
}

export interface LunarDate {
  /** The lunar year, named by the solar year in which its month 1 begins. */
  year: number;
  month: number; // 1-12
  day: number; // 1-30
  /** A leap month (tháng nhuận) repeats the number of the month before it. */
  leap: boolean;
}

const floor = Math.floor;
const degrees = Math.PI / 180;

export function julianDayNumber({ year, month, day }: SolarDate): number {
  const a = floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  return day + floor((153 * m + 2) / 5) + 365 * y + floor(y / 4) - floor(y / 100) + floor(y / 400) - 32045;
}

export function solarDateOf(julianDay: number): SolarDate {
  const a = julianDay + 32044;
  const b = floor((4 * a + 3) / 146097);
  const c = a - floor((b * 146097) / 4);
  const d = floor((4 * c + 3) / 1461);
  const e = c - floor((1461 * d) / 4);
  const m = floor((5 * e + 2) / 153);
  return {
    day: e - floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * floor(m / 10),
    year: b * 100 + d - 4800 + floor(m / 10),
  };
}

/** The instant (Julian date, UTC) of the k-th new moon after the one of 1900-01-01 (Meeus, ch. 49, abridged). */
function newMoon(k: number): number {
  const T = k / 1236.85; // Julian centuries from 1900 January 0.5
  const T2 = T * T;
  const T3 = T2 * T;
  let jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * degrees);
  const sunAnomaly = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const moonAnomaly = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const moonLatitude = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  const M = sunAnomaly * degrees;
  const Mpr = moonAnomaly * degrees;
  const F = moonLatitude * degrees;
  let correction = (0.1734 - 0.000393 * T) * Math.sin(M) + 0.0021 * Math.sin(2 * M);
  correction += -0.4068 * Math.sin(Mpr) + 0.0161 * Math.sin(2 * Mpr) - 0.0004 * Math.sin(3 * Mpr);
  correction += 0.0104 * Math.sin(2 * F) - 0.0051 * Math.sin(M + Mpr) - 0.0074 * Math.sin(M - Mpr);
  correction += 0.0004 * Math.sin(2 * F + M) - 0.0004 * Math.sin(2 * F - M) - 0.0006 * Math.sin(2 * F + Mpr);
  correction += 0.001 * Math.sin(2 * F - Mpr) + 0.0005 * Math.sin(2 * Mpr + M);
  // ΔT: terrestrial time minus universal time, in days.
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd + correction - deltaT;
}

/** The sun's apparent longitude, in radians in [0, 2π), at a Julian date (Meeus, ch. 25, low precision). */
function sunLongitude(julianDate: number): number {
  const T = (julianDate - 2451545.0) / 36525; // Julian centuries from J2000.0
  const T2 = T * T;
  const meanAnomaly = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const meanLongitude = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let centre = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(degrees * meanAnomaly);
  centre += (0.019993 - 0.000101 * T) * Math.sin(degrees * 2 * meanAnomaly) + 0.00029 * Math.sin(degrees * 3 * meanAnomaly);
  const longitude = (meanLongitude + centre) * degrees;
  return longitude - 2 * Math.PI * floor(longitude / (2 * Math.PI));
}

/** Which 30° sector (0-11) the sun is in at local midnight starting a day; sector 9 holds the winter solstice. */
function sunSectorAtLocalMidnight(julianDay: number, timeZone: number): number {
  return floor((sunLongitude(julianDay - 0.5 - timeZone / 24) / Math.PI) * 6);
}

/** The local day on which the k-th new moon falls. */
function newMoonDay(k: number, timeZone: number): number {
  return floor(newMoon(k) + 0.5 + timeZone / 24);
}

/** The day month 11 begins in the given solar year: the month that contains the winter solstice. */
function lunarMonth11Start(year: number, timeZone: number): number {
  const k = floor((julianDayNumber({ year, month: 12, day: 31 }) - 2415021) / 29.530588853);
  const candidate = newMoonDay(k, timeZone);
  return sunSectorAtLocalMidnight(candidate, timeZone) >= 9 ? newMoonDay(k - 1, timeZone) : candidate;
}

/** In a year of 13 months, how many months after month 11 the leap month comes: the first month with no major solar term. */
function leapMonthOffset(month11Start: number, timeZone: number): number {
  const k = floor((month11Start - 2415021.076998695) / 29.530588853 + 0.5);
  let i = 1;
  let sector = sunSectorAtLocalMidnight(newMoonDay(k + i, timeZone), timeZone);
  let previous: number;
  do {
    previous = sector;
    i++;
    sector = sunSectorAtLocalMidnight(newMoonDay(k + i, timeZone), timeZone);
  } while (sector !== previous && i < 14);
  return i - 1;
}

function assertSupported(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_YEAR - 1 || year > LAST_SUPPORTED_YEAR + 1) {
    throw new RangeError(`year ${year} is outside ${FIRST_SUPPORTED_YEAR}-${LAST_SUPPORTED_YEAR}, the range the lunar calendar is checked for`);
  }
}

export function solarToLunar(date: SolarDate, timeZone = VIETNAM_CALENDAR_TIME_ZONE): LunarDate {
  assertSupported(date.year);
  const dayNumber = julianDayNumber(date);
  // The estimate of the lunation can be one off near a new moon at about midnight (7 May 2054, 9 April 2062):
  // step to the last new moon on or before the day.
  let k = floor((dayNumber - 2415021.076998695) / 29.530588853) + 1;
  while (newMoonDay(k, timeZone) > dayNumber) k -= 1;
  while (newMoonDay(k + 1, timeZone) <= dayNumber) k += 1;
  const monthStart = newMoonDay(k, timeZone);

  let a11 = lunarMonth11Start(date.year, timeZone);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = date.year;
    a11 = lunarMonth11Start(date.year - 1, timeZone);
  } else {
    lunarYear = date.year + 1;
    b11 = lunarMonth11Start(date.year + 1, timeZone);
  }
  const monthsSince11 = floor((monthStart - a11) / 29);
  let month = monthsSince11 + 11;
  let leap = false;
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11, timeZone);
    if (monthsSince11 >= leapOffset) {
      month = monthsSince11 + 10;
      leap = monthsSince11 === leapOffset;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && monthsSince11 < 4) lunarYear -= 1;
  return { year: lunarYear, month, day: dayNumber - monthStart + 1, leap };
}

/** The solar date of a lunar date; throws if the lunar date does not exist (a leap month the year does not have). */
export function lunarToSolar(date: LunarDate, timeZone = VIETNAM_CALENDAR_TIME_ZONE): SolarDate {
  assertSupported(date.year);
  const [a11, b11] =
    date.month < 11
      ? [lunarMonth11Start(date.year - 1, timeZone), lunarMonth11Start(date.year, timeZone)]
      : [lunarMonth11Start(date.year, timeZone), lunarMonth11Start(date.year + 1, timeZone)];
  const k = floor(0.5 + (a11 - 2415021.076998695) / 29.530588853);
  let offset = date.month - 11;
  if (offset < 0) offset += 12;
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11, timeZone);
    if (date.leap && date.month !== repeatedMonth(leapOffset)) {
      throw new RangeError(`lunar year ${date.year} has no leap month ${date.month}`);
    }
    if (date.leap || offset >= leapOffset) offset += 1;
  } else if (date.leap) {
    throw new RangeError(`lunar year ${date.year} has no leap month`);
  }
  return solarDateOf(newMoonDay(k + offset, timeZone) + date.day - 1);
}

/** The month number a leap month repeats, from its position after month 11 (1 repeats 11, 2 repeats 12, 3 repeats 1, ...). */
function repeatedMonth(leapOffset: number): number {
  return ((leapOffset + 9) % 12) + 1;
}

/** The leap month of a lunar year (the number it repeats), or undefined in a year with no leap month. */
export function leapMonthOf(lunarYear: number, timeZone = VIETNAM_CALENDAR_TIME_ZONE): number | undefined {
  assertSupported(lunarYear);
  // Months 1-10 of the year lie between month 11 of the previous solar year and month 11 of this one;
  // months 11 and 12 lie after month 11 of this solar year.
  const before = lunarMonth11Start(lunarYear - 1, timeZone);
  const at = lunarMonth11Start(lunarYear, timeZone);
  if (at - before > 365) {
    const offset = leapMonthOffset(before, timeZone);
    if (offset >= 3) return repeatedMonth(offset);
  }
  const after = lunarMonth11Start(lunarYear + 1, timeZone);
  if (after - at > 365) {
    const offset = leapMonthOffset(at, timeZone);
    if (offset <= 2) return repeatedMonth(offset);
  }
  return undefined;
}

/** Tết Nguyên đán: day 1 of month 1 of the lunar year that begins in the given solar year. */
export function lunarNewYear(year: number, timeZone = VIETNAM_CALENDAR_TIME_ZONE): SolarDate {
  return lunarToSolar({ year, month: 1, day: 1, leap: false }, timeZone);
}

/** Giỗ Tổ Hùng Vương: day 10 of month 3 of the lunar year that begins in the given solar year. */
export function hungKingsDay(year: number, timeZone = VIETNAM_CALENDAR_TIME_ZONE): SolarDate {
  return lunarToSolar({ year, month: 3, day: 10, leap: false }, timeZone);
}
