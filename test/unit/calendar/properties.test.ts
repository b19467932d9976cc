import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledCalendarData, computeDeadline, parseInstant, workingCalendar, type WorkingCalendar } from '../../../shared/calendar';
import { recompute, warningInstant } from '../../../shared/calendar/deadline';
import { instantAt, localDateOf } from '../../../shared/calendar/localTime';
import { addWorkingTime, isWorkingTime, workingTimeBetween, type Pause } from '../../../shared/calendar/workingTime';
import { directory } from './fixtures';

/** Invariants of the clock, over 2025-2027 (official schedules and the default rule) and every demo office. */

const calendars: WorkingCalendar[] = [
  workingCalendar({ data: bundledCalendarData(), directory }),
  ...['HCM', 'HCMKV1', 'HCMKV2'].map((office) => workingCalendar({ data: bundledCalendarData(), directory, office })),
];
const calendar = fc.constantFrom(...calendars);
const FROM = Date.parse('2025-01-01T00:00:00+07:00');
const TO = Date.parse('2027-12-01T00:00:00+07:00');
const instant = fc.integer({ min: FROM, max: TO });
const minutes = fc.integer({ min: 0, max: 6000 });
const pauses = fc.array(
  fc.tuple(instant, fc.integer({ min: 1, max: 14 * 24 * 60 })).map(([from, length]): Pause => ({ from, to: from + length * 60_000 })),
  { maxLength: 3 },
);
const runs = { numRuns: 200 };
const ms = (iso: string) => parseInstant(iso) ?? NaN;

function isSessionEnd(cal: WorkingCalendar, at: number): boolean {
  const date = localDateOf(at);
  return cal.dayStatus(date).working && cal.sessions.some((s) => instantAt(date, s.to) === at);
}

describe('working time', () => {
  it('adding never goes back in time', () => {
    fc.assert(fc.property(calendar, instant, minutes, (cal, start, m) => addWorkingTime(cal, start, m) >= start), runs);
  });

  it('adding a then b is adding a + b', () => {
    fc.assert(
      fc.property(calendar, instant, minutes, minutes, pauses, (cal, start, a, b, stops) => {
        expect(addWorkingTime(cal, addWorkingTime(cal, start, a, stops), b, stops)).toBe(addWorkingTime(cal, start, a + b, stops));
      }),
      runs,
    );
  });

  it('ends in working time, or exactly at the end of a session', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 1, max: 6000 }), (cal, start, m) => {
        const end = addWorkingTime(cal, start, m);
        return isWorkingTime(cal, end) || isSessionEnd(cal, end);
      }),
      runs,
    );
  });

  it('measures back exactly what was added, pauses excluded', () => {
    fc.assert(
      fc.property(calendar, instant, minutes, pauses, (cal, start, m, stops) => {
        expect(workingTimeBetween(cal, start, addWorkingTime(cal, start, m, stops), stops)).toBe(m);
      }),
      runs,
    );
  });
});

describe('deadlines', () => {
  const request = fc.record({
    receivedAt: instant.map((t) => new Date(t)),
    workingDays: fc.integer({ min: 1, max: 20 }),
    cutoff: fc.boolean(),
  });

  it('are never earlier than their start, which is never earlier than the receipt', () => {
    fc.assert(
      fc.property(calendar, request, (cal, { receivedAt, workingDays, cutoff }) => {
        const deadline = computeDeadline(cal, { receivedAt, workingDays, ...(cutoff ? { afterCutoff: '15:00' } : {}) });
        expect(ms(deadline.dueAt)).toBeGreaterThan(ms(deadline.startedAt));
        expect(ms(deadline.startedAt)).toBeGreaterThanOrEqual(receivedAt.getTime());
        expect(isWorkingTime(cal, ms(deadline.dueAt)) || isSessionEnd(cal, ms(deadline.dueAt))).toBe(true);
      }),
      runs,
    );
  });

  it('are never shortened by a pause, or by the cut-off', () => {
    fc.assert(
      fc.property(calendar, request, pauses, (cal, { receivedAt, workingDays }, stops) => {
        const plain = computeDeadline(cal, { receivedAt, workingDays });
        const paused = computeDeadline(cal, { receivedAt, workingDays, pauses: stops.map((p) => ({ from: new Date(p.from), to: new Date(p.to ?? p.from) })) });
        const cutoff = computeDeadline(cal, { receivedAt, workingDays, afterCutoff: '15:00' });
        expect(ms(paused.dueAt)).toBeGreaterThanOrEqual(ms(plain.dueAt));
        expect(ms(cutoff.dueAt)).toBeGreaterThanOrEqual(ms(plain.dueAt));
      }),
      runs,
    );
  });

  it('never come earlier for a later receipt', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 0, max: 5 * 24 * 60 }), fc.integer({ min: 1, max: 10 }), (cal, first, laterBy, workingDays) => {
        const earlier = computeDeadline(cal, { receivedAt: new Date(first), workingDays });
        const later = computeDeadline(cal, { receivedAt: new Date(first + laterBy * 60_000), workingDays });
        expect(ms(later.dueAt)).toBeGreaterThanOrEqual(ms(earlier.dueAt));
      }),
      runs,
    );
  });

  it('survive JSON, do not move when recomputed on the same calendar, and warn between start and due', () => {
    fc.assert(
      fc.property(calendar, request, fc.double({ min: 0, max: 1, noNaN: true }), (cal, { receivedAt, workingDays, cutoff }, fraction) => {
        const deadline = computeDeadline(cal, { receivedAt, workingDays, ...(cutoff ? { afterCutoff: '15:00' } : {}) });
        const stored = JSON.parse(JSON.stringify(deadline));
        expect(stored).toEqual(deadline);
        expect(recompute(cal, stored)).toMatchObject({ moved: false, calendarChanged: false });
        const warning = ms(warningInstant(cal, stored, fraction));
        expect(warning).toBeGreaterThanOrEqual(ms(deadline.startedAt));
        expect(warning).toBeLessThanOrEqual(ms(deadline.dueAt));
      }),
      runs,
    );
  });
});
