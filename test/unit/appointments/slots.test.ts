import { describe, expect, it } from 'vitest';
import { candidateSlots, reminderAt, slotKey, type Slot } from '../../../shared/appointments/slots';
import { bundledCalendarFiles, calendarDataFrom, parseInstant, UnknownOffice } from '../../../shared/calendar';
import { officeDirectory as directory } from '../../../shared/offices/default-directory';

/** A Vietnam local time written as "2026-03-06 15:00", as the desk's register reads. */
function vn(text: string): Date {
  const ms = parseInstant(text.replace(' ', 'T'));
  if (ms === undefined) throw new Error(`bad test time ${text}`);
  return new Date(ms);
}

/** "2026-03-09 sáng 08:00-11:30" for a slot: the table reads like an appointment list. */
const show = (slot: Slot) => `${slot.date} ${slot.session} ${slot.start.slice(11, 16)}-${slot.end.slice(11, 16)}`;

const firstSlot = (office: string, bookedAt: string, leadWorkingDays?: number) =>
  candidateSlots({ directory, office, after: vn(bookedAt), count: 1, ...(leadWorkingDays === undefined ? {} : { leadWorkingDays }) })[0];

describe('candidateSlots: the first slot offered is on the working day after the booking', () => {
  it.each([
    { when: 'booked on Friday afternoon: Monday morning', office: 'HCMKV1', bookedAt: '2026-03-06 15:00', first: '2026-03-09 sáng 08:00-11:30' },
    { when: 'booked on Monday morning: Tuesday morning, not the same afternoon', office: 'HCMKV1', bookedAt: '2026-03-09 09:00', first: '2026-03-10 sáng 08:00-11:30' },
    { when: 'booked on Saturday: Monday, the next working day', office: 'HCMKV1', bookedAt: '2026-03-07 10:00', first: '2026-03-09 sáng 08:00-11:30' },
    { when: 'booked the Friday before Tết: the Monday after Tết (14-22 February off)', office: 'HCMKV1', bookedAt: '2026-02-13 10:00', first: '2026-02-23 sáng 08:00-11:30' },
    { when: 'booked in the Tết break: the Monday after it', office: 'HCM', bookedAt: '2026-02-17 10:00', first: '2026-02-23 sáng 08:00-11:30' },
    { when: 'booked on Friday 9 January: the make-up Saturday 10 January is a working day', office: 'HCMKV1', bookedAt: '2026-01-09 14:00', first: '2026-01-10 sáng 08:00-11:30' },
    { when: 'booked on Friday 21 August: the make-up Saturday 22 August', office: 'HCMKV1', bookedAt: '2026-08-21 16:00', first: '2026-08-22 sáng 08:00-11:30' },
    { when: 'booked before the National Day break (29 August - 2 September): Thursday 3 September', office: 'HCM', bookedAt: '2026-08-28 09:00', first: '2026-09-03 sáng 08:00-11:30' },
    { when: 'booked before 30 April - 1 May: Monday 4 May', office: 'HCMKV1', bookedAt: '2026-04-29 11:00', first: '2026-05-04 sáng 08:00-11:30' },
    { when: 'booked on New Year’s Eve: Monday 5 January (1-2 January off, the weekend)', office: 'HCMKV1', bookedAt: '2025-12-31 16:00', first: '2026-01-05 sáng 08:00-11:30' },
    { when: 'HCMKV2 keeps its own sessions (07:30-11:00, 13:30-16:30)', office: 'HCMKV2', bookedAt: '2026-03-06 15:00', first: '2026-03-09 sáng 07:30-11:00' },
    { when: 'HCMKV2 is closed on 13 March (its own calendar): Monday 16 March', office: 'HCMKV2', bookedAt: '2026-03-12 10:00', first: '2026-03-16 sáng 07:30-11:00' },
    { when: 'HCMKV1 is open on 13 March', office: 'HCMKV1', bookedAt: '2026-03-12 10:00', first: '2026-03-13 sáng 08:00-11:30' },
  ])('$when', ({ office, bookedAt, first }) => {
    // Act
    const slot = firstSlot(office, bookedAt);

    // Assess
    expect(slot && show(slot)).toBe(first);
    expect(slot?.office).toBe(office);
  });
});

describe('candidateSlots: the next sessions in order', () => {
  it('gives both sessions of each working day, morning first, across Tết', () => {
    // Act
    const slots = candidateSlots({ directory, office: 'HCMKV1', after: vn('2026-02-12 15:00'), count: 5 });

    // Assess
    expect(slots.map(show)).toEqual([
      '2026-02-13 sáng 08:00-11:30',
      '2026-02-13 chiều 13:30-16:30',
      '2026-02-23 sáng 08:00-11:30',
      '2026-02-23 chiều 13:30-16:30',
      '2026-02-24 sáng 08:00-11:30',
    ]);
  });

  it('gives each slot its office, day, session and ISO instants in Vietnam time', () => {
    expect(candidateSlots({ directory, office: 'HCMKV2', after: vn('2026-03-06 15:00'), count: 2 })).toEqual([
      { office: 'HCMKV2', date: '2026-03-09', session: 'sáng', start: '2026-03-09T07:30:00+07:00', end: '2026-03-09T11:00:00+07:00' },
      { office: 'HCMKV2', date: '2026-03-09', session: 'chiều', start: '2026-03-09T13:30:00+07:00', end: '2026-03-09T16:30:00+07:00' },
    ]);
  });

  it('skips HCMKV2’s closure day in a longer list', () => {
    const days = candidateSlots({ directory, office: 'HCMKV2', after: vn('2026-03-10 09:00'), count: 6 }).map((s) => s.date);
    expect(days).toEqual(['2026-03-11', '2026-03-11', '2026-03-12', '2026-03-12', '2026-03-16', '2026-03-16']);
  });

  it('returns nothing for a count of zero', () => {
    expect(candidateSlots({ directory, office: 'HCMKV1', after: vn('2026-03-06 15:00'), count: 0 })).toEqual([]);
  });

  it('gives as many slots as asked, far into the year', () => {
    const slots = candidateSlots({ directory, office: 'HCMKV1', after: vn('2026-01-05 09:00'), count: 400 });
    expect(slots).toHaveLength(400);
    expect(new Set(slots.map(slotKey)).size).toBe(400);
    expect(slots.map((s) => s.start)).toEqual([...slots.map((s) => s.start)].sort());
  });
});

describe('candidateSlots: the lead time is a parameter', () => {
  it.each([
    { when: 'no notice: the same day’s next session that has not started', bookedAt: '2026-03-09 10:00', lead: 0, first: '2026-03-09 chiều 13:30-16:30' },
    { when: 'no notice, booked as the afternoon session starts: the next morning', bookedAt: '2026-03-09 13:30', lead: 0, first: '2026-03-10 sáng 08:00-11:30' },
    { when: 'no notice, booked before opening: that morning', bookedAt: '2026-03-09 07:00', lead: 0, first: '2026-03-09 sáng 08:00-11:30' },
    { when: 'no notice, booked on Sunday: Monday morning', bookedAt: '2026-03-08 20:00', lead: 0, first: '2026-03-09 sáng 08:00-11:30' },
    { when: 'two working days of notice from Friday: Tuesday', bookedAt: '2026-03-06 09:00', lead: 2, first: '2026-03-10 sáng 08:00-11:30' },
    { when: 'two working days of notice from the Thursday before Tết: Friday is the first, Monday after Tết the second', bookedAt: '2026-02-12 09:00', lead: 2, first: '2026-02-23 sáng 08:00-11:30' },
    { when: 'three working days of notice from the Thursday before Tết: Tuesday after Tết', bookedAt: '2026-02-12 09:00', lead: 3, first: '2026-02-24 sáng 08:00-11:30' },
  ])('$when', ({ bookedAt, lead, first }) => {
    const slot = firstSlot('HCMKV1', bookedAt, lead);
    expect(slot && show(slot)).toBe(first);
  });

  it('refuses a negative or fractional lead time and count', () => {
    const base = { directory, office: 'HCMKV1', after: vn('2026-03-06 15:00'), count: 1 };
    expect(() => candidateSlots({ ...base, leadWorkingDays: -1 })).toThrow(RangeError);
    expect(() => candidateSlots({ ...base, leadWorkingDays: 0.5 })).toThrow(RangeError);
    expect(() => candidateSlots({ ...base, count: -1 })).toThrow(RangeError);
  });

  it('refuses an unknown office', () => {
    expect(() => candidateSlots({ directory, office: 'HANOI', after: vn('2026-03-06 15:00'), count: 1 })).toThrow(UnknownOffice);
  });
});

describe('candidateSlots: other calendar data', () => {
  it('follows a closure given in the calendars passed in', () => {
    // Prepare
    const closure = {
      source: 'config/calendars/office/HCMKV1.json',
      content: { layer: 'office', office: 'HCMKV1', days: [{ date: '2026-03-09', kind: 'off', reason: 'closure', source: { document: 'QĐ 1/QĐ-TEST', date: '2026-03-01' } }] },
    };
    const calendars = calendarDataFrom([...bundledCalendarFiles, closure]);

    // Act
    const slot = candidateSlots({ directory, office: 'HCMKV1', after: vn('2026-03-06 15:00'), count: 1, calendars })[0];

    // Assess
    expect(slot && show(slot)).toBe('2026-03-10 sáng 08:00-11:30');
  });
});

describe('reminderAt: the working day before the slot, at the office’s opening', () => {
  const slotOn = (office: string, date: string, session = 'sáng'): Slot => {
    const found = candidateSlots({ directory, office, after: vn(`${date} 00:00`), count: 2, leadWorkingDays: 0 }).find((s) => s.date === date && s.session === session);
    if (!found) throw new Error(`no ${session} slot at ${office} on ${date}`);
    return found;
  };

  it.each([
    { when: 'a slot on Monday 08:00: the Friday before, 08:00', office: 'HCMKV1', date: '2026-03-09', remind: '2026-03-06 08:00' },
    { when: 'a slot on Tuesday afternoon: Monday 08:00', office: 'HCMKV1', date: '2026-03-10', session: 'chiều', remind: '2026-03-09 08:00' },
    { when: 'a slot on the Monday after Tết: the last working day before Tết', office: 'HCMKV1', date: '2026-02-23', remind: '2026-02-13 08:00' },
    { when: 'a slot after the Hùng Kings’ compensating day off (27 April): Friday 24 April', office: 'HCMKV1', date: '2026-04-28', remind: '2026-04-24 08:00' },
    { when: 'a slot after 30 April - 1 May: Wednesday 29 April', office: 'HCM', date: '2026-05-04', remind: '2026-04-29 08:00' },
    { when: 'a slot on the Monday after a make-up Saturday: that Saturday', office: 'HCMKV1', date: '2026-01-12', remind: '2026-01-10 08:00' },
    { when: 'HCMKV2 opens at 07:30', office: 'HCMKV2', date: '2026-03-10', remind: '2026-03-09 07:30' },
    { when: 'HCMKV2, after its closure on Friday 13 March: Thursday 12 March, 07:30', office: 'HCMKV2', date: '2026-03-16', remind: '2026-03-12 07:30' },
  ])('$when', ({ office, date, session, remind }) => {
    // Prepare
    const slot = slotOn(office, date, session);

    // Act
    const at = reminderAt(slot, directory, office);

    // Assess
    expect(at).toEqual(vn(remind));
  });

  it('is the booking time when the working day before has already opened', () => {
    const slot = slotOn('HCMKV1', '2026-03-09');
    expect(reminderAt(slot, directory, 'HCMKV1', { bookedAt: vn('2026-03-06 15:00') })).toEqual(vn('2026-03-06 15:00'));
    expect(reminderAt(slot, directory, 'HCMKV1', { bookedAt: vn('2026-03-05 15:00') })).toEqual(vn('2026-03-06 08:00'));
  });

  it('refuses an office that is not the slot’s', () => {
    expect(() => reminderAt(slotOn('HCMKV1', '2026-03-09'), directory, 'HCMKV2')).toThrow(/belongs to office HCMKV1/);
  });
});

describe('slotKey', () => {
  it('names the office, day and session', () => {
    const slot = firstSlot('HCMKV2', '2026-03-06 15:00');
    expect(slot && slotKey(slot)).toBe('HCMKV2#2026-03-09#sáng');
  });
});
