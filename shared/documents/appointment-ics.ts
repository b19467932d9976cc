import type { EventAttributes } from 'ics';
import type { Office } from '../offices/directory';

/** An instant as the case stores it (ISO 8601, any offset) or as a Date. */
type Instant = string | Date;

export interface AppointmentIcsInput {
  /** The same for every version of one case's appointment: see appointmentUid. */
  uid: string;
  /** 0 for the first invitation; each change (reschedule, new slot, cancellation) sends the next number. */
  sequence: number;
  caseId: string;
  office: Office;
  start: Instant;
  end: Instant;
  summary: string;
  description: string;
  /** The mailbox that answers for the appointment (the office's published address). */
  organizerEmail: string;
  /** The requester's e-mail; absent for a requester without one (their letters go by post, without the invitation). */
  attendeeEmail?: string;
  attendeeName?: string;
  method: 'REQUEST' | 'CANCEL';
  /** DTSTAMP: when this version of the invitation was issued. Given, not read from a clock, so the file is reproducible. */
  issuedAt: Instant;
}

/** The appointment of a case keeps one UID across reschedules, so calendars update the event instead of adding one. */
export const appointmentUid = (caseId: string, mailDomain: string) => `${caseId}-appointment@${mailDomain}`;

/** The media type of an invitation, with the iTIP method that mail clients look for. */
export const icsContentType = (method: AppointmentIcsInput['method']) => `text/calendar; charset=UTF-8; method=${method}`;

export class InvalidAppointment extends Error {
  override readonly name = 'InvalidAppointment';
}

function epochMs(value: Instant, what: string): number {
  const ms = (value instanceof Date ? value : new Date(value)).getTime();
  if (Number.isNaN(ms)) throw new InvalidAppointment(`${what} is not an instant: ${String(value)}`);
  return ms;
}

/**
 * An iCalendar (RFC 5545) invitation to the one-stop desk, as an iTIP REQUEST or CANCEL (RFC 5546).
 * Times are written in UTC (the "Z" form), which every client converts to the reader's zone: 08:00 in
 * Vietnam (UTC+7, no daylight saving) is written 010000Z. The office address is the LOCATION; a display
 * alarm fires 24 hours before the appointment. The ics library (with its validation library, about 80 KB) is
 * loaded on the first invitation, not when the notify function starts: most notices carry none.
 */
export async function appointmentIcs(input: AppointmentIcsInput): Promise<string> {
  const start = epochMs(input.start, 'the start of the appointment');
  const end = epochMs(input.end, 'the end of the appointment');
  if (end <= start) throw new InvalidAppointment('an appointment must end after it starts');
  if (!Number.isInteger(input.sequence) || input.sequence < 0) throw new InvalidAppointment(`SEQUENCE must be a whole number from 0, not ${input.sequence}`);
  const tag = `[${input.caseId}]`;
  const summary = input.summary.includes(tag) ? input.summary : `${input.summary} ${tag}`;
  const cancelled = input.method === 'CANCEL';

  // `timestamp` (DTSTAMP) is accepted by ics but missing from its types.
  const event: EventAttributes & { timestamp: number } = {
    productId: '-//motcua//Lich hen mot cua THADS//VI',
    method: input.method,
    uid: input.uid,
    sequence: input.sequence,
    timestamp: epochMs(input.issuedAt, 'the issue time of the invitation'),
    start,
    startInputType: 'utc',
    startOutputType: 'utc',
    end,
    endInputType: 'utc',
    endOutputType: 'utc',
    title: summary,
    description: input.description,
    location: input.office.address,
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    busyStatus: 'BUSY',
    transp: 'OPAQUE',
    organizer: { name: input.office.name, email: input.organizerEmail },
    attendees: input.attendeeEmail
      ? [
          {
            ...(input.attendeeName?.trim() ? { name: input.attendeeName.trim() } : { name: input.attendeeEmail }),
            email: input.attendeeEmail,
            rsvp: false,
            partstat: 'NEEDS-ACTION' as const,
            role: 'REQ-PARTICIPANT' as const,
          },
        ]
      : [],
    // "-PT24H": ics writes a whole-day duration as "P1DT", which RFC 5545 does not allow.
    ...(cancelled ? {} : { alarms: [{ action: 'display' as const, description: `Nhắc lịch hẹn: ${summary}`, trigger: { hours: 24, before: true } }] }),
  };
  const { createEvent } = await import('ics');
  const { error, value } = createEvent(event);
  if (error || !value) throw new InvalidAppointment(`the invitation could not be written: ${error?.message ?? 'no output'}`);
  return foldByOctets(value);
}

/**
 * RFC 5545 folds lines at 75 octets; ics folds at 75 characters, and a Vietnamese character takes two or
 * three octets in UTF-8. Unfold, then fold again by octets, never inside a character.
 */
function foldByOctets(ics: string): string {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .map((line) => {
      const parts: string[] = [];
      let current = '';
      let octets = 0;
      let limit = 75;
      for (const char of line) {
        const size = Buffer.byteLength(char, 'utf8');
        if (octets + size > limit) {
          parts.push(current);
          current = '';
          octets = 0;
          limit = 74; // a continuation line starts with one space
        }
        current += char;
        octets += size;
      }
      parts.push(current);
      return parts.join('\r\n ');
    })
    .join('\r\n');
}
