import * as z from 'zod';
import { authorize, officeTarget } from '../auth/authorize';
import { AccessRefused } from '../auth/errors';
import type { Principal } from '../auth/principal';
import type { SlotOccupancy } from '../appointments/slot-book';
import { calendarFor } from '../calendar';
import { addDays, isLocalDate } from '../calendar/localTime';
import { officeAppointments, officeByCode } from '../offices/directory';
import { toVietnamIso } from '../time/vietnam-time';
import { InvalidRequest } from './errors';
import type { StaffPorts } from './ports';

/** Reads the sessions of an office's day as the slot book keeps them (shared/appointments/slot-book). */
export interface AppointmentOccupancy {
  occupancy(office: string, date: string): Promise<SlotOccupancy[]>;
}

export const DEFAULT_BOOK_DAYS = 14;
export const MAX_BOOK_DAYS = 31;

/** The query: the first day (default today in Vietnam) and how many calendar days. */
export const appointmentBookQuery = z.strictObject({
  from: z.string().refine(isLocalDate, 'a date YYYY-MM-DD').optional(),
  days: z.coerce.number().int().min(1).max(MAX_BOOK_DAYS, `at most ${MAX_BOOK_DAYS} days`).optional(),
});

export const appointmentBookSchema = z.strictObject({
  office: z.string(),
  capacityPerSession: z.number().int(),
  from: z.string(),
  days: z.array(
    z.strictObject({
      date: z.string(),
      sessions: z.array(
        z.strictObject({
          session: z.string(),
          start: z.string(),
          end: z.string(),
          capacity: z.number().int(),
          taken: z.number().int(),
          booked: z.array(z.strictObject({ caseId: z.string(), requester: z.string().optional() })),
        }),
      ),
    }),
  ),
});
export type AppointmentBook = z.infer<typeof appointmentBookSchema>;

/**
 * GET /offices/{office}/appointments: the office's appointment book on its working days from
 * `from` (default today) for `days` calendar days: each session, its capacity, how many places are
 * taken and by which cases (with the requester's name), for whoever may read the office's cases.
 */
export async function appointmentBook(
  principal: Principal,
  office: string,
  query: Record<string, string | undefined>,
  ports: Pick<StaffPorts, 'directory' | 'clock' | 'cases'> & { appointments?: AppointmentOccupancy },
): Promise<AppointmentBook> {
  const parsed = appointmentBookQuery.safeParse(query);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(query)', message: i.message }));
    throw new InvalidRequest(`the query is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')} (this route takes: from, days)`, issues);
  }
  const entry = officeByCode(ports.directory, office);
  const decision = authorize(principal, 'case:read', entry ? officeTarget(ports.directory, office) : { office });
  if (!decision.allowed) throw new AccessRefused(decision.reason);
  if (!entry) throw new InvalidRequest(`office ${office} is not in the office directory`);
  if (!ports.appointments) throw new InvalidRequest('this deployment keeps no appointment book');
  const from = parsed.data.from ?? toVietnamIso(ports.clock.now()).slice(0, 10);
  const days = parsed.data.days ?? DEFAULT_BOOK_DAYS;

  const settings = officeAppointments(ports.directory, entry);
  const calendar = calendarFor({ directory: ports.directory, office });
  const dates = Array.from({ length: days }, (_, i) => addDays(from, i)).filter((date) => calendar.dayStatus(date).working);
  const requesters = new Map<string, string | undefined>();
  const requesterOf = async (caseId: string) => {
    if (!requesters.has(caseId)) {
      const record = await ports.cases.getCase(caseId);
      requesters.set(caseId, record?.requester.name ?? record?.requester.address);
    }
    return requesters.get(caseId);
  };
  const book: AppointmentBook['days'] = [];
  for (const date of dates) {
    const taken = new Map((await ports.appointments.occupancy(office, date)).map((o) => [o.session, o]));
    const sessions = await Promise.all(
      settings.sessions.map(async (s) => {
        const o = taken.get(s.name);
        const booked = await Promise.all((o?.caseIds ?? []).map(async (caseId) => {
          const requester = await requesterOf(caseId);
          return requester ? { caseId, requester } : { caseId };
        }));
        return { session: s.name, start: s.from, end: s.to, capacity: o?.capacity ?? settings.capacityPerSession, taken: o?.taken ?? 0, booked };
      }),
    );
    book.push({ date, sessions });
  }
  return { office, capacityPerSession: settings.capacityPerSession, from, days: book };
}
