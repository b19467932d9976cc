import * as z from 'zod';
import { isLocalDate, isWeekend, yearOf } from './localTime';

/**
 * The calendar data files. Each layer is a list of day entries that make a day a day off or a working
 * day, each with the reason a reader will see and the document that decided it, so an agency can check
 * and correct the data without reading code.
 */

const localDate = z.string().refine(isLocalDate, { message: 'expected a real date YYYY-MM-DD' });

const source = z
  .object({
    /** Number and kind of the document, e.g. "12729/VPCP-KGVX", or the law and article. */
    document: z.string().min(3),
    /** Date the document was signed, when known. */
    date: localDate.optional(),
    url: z.url().optional(),
  })
  .strict();

const dayEntry = z
  .object({
    date: localDate,
    /** Last day of a range, inclusive; omitted for a single day. */
    through: localDate.optional(),
    kind: z.enum(['off', 'working']),
    reason: z.string().min(3),
    source,
    /** True when a person must still check this entry against the official text (see `note`). */
    verify: z.boolean().optional(),
    note: z.string().optional(),
  })
  .strict()
  .refine((e) => e.through === undefined || e.through >= e.date, { message: '"through" is before "date"', path: ['through'] })
  .refine((e) => e.source.date !== undefined || e.verify === true, {
    message: 'a source without a document date must be marked "verify": true',
    path: ['source', 'date'],
  });

const common = {
  $comment: z.string().optional(),
  /** A demo file, shipped to show the format; not real data. */
  demo: z.boolean().optional(),
  days: z.array(dayEntry),
};

export const nationalYearSchema = z
  .object({
    layer: z.literal('national'),
    year: z.number().int().min(1900).max(2100),
    /** Whom the schedule is for; the desk follows the schedule of civil servants. */
    appliesTo: z.string().min(1),
    ...common,
  })
  .strict();

export const provinceCalendarSchema = z.object({ layer: z.literal('province'), province: z.string().min(1), ...common }).strict();

export const officeCalendarSchema = z.object({ layer: z.literal('office'), office: z.string().min(1), ...common }).strict();

const calendarFileSchema = z.discriminatedUnion('layer', [nationalYearSchema, provinceCalendarSchema, officeCalendarSchema]);

export type CalendarDayEntry = z.infer<typeof dayEntry>;
export type NationalYearCalendar = z.infer<typeof nationalYearSchema>;
export type ProvinceCalendar = z.infer<typeof provinceCalendarSchema>;
export type OfficeCalendar = z.infer<typeof officeCalendarSchema>;
export type CalendarFile = z.infer<typeof calendarFileSchema>;

export class InvalidCalendarData extends Error {
  override readonly name = 'InvalidCalendarData';
}

/** Where a path inside a file points, named by its entry ("days[3] (2026-02-14)") so the reader finds it. */
function describePath(path: readonly PropertyKey[], input: unknown): string {
  if (path[0] === 'days' && typeof path[1] === 'number') {
    const entry = (input as { days?: Array<{ date?: unknown }> } | null)?.days?.[path[1]];
    const date = typeof entry?.date === 'string' ? ` (${entry.date})` : '';
    const rest = path.slice(2).map(String).join('.');
    return `days[${path[1]}]${date}${rest ? `.${rest}` : ''}`;
  }
  return path.map(String).join('.') || '(root)';
}

/** Checks that need the whole file: entries within the file's year, no day given twice, make-up days on weekends. */
function fileProblems(file: CalendarFile): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  file.days.forEach((entry, index) => {
    const label = `days[${index}] (${entry.date})`;
    for (const date of datesOf(entry)) {
      if (file.layer === 'national' && yearOf(date) !== file.year) problems.push(`${label}: ${date} is not in ${file.year}`);
      const earlier = seen.get(date);
      if (earlier !== undefined) problems.push(`${label}: ${date} is already given by days[${earlier}]`);
      else seen.set(date, index);
      // National make-up days are always weekend days; a weekday here is a typing mistake.
      if (file.layer === 'national' && entry.kind === 'working' && !isWeekend(date)) {
        problems.push(`${label}: ${date} is a weekday, a working day already; national "working" entries are make-up weekend days`);
      }
    }
  });
  return problems;
}

export function datesOf(entry: Pick<CalendarDayEntry, 'date' | 'through'>): string[] {
  const dates: string[] = [];
  const last = entry.through ?? entry.date;
  for (let date = entry.date; date <= last; date = nextDate(date)) dates.push(date);
  return dates;
}

function nextDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Validates one calendar file; the error names the file and each entry at fault. */
export function parseCalendarFile(input: unknown, sourceName: string): CalendarFile {
  const result = calendarFileSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  - ${describePath(issue.path, input)}: ${issue.message}`);
    throw new InvalidCalendarData(`${sourceName} is invalid:\n${problems.join('\n')}`);
  }
  const problems = fileProblems(result.data);
  if (problems.length > 0) throw new InvalidCalendarData(`${sourceName} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return result.data;
}
