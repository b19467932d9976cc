import type { CaseRecord } from '../cases/model';
import { candidateSlots, reminderAt, type Slot } from '../appointments/slots';
import type { SlotBook } from '../appointments/slot-book';
import { officeAppointments, officeByCode } from '../offices/directory';
import { toVietnamIso } from '../time/vietnam-time';
import { closeCase, WORKFLOW, type WorkflowPorts } from './steps';
import { appointmentClockOf, decideBooking, decideMove, type AppointmentClock } from './appointment-decisions';

export interface AppointmentPorts extends WorkflowPorts {
  slots: SlotBook;
}

/** How far ahead a booking looks: four weeks of half-day sessions. */
const CANDIDATE_SESSIONS = 40;

export type { AppointmentClock } from './appointment-decisions';

/** Notice before the first appointment offered, when the office sets none. */
export const DEFAULT_LEAD_WORKING_DAYS = 2;

/** Takes the first place left in the office's sessions after `after`, atomically; `bookedAt` is now. */
async function reserve(record: CaseRecord, after: Date, bookedAt: Date, ports: AppointmentPorts): Promise<{ slot: Slot; reminder: Date }> {
  const office = officeByCode(ports.directory, record.office);
  if (!office) throw new Error(`office ${record.office} of case ${record.caseId} is not in the office directory`);
  const { capacityPerSession, leadWorkingDays } = officeAppointments(ports.directory, office);
  const candidates = candidateSlots({ directory: ports.directory, office: record.office, after, count: CANDIDATE_SESSIONS, leadWorkingDays: leadWorkingDays ?? DEFAULT_LEAD_WORKING_DAYS });
  const { slot } = await ports.slots.reserve(record.caseId, candidates, capacityPerSession);
  return { slot, reminder: reminderAt(slot, ports.directory, record.office, { bookedAt }) };
}

/** The appointment's two waits, measured from now (after a reminder that may have gone out late). */
export async function appointmentClock(caseId: string, ports: AppointmentPorts): Promise<AppointmentClock> {
  const current = await ports.cases.requireCase(caseId);
  if (!current.appointment) throw new Error(`case ${caseId} has no appointment`);
  return appointmentClockOf(current.appointment, ports.clock.now());
}

/** The review accepted the file: book the in-person receipt. */
export async function bookAppointment(caseId: string, ports: AppointmentPorts): Promise<AppointmentClock> {
  const current = await ports.cases.requireCase(caseId);
  if (current.appointment) return appointmentClockOf(current.appointment, ports.clock.now()); // booked by an earlier attempt
  const now = ports.clock.now();
  const { slot, reminder } = await reserve(current, now, now, ports);
  const { record } = await ports.cases.changeCase(caseId, (latest) => decideBooking(latest, { slot, reminder }, now), current);
  return appointmentClockOf(record.appointment!, now);
}

/**
 * Another date, because the requester asked by replying (or the desk did): the place is released
 * and the next one after the current date is booked. `requestId` (the reply's Message-ID, or the
 * action's time) makes a retry of the same request a no-op.
 */
export async function rescheduleAppointment(caseId: string, request: { requestId?: string; requestedBy?: string }, ports: AppointmentPorts): Promise<AppointmentClock> {
  return moveAppointment(caseId, ports, 'appointment-rescheduled', request.requestId ?? 'unspecified', { requestedBy: request.requestedBy ?? 'requester' });
}

/**
 * The requester did not come: the first time, one new date; the second time, the case closes
 * (the closing notice follows).
 */
export async function recordMissedAppointment(caseId: string, ports: AppointmentPorts): Promise<AppointmentClock> {
  const current = await ports.cases.requireCase(caseId);
  const appointment = current.appointment;
  if (!appointment) throw new Error(`case ${caseId} has no appointment to miss`);
  if (current.status === 'closed') return { reminderInSeconds: 1, afterReminderInSeconds: 1, closed: true };
  if (appointment.missed >= 1) {
    await ports.cases.changeCase(caseId, (latest) =>
      latest.status === 'closed'
        ? undefined
        : { update: {}, events: [{ type: 'appointment-missed', at: toVietnamIso(ports.clock.now()), actor: WORKFLOW, data: { slot: appointment.slot, missed: appointment.missed + 1 } }] },
    );
    await ports.slots.release(caseId, appointment.slot as Slot);
    await closeCase(caseId, 'missed-twice', ports);
    return { reminderInSeconds: 1, afterReminderInSeconds: 1, closed: true };
  }
  return moveAppointment(caseId, ports, 'appointment-missed', `missed-${appointment.attempt}`, { missed: 1 });
}

async function moveAppointment(caseId: string, ports: AppointmentPorts, eventType: string, requestId: string, facts: Record<string, unknown>): Promise<AppointmentClock> {
  const current = await ports.cases.requireCase(caseId);
  const previous = current.appointment;
  if (!previous) throw new Error(`case ${caseId} has no appointment to move`);
  const done = current.appointmentChange === requestId;
  if (done) return appointmentClockOf(previous, ports.clock.now());
  const now = ports.clock.now();
  await ports.slots.release(caseId, previous.slot as Slot);
  // the next date comes after the one given up, never the same session again
  const after = new Date(Math.max(now.getTime(), new Date(previous.slot.end).getTime()));
  const { slot, reminder } = await reserve(current, after, now, ports);
  const { record } = await ports.cases.changeCase(caseId, (latest) => decideMove(latest, { eventType, requestId, facts, slot, reminder, from: previous.slot }, now), current);
  return appointmentClockOf(record.appointment!, now);
}

/**
 * A request withdrawn while it waited for the visit gives its place back, so that another requester may book it
 * (the release is idempotent: a retried closing releases nothing twice). The case closes as withdrawn.
 */
export async function closeWithdrawnCase(caseId: string, ports: AppointmentPorts): Promise<void> {
  const current = await ports.cases.requireCase(caseId);
  if (current.appointment && current.withdrawal?.step === 'visit') await ports.slots.release(caseId, current.appointment.slot as Slot);
  await closeCase(caseId, 'withdrawn', ports);
}
