import ical from 'node-ical';
import { describe, expect, it } from 'vitest';
import { appointmentIcs, appointmentUid, InvalidAppointment, type AppointmentIcsInput } from '../../../shared/documents/appointment-ics';
import { CASE_ID, MAIL_DOMAIN, kv1, mondayMorning } from './lifecycle-fixtures';

const invitation: AppointmentIcsInput = {
  uid: appointmentUid(CASE_ID, MAIL_DOMAIN),
  sequence: 0,
  caseId: CASE_ID,
  office: kv1,
  start: mondayMorning.start,
  end: mondayMorning.end,
  summary: 'Hẹn nộp hồ sơ bản chính tại Bộ phận một cửa',
  description: 'Mang theo: Bản chính Bản án số 123/2026/DS-PT; Căn cước công dân',
  organizerEmail: kv1.email,
  attendeeEmail: 'nguyenvanan.hcm@gmail.com',
  attendeeName: 'Nguyễn Văn An',
  method: 'REQUEST',
  issuedAt: '2026-11-24T10:00:00+07:00',
};

function theEvent(ics: string) {
  const parsed = ical.sync.parseICS(ics);
  const events = Object.values(parsed).filter((c) => c?.type === 'VEVENT');
  expect(events).toHaveLength(1);
  return events[0] as ical.VEvent;
}

describe('the appointment invitation (ICS)', () => {
  it('names the appointment of a case with one UID: <case id>-appointment@<mail domain>', async () => {
    // Prepare, Act
    const uid = appointmentUid(CASE_ID, MAIL_DOMAIN);

    // Assess
    expect(uid).toBe('HCMKV1-2026-000001-appointment@hcm.thads.example');
    expect(theEvent(await appointmentIcs(invitation)).uid).toBe(uid);
  });

  it('starts at 08:00 and ends at 11:30 in Vietnam, written in UTC as 01:00 and 04:30', async () => {
    // Prepare, Act
    const ics = await appointmentIcs(invitation);
    const event = theEvent(ics);

    // Assess
    expect(ics).toContain('\r\nDTSTART:20261130T010000Z\r\n');
    expect(ics).toContain('\r\nDTEND:20261130T043000Z\r\n');
    expect(event.start.getTime()).toBe(Date.parse('2026-11-30T08:00:00+07:00'));
    expect(event.end?.getTime()).toBe(Date.parse('2026-11-30T11:30:00+07:00'));
  });

  it('places a slot given in UTC at the same instant', async () => {
    // Prepare: 06:30Z is 13:30 in Vietnam
    const afternoon = { ...invitation, start: new Date('2026-12-02T06:30:00Z'), end: '2026-12-02T09:30:00Z' };

    // Act
    const event = theEvent(await appointmentIcs(afternoon));

    // Assess
    expect(event.start.toISOString()).toBe('2026-12-02T06:30:00.000Z');
    expect(event.end?.toISOString()).toBe('2026-12-02T09:30:00.000Z');
  });

  it('is an iTIP REQUEST from the office to the requester, at the office address', async () => {
    // Prepare, Act
    const ics = await appointmentIcs(invitation);
    const event = theEvent(ics);

    // Assess
    expect(ics).toMatch(/\r\nMETHOD:REQUEST\r\n/);
    expect(event.status).toBe('CONFIRMED');
    expect(event.location).toBe('Số 10 đường Nguyễn Huệ, phường Sài Gòn, Thành phố Hồ Chí Minh');
    expect(event.organizer).toMatchObject({ val: 'MAILTO:kv1@hcm.thads.example', params: { CN: 'Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh' } });
    expect(event.attendee).toMatchObject({ val: 'mailto:nguyenvanan.hcm@gmail.com', params: { CN: 'Nguyễn Văn An' } });
  });

  it('rings 24 hours before the appointment', async () => {
    // Prepare, Act
    const event = theEvent(await appointmentIcs(invitation));

    // Assess
    expect(event.alarms).toHaveLength(1);
    expect(event.alarms?.[0]).toMatchObject({ action: 'DISPLAY', trigger: '-PT24H' });
  });

  it('tags its summary with the case id once, so a calendar entry leads back to the case', async () => {
    // Prepare, Act
    const untagged = theEvent(await appointmentIcs(invitation));
    const tagged = theEvent(await appointmentIcs({ ...invitation, summary: `Hẹn nộp hồ sơ [${CASE_ID}]` }));

    // Assess
    expect(untagged.summary).toBe('Hẹn nộp hồ sơ bản chính tại Bộ phận một cửa [HCMKV1-2026-000001]');
    expect(tagged.summary).toBe('Hẹn nộp hồ sơ [HCMKV1-2026-000001]');
  });

  it('carries the SEQUENCE it is given and is stamped with its issue time, not the clock', async () => {
    // Prepare, Act
    const ics = await appointmentIcs({ ...invitation, sequence: 2 });
    const event = theEvent(ics);

    // Assess
    expect(event.sequence).toBe(2);
    expect(ics).toContain('\r\nDTSTAMP:20261124T030000Z\r\n');
    expect(await appointmentIcs({ ...invitation, sequence: 2 })).toBe(ics);
  });

  it('cancels with METHOD:CANCEL, STATUS:CANCELLED, the same UID and no alarm', async () => {
    // Prepare, Act
    const ics = await appointmentIcs({ ...invitation, method: 'CANCEL', sequence: 1 });
    const event = theEvent(ics);

    // Assess
    expect(ics).toMatch(/\r\nMETHOD:CANCEL\r\n/);
    expect(event.status).toBe('CANCELLED');
    expect(event.uid).toBe(invitation.uid);
    expect(event.alarms ?? []).toHaveLength(0);
  });

  it('folds long Vietnamese lines at 75 octets without splitting a letter', async () => {
    // Prepare, Act
    const ics = await appointmentIcs({ ...invitation, description: 'Ông/Bà mang theo bản chính bản án, quyết định của Tòa án và căn cước công dân; đến đúng giờ hẹn.' });
    const lines = ics.split('\r\n');

    // Assess
    expect(Math.max(...lines.map((line) => Buffer.byteLength(line, 'utf8')))).toBeLessThanOrEqual(75);
    expect(ics).not.toContain('\uFFFD');
    expect(theEvent(ics).description).toBe('Ông/Bà mang theo bản chính bản án, quyết định của Tòa án và căn cước công dân; đến đúng giờ hẹn.');
  });

  it.each([
    ['ends before it starts', { end: '2026-11-30T07:00:00+07:00' }],
    ['ends when it starts', { end: mondayMorning.start }],
    ['has a negative SEQUENCE', { sequence: -1 }],
    ['has a start that is not an instant', { start: '30/11/2026 08:00' }],
  ])('refuses an appointment that %s', async (_story, change) => {
    // Prepare, Act, Assess
    await expect(appointmentIcs({ ...invitation, ...change })).rejects.toThrow(InvalidAppointment);
  });
});
