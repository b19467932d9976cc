import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { InvalidOfficeDirectory, parseOfficeDirectory, type OfficeDirectory } from '../../shared/offices/directory';
import {
  bundledCalendarData,
  CalendarOutOfRange,
  calendarFor,
  computeDeadline,
  InvalidCalendarData,
  InvalidDeadlineRequest,
  LEGAL_COUNTING_SOURCE,
  parseInstant,
  UnknownOffice,
  type CalendarData,
  type CountingRule,
  type Deadline,
  type DeadlineRequest,
} from '../../shared/calendar';
import { loadCalendarData } from '../../shared/calendar/calendarDirectory';
import { isWeekend, weekdayShortName } from '../../shared/calendar/localTime';

/**
 * `motcua deadline` and `motcua calendar`: the working-day calendar from a terminal, for officers checking a
 * due date and for agency IT checking a year's calendar data after editing it.
 */

const defaultOfficesFile = fileURLToPath(new URL('../../config/offices.json', import.meta.url));

/** An input problem: reported as one line and a non-zero exit, without a stack trace. */
class UsageError extends Error {}

interface DataOptions {
  office?: string;
  offices: string;
  calendars?: string;
}

function loadDirectory(file: string): OfficeDirectory {
  let content: unknown;
  try {
    content = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read the office directory ${file}: ${(error as Error).message}`);
  }
  return parseOfficeDirectory(content, file);
}

function loadCalendars(directory: string | undefined): CalendarData {
  return directory === undefined ? bundledCalendarData() : loadCalendarData(directory);
}

function positiveInteger(text: string, option: string): number {
  if (!/^\d+$/.test(text) || Number(text) <= 0) throw new UsageError(`${option} must be a positive whole number, got "${text}"`);
  return Number(text);
}

function positiveHours(text: string): number {
  const hours = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(hours > 0) || !Number.isInteger(hours * 60)) {
    throw new UsageError(`--working-hours must be a positive number of hours in whole minutes, got "${text}"`);
  }
  return hours;
}

function yearArgument(text: string): number {
  if (!/^\d{4}$/.test(text) || Number(text) < 1900 || Number(text) > 2100) {
    throw new UsageError(`the year must be between 1900 and 2100, got "${text}"`);
  }
  return Number(text);
}

/** Problems with the input or the data, as opposed to bugs: reported in one line, exit code 1. */
function isReportable(error: unknown): error is Error {
  return (
    error instanceof UsageError ||
    error instanceof InvalidCalendarData ||
    error instanceof InvalidOfficeDirectory ||
    error instanceof InvalidDeadlineRequest ||
    error instanceof UnknownOffice ||
    error instanceof CalendarOutOfRange
  );
}

/** Runs a command body; input and data problems become `motcua: error: ...` on stderr and exit code 1. */
function reportingErrors<A extends unknown[]>(body: (...args: A) => void): (...args: A) => void {
  return (...args: A) => {
    try {
      body(...args);
    } catch (error) {
      if (!isReportable(error)) throw error;
      process.stderr.write(`motcua: error: ${error.message}\n`);
      process.exitCode = 1;
    }
  };
}

function dataOptions(command: Command): Command {
  return command
    .option('--office <code>', 'office code from the office directory (default: agency hours, national calendar)')
    .option('--offices <file>', 'office directory file', defaultOfficesFile)
    .option('--calendars <dir>', 'read calendar files from this directory instead of the bundled config/calendars');
}

interface DeadlineOptions extends DataOptions {
  received: string;
  workingDays?: string;
  workingHours?: string;
  afterCutoff?: string;
  counting?: string;
  explain?: boolean;
}

function countingOption(text: string | undefined): CountingRule | undefined {
  if (text === undefined) return undefined;
  if (text !== 'legal' && text !== 'working-hours') throw new UsageError(`--counting must be legal or working-hours, got "${text}"`);
  return text;
}

/** Which counting rule applied, and why: asked for, or the default. */
function countingLine(deadline: Deadline, asked: boolean): string {
  const why = asked ? 'asked with --counting' : 'the default; statutory limits use --counting legal';
  const what =
    deadline.counting === 'legal'
      ? `${LEGAL_COUNTING_SOURCE}: the day of receipt is not counted; the period ends at the close of office hours on its last working day`
      : 'N × the office’s working hours of a day, from the minute of receipt (the agency’s own commitments, such as the one-working-day reply)';
  return `counting: ${deadline.counting} (${why}): ${what}`;
}

function provisionalLine(deadline: Deadline): string {
  const years = deadline.provisional?.years;
  return years
    ? `provisional: yes, ${years.join(', ')} has no official schedule of days off; holidays there are a forecast (Labour Code, Tết by recent practice)`
    : 'provisional: no, every year spanned has its official schedule';
}

function printDeadline(options: DeadlineOptions): void {
  const receivedAt = parseInstant(options.received);
  if (receivedAt === undefined) {
    throw new UsageError(`--received "${options.received}" is not an ISO 8601 date-time, e.g. 2026-02-13T16:30:00+07:00 (without an offset, Vietnam time)`);
  }
  if (options.workingDays === undefined && options.workingHours === undefined) throw new UsageError('give --working-days N (or --working-hours H)');
  if (options.workingDays !== undefined && options.workingHours !== undefined) throw new UsageError('give --working-days or --working-hours, not both');
  if (options.afterCutoff !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(options.afterCutoff)) {
    throw new UsageError(`--after-cutoff must be HH:MM, got "${options.afterCutoff}"`);
  }
  const counting = countingOption(options.counting);
  const request: DeadlineRequest = {
    receivedAt: new Date(receivedAt),
    ...(counting !== undefined ? { counting } : {}),
    ...(options.workingDays !== undefined ? { workingDays: positiveInteger(options.workingDays, '--working-days') } : {}),
    ...(options.workingHours !== undefined ? { workingHours: positiveHours(options.workingHours) } : {}),
    ...(options.afterCutoff !== undefined ? { afterCutoff: options.afterCutoff } : {}),
  };
  const calendar = calendarFor({
    directory: loadDirectory(options.offices),
    calendars: loadCalendars(options.calendars),
    ...(options.office !== undefined ? { office: options.office } : {}),
  });
  const deadline = computeDeadline(calendar, request);
  const lines = [deadline.provisional ? `${deadline.dueAt} (provisional)` : deadline.dueAt];
  if (options.explain) {
    lines.push(
      countingLine(deadline, counting !== undefined),
      provisionalLine(deadline),
      `rule: ${deadline.rule}`,
      `received: ${deadline.receivedAt}`,
      `clock starts: ${deadline.startedAt}`,
      `calendar version: ${deadline.calendarVersion}`,
      deadline.skipped.length === 0 ? 'days skipped: none' : 'days skipped:',
      ...deadline.skipped.map((day) => `  ${day.date} ${weekdayShortName(day.date)}  ${day.reason}`),
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

function printCalendar(yearText: string, options: DataOptions): void {
  const year = yearArgument(yearText);
  const calendar = calendarFor({
    directory: loadDirectory(options.offices),
    calendars: loadCalendars(options.calendars),
    ...(options.office !== undefined ? { office: options.office } : {}),
  });
  // Only what differs from the weekly pattern: weekdays off and weekend days worked.
  const lines = calendar
    .declaredDays(year)
    .filter((day) => day.working === isWeekend(day.date))
    .map((day) => {
      const layer = day.layer === 'national-default' ? 'national, provisional default' : day.layer;
      const verify = day.verify ? ' (verify)' : '';
      return `${day.date} ${weekdayShortName(day.date)}  ${day.working ? 'working' : 'off    '}  ${day.reason}  [${layer}: ${day.source ?? ''}]${verify}`;
    });
  process.stdout.write(lines.length > 0 ? `${lines.join('\n')}\n` : '');
}

export function registerCalendarCommands(program: Command): void {
  dataOptions(
    program
      .command('deadline')
      .description('when N working days from a receipt run out, in the office’s working time')
      .requiredOption('--received <datetime>', 'when the file was received, ISO 8601 (e.g. 2026-02-13T16:30:00+07:00)')
      .option('--working-days <n>', 'positive whole number of working days')
      .option('--working-hours <h>', 'instead of days: a number of working hours')
      .option('--counting <rule>', 'legal (Civil Code arts. 147-148: from the day after receipt, to the close of the last day) or working-hours (from the minute of receipt; the default)')
      .option('--after-cutoff <HH:MM>', 'the agency’s cut-off (QĐ 537: 15:00): a file received later on a working day starts the next working morning; a legal period ignores it')
      .option('--explain', 'also print the rule, the calendar version and each day skipped with its reason'),
  ).action(reportingErrors((options: DeadlineOptions) => printDeadline(options)));

  dataOptions(
    program
      .command('calendar')
      .description('list the weekdays off and the weekend days worked in a year, with their reasons')
      .argument('<year>', 'a year from 1900 to 2100'),
  ).action(reportingErrors((year: string, options: DataOptions) => printCalendar(year, options)));
}
