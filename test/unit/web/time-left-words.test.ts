import { describe, expect, it } from 'vitest';
import { date, dateTime, timeLeftWords } from '../../../web/src/format';

const day = 480;

describe('the working time left, in words (web/src/format)', () => {
  it('says hours while less than a working day is left, and days beyond', () => {
    expect(timeLeftWords({ level: 'on-track', remainingWorkingMinutes: 3 * 60 + 20, lateByWorkingMinutes: 0, minutesPerDay: day })).toBe('còn 3 giờ làm việc');
    expect(timeLeftWords({ level: 'on-track', remainingWorkingMinutes: 2 * day, lateByWorkingMinutes: 0, minutesPerDay: day })).toBe('còn 2 ngày làm việc');
    expect(timeLeftWords({ level: 'warning', remainingWorkingMinutes: day + 120, lateByWorkingMinutes: 0, minutesPerDay: day })).toBe('còn 1 ngày 2 giờ làm việc');
    expect(timeLeftWords({ level: 'warning', remainingWorkingMinutes: 25, lateByWorkingMinutes: 0, minutesPerDay: day })).toBe('còn 25 phút làm việc');
  });

  it('counts days by the office day length it is given, not a fixed 8 hours', () => {
    expect(timeLeftWords({ level: 'on-track', remainingWorkingMinutes: 420, lateByWorkingMinutes: 0, minutesPerDay: 420 })).toBe('còn 1 ngày làm việc');
    expect(timeLeftWords({ level: 'on-track', remainingWorkingMinutes: 420, lateByWorkingMinutes: 0, minutesPerDay: 480 })).toBe('còn 7 giờ làm việc');
  });

  it('says how late a breached step is, and a deadline passed after closing is late by no working minute yet', () => {
    expect(timeLeftWords({ level: 'breached', remainingWorkingMinutes: 0, lateByWorkingMinutes: 2 * day, minutesPerDay: day })).toBe('quá hạn 2 ngày làm việc');
    expect(timeLeftWords({ level: 'breached', remainingWorkingMinutes: 0, lateByWorkingMinutes: 90, minutesPerDay: day })).toBe('quá hạn 1 giờ làm việc');
    expect(timeLeftWords({ level: 'breached', remainingWorkingMinutes: 0, lateByWorkingMinutes: 0, minutesPerDay: day })).toBe('quá hạn (từ cuối giờ làm việc ngày đến hạn)');
  });
});

describe('dates and times in Vietnam time (web/src/format)', () => {
  it('writes dd/mm/yyyy for the Vietnamese day of an instant, whatever the UTC day', () => {
    expect(date('2026-02-12T20:30:00Z')).toBe('13/02/2026');
    expect(date('2026-12-31')).toBe('31/12/2026');
  });

  it('writes times in Vietnam time with the shared formatter', () => {
    expect(dateTime('2026-02-13T09:30:00Z')).toBe('16:30 ngày 13/02/2026');
    expect(dateTime(undefined)).toBe('—');
  });
});
