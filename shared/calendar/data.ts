import { calendarDataFrom, type CalendarData, type CalendarFileInput } from './calendarData';
import national2025 from '../../config/calendars/national/2025.json';
import national2026 from '../../config/calendars/national/2026.json';
import officeHCMKV2 from '../../config/calendars/office/HCMKV2.json';

/**
 * The calendar files shipped with the code, imported statically so esbuild bundles them into each Lambda
 * (no file system at run time). When you add a file under config/calendars, import it here too: a unit
 * test fails while a file on disk is missing from this list.
 */
export const bundledCalendarFiles: readonly CalendarFileInput[] = [
  { source: 'config/calendars/national/2025.json', content: national2025 },
  { source: 'config/calendars/national/2026.json', content: national2026 },
  { source: 'config/calendars/office/HCMKV2.json', content: officeHCMKV2 },
];

let bundled: CalendarData | undefined;

/** The shipped calendar data, validated once per process (once per Lambda container). */
export function bundledCalendarData(): CalendarData {
  bundled ??= calendarDataFrom(bundledCalendarFiles);
  return bundled;
}
