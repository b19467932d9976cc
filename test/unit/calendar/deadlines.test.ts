import { describe, expect, it } from 'vitest';
import { deadlineFor } from '../../../shared/calendar';
import { directory, iso, vn } from './fixtures';

/**
 * Deadlines around every holiday and make-up day of 2026 (and a few of 2025 and 2027), as the desk would
 * state them. HCMKV1 keeps 08:00-12:00 and 13:00-17:00; HCMKV2 07:30-11:30 and 13:00-17:00.
 */
interface Case {
  story: string;
  received: string;
  workingDays: number;
  office?: string;
  afterCutoff?: string;
  due: string;
  startsAt?: string;
}

const cases: Case[] = [
  // Tết Dương lịch 2026: 1-4 January off, Saturday 10 January worked.
  { story: 'a request received at 10:00 on New Year’s Eve is due at 10:00 on Monday 5 January', received: '2025-12-31 10:00', workingDays: 1, due: '2026-01-05 10:00' },
  { story: 'a request received on Friday 9 January at 10:00 is due on the make-up Saturday 10 January at 10:00', received: '2026-01-09 10:00', workingDays: 1, due: '2026-01-10 10:00' },
  { story: 'a request received on the make-up Saturday at 09:00 is due on Monday 12 January at 09:00', received: '2026-01-10 09:00', workingDays: 1, due: '2026-01-12 09:00' },
  { story: 'a request received on the make-up Saturday at 16:00, after the 15:00 cut-off, is due on Monday 12 January at 17:00', received: '2026-01-10 16:00', workingDays: 1, afterCutoff: '15:00', due: '2026-01-12 17:00', startsAt: '2026-01-12 08:00' },
  { story: 'a request received on Sunday 11 January starts on Monday at 08:00 and is due at 17:00', received: '2026-01-11 11:00', workingDays: 1, due: '2026-01-12 17:00', startsAt: '2026-01-12 08:00' },
  // Tết Âm lịch 2026: 14-22 February off.
  { story: 'a request received at 16:30 on the Friday before Tết is due at 16:30 on the Monday after', received: '2026-02-13 16:30', workingDays: 1, due: '2026-02-23 16:30' },
  { story: 'the same request under the 15:00 one-stop cut-off starts on the Monday after Tết and is due that day at 17:00', received: '2026-02-13 16:30', workingDays: 1, afterCutoff: '15:00', due: '2026-02-23 17:00', startsAt: '2026-02-23 08:00' },
  { story: 'a 5-day decision received on the Friday before Tết after the cut-off is due on Friday 27 February at 17:00', received: '2026-02-13 16:30', workingDays: 5, afterCutoff: '15:00', due: '2026-02-27 17:00' },
  { story: 'a 5-day decision received on Thursday 12 February at 09:00 is due on Thursday 26 February at 09:00', received: '2026-02-12 09:00', workingDays: 5, due: '2026-02-26 09:00' },
  { story: 'a 15-day fee exemption received on Thursday 12 February at 09:00 is due on Thursday 12 March at 09:00', received: '2026-02-12 09:00', workingDays: 15, due: '2026-03-12 09:00' },
  { story: 'a request received during Tết starts on Monday 23 February at 08:00', received: '2026-02-17 10:00', workingDays: 1, due: '2026-02-23 17:00', startsAt: '2026-02-23 08:00' },
  // Giỗ Tổ Hùng Vương 2026: Sunday 26 April, compensated on Monday 27 April; then 30 April - 3 May.
  { story: 'a request received on Friday 24 April at 14:00 is due on Tuesday 28 April at 14:00', received: '2026-04-24 14:00', workingDays: 1, due: '2026-04-28 14:00' },
  { story: 'a 3-day copy to the procuracy from Friday 24 April at 14:00 is due on Monday 4 May at 14:00', received: '2026-04-24 14:00', workingDays: 3, due: '2026-05-04 14:00' },
  { story: 'a 2-day step received on Wednesday 29 April at 09:00 is due on Tuesday 5 May at 09:00', received: '2026-04-29 09:00', workingDays: 2, due: '2026-05-05 09:00' },
  // Quốc khánh 2026: 29 August - 2 September off, Saturday 22 August worked.
  { story: 'a request received on Friday 21 August at 10:00 is due on the make-up Saturday 22 August at 10:00', received: '2026-08-21 10:00', workingDays: 1, due: '2026-08-22 10:00' },
  { story: 'a request received on Friday 28 August at 10:00 is due on Thursday 3 September at 10:00', received: '2026-08-28 10:00', workingDays: 1, due: '2026-09-03 10:00' },
  { story: 'a 5-day decision received on Thursday 27 August at 12:30 (lunch) starts at 13:00 and is due at noon on Tuesday 8 September', received: '2026-08-27 12:30', workingDays: 5, due: '2026-09-08 12:00', startsAt: '2026-08-27 13:00' },
  // HCMKV2 hours, and its demo closure on Friday 13 March 2026.
  { story: 'at HCMKV2 a request received at 07:00 starts at 07:30 and is due at 17:00 the same day', received: '2026-03-12 07:00', workingDays: 1, office: 'HCMKV2', due: '2026-03-12 17:00', startsAt: '2026-03-12 07:30' },
  { story: 'at HCMKV2, closed on 13 March (demo), a 2-day step from Thursday 12 March at 07:30 is due on Monday 16 March at 17:00', received: '2026-03-12 07:30', workingDays: 2, office: 'HCMKV2', due: '2026-03-16 17:00' },
  { story: 'at HCMKV1, open on 13 March, the same step is due on Friday 13 March at 17:00', received: '2026-03-12 08:00', workingDays: 2, due: '2026-03-13 17:00' },
  { story: 'at HCMKV2 a request received at 11:45 (its lunch break) starts at 13:00 and is due when its morning ends next day, 11:30', received: '2026-03-10 11:45', workingDays: 1, office: 'HCMKV2', due: '2026-03-11 11:30', startsAt: '2026-03-10 13:00' },
  // 2025, official schedule: Saturday 26 April worked, Friday 2 May off.
  { story: '2025: a request received on Friday 25 April at 10:00 is due on the make-up Saturday 26 April at 10:00', received: '2025-04-25 10:00', workingDays: 1, due: '2025-04-26 10:00' },
  { story: '2025: a request received on Tuesday 29 April at 10:00 is due on Monday 5 May at 10:00', received: '2025-04-29 10:00', workingDays: 1, due: '2025-05-05 10:00' },
  { story: '2025: a request received on Friday 24 January at 16:30 is due on Monday 3 February at 16:30', received: '2025-01-24 16:30', workingDays: 1, due: '2025-02-03 16:30' },
  // 2027, no official schedule: the provisional default (Tết as recent practice sets it: Thursday 4 - Wednesday 10 February).
  { story: '2027 (provisional default): a request received on Thursday 4 February, a day of the Tết break, starts on Thursday 11 February at 08:00 and is due at 17:00', received: '2027-02-04 10:00', workingDays: 1, due: '2027-02-11 17:00', startsAt: '2027-02-11 08:00' },
];

describe('deadlines around the holidays and make-up days', () => {
  it.each(cases)('$story', ({ received, workingDays, office = 'HCMKV1', afterCutoff, due, startsAt }) => {
    const deadline = deadlineFor({ receivedAt: vn(received), workingDays, office, directory, ...(afterCutoff ? { afterCutoff } : {}) });
    expect(deadline.dueAt).toBe(iso(due));
    if (startsAt) expect(deadline.startedAt).toBe(iso(startsAt));
    expect(deadline.workingMinutes).toBe(workingDays * 480);
  });
});

describe('a deadline explains itself', () => {
  it('lists each day skipped with its reason, from the receipt to the due day', () => {
    const deadline = deadlineFor({ receivedAt: vn('2025-12-31 10:00'), workingDays: 1, office: 'HCMKV1', directory });
    expect(deadline.skipped).toEqual([
      { date: '2026-01-01', reason: 'Tết Dương lịch (New Year’s Day)' },
      { date: '2026-01-02', reason: expect.stringMatching(/^Tết Dương lịch: nghỉ hoán đổi, làm bù thứ Bảy 10\/01\/2026/) },
      { date: '2026-01-03', reason: 'Thứ Bảy (nghỉ hằng tuần, weekly rest day)' },
      { date: '2026-01-04', reason: 'Chủ nhật (nghỉ hằng tuần, weekly rest day)' },
    ]);
    expect(deadline.calendarVersion).toMatch(/^cal:2025-2026:/);
    expect(deadline.rule).toContain('1 working day × 8 h = 480 working minutes');
  });

  it('says when the cut-off moved the start', () => {
    const deadline = deadlineFor({ receivedAt: vn('2026-02-13 16:30'), workingDays: 1, office: 'HCMKV1', directory, afterCutoff: '15:00' });
    expect(deadline.rule).toContain('received after the 15:00 cut-off: the clock starts the next working morning');
    expect(deadline.skipped.map((d) => d.date)).toEqual(['2026-02-14', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22']);
  });

  it('is a plain JSON value', () => {
    const deadline = deadlineFor({ receivedAt: vn('2026-02-13 16:30'), workingDays: 5, office: 'HCMKV2', directory, afterCutoff: '15:00' });
    expect(JSON.parse(JSON.stringify(deadline))).toEqual(deadline);
    expect(Object.keys(deadline)).toEqual(expect.arrayContaining(['dueAt', 'startedAt', 'rule', 'calendarVersion', 'workingMinutes', 'skipped']));
  });
});

describe('the cut-off', () => {
  it('keeps a file received at 15:00 exactly on the same day, and moves one received at 15:00:01', () => {
    const at3 = deadlineFor({ receivedAt: vn('2026-03-10 15:00'), workingDays: 1, office: 'HCMKV1', directory, afterCutoff: '15:00' });
    const after3 = deadlineFor({ receivedAt: new Date(vn('2026-03-10 15:00').getTime() + 1000), workingDays: 1, office: 'HCMKV1', directory, afterCutoff: '15:00' });
    expect(at3.startedAt).toBe(iso('2026-03-10 15:00'));
    expect(after3.startedAt).toBe(iso('2026-03-11 08:00'));
  });

  it('does nothing on a day off: the clock starts at the next opening anyway', () => {
    const deadline = deadlineFor({ receivedAt: vn('2026-03-14 16:00'), workingDays: 1, office: 'HCMKV1', directory, afterCutoff: '15:00' });
    expect(deadline.startedAt).toBe(iso('2026-03-16 08:00'));
  });
});

describe('bad requests', () => {
  const base = { receivedAt: vn('2026-03-10 09:00'), office: 'HCMKV1', directory };
  it.each([
    [{ ...base, workingDays: 0 }, /workingDays must be a positive whole number, got 0/],
    [{ ...base, workingDays: 1.5 }, /workingDays must be a positive whole number/],
    [{ ...base }, /give either workingDays or workingHours/],
    [{ ...base, workingDays: 1, workingHours: 8 }, /give either workingDays or workingHours/],
    [{ ...base, workingHours: -2 }, /workingHours must be a positive number/],
    [{ ...base, workingDays: 1, afterCutoff: '3pm' }, /afterCutoff must be HH:MM/],
    [{ ...base, workingDays: 1, receivedAt: new Date('nonsense') }, /receivedAt is not a valid date/],
    [{ ...base, workingDays: 1, office: 'XYZ' }, /unknown office XYZ/],
    [{ ...base, workingDays: 1, pauses: [{ from: vn('2026-03-10 10:00'), to: vn('2026-03-10 09:00') }] }, /pauses\[0\] ends before it starts/],
  ])('are refused with a clear message (%#)', (args, message) => {
    expect(() => deadlineFor(args)).toThrow(message);
  });

  it('accepts working hours instead of days', () => {
    const deadline = deadlineFor({ ...base, workingHours: 4 });
    expect(deadline.dueAt).toBe(iso('2026-03-10 14:00'));
    expect(deadline.workingDays).toBeUndefined();
  });
});
