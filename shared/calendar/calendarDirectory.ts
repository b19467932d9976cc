import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { calendarDataFrom, type CalendarData, type CalendarFileInput } from './calendarData';
import { InvalidCalendarData } from './schema';

/** config/calendars in this repository. */
export const defaultCalendarDirectory = fileURLToPath(new URL('../../config/calendars', import.meta.url));

const LAYER_FOLDERS = ['national', 'province', 'office'] as const;

/** Reads every calendar file under a directory (national/, province/, office/; each optional). */
export function readCalendarFiles(directory: string = defaultCalendarDirectory): CalendarFileInput[] {
  if (!existsSync(directory)) throw new InvalidCalendarData(`calendar directory ${directory} does not exist`);
  const files: CalendarFileInput[] = [];
  for (const folder of LAYER_FOLDERS) {
    const path = join(directory, folder);
    if (!existsSync(path)) continue;
    for (const name of readdirSync(path).filter((n) => n.endsWith('.json')).sort()) {
      const file = join(path, name);
      const source = relative(process.cwd(), file) || file;
      let content: unknown;
      try {
        content = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        throw new InvalidCalendarData(`${source} is not valid JSON: ${(error as Error).message}`);
      }
      files.push({ source, content });
    }
  }
  return files;
}

/**
 * Loads and validates the calendar data under a directory. For tools and tests; the functions deployed to
 * Lambda use the bundled data (./data), which needs no file system.
 */
export function loadCalendarData(directory: string = defaultCalendarDirectory): CalendarData {
  return calendarDataFrom(readCalendarFiles(directory));
}
