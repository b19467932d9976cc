import { describe, expect, it } from 'vitest';
import { checkTimeliness, deadlineFor, InvalidDeadlineRequest, practiceDaysOff } from '../../../shared/calendar';
import { directory, iso, vn } from './fixtures';

/**
 * The two counting rules. `legal` (Civil Code 2015, arts. 147-148): the day of receipt is not counted and
 * the period ends at the close of the office's working hours on its Nth working day. `working-hours`: N × the
 * office's working hours from the minute of receipt. HCMKV1 keeps 08:00-12:00, 13:00-17:00.
 * Every expected value below is counted by hand on the 2026 schedule.
 */
const kv1 = { office: 'HCMKV1', directory };

describe('legal counting', () => {
  it('received Monday 10:00 with 5 working days is due at the close of the following Monday', () => {
    const deadline = deadlineFor({ receivedAt: vn('2026-03-02 10:00'), workingDays: 5, counting: 'legal', ...kv1 });
    expect(deadline.dueAt).toBe(iso('2026-03-09 17:00'));
    expect(deadline.counting).toBe('legal');
    expect(deadline.startedAt).toBe(iso('2026-03-03 08:00'));
    expect(deadline.rule).toMatch(/day of receipt is not counted/);
  });
  it('counted in working hours, the same request is due at 10:00 on Monday (the default rule, unchanged)', () => {
    const deadline = deadlineFor({ receivedAt: vn('2026-03-02 10:00'), workingDays: 5, ...kv1 });
    expect(deadline.dueAt).toBe(iso('2026-03-09 10:00'));
    expect(deadline.counting).toBe('working-hours');
  });
  it('a receipt on a Saturday: Monday is the first day', () => {
    expect(deadlineFor({ receivedAt: vn('2026-03-07 10:00'), workingDays: 1, counting: 'legal', ...kv1 }).dueAt).toBe(iso('2026-03-09 17:00'));
  });
  it('a receipt at 07:00, before opening, still does not count its own day', () => {
    expect(deadlineFor({ receivedAt: vn('2026-03-02 07:00'), workingDays: 1, counting: 'legal', ...kv1 }).dueAt).toBe(iso('2026-03-03 17:00'));
  });
  it('skips the National Day break 29/8-2/9/2026: received Thursday 27 August at 12:30, 5 days end on Tuesday 8 September at 17:00', () => {
    // 28/8 (1), 29/8-2/9 off, 3/9 (2), 4/9 (3), 7/9 (4), 8/9 (5)
    expect(deadlineFor({ receivedAt: vn('2026-08-27 12:30'), workingDays: 5, counting: 'legal', ...kv1 }).dueAt).toBe(iso('2026-09-08 17:00'));
  });
  it('counts the make-up Saturday 22/8/2026 as a working day', () => {
    expect(deadlineFor({ receivedAt: vn('2026-08-21 10:00'), workingDays: 1, counting: 'legal', ...kv1 }).dueAt).toBe(iso('2026-08-22 17:00'));
  });
  it('the 15:00 cut-off does not move a statutory period: the day of receipt is not counted anyway', () => {
    const deadline = deadlineFor({ receivedAt: vn('2026-02-13 16:30'), workingDays: 5, counting: 'legal', afterCutoff: '15:00', ...kv1 });
    expect(deadline.dueAt).toBe(iso('2026-02-27 17:00')); // 23, 24, 25, 26, 27 February after Tết
    expect(deadline.afterCutoff).toBe('15:00');
    expect(deadline.rule).toMatch(/cut-off .* does not move/);
  });
  it('ends at the office’s own closing time (HCMKV2 closes at 17:00, opens at 07:30)', () => {
    const deadline = deadlineFor({ receivedAt: vn('2026-03-10 15:00'), workingDays: 1, counting: 'legal', office: 'HCMKV2', directory });
    expect(deadline.dueAt).toBe(iso('2026-03-11 17:00'));
    expect(deadline.startedAt).toBe(iso('2026-03-11 07:30'));
  });
  it('a pause moves the last day on, and the period still ends at closing', () => {
    // received Mon 2/3; Tue 3/3 08:00-12:00 paused: half a day more; the 5th day's work ends Tue 10/3 at 12:00, so closing that day
    const deadline = deadlineFor({ receivedAt: vn('2026-03-02 10:00'), workingDays: 5, counting: 'legal', pauses: [{ from: vn('2026-03-03 08:00'), to: vn('2026-03-03 12:00') }], ...kv1 });
    expect(deadline.dueAt).toBe(iso('2026-03-10 17:00'));
  });
  it('refuses a legal limit in hours: the Civil Code counts days', () => {
    expect(() => deadlineFor({ receivedAt: vn('2026-03-02 10:00'), workingHours: 4, counting: 'legal', ...kv1 })).toThrow(InvalidDeadlineRequest);
  });
  it('refuses an unknown rule by name', () => {
    expect(() => deadlineFor({ receivedAt: vn('2026-03-02 10:00'), workingDays: 1, counting: 'calendar-days' as never, ...kv1 })).toThrow(/counting must be "legal" or "working-hours", got "calendar-days"/);
  });
});

describe('on time (the one definition)', () => {
  const legal = deadlineFor({ receivedAt: vn('2026-03-02 10:00'), workingDays: 5, counting: 'legal', ...kv1 }); // due Mon 9/3 17:00
  const hours = deadlineFor({ receivedAt: vn('2026-03-02 10:00'), workingDays: 1, ...kv1 }); // due Tue 3/3 10:00

  it('exactly at the due instant is on time', () => {
    expect(checkTimeliness(legal, vn('2026-03-09 17:00'), { directory })).toEqual({ onTime: true, lateByWorkingMinutes: 0, remainingWorkingMinutes: 0 });
    expect(checkTimeliness(hours, vn('2026-03-03 10:00'), { directory }).onTime).toBe(true);
  });
  it('one working minute after is late by one minute', () => {
    expect(checkTimeliness(hours, vn('2026-03-03 10:01'), { directory })).toEqual({ onTime: false, lateByWorkingMinutes: 1, remainingWorkingMinutes: 0 });
  });
  it('after closing on the due day is late, by 0 working minutes: the legal period ended at closing', () => {
    expect(checkTimeliness(legal, vn('2026-03-09 17:01'), { directory })).toEqual({ onTime: false, lateByWorkingMinutes: 0, remainingWorkingMinutes: 0 });
  });
  it('the next morning before opening is late, though no working time has run', () => {
    expect(checkTimeliness(legal, vn('2026-03-10 07:00'), { directory })).toEqual({ onTime: false, lateByWorkingMinutes: 0, remainingWorkingMinutes: 0 });
  });
  it('over the weekend after a Friday deadline is late', () => {
    const friday = deadlineFor({ receivedAt: vn('2026-03-05 10:00'), workingDays: 1, counting: 'legal', ...kv1 }); // due Fri 6/3 17:00
    expect(friday.dueAt).toBe(iso('2026-03-06 17:00'));
    expect(checkTimeliness(friday, vn('2026-03-07 09:00'), { directory }).onTime).toBe(false);
  });
  it('takes a stored deadline as the case keeps it (any step, even one without pauses)', () => {
    expect(checkTimeliness({ dueAt: iso('2026-03-03 10:00') }, vn('2026-03-03 09:00'), { directory })).toEqual({ onTime: true, lateByWorkingMinutes: 0, remainingWorkingMinutes: 60 });
  });
});

describe('provisional years', () => {
  it('a deadline over a year without an official schedule says so', () => {
    // 2027 has no file: Tết by recent practice is off Thursday 4 - Wednesday 10 February 2027.
    // After Mon 1/2: 2/2 (1), 3/2 (2), 11/2 (3), 12/2 (4), 15/2 (5).
    const deadline = deadlineFor({ receivedAt: vn('2027-02-01 10:00'), workingDays: 5, counting: 'legal', ...kv1 });
    expect(deadline.dueAt).toBe(iso('2027-02-15 17:00'));
    expect(deadline.provisional).toEqual({ years: [2027] });
    expect(deadline.rule).toMatch(/provisional/);
  });
  it('a deadline crossing into 2027 is provisional, one within 2026 is not', () => {
    // After Mon 28/12/2026: 29 (1), 30 (2), 31 (3), Fri 1/1/2027 off (New Year), 4/1 (4), 5/1 (5).
    const crossing = deadlineFor({ receivedAt: vn('2026-12-28 10:00'), workingDays: 5, counting: 'legal', ...kv1 });
    expect(crossing.dueAt).toBe(iso('2027-01-05 17:00'));
    expect(crossing.provisional).toEqual({ years: [2027] });
    const within = deadlineFor({ receivedAt: vn('2026-12-24 10:00'), workingDays: 5, counting: 'legal', ...kv1 });
    expect(within.dueAt).toBe(iso('2026-12-31 17:00'));
    expect(within.provisional).toBeUndefined();
  });
});

describe('the default Tết of a year without a schedule follows recent practice', () => {
  const tetOf = (year: number) => {
    const days = practiceDaysOff(year).filter((d) => d.reason.startsWith('Tết Âm lịch'));
    return { from: days[0]?.date, through: days[days.length - 1]?.date, count: days.length };
  };
  // The official breaks of recent years, as announced: five weekdays and the weekends that adjoin them.
  it.each([
    [2023, '2023-01-20', '2023-01-26'],
    [2024, '2024-02-08', '2024-02-14'],
    [2025, '2025-01-25', '2025-02-02'],
    [2026, '2026-02-14', '2026-02-22'],
  ])('reproduces the break of %i (%s to %s)', (year, from, through) => {
    const tet = tetOf(year);
    expect({ from: tet.from, through: tet.through }).toEqual({ from, through });
  });
  it('gives 2027 Thursday 4 to Wednesday 10 February', () => {
    expect(tetOf(2027)).toEqual({ from: '2027-02-04', through: '2027-02-10', count: 7 });
  });
  it('keeps the other holidays of the Labour Code (New Year 2027 on a Friday)', () => {
    expect(practiceDaysOff(2027).map((d) => d.date)).toContain('2027-01-01');
  });
});
