import { describe, expect, it } from 'vitest';
import { officeDirectory } from '../../../shared/offices/default-directory';
import { isWorkingDay, nextDispatchAt } from '../../../shared/procuracy/dispatch';

const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);

describe('the day of the dispatch to the procuracy', () => {
  it('is 16:30 of the same working day before it, else of the next working day of the office', () => {
    // Prepare, Act, Assess: Wednesday 2 December 2026
    expect(nextDispatchAt(officeDirectory, 'HCMKV1', vn('2026-12-02 10:00'))).toEqual(vn('2026-12-02 16:30'));
    expect(nextDispatchAt(officeDirectory, 'HCMKV1', vn('2026-12-02 16:30'))).toEqual(vn('2026-12-02 16:30'));
    expect(nextDispatchAt(officeDirectory, 'HCMKV1', vn('2026-12-02 16:31'))).toEqual(vn('2026-12-03 16:30'));
    // Friday evening: the weekend is off, Monday is next
    expect(nextDispatchAt(officeDirectory, 'HCMKV1', vn('2026-12-04 18:00'))).toEqual(vn('2026-12-07 16:30'));
  });

  it('skips the days off of the office calendar: weekends and public holidays', () => {
    // Prepare, Act, Assess
    expect(isWorkingDay(officeDirectory, 'HCMKV1', vn('2026-12-05 16:30'))).toBe(false); // Saturday
    expect(isWorkingDay(officeDirectory, 'HCMKV1', vn('2026-09-02 16:30'))).toBe(false); // National Day
    expect(isWorkingDay(officeDirectory, 'HCMKV1', vn('2026-12-02 16:30'))).toBe(true);
    // Monday 31 August after the dispatch: 1 and 2 September are the National Day holiday, Thursday 3 is next
    expect(nextDispatchAt(officeDirectory, 'HCMKV1', vn('2026-08-31 17:00'))).toEqual(vn('2026-09-03 16:30'));
  });
});
