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

export interface AppointmentBook {
  office: string;
  capacityPerSession: number;
  from: string;
  days: Array<{
    date: string;
    sessions: Array<{ session: string; start: string; end: string; capacity: number; taken: number; booked: Array<{ caseId: string; requester?: string }> }>;
  }>;
}

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
  const unknown = Object.keys(query).filter((k) => k !== 'from' && k !== 'days');
  if (unknown.length) throw new InvalidRequest(`unknown query parameter ${unknown.join(', ')} (this route takes: from, days)`);
  const entry = officeByCode(ports.directory, office);
  const decision = authorize(principal, 'case:read', entry ? officeTarget(ports.directory, office) : { office });
  if (!decision.allowed) throw new AccessRefused(decision.reason);
  if (!entry) throw new InvalidRequest(`office ${office} is not in the office directory`);
  if (!ports.appointments) throw new InvalidRequest('this deployment keeps no appointment book');
  const from = query.from ?? toVietnamIso(ports.clock.now()).slice(0, 10);
  if (!isLocalDate(from)) throw new InvalidRequest(`from "${from}" is not a date YYYY-MM-DD`);
  const days = query.days === undefined ? DEFAULT_BOOK_DAYS : Number(query.days);
  if (!Number.isInteger(days) || days < 1 || days > MAX_BOOK_DAYS) throw new InvalidRequest(`days must be a whole number from 1 to ${MAX_BOOK_DAYS}`);

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
