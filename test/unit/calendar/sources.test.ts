import { describe, expect, it } from 'vitest';
import { calendarFor } from '../../../shared/calendar';
import { directory } from './fixtures';

/** The official schedules cite their documents; what is not confirmed stays marked verify. */
const national = calendarFor({ directory });

describe('the sources of the 2025 and 2026 schedules', () => {
  it.each([
    ['2025-01-29', 'Công văn 8726/VPCP-KGVX', '2024-11-26'],
    ['2026-02-17', 'Thông báo 9441/TB-BNV', '2025-10-16'],
    ['2026-01-02', 'Công văn 12729/VPCP-KGVX', '2025-12-25'],
    ['2026-01-10', 'Công văn 12729/VPCP-KGVX', '2025-12-25'],
  ])('%s cites %s (%s) and is settled', (date, document, signed) => {
    const day = national.dayStatus(date);
    expect(day.source).toContain(document);
    expect(day.source).toContain(`(${signed})`);
    expect(day.verify).toBeUndefined();
    expect(day.provisional).toBeUndefined();
  });
  it.each(['2026-08-22', '2026-08-31', '2026-09-01', '2025-04-26', '2025-05-02', '2025-09-01'])('%s is still marked verify', (date) => {
    expect(national.dayStatus(date).verify).toBe(true);
  });
  it('says a year without a schedule is provisional, and one with a schedule is not', () => {
    expect(national.isProvisional(2027)).toBe(true);
    expect(national.isProvisional(2026)).toBe(false);
    expect(national.dayStatus('2027-03-03')).toMatchObject({ working: true, provisional: true });
  });
});
