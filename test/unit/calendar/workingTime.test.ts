import { describe, expect, it } from 'vitest';
import {
  addWorkingTime,
  bundledCalendarFiles,
  calendarDataFrom,
  checkTimeliness,
  deadlineFor,
  isWorkingTime,
  nextOpening,
  recomputeDeadline,
  toVietnamTime,
  warningPoint,
  workingTimeBetween,
} from '../../../shared/calendar';
import { directory, iso, vn } from './fixtures';

const kv1 = { directory, office: 'HCMKV1' };
const kv2 = { directory, office: 'HCMKV2' };

describe('isWorkingTime', () => {
  it.each([
    ['2026-03-10 08:00', 'HCMKV1', true, 'opening'],
    ['2026-03-10 07:45', 'HCMKV1', false, 'before opening'],
    ['2026-03-10 07:45', 'HCMKV2', true, 'HCMKV2 opens at 07:30'],
    ['2026-03-10 12:00', 'HCMKV1', false, 'lunch starts'],
    ['2026-03-10 11:45', 'HCMKV2', false, 'HCMKV2 lunch from 11:30'],
    ['2026-03-10 16:59', 'HCMKV1', true, 'last minute'],
    ['2026-03-10 17:00', 'HCMKV1', false, 'closing'],
    ['2026-03-14 10:00', 'HCMKV1', false, 'a Saturday'],
    ['2026-01-10 10:00', 'HCMKV1', true, 'the make-up Saturday'],
    ['2026-02-18 10:00', 'HCMKV1', false, 'Tết'],
    ['2026-03-13 10:00', 'HCMKV2', false, 'the demo closure'],
  ])('%s at %s: %s (%s)', (at, office, expected) => {
    expect(isWorkingTime({ directory, office }, vn(at))).toBe(expected);
  });
});

describe('nextOpening', () => {
  it('is the instant itself when the office is open', () => {
    expect(toVietnamTime(nextOpening(kv1, vn('2026-03-10 09:15')))).toBe(iso('2026-03-10 09:15'));
  });
  it('is the afternoon session after lunch, and the next working morning after closing', () => {
    expect(toVietnamTime(nextOpening(kv1, vn('2026-03-10 12:10')))).toBe(iso('2026-03-10 13:00'));
    expect(toVietnamTime(nextOpening(kv1, vn('2026-03-10 17:00')))).toBe(iso('2026-03-11 08:00'));
    expect(toVietnamTime(nextOpening(kv1, vn('2026-02-13 17:30')))).toBe(iso('2026-02-23 08:00'));
  });
});

describe('addWorkingTime and workingTimeBetween', () => {
  it('counts only sessions of working days', () => {
    expect(toVietnamTime(addWorkingTime(kv1, vn('2026-03-10 11:00'), 90))).toBe(iso('2026-03-10 13:30'));
    expect(workingTimeBetween(kv1, vn('2026-03-10 11:00'), vn('2026-03-10 13:30'))).toBe(90);
    expect(workingTimeBetween(kv1, vn('2026-02-13 16:00'), vn('2026-02-23 09:00'))).toBe(120);
  });
  it('is negative backwards', () => {
    expect(workingTimeBetween(kv1, vn('2026-03-10 13:30'), vn('2026-03-10 11:00'))).toBe(-90);
  });
  it('ends a full day at closing time, not at the next opening', () => {
    expect(toVietnamTime(addWorkingTime(kv1, vn('2026-03-10 08:00'), 480))).toBe(iso('2026-03-10 17:00'));
  });
  it('does not count paused time', () => {
    const pauses = [{ from: vn('2026-03-10 09:00'), to: vn('2026-03-10 10:00') }];
    expect(toVietnamTime(addWorkingTime(kv1, vn('2026-03-10 08:00'), 120, pauses))).toBe(iso('2026-03-10 11:00'));
    expect(workingTimeBetween(kv1, vn('2026-03-10 08:00'), vn('2026-03-10 11:00'), pauses)).toBe(120);
  });
  it('cannot add time across a pause that has no end', () => {
    expect(() => addWorkingTime(kv1, vn('2026-03-10 08:00'), 120, [{ from: vn('2026-03-10 09:00') }])).toThrow(/paused with no end/);
  });
});

describe('a paused clock', () => {
  const received = vn('2026-03-02 09:00');
  const guidanceSent = vn('2026-03-03 10:00');
  const requesterReplied = vn('2026-03-05 10:00');

  it('moves the deadline by the working time it was paused (waiting for the missing documents)', () => {
    const plain = deadlineFor({ receivedAt: received, workingDays: 5, ...kv1 });
    const paused = deadlineFor({ receivedAt: received, workingDays: 5, ...kv1, pauses: [{ from: guidanceSent, to: requesterReplied }] });
    expect(plain.dueAt).toBe(iso('2026-03-09 09:00'));
    expect(paused.dueAt).toBe(iso('2026-03-11 09:00'));
    expect(paused.rule).toContain('paused 16 h 00 min of working time');
  });

  it('while still paused, gives the earliest possible due instant and the working time left', () => {
    const open = deadlineFor({ receivedAt: received, workingDays: 5, ...kv1, pauses: [{ from: guidanceSent }] });
    expect(open.dueAt).toBe(iso('2026-03-09 09:00'));
    expect(open.paused).toEqual({ since: iso('2026-03-03 10:00'), remainingWorkingMinutes: 2400 - 540 });
  });

  it('is resumed by recomputing with the pause closed: the new value says it moved', () => {
    const open = deadlineFor({ receivedAt: received, workingDays: 5, ...kv1, pauses: [{ from: guidanceSent }] });
    const resumed = recomputeDeadline(open, { directory, pauses: [{ from: guidanceSent, to: requesterReplied }] });
    expect(resumed.moved).toBe(true);
    expect(resumed.deadline.dueAt).toBe(iso('2026-03-11 09:00'));
    expect(resumed.deadline.paused).toBeUndefined();
    expect(resumed.calendarChanged).toBe(false);
  });
});

describe('a stored deadline and a later calendar change', () => {
  const deadline = deadlineFor({ receivedAt: vn('2026-02-13 16:30'), workingDays: 1, ...kv1 });

  it('does not move when recomputed on the same calendar', () => {
    const again = recomputeDeadline(deadline, { directory });
    expect(again).toMatchObject({ moved: false, movedByMinutes: 0, calendarChanged: false });
    expect(again.deadline).toEqual(deadline);
  });

  it('moves only by an explicit recomputation, which reports the move and the new calendar version', () => {
    const closure = {
      source: 'config/calendars/office/HCMKV1.json',
      content: { layer: 'office', office: 'HCMKV1', days: [{ date: '2026-02-23', kind: 'off', reason: 'closure', source: { document: 'QĐ 1/QĐ-TEST', date: '2026-02-01' } }] },
    };
    const calendars = calendarDataFrom([...bundledCalendarFiles, closure]);
    const again = recomputeDeadline(deadline, { directory, calendars });
    expect(deadline.dueAt).toBe(iso('2026-02-23 16:30')); // the stored value is unchanged
    expect(again).toMatchObject({ moved: true, movedByMinutes: 24 * 60, calendarChanged: true });
    expect(again.deadline.dueAt).toBe(iso('2026-02-24 16:30'));
    expect(again.deadline.calendarVersion).not.toBe(deadline.calendarVersion);
  });
});

describe('warningPoint', () => {
  it('is the instant at which a fraction of the working time has run', () => {
    const deadline = deadlineFor({ receivedAt: vn('2026-03-02 09:00'), workingDays: 1, ...kv1 });
    expect(warningPoint(deadline, 0.75, directory, 'HCMKV1')).toBe(iso('2026-03-02 16:00'));
    expect(warningPoint(deadline, 1, directory, 'HCMKV1')).toBe(deadline.dueAt);
    expect(warningPoint(deadline, 0, directory, 'HCMKV1')).toBe(deadline.startedAt);
  });
  it('skips holidays like the deadline does', () => {
    const deadline = deadlineFor({ receivedAt: vn('2026-02-13 16:30'), workingDays: 1, ...kv1 });
    expect(warningPoint(deadline, 0.5, directory, 'HCMKV1')).toBe(iso('2026-02-23 11:30'));
  });
  it('refuses a fraction outside 0-1', () => {
    const deadline = deadlineFor({ receivedAt: vn('2026-03-02 09:00'), workingDays: 1, ...kv1 });
    expect(() => warningPoint(deadline, 1.5, directory, 'HCMKV1')).toThrow(/between 0 and 1/);
  });
});

describe('on time or late', () => {
  const deadline = deadlineFor({ receivedAt: vn('2026-02-13 16:30'), workingDays: 1, ...kv1 }); // due 23 Feb 16:30

  it('is on time before the due instant, with the working time still left', () => {
    expect(checkTimeliness(deadline, vn('2026-02-23 15:00'), { directory })).toEqual({ onTime: true, lateByWorkingMinutes: 0, remainingWorkingMinutes: 90 });
  });
  it('is late by the working time run past the due instant', () => {
    expect(checkTimeliness(deadline, vn('2026-02-24 09:00'), { directory })).toEqual({ onTime: false, lateByWorkingMinutes: 90, remainingWorkingMinutes: 0 });
  });
  it('is late after closing on a day due at closing time, by 0 working minutes (the period ended at closing)', () => {
    const dueAtClosing = deadlineFor({ receivedAt: vn('2026-03-02 08:00'), workingDays: 1, ...kv1 });
    expect(dueAtClosing.dueAt).toBe(iso('2026-03-02 17:00'));
    expect(checkTimeliness(dueAtClosing, vn('2026-03-02 17:00'), { directory }).onTime).toBe(true);
    expect(checkTimeliness(dueAtClosing, vn('2026-03-02 18:00'), { directory })).toEqual({ onTime: false, lateByWorkingMinutes: 0, remainingWorkingMinutes: 0 });
    expect(checkTimeliness(dueAtClosing, vn('2026-03-03 08:01'), { directory })).toEqual({ onTime: false, lateByWorkingMinutes: 1, remainingWorkingMinutes: 0 });
  });
});

describe('HCMKV2 hours', () => {
  it('counts its 07:30 opening', () => {
    expect(toVietnamTime(addWorkingTime(kv2, vn('2026-03-10 07:00'), 60))).toBe(iso('2026-03-10 08:30'));
  });
});
