import type { CaseChange } from '../cases/repository';
import type { AppointmentRecord, CaseRecord, StepDeadline } from '../cases/model';
import type { Slot } from '../appointments/slots';
import { toVietnamIso } from '../time/vietnam-time';
import { WORKFLOW } from './decisions';
import { secondsUntil } from './step-clock';

/**
 * The decisions of the appointment part as pure functions: the case, the place the slot book
 * reserved (an atomic write of its own, before), and the instant in; the change out.
 */

/** The two waits of the appointment: until the reminder (the working day before), then until the session ends. */
export interface AppointmentClock {
  reminderInSeconds: number;
  afterReminderInSeconds: number;
  closed: boolean;
}

/** The appointment's waits measured from now: the second runs from the reminder (or from now, if that has passed). */
export function appointmentClockOf(appointment: AppointmentRecord, now: Date): AppointmentClock {
  const remindFrom = new Date(Math.max(new Date(appointment.reminderAt).getTime(), now.getTime()));
  return { reminderInSeconds: secondsUntil(appointment.reminderAt, now), afterReminderInSeconds: secondsUntil(appointment.slot.end, remindFrom), closed: false };
}

/** The visit is due by the end of the appointment's session. */
export function visitDeadline(slot: Slot, now: Date): StepDeadline {
  return { dueAt: slot.end, startedAt: toVietnamIso(now), calendarVersion: 'appointment', rule: `the appointment of ${slot.date}, session "${slot.session}" (${slot.start.slice(11, 16)}-${slot.end.slice(11, 16)})` };
}

export function appointmentOf(slot: Slot, reminder: Date, now: Date, attempt: number, missed: number): AppointmentRecord {
  return { slot: { ...slot }, reminderAt: toVietnamIso(reminder), bookedAt: toVietnamIso(now), attempt, missed };
}

/** The first appointment, in the place reserved: once (a retry finds it booked). */
export function decideBooking(record: CaseRecord, booked: { slot: Slot; reminder: Date }, now: Date): CaseChange | undefined {
  if (record.appointment) return undefined;
  const appointment = appointmentOf(booked.slot, booked.reminder, now, 1, 0);
  return {
    update: { appointment, deadlines: { ...record.deadlines, visit: visitDeadline(booked.slot, now) } },
    events: [{ type: 'appointment-booked', at: toVietnamIso(now), actor: WORKFLOW, data: { ...appointment } }],
  };
}

/**
 * The appointment moved to the place reserved, for a request (`requestId`: a reply's Message-ID,
 * or `missed-<attempt>` for a no-show), recorded once per request; a no-show counts as missed.
 */
export function decideMove(
  record: CaseRecord,
  move: { eventType: string; requestId: string; facts: Record<string, unknown>; slot: Slot; reminder: Date; from: AppointmentRecord['slot'] },
  now: Date,
): CaseChange | undefined {
  if (record.appointmentChange === move.requestId) return undefined;
  const appointment = appointmentOf(move.slot, move.reminder, now, (record.appointment?.attempt ?? 1) + 1, (record.appointment?.missed ?? 0) + (move.facts.missed ? 1 : 0));
  return {
    update: { appointment, appointmentChange: move.requestId, pendingStep: undefined, deadlines: { ...record.deadlines, visit: visitDeadline(move.slot, now) } },
    events: [{ type: move.eventType, at: toVietnamIso(now), actor: WORKFLOW, data: { ...move.facts, from: move.from, to: appointment.slot, reminderAt: appointment.reminderAt, attempt: appointment.attempt } }],
  };
}
