/**
 * A reporting period: a month ("2026-05"), a half year ("2026-H1", "2026-H2"), a year ("2026"), or an
 * explicit range of days. Bounds are instants at midnight Vietnam time (UTC+7): the start is included, the
 * end is not, so a file received at 23:59 on 30 June belongs to the first half and one at 00:00 on 1 July
 * to the second.
 *
 * Half years and years are calendar ones by default. On the administrative basis they are the periods
 * government reports close their figures on: the first half from 15 December of the year before to 14 June,
 * the year from 15 December of the year before to 14 December (ADMINISTRATIVE_PERIOD_SOURCE).
 */

export type PeriodKind = 'month' | 'half-year' | 'year' | 'range';

/** Calendar periods, or the administrative reporting periods (15/12 – 14/6, 15/12 – 14/12). */
export type PeriodBasis = 'calendar' | 'administrative';

export const PERIOD_BASES: readonly PeriodBasis[] = ['calendar', 'administrative'];

/**
 * Where the administrative reporting periods come from. The dates are those government agencies close their
 * periodic reports on; the article is not yet confirmed against the official text.
 */
export const ADMINISTRATIVE_PERIOD_SOURCE = {
  citation: 'Nghị định 09/2019/NĐ-CP ngày 24/01/2019 quy định về chế độ báo cáo của cơ quan hành chính nhà nước, Điều 12: thời gian chốt số liệu báo cáo định kỳ (6 tháng: từ ngày 15/12 năm trước đến ngày 14/6; năm: từ ngày 15/12 năm trước đến ngày 14/12)',
  verify: true,
} as const;

export interface ReportingPeriod {
  kind: PeriodKind;
  /** Calendar half years and years, or the administrative reporting periods. Months and ranges are calendar ones. */
  basis: PeriodBasis;
  /** How the period was asked for: "2026-05", "2026-H1", "2026", "2026-03-01..2026-03-15". */
  key: string;
  /** Midnight (Vietnam time) opening the first day: included. */
  start: Date;
  /** Midnight (Vietnam time) after the last day: excluded. */
  end: Date;
  /** The first and the last day of the period, YYYY-MM-DD in Vietnam time (both included). */
  firstDay: string;
  lastDay: string;
  /** As a report names it: "Tháng 5 năm 2026", "6 tháng đầu năm 2026", "Năm 2026", "Từ ngày … đến ngày …". */
  label: string;
  /** The days it covers, as a report states them: "từ ngày 01/01/2026 đến ngày 30/06/2026". */
  span: string;
}

export class InvalidPeriod extends Error {
  override readonly name = 'InvalidPeriod';
}

const OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Midnight opening a Vietnamese calendar day, as an instant. */
function vietnamMidnight(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day) - OFFSET_MS);
}

/** The Vietnamese calendar day an instant falls on, YYYY-MM-DD. */
function vietnamDay(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

const dayMonthYear = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

function periodOf(kind: PeriodKind, key: string, start: Date, end: Date, label: string, basis: PeriodBasis = 'calendar'): ReportingPeriod {
  const firstDay = vietnamDay(start);
  const lastDay = vietnamDay(new Date(end.getTime() - DAY_MS));
  return { kind, basis, key, start, end, firstDay, lastDay, label, span: `từ ngày ${dayMonthYear(firstDay)} đến ngày ${dayMonthYear(lastDay)}` };
}

/** The administrative reporting period of a year or its first half: from 15 December of the year before. */
function administrativePeriod(kind: 'half-year' | 'year', year: number): ReportingPeriod {
  const start = vietnamMidnight(year - 1, 12, 15);
  const end = kind === 'year' ? vietnamMidnight(year, 12, 15) : vietnamMidnight(year, 6, 15);
  const key = `${kind === 'year' ? year : `${year}-H1`}-administrative`;
  const period = periodOf(kind, key, start, end, '', 'administrative');
  const name = kind === 'year' ? `Năm ${year}` : `6 tháng đầu năm ${year}`;
  return { ...period, label: `${name} (kỳ báo cáo ${period.span})` };
}

/** Years a report can be about: four digits, from the first year of motcua's predecessors to a sane horizon. */
function yearOf(text: string, input: string): number {
  const year = Number(text);
  if (year < 2000 || year > 2100) throw new InvalidPeriod(`"${input}": the year must be between 2000 and 2100`);
  return year;
}

/**
 * Parses "2026-05" (a month), "2026-H1" / "2026-H2" (first or second half year) or "2026" (a year).
 * On the administrative basis, "2026-H1" is 15/12/2025 – 14/06/2026 and "2026" is 15/12/2025 – 14/12/2026;
 * it has no second half year and no months (the source sets none). For a range of days use `periodFromDays`.
 */
export function parsePeriod(input: string, basis: PeriodBasis = 'calendar'): ReportingPeriod {
  const text = input.trim();
  if (basis === 'administrative') return parseAdministrativePeriod(text, input);
  let m = /^(\d{4})$/.exec(text);
  if (m) {
    const year = yearOf(m[1]!, input);
    return periodOf('year', text, vietnamMidnight(year, 1, 1), vietnamMidnight(year + 1, 1, 1), `Năm ${year}`);
  }
  m = /^(\d{4})-[Hh]([12])$/.exec(text);
  if (m) {
    const year = yearOf(m[1]!, input);
    const half = Number(m[2]);
    const startMonth = half === 1 ? 1 : 7;
    const end = half === 1 ? vietnamMidnight(year, 7, 1) : vietnamMidnight(year + 1, 1, 1);
    const label = `6 tháng ${half === 1 ? 'đầu' : 'cuối'} năm ${year}`;
    return periodOf('half-year', `${year}-H${half}`, vietnamMidnight(year, startMonth, 1), end, label);
  }
  m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m) {
    const year = yearOf(m[1]!, input);
    const month = Number(m[2]);
    if (month < 1 || month > 12) throw new InvalidPeriod(`"${input}": the month must be 01 to 12`);
    return periodOf('month', text, vietnamMidnight(year, month, 1), vietnamMidnight(year, month + 1, 1), `Tháng ${month} năm ${year}`);
  }
  throw new InvalidPeriod(
    `"${input}" is not a reporting period: expected a month (2026-05), a half year (2026-H1 or 2026-H2) or a year (2026); for a range of days give from and to (YYYY-MM-DD)`,
  );
}

function parseAdministrativePeriod(text: string, input: string): ReportingPeriod {
  let m = /^(\d{4})$/.exec(text);
  if (m) return administrativePeriod('year', yearOf(m[1]!, input));
  m = /^(\d{4})-[Hh]1$/.exec(text);
  if (m) return administrativePeriod('half-year', yearOf(m[1]!, input));
  throw new InvalidPeriod(
    `"${input}" is not an administrative reporting period: expected a first half year (2026-H1: 15/12/2025 to 14/06/2026) or a year (2026: 15/12/2025 to 14/12/2026)`,
  );
}

function parseDay(text: string, what: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) throw new InvalidPeriod(`${what} "${text}" is not a date: expected YYYY-MM-DD`);
  const [year, month, day] = [yearOf(m[1]!, text), Number(m[2]), Number(m[3])];
  const start = vietnamMidnight(year, month, day);
  // Date.UTC rolls 2026-02-30 over to 2 March: a day that does not round-trip does not exist.
  if (vietnamDay(start) !== `${m[1]}-${m[2]}-${m[3]}`) throw new InvalidPeriod(`${what} "${text}" is not a day of the calendar`);
  return start;
}

/** A range of whole days, both included: `from` 2026-03-01 `to` 2026-03-15 covers the first fifteen days of March. */
export function periodFromDays(from: string, to: string): ReportingPeriod {
  const start = parseDay(from, 'from');
  const end = new Date(parseDay(to, 'to').getTime() + DAY_MS);
  if (end.getTime() <= start.getTime()) throw new InvalidPeriod(`the period must not end (${to.trim()}) before it starts (${from.trim()})`);
  const period = periodOf('range', `${from.trim()}..${to.trim()}`, start, end, '');
  return { ...period, label: period.span.charAt(0).toUpperCase() + period.span.slice(1) };
}

/** What a command line gives: either a named period (on a basis), or both ends of a range, never both. */
export function periodFromOptions(options: { period?: string; from?: string; to?: string; basis?: string }): ReportingPeriod {
  const { period, from, to } = options;
  if (period !== undefined && (from !== undefined || to !== undefined)) {
    throw new InvalidPeriod('give either a period (2026-H1) or --from and --to, not both');
  }
  const basis = options.basis ?? 'calendar';
  if (!(PERIOD_BASES as readonly string[]).includes(basis)) throw new InvalidPeriod(`the basis must be ${PERIOD_BASES.join(' or ')}, got "${basis}"`);
  if (basis !== 'calendar' && period === undefined) throw new InvalidPeriod('the administrative basis applies to a named period (2026-H1, 2026), not to --from and --to');
  if (period !== undefined) return parsePeriod(period, basis as PeriodBasis);
  if (from === undefined || to === undefined) throw new InvalidPeriod('give a period (2026-05, 2026-H1, 2026) or both --from and --to (YYYY-MM-DD)');
  return periodFromDays(from, to);
}
