import { describe, expect, it } from 'vitest';
import { InvalidPeriod, parsePeriod, periodFromDays, periodFromOptions } from '../../../shared/reports/period';

describe('reporting periods, in Vietnam time', () => {
  it.each([
    // input, kind, start (UTC), end (UTC), first day, last day, label
    ['2026-05', 'month', '2026-04-30T17:00:00.000Z', '2026-05-31T17:00:00.000Z', '2026-05-01', '2026-05-31', 'Tháng 5 năm 2026'],
    ['2026-12', 'month', '2026-11-30T17:00:00.000Z', '2026-12-31T17:00:00.000Z', '2026-12-01', '2026-12-31', 'Tháng 12 năm 2026'],
    ['2028-02', 'month', '2028-01-31T17:00:00.000Z', '2028-02-29T17:00:00.000Z', '2028-02-01', '2028-02-29', 'Tháng 2 năm 2028'],
    ['2026-H1', 'half-year', '2025-12-31T17:00:00.000Z', '2026-06-30T17:00:00.000Z', '2026-01-01', '2026-06-30', '6 tháng đầu năm 2026'],
    ['2026-H2', 'half-year', '2026-06-30T17:00:00.000Z', '2026-12-31T17:00:00.000Z', '2026-07-01', '2026-12-31', '6 tháng cuối năm 2026'],
    ['2026', 'year', '2025-12-31T17:00:00.000Z', '2026-12-31T17:00:00.000Z', '2026-01-01', '2026-12-31', 'Năm 2026'],
  ])('%s runs from midnight of its first day to midnight after its last, Vietnam time', (input, kind, start, end, firstDay, lastDay, label) => {
    // Prepare, Act
    const period = parsePeriod(input);

    // Assess
    expect(period).toMatchObject({ kind, key: input, firstDay, lastDay, label });
    expect(period.start.toISOString()).toBe(start);
    expect(period.end.toISOString()).toBe(end);
  });

  it('states the days a half year covers, as a report heading does', () => {
    expect(parsePeriod('2026-H1').span).toBe('từ ngày 01/01/2026 đến ngày 30/06/2026');
  });

  it('accepts a lower-case h and surrounding spaces for a half year', () => {
    expect(parsePeriod(' 2026-h2 ').key).toBe('2026-H2');
  });

  it('takes a range of days with both ends included', () => {
    // Prepare, Act
    const period = periodFromDays('2026-03-01', '2026-03-15');

    // Assess
    expect(period.kind).toBe('range');
    expect(period.start.toISOString()).toBe('2026-02-28T17:00:00.000Z');
    expect(period.end.toISOString()).toBe('2026-03-15T17:00:00.000Z');
    expect(period.label).toBe('Từ ngày 01/03/2026 đến ngày 15/03/2026');
    expect(periodFromDays('2026-03-01', '2026-03-01').lastDay).toBe('2026-03-01');
  });

  it.each([
    ['2026-13', /month must be 01 to 12/],
    ['2026-00', /month must be 01 to 12/],
    ['2026-H3', /not a reporting period/],
    ['2026-6T', /not a reporting period/],
    ['26-05', /not a reporting period/],
    ['2026-5', /not a reporting period/],
    ['tháng 5', /not a reporting period/],
    ['', /not a reporting period/],
    ['1999', /year must be between 2000 and 2100/],
  ])('refuses "%s" and says why', (input, why) => {
    expect(() => parsePeriod(input)).toThrow(InvalidPeriod);
    expect(() => parsePeriod(input)).toThrow(why);
  });

  it.each([
    ['2026-02-30', '2026-03-01', /from "2026-02-30" is not a day of the calendar/],
    ['2026-03-01', '01/03/2026', /to "01\/03\/2026" is not a date/],
    ['2026-03-15', '2026-03-01', /must not end \(2026-03-01\) before it starts \(2026-03-15\)/],
  ])('refuses the range %s to %s and says why', (from, to, why) => {
    expect(() => periodFromDays(from, to)).toThrow(why);
  });

  it('takes from a command line either a period or both ends of a range', () => {
    expect(periodFromOptions({ period: '2026-H1' }).key).toBe('2026-H1');
    expect(periodFromOptions({ from: '2026-01-01', to: '2026-01-31' }).key).toBe('2026-01-01..2026-01-31');
    expect(() => periodFromOptions({ period: '2026', from: '2026-01-01' })).toThrow(/not both/);
    expect(() => periodFromOptions({ from: '2026-01-01' })).toThrow(/both --from and --to/);
    expect(() => periodFromOptions({})).toThrow(InvalidPeriod);
  });
});

describe('the administrative reporting periods (15 December to 14 June, 15 December to 14 December)', () => {
  it.each([
    // input, kind, start (UTC), end (UTC), first day, last day
    ['2026-H1', 'half-year', '2025-12-14T17:00:00.000Z', '2026-06-14T17:00:00.000Z', '2025-12-15', '2026-06-14'],
    ['2026', 'year', '2025-12-14T17:00:00.000Z', '2026-12-14T17:00:00.000Z', '2025-12-15', '2026-12-14'],
    ['2028-h1', 'half-year', '2027-12-14T17:00:00.000Z', '2028-06-14T17:00:00.000Z', '2027-12-15', '2028-06-14'],
  ])('%s runs from midnight on 15 December of the year before, Vietnam time', (input, kind, start, end, firstDay, lastDay) => {
    // Prepare, Act
    const period = parsePeriod(input, 'administrative');

    // Assess
    expect(period).toMatchObject({ kind, basis: 'administrative', firstDay, lastDay });
    expect(period.start.toISOString()).toBe(start);
    expect(period.end.toISOString()).toBe(end);
  });

  it('names the period and the days it covers, and keeps a key apart from the calendar one', () => {
    const half = parsePeriod('2026-H1', 'administrative');
    expect(half.label).toBe('6 tháng đầu năm 2026 (kỳ báo cáo từ ngày 15/12/2025 đến ngày 14/06/2026)');
    expect(half.key).toBe('2026-H1-administrative');
    expect(parsePeriod('2026', 'administrative').label).toBe('Năm 2026 (kỳ báo cáo từ ngày 15/12/2025 đến ngày 14/12/2026)');
    expect(parsePeriod('2026-H1').basis).toBe('calendar');
  });

  it('puts a file received on 14 December in the year it reports, and one on 15 December in the next', () => {
    const year2026 = parsePeriod('2026', 'administrative');
    const lastMinute = Date.parse('2026-12-14T23:59:00+07:00');
    const nextMorning = Date.parse('2026-12-15T00:00:00+07:00');
    expect(lastMinute >= year2026.start.getTime() && lastMinute < year2026.end.getTime()).toBe(true);
    expect(nextMorning).toBe(year2026.end.getTime());
    expect(nextMorning).toBe(parsePeriod('2027-H1', 'administrative').start.getTime());
  });

  it.each([
    ['2026-H2', /not an administrative reporting period/],
    ['2026-05', /not an administrative reporting period/],
  ])('has no %s (the source sets only the first half and the year)', (input, why) => {
    expect(() => parsePeriod(input, 'administrative')).toThrow(why);
  });

  it('takes the basis from a command line, for a named period only', () => {
    expect(periodFromOptions({ period: '2026-H1', basis: 'administrative' }).firstDay).toBe('2025-12-15');
    expect(periodFromOptions({ period: '2026-H1', basis: 'calendar' }).firstDay).toBe('2026-01-01');
    expect(() => periodFromOptions({ from: '2026-01-01', to: '2026-01-31', basis: 'administrative' })).toThrow(/named period/);
    expect(() => periodFromOptions({ period: '2026', basis: 'fiscal' })).toThrow(/calendar or administrative/);
  });
});
