import { InvalidCalendarData, parseCalendarFile, type NationalYearCalendar, type OfficeCalendar, type ProvinceCalendar } from './schema';

/** All calendar layers, validated and indexed: national schedules by year, province and office calendars by code. */
export interface CalendarData {
  readonly national: ReadonlyMap<number, NationalYearCalendar>;
  readonly provinces: ReadonlyMap<string, ProvinceCalendar>;
  readonly offices: ReadonlyMap<string, OfficeCalendar>;
}

/** One calendar file: where it came from (a path, for error messages and name checks) and its parsed JSON. */
export interface CalendarFileInput {
  source: string;
  content: unknown;
}

/** The file's base name without .json, when the source looks like a path. */
function baseName(source: string): string | undefined {
  const match = /([^/\\]+)\.json$/.exec(source);
  return match?.[1];
}

/**
 * Builds calendar data from files already read (the bundled JSON imports, a directory, or objects in a
 * test). Every file is validated; all problems are reported together.
 */
export function calendarDataFrom(files: readonly CalendarFileInput[]): CalendarData {
  const national = new Map<number, NationalYearCalendar>();
  const provinces = new Map<string, ProvinceCalendar>();
  const offices = new Map<string, OfficeCalendar>();
  const problems: string[] = [];
  const origin = new Map<string, string>();

  for (const { source, content } of files) {
    let file: ReturnType<typeof parseCalendarFile>;
    try {
      file = parseCalendarFile(content, source);
    } catch (error) {
      if (error instanceof InvalidCalendarData) {
        problems.push(error.message);
        continue;
      }
      throw error;
    }
    const key = file.layer === 'national' ? String(file.year) : file.layer === 'province' ? file.province : file.office;
    const name = baseName(source);
    if (name !== undefined && name !== key) {
      problems.push(`${source} is invalid:\n  - its ${file.layer === 'national' ? 'year' : file.layer} is ${key}, but the file is named ${name}.json`);
      continue;
    }
    const slot = `${file.layer}:${key}`;
    const earlier = origin.get(slot);
    if (earlier !== undefined) {
      problems.push(`${source} is invalid:\n  - ${earlier} already gives the ${file.layer} calendar ${key}`);
      continue;
    }
    origin.set(slot, source);
    if (file.layer === 'national') national.set(file.year, file);
    else if (file.layer === 'province') provinces.set(file.province, file);
    else offices.set(file.office, file);
  }
  if (problems.length > 0) throw new InvalidCalendarData(problems.join('\n'));
  return { national, provinces, offices };
}
