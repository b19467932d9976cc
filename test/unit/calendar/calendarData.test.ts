import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledCalendarData, bundledCalendarFiles, calendarDataFrom, InvalidCalendarData, workingCalendar } from '../../../shared/calendar';
import { loadCalendarData, readCalendarFiles } from '../../../shared/calendar/calendarDirectory';
import { directory, repoRoot } from './fixtures';

const source = { document: 'Test document 1/TB-TEST', date: '2026-01-05' };

function national(year: number, days: unknown[]) {
  return { source: `config/calendars/national/${year}.json`, content: { layer: 'national', year, appliesTo: 'test', days } };
}

describe('the shipped calendar files', () => {
  it('are all bundled for Lambda: every file under config/calendars is imported by shared/calendar/data.ts', () => {
    const onDisk = readCalendarFiles(join(repoRoot, 'config/calendars')).map((f) => ({ source: f.source.replace(/^.*config\//, 'config/'), content: f.content }));
    expect(bundledCalendarFiles.map((f) => f.source).sort()).toEqual(onDisk.map((f) => f.source).sort());
    for (const file of onDisk) expect(bundledCalendarFiles.find((b) => b.source === file.source)?.content).toEqual(file.content);
  });

  it('are valid and name only offices and provinces of the office directory', () => {
    const data = bundledCalendarData();
    expect([...data.national.keys()].sort()).toEqual([2025, 2026]);
    for (const code of data.offices.keys()) expect(directory.offices.map((o) => o.code)).toContain(code);
    for (const code of data.provinces.keys()) expect(directory.offices.map((o) => o.province)).toContain(code);
  });

  it('mark the demo office closure as demo', () => {
    expect(bundledCalendarData().offices.get('HCMKV2')?.demo).toBe(true);
  });

  it('load the same from the directory as from the bundle', () => {
    const loaded = loadCalendarData(join(repoRoot, 'config/calendars'));
    expect(loaded.national.get(2026)).toEqual(bundledCalendarData().national.get(2026));
  });
});

describe('an invalid calendar file', () => {
  const problemsOf = (files: Parameters<typeof calendarDataFrom>[0]) => {
    try {
      calendarDataFrom(files);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidCalendarData);
      return (error as Error).message;
    }
    throw new Error('expected the data to be rejected');
  };

  it('is rejected with the file and the entry named', () => {
    const message = problemsOf([national(2026, [{ date: '2026-02-22', through: '2026-02-14', kind: 'off', reason: 'Tết', source }])]);
    expect(message).toContain('config/calendars/national/2026.json is invalid');
    expect(message).toContain('days[0] (2026-02-22).through: "through" is before "date"');
  });

  it('names an impossible date', () => {
    expect(problemsOf([national(2026, [{ date: '2026-02-30', kind: 'off', reason: 'typo', source }])])).toContain('days[0] (2026-02-30).date: expected a real date YYYY-MM-DD');
  });

  it('refuses a source without a date unless the entry is marked verify', () => {
    const message = problemsOf([national(2026, [{ date: '2026-02-16', kind: 'off', reason: 'Tết', source: { document: 'Thông báo (no date)' } }])]);
    expect(message).toContain('days[0] (2026-02-16).source.date: a source without a document date must be marked "verify": true');
  });

  it('refuses a day outside the year of the file, a day given twice and a make-up "working" weekday', () => {
    const message = problemsOf([
      national(2026, [
        { date: '2025-12-31', kind: 'off', reason: 'wrong year', source },
        { date: '2026-02-14', through: '2026-02-16', kind: 'off', reason: 'Tết', source },
        { date: '2026-02-16', kind: 'off', reason: 'again', source },
        { date: '2026-01-09', kind: 'working', reason: 'a Friday', source },
      ]),
    ]);
    expect(message).toContain('days[0] (2025-12-31): 2025-12-31 is not in 2026');
    expect(message).toContain('days[2] (2026-02-16): 2026-02-16 is already given by days[1]');
    expect(message).toContain('days[3] (2026-01-09): 2026-01-09 is a weekday');
  });

  it('must be named after its year or code', () => {
    const file = national(2026, []);
    expect(problemsOf([{ ...file, source: 'config/calendars/national/2027.json' }])).toContain('its year is 2026, but the file is named 2027.json');
  });

  it('reports unknown fields and layers', () => {
    expect(problemsOf([{ source: 'x.json', content: { layer: 'district', days: [] } }])).toContain('x.json is invalid');
    expect(problemsOf([national(2026, [{ date: '2026-02-16', kind: 'holiday', reason: 'Tết', source }])])).toContain('days[0] (2026-02-16).kind');
  });

  it('is reported by the directory loader when it is not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-calendars-'));
    mkdirSync(join(dir, 'office'));
    writeFileSync(join(dir, 'office', 'HCMKV1.json'), '{ "layer": "office", ');
    expect(() => loadCalendarData(dir)).toThrow(/HCMKV1\.json is not valid JSON/);
  });
});

describe('calendar layers', () => {
  const officeFile = (office: string, days: unknown[]) => ({ source: `office/${office}.json`, content: { layer: 'office', office, days } });
  const provinceFile = (province: string, days: unknown[]) => ({ source: `province/${province}.json`, content: { layer: 'province', province, days } });

  it('apply national, then province, then office, each overriding the one before', () => {
    const data = calendarDataFrom([
      national(2026, [{ date: '2026-01-01', kind: 'off', reason: 'Tết Dương lịch', source }]),
      provinceFile('HCM', [
        { date: '2026-03-09', kind: 'off', reason: 'province closure', source },
        { date: '2026-03-10', kind: 'off', reason: 'province closure, not for KV1', source },
      ]),
      officeFile('HCMKV1', [
        { date: '2026-03-10', kind: 'working', reason: 'KV1 stays open', source },
        { date: '2026-03-14', kind: 'working', reason: 'KV1 opens on Saturday', source },
      ]),
    ]);
    const kv1 = workingCalendar({ data, directory, office: 'HCMKV1' });
    const kv2 = workingCalendar({ data, directory, office: 'HCMKV2' });
    expect(kv1.dayStatus('2026-03-09')).toMatchObject({ working: false, layer: 'province' });
    expect(kv1.dayStatus('2026-03-10')).toMatchObject({ working: true, layer: 'office', reason: 'KV1 stays open' });
    expect(kv2.dayStatus('2026-03-10')).toMatchObject({ working: false, layer: 'province' });
    expect(kv1.dayStatus('2026-03-14')).toMatchObject({ working: true, layer: 'office' });
    expect(kv2.dayStatus('2026-03-14')).toMatchObject({ working: false, layer: 'weekly' });
  });

  it('an official national schedule replaces the default rule for its year only', () => {
    const data = calendarDataFrom([national(2027, [{ date: '2027-01-01', kind: 'off', reason: 'Tết Dương lịch', source }])]);
    const calendar = workingCalendar({ data, directory, office: 'HCM' });
    expect(calendar.dayStatus('2027-02-08')).toMatchObject({ working: true }); // no Tết in this (incomplete) schedule
    expect(calendar.dayStatus('2028-01-26')).toMatchObject({ working: false, layer: 'national-default' }); // Tết 2028 by default
  });

  it('without an office, uses the agency hours and the national layer only', () => {
    const calendar = workingCalendar({ data: bundledCalendarData(), directory });
    expect(calendar.office).toBeUndefined();
    expect(calendar.minutesPerDay).toBe(480);
    expect(calendar.dayStatus('2026-03-13')).toMatchObject({ working: true }); // the HCMKV2 demo closure does not apply
  });

  it('refuses an unknown office and a year outside 1900-2100', () => {
    expect(() => workingCalendar({ data: bundledCalendarData(), directory, office: 'HN' })).toThrow(/unknown office HN \(known: HCM, HCMKV1, HCMKV2\)/);
    const calendar = workingCalendar({ data: bundledCalendarData(), directory, office: 'HCM' });
    expect(() => calendar.dayStatus('2101-01-03')).toThrow(/outside 1900-2100/);
  });

  it('gives a calendar version that changes with the data, the office hours and the years', () => {
    const hcm = workingCalendar({ data: bundledCalendarData(), directory, office: 'HCM' });
    const kv1 = workingCalendar({ data: bundledCalendarData(), directory, office: 'HCMKV1' });
    const kv2 = workingCalendar({ data: bundledCalendarData(), directory, office: 'HCMKV2' });
    expect(hcm.versionFor([2026])).toMatch(/^cal:2026:[0-9a-f]{16}$/);
    expect(hcm.versionFor([2026])).toBe(kv1.versionFor([2026])); // same hours, same layers
    expect(kv2.versionFor([2026])).not.toBe(kv1.versionFor([2026])); // other hours and a closure
    expect(hcm.versionFor([2025, 2026])).toMatch(/^cal:2025-2026:/);
    const edited = calendarDataFrom([...bundledCalendarFiles, officeFile('HCMKV1', [{ date: '2026-06-05', kind: 'off', reason: 'closure', source }])]);
    expect(workingCalendar({ data: edited, directory, office: 'HCMKV1' }).versionFor([2026])).not.toBe(kv1.versionFor([2026]));
    expect(workingCalendar({ data: edited, directory, office: 'HCMKV1' }).versionFor([2027])).toBe(kv1.versionFor([2027]));
  });
});
