import { createHash } from 'node:crypto';
import { officeByCode, officeHours, type OfficeDirectory } from '../offices/directory';
import type { CalendarData } from './calendarData';
import { isWeekend, parseClockTime, weekdayName, yearOf, type LocalDate } from './localTime';
import { FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR } from './lunar';
import { datesOf, type CalendarDayEntry } from './schema';
import { LABOUR_CODE_DATE, practiceDaysOff, TET_PRACTICE_SOURCE } from './statutoryHolidays';

/**
 * One office's working calendar: its daily sessions and, for each day, whether it works and why.
 * Layers apply in order, each overriding the one before for the days it names:
 *   weekly rest (Saturday, Sunday) → national (the official schedule of the year, or, for a year without
 *   one, a provisional default: the Labour Code's holidays with Tết as recent practice sets it) → province → office.
 */

export type CalendarLayer = 'weekly' | 'national' | 'national-default' | 'province' | 'office';

export interface DayStatus {
  date: LocalDate;
  working: boolean;
  reason: string;
  layer: CalendarLayer;
  /** The document that decided it, "number (date)". */
  source?: string;
  verify?: boolean;
  /** The day's status is a forecast: its year has no official national schedule yet. */
  provisional?: boolean;
}

/** A working session of a day, in minutes after local midnight. */
export interface Session {
  from: number;
  to: number;
}

export interface WorkingCalendar {
  /** Undefined for the agency's default hours and the national calendar only. */
  readonly office?: string;
  readonly province?: string;
  readonly sessions: readonly Session[];
  readonly minutesPerDay: number;
  dayStatus(date: LocalDate): DayStatus;
  /** The days of a year that some layer names (holidays, compensations, make-up days, closures), in date order. */
  declaredDays(year: number): DayStatus[];
  /** Whether a year has no official national schedule, so its days off are a forecast. */
  isProvisional(year: number): boolean;
  /** A short, stable identifier of everything that decides working time in these years. */
  versionFor(years: readonly number[]): string;
}

export class UnknownOffice extends Error {
  override readonly name = 'UnknownOffice';
}

export class CalendarOutOfRange extends RangeError {
  override readonly name = 'CalendarOutOfRange';
}

/** Bump when the meaning of the calendar changes in code (not data), so versions computed before differ. */
const CALENDAR_RULES = 'motcua-calendar/1';

function sourceText(entry: CalendarDayEntry): string {
  return entry.source.date ? `${entry.source.document} (${entry.source.date})` : entry.source.document;
}

function layerDays(entries: readonly CalendarDayEntry[], layer: CalendarLayer, year: number): DayStatus[] {
  return entries.flatMap((entry) =>
    datesOf(entry)
      .filter((date) => yearOf(date) === year)
      .map((date) => ({
        date,
        working: entry.kind === 'working',
        reason: entry.reason,
        layer,
        source: sourceText(entry),
        ...(entry.verify ? { verify: true } : {}),
      })),
  );
}

function sessionsOf(directory: OfficeDirectory, code: string | undefined): Session[] {
  const office = code === undefined ? undefined : officeByCode(directory, code);
  const hours = office ? officeHours(directory, office) : directory.defaultOfficeHours;
  const sessions = hours
    .map((s) => ({ from: parseClockTime(s.from) ?? NaN, to: parseClockTime(s.to) ?? NaN }))
    .sort((a, b) => a.from - b.from);
  sessions.forEach((s, i) => {
    const previous = sessions[i - 1];
    if (!(s.from < s.to) || (previous && previous.to > s.from)) {
      throw new RangeError(`office hours of ${code ?? 'the agency'} overlap or are not HH:MM ranges`);
    }
  });
  return sessions;
}

export function workingCalendar(args: { data: CalendarData; directory: OfficeDirectory; office?: string }): WorkingCalendar {
  const { data, directory } = args;
  const office = args.office === undefined ? undefined : officeByCode(directory, args.office);
  if (args.office !== undefined && !office) {
    const known = directory.offices.map((o) => o.code).join(', ');
    throw new UnknownOffice(`unknown office ${args.office} (known: ${known})`);
  }
  const sessions = sessionsOf(directory, office?.code);
  const minutesPerDay = sessions.reduce((sum, s) => sum + s.to - s.from, 0);
  const province = office?.province;
  const byYear = new Map<number, Map<LocalDate, DayStatus>>();

  function declared(year: number): Map<LocalDate, DayStatus> {
    if (year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
      throw new CalendarOutOfRange(`year ${year} is outside ${FIRST_SUPPORTED_YEAR}-${LAST_SUPPORTED_YEAR}, the years the calendar covers`);
    }
    const cached = byYear.get(year);
    if (cached) return cached;
    const official = data.national.get(year);
    const national: DayStatus[] = official
      ? layerDays(official.days, 'national', year)
      : practiceDaysOff(year).map((d) => ({
          date: d.date,
          working: false,
          reason: d.reason,
          layer: 'national-default' as const,
          source: d.source === TET_PRACTICE_SOURCE ? d.source : `${d.source} (${LABOUR_CODE_DATE})`,
          provisional: true,
        }));
    const provincial = province === undefined ? [] : layerDays(data.provinces.get(province)?.days ?? [], 'province', year);
    const own = office === undefined ? [] : layerDays(data.offices.get(office.code)?.days ?? [], 'office', year);
    const days = new Map<LocalDate, DayStatus>();
    for (const day of [...national, ...provincial, ...own]) days.set(day.date, day); // later layers win
    const sorted = new Map([...days.entries()].sort(([a], [b]) => a.localeCompare(b)));
    byYear.set(year, sorted);
    return sorted;
  }

  return {
    ...(office ? { office: office.code, province: office.province } : {}),
    sessions,
    minutesPerDay,
    dayStatus(date) {
      const day = declared(yearOf(date)).get(date);
      if (day) return day;
      const provisional = data.national.has(yearOf(date)) ? {} : { provisional: true };
      return isWeekend(date)
        ? { date, working: false, reason: `${weekdayName(date)} (nghỉ hằng tuần, weekly rest day)`, layer: 'weekly', ...provisional }
        : { date, working: true, reason: 'ngày làm việc (working day)', layer: 'weekly', ...provisional };
    },
    isProvisional(year) {
      return !data.national.has(year);
    },
    declaredDays(year) {
      return [...declared(year).values()];
    },
    versionFor(years) {
      const sortedYears = [...new Set(years)].sort((a, b) => a - b);
      const content = {
        rules: CALENDAR_RULES,
        sessions,
        years: sortedYears.map((year) => ({
          year,
          days: [...declared(year).values()].map((d) => [d.date, d.working, d.layer, d.reason, d.source ?? '']),
        })),
      };
      const hash = createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16);
      const first = sortedYears[0];
      const last = sortedYears[sortedYears.length - 1];
      const span = first === last ? String(first) : `${first}-${last}`;
      return `cal:${span}:${hash}`;
    },
  };
}
