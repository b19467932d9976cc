import { describe, expect, it } from 'vitest';
import { statutoryDaysOff, statutoryHolidayDates } from '../../../shared/calendar/statutoryHolidays';

const datesOff = (year: number) => statutoryDaysOff(year).map((d) => d.date);

describe('the default national holidays (years without an official schedule)', () => {
  it('gives the eleven holidays of art. 112 every year, 1900-2100, and at least eleven weekdays off', () => {
    for (let year = 1900; year <= 2100; year++) {
      expect(statutoryHolidayDates(year)).toHaveLength(11);
      const off = datesOff(year);
      expect(new Set(off).size, String(year)).toBe(off.length);
      expect(off.filter((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())).length, String(year)).toBeGreaterThanOrEqual(11);
    }
  });

  it("compensates a Hùng Kings' day that coincides with 30 April (1947) on the next working day", () => {
    const off = statutoryDaysOff(1947);
    expect(off.find((d) => d.date === '1947-04-30')?.reason).toMatch(/^Giỗ Tổ Hùng Vương/);
    expect(off.find((d) => d.date === '1947-05-02')?.reason).toMatch(/^Nghỉ bù cho Ngày Chiến thắng 30\/4 .* trùng với Giỗ Tổ Hùng Vương/);
  });

  it('2027: Tết is the eve (Fri 5 Feb) and days 1-4; days 1 and 2 fall on the weekend and are made up on 10 and 11 Feb', () => {
    expect(datesOff(2027)).toEqual([
      '2027-01-01',
      '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09',
      '2027-02-10', '2027-02-11',
      '2027-04-16',
      '2027-04-30', '2027-05-01', '2027-05-03',
      '2027-09-02', '2027-09-03',
    ]);
  });

  it('takes 3 September as the adjacent day of National Day when 2 September is a Thursday (as in 2021)', () => {
    expect(datesOff(2021).filter((d) => d.startsWith('2021-09'))).toEqual(['2021-09-02', '2021-09-03']);
  });

  it('otherwise takes 1 September (2022: Thursday 1 and Friday 2)', () => {
    expect(datesOff(2022).filter((d) => d.startsWith('2022-09'))).toEqual(['2022-09-01', '2022-09-02']);
  });

  it('compensates a National Day on Saturday with the Monday after (2023: off 1, 2 and 4 September, as decided)', () => {
    expect(datesOff(2023).filter((d) => d.startsWith('2023-09'))).toEqual(['2023-09-01', '2023-09-02', '2023-09-04']);
  });

  it('compensates an adjacent day on Sunday with the next day that is not itself a holiday (2024: off 2 and 3 September, as decided)', () => {
    const september = statutoryDaysOff(2024).filter((d) => d.date.startsWith('2024-09'));
    expect(september.map((d) => d.date)).toEqual(['2024-09-01', '2024-09-02', '2024-09-03']);
    expect(september[2]?.reason).toMatch(/^Nghỉ bù cho Quốc khánh: ngày liền kề/);
    expect(september[2]?.source).toMatch(/Điều 111 khoản 3/);
  });

  it("compensates the Hùng Kings' day of 2026 (a Sunday) on Monday 27 April, as the official schedule does", () => {
    expect(datesOff(2026)).toContain('2026-04-27');
  });
});
