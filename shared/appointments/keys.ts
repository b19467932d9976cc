import type { Slot } from './slots';

/**
 * Key builders for appointment slots in the single table. One partition per office and day holds
 * the counter of each session and the reservation of each case, so the desk reads a day in one query.
 *
 * | item        | PK                        | SK                         |
 * | ----------- | ------------------------- | -------------------------- |
 * | counter     | `SLOT#<office>#<date>`    | `<session>`                |
 * | reservation | `SLOT#<office>#<date>`    | `<session>#CASE#<caseId>`  |
 */
export const SLOT_PK_PREFIX = 'SLOT#';

export const slotDayPk = (office: string, date: string) => `${SLOT_PK_PREFIX}${office}#${date}`;

/** The item counting the places taken in a session (`taken`). */
export const slotCounterKey = (slot: Pick<Slot, 'office' | 'date' | 'session'>) => ({ PK: slotDayPk(slot.office, slot.date), SK: slot.session });

/** The item saying that a case holds a place in a session. */
export const slotReservationKey = (slot: Pick<Slot, 'office' | 'date' | 'session'>, caseId: string) => ({
  PK: slotDayPk(slot.office, slot.date),
  SK: `${slot.session}#CASE#${caseId}`,
});
