import { describe, expect, it } from 'vitest';
import { formatInstant, isLocalDate, localDateOf, parseInstant, weekdayName } from '../../../shared/calendar/localTime';

describe('Vietnam local time (UTC+7, no daylight saving)', () => {
  it('formats instants in ISO 8601 with +07:00', () => {
    expect(formatInstant(Date.parse('2026-02-13T09:30:00Z'))).toBe('2026-02-13T16:30:00+07:00');
    expect(formatInstant(Date.parse('2026-02-13T17:00:00.250Z'))).toBe('2026-02-14T00:00:00.250+07:00');
  });

  it('reads ISO 8601 with any offset, and without one as Vietnam time', () => {
    expect(parseInstant('2026-02-13T16:30:00+07:00')).toBe(Date.parse('2026-02-13T09:30:00Z'));
    expect(parseInstant('2026-02-13T09:30Z')).toBe(Date.parse('2026-02-13T09:30:00Z'));
    expect(parseInstant('2026-02-13T16:30')).toBe(Date.parse('2026-02-13T09:30:00Z'));
    expect(parseInstant('2026-02-13T04:30:00-05:00')).toBe(Date.parse('2026-02-13T09:30:00Z'));
  });

  it('refuses what is not a real date-time', () => {
    for (const text of ['2026-02-30T10:00', '2026-02-13', '13/02/2026 16:30', '2026-02-13T24:00', 'tomorrow', '']) {
      expect(parseInstant(text), text).toBeUndefined();
    }
  });

  it('puts an instant on its Vietnamese calendar day', () => {
    expect(localDateOf(Date.parse('2026-02-13T16:59:59Z'))).toBe('2026-02-13');
    expect(localDateOf(Date.parse('2026-02-13T17:00:00Z'))).toBe('2026-02-14');
    expect(weekdayName('2026-02-14')).toBe('Thứ Bảy');
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
  });
});
