/**
 * Appointment slots for the in-person receipt: an office's half-day sessions (`appointments` in
 * config/offices.json, or the agency default) on the office's working days. Pure: no clock, no I/O.
 *
 * Notice: a requester cannot be asked to come the same day. The earliest slot offered is on the
 * working day after the booking (`leadWorkingDays`, default 1: booked on Friday afternoon, the
 * first slot is Monday morning; booked the Friday before Tết, the first slot is after Tết). With
 * `leadWorkingDays: 0` the booking day itself is offered, from its next session that has not
 * started yet.
 */
import { calendarFor, type CalendarData } from '../calendar';
import { addDays, formatInstant, instantAt, localDateOf, parseClockTime, type LocalDate } from '../calendar/localTime';
import type { WorkingCalendar } from '../calendar/workingCalendar';
import { officeAppointments, officeByCode, type OfficeDirectory } from '../offices/directory';

/** One half-day session of one office on one day: the unit that is booked. */
export interface Slot {
  office: string;
  /** The local day, YYYY-MM-DD. */
  date: LocalDate;
  /** The session's name as the office directory gives it ("sáng", "chiều"). */
  session: string;
  /** ISO 8601 with +07:00. */
  start: string;
  end: string;
}

export interface CandidateSlotsRequest {
  directory: OfficeDirectory;
  /** Office code. */
  office: string;
  /** The booking instant. */
  after: Date;
  /** How many slots to return. */
  count: number;
  /** Working days of notice: the first slot is on the N-th working day after the booking day. Default 1. */
  leadWorkingDays?: number;
  /** Defaults to the calendars bundled from config/calendars. */
  calendars?: CalendarData;
}

/** Longer than any real break (Tết is 9 days): a calendar with no working day in a year is broken, not busy. */
const MAX_DAYS_OFF_IN_A_ROW = 366;

/**
 * The next `count` appointment slots of an office, in time order, on its working days only
 * (weekends, holidays and office closures skipped; make-up Saturdays included), from the
 * `leadWorkingDays`-th working day after the booking day on, never a session that has already started.
 */
export function candidateSlots(request: CandidateSlotsRequest): Slot[] {
  const { directory, office, after, count, calendars } = request;
  const leadWorkingDays = request.leadWorkingDays ?? 1;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative whole number, got ${count}`);
  if (!Number.isInteger(leadWorkingDays) || leadWorkingDays < 0) {
    throw new RangeError(`leadWorkingDays must be a non-negative whole number, got ${leadWorkingDays}`);
  }
  const bookedAt = after.getTime();
  if (Number.isNaN(bookedAt)) throw new RangeError('the booking time is not a valid date');

  const calendar = calendarOf(directory, office, calendars);
  const sessions = appointmentSessions(directory, office);
  const slots: Slot[] = [];
  let date = firstBookableDay(calendar, localDateOf(bookedAt), leadWorkingDays);
  for (let daysOff = 0; slots.length < count; date = addDays(date, 1)) {
    if (!calendar.dayStatus(date).working) {
      if (++daysOff > MAX_DAYS_OFF_IN_A_ROW) throw new RangeError(`office ${office} has no working day in the year before ${date}`);
      continue;
    }
    daysOff = 0;
    for (const session of sessions) {
      const start = instantAt(date, session.from);
      if (start <= bookedAt) continue; // already started (or starting as the booking is made)
      slots.push({ office, date, session: session.name, start: formatInstant(start), end: formatInstant(instantAt(date, session.to)) });
      if (slots.length === count) break;
    }
  }
  return slots;
}

export interface ReminderOptions {
  /** When the slot was booked: a reminder is never due before it. */
  bookedAt?: Date;
  calendars?: CalendarData;
}

/**
 * When to remind the requester of a slot: at the office's opening (its office hours, not the
 * appointment sessions) on the working day before the slot's day, so that reminders go out in
 * working hours; a slot on the Monday after Tết is reminded on the last working day before Tết.
 * If that instant is before the booking (a slot booked for the next working day), the booking
 * time: the confirmation is then the reminder, and the caller may send both together.
 */
export function reminderAt(slot: Slot, directory: OfficeDirectory, office: string, options: ReminderOptions = {}): Date {
  if (office !== slot.office) throw new RangeError(`slot ${slotKey(slot)} belongs to office ${slot.office}, not ${office}`);
  const calendar = calendarOf(directory, office, options.calendars);
  let day = addDays(slot.date, -1);
  for (let daysOff = 1; !calendar.dayStatus(day).working; day = addDays(day, -1), daysOff++) {
    if (daysOff > MAX_DAYS_OFF_IN_A_ROW) throw new RangeError(`office ${office} has no working day in the year before ${slot.date}`);
  }
  const opening = calendar.sessions[0];
  if (!opening) throw new RangeError(`office ${office} has no office hours`);
  const remindAt = instantAt(day, opening.from);
  const bookedAt = options.bookedAt?.getTime();
  return new Date(bookedAt !== undefined && bookedAt > remindAt ? bookedAt : remindAt);
}

/** A slot's stable identifier, "<office>#<date>#<session>" (e.g. for an invitation's UID or comparisons). */
export function slotKey(slot: Pick<Slot, 'office' | 'date' | 'session'>): string {
  return `${slot.office}#${slot.date}#${slot.session}`;
}

function calendarOf(directory: OfficeDirectory, office: string, calendars: CalendarData | undefined): WorkingCalendar {
  return calendarFor({ directory, office, ...(calendars ? { calendars } : {}) });
}

interface AppointmentSession {
  name: string;
  from: number;
  to: number;
}

function appointmentSessions(directory: OfficeDirectory, code: string): AppointmentSession[] {
  const office = officeByCode(directory, code);
  if (!office) throw new RangeError(`unknown office ${code}`); // calendarFor has already refused it; kept for the type
  const sessions = officeAppointments(directory, office)
    .sessions.map((s) => ({ name: s.name, from: parseClockTime(s.from) ?? NaN, to: parseClockTime(s.to) ?? NaN }))
    .sort((a, b) => a.from - b.from);
  // The session name is part of the slot's key, so two sessions of a day cannot share one.
  sessions.forEach((s, i) => {
    if (!(s.from < s.to)) throw new RangeError(`appointment session ${s.name} of ${code} must end after it starts`);
    if (sessions.findIndex((other) => other.name === s.name) !== i) throw new RangeError(`appointment session name ${s.name} of ${code} is used twice`);
  });
  return sessions;
}

/** The booking day itself for no notice, else the `lead`-th working day after it. */
function firstBookableDay(calendar: WorkingCalendar, bookingDay: LocalDate, lead: number): LocalDate {
  let day = bookingDay;
  for (let found = 0, daysOff = 0; found < lead; ) {
    day = addDays(day, 1);
    if (calendar.dayStatus(day).working) {
      found++;
      daysOff = 0;
    } else if (++daysOff > MAX_DAYS_OFF_IN_A_ROW) {
      throw new RangeError(`office ${calendar.office ?? ''} has no working day in the year before ${day}`);
    }
  }
  return day;
}
