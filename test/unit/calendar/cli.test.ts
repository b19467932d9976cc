import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './fixtures';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function motcua(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/motcua.js', ...args], { cwd: repoRoot }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe.concurrent('motcua deadline', () => {
  it('prints the due instant in ISO 8601 with +07:00', async () => {
    const run = await motcua('deadline', '--received', '2026-02-13T16:30:00+07:00', '--working-days', '1', '--office', 'HCMKV1');
    expect(run).toEqual({ code: 0, stdout: '2026-02-23T16:30:00+07:00\n', stderr: '' });
  });

  it('explains the rule, the calendar version and each day skipped', async () => {
    const run = await motcua('deadline', '--received', '2026-02-13T16:30', '--working-days', '5', '--office', 'HCMKV1', '--after-cutoff', '15:00', '--explain');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('2026-02-27T17:00:00+07:00');
    expect(run.stdout).toContain('received after the 15:00 cut-off');
    expect(run.stdout).toContain('clock starts: 2026-02-23T08:00:00+07:00');
    expect(run.stdout).toMatch(/calendar version: cal:2026:[0-9a-f]{16}/);
    const skipped = lines.filter((line) => /^ {2}\d{4}-\d{2}-\d{2} /.test(line));
    expect(skipped).toHaveLength(9);
    expect(skipped[0]).toMatch(/^ {2}2026-02-14 Sat {2}Tết Âm lịch Bính Ngọ/);
  });

  it('counts by the legal rule when asked, and --explain says which rule and why', async () => {
    const run = await motcua('deadline', '--received', '2026-03-02T10:00', '--working-days', '5', '--office', 'HCMKV1', '--counting', 'legal', '--explain');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('2026-03-09T17:00:00+07:00');
    expect(run.stdout).toMatch(/^counting: legal \(asked with --counting\): Bộ luật Dân sự .*the day of receipt is not counted/m);
    expect(run.stdout).toMatch(/^provisional: no/m);
  });

  it('keeps working-hours as the default, and --explain says it is the default', async () => {
    const run = await motcua('deadline', '--received', '2026-03-02T10:00', '--working-days', '5', '--office', 'HCMKV1', '--explain');
    expect(run.stdout.split('\n')[0]).toBe('2026-03-09T10:00:00+07:00');
    expect(run.stdout).toMatch(/^counting: working-hours \(the default; statutory limits use --counting legal\)/m);
  });

  it('marks a date over a year without an official schedule as provisional', async () => {
    const run = await motcua('deadline', '--received', '2027-02-01T10:00', '--working-days', '5', '--office', 'HCMKV1', '--counting', 'legal', '--explain');
    expect(run.stdout.split('\n')[0]).toBe('2027-02-15T17:00:00+07:00 (provisional)');
    expect(run.stdout).toMatch(/^provisional: yes, 2027 has no official schedule of days off/m);
  });

  it.each([
    [['--received', '2026-02-13T16:30', '--working-days', '1', '--counting', 'calendar'], /--counting must be legal or working-hours, got "calendar"/],
    [['--received', '2026-02-13T16:30', '--working-hours', '4', '--counting', 'legal'], /legal counting is in working days/],
    [['--received', '13/02/2026', '--working-days', '1'], /--received "13\/02\/2026" is not an ISO 8601 date-time/],
    [['--received', '2026-02-30T10:00', '--working-days', '1'], /is not an ISO 8601 date-time/],
    [['--received', '2026-02-13T16:30', '--working-days', '0'], /--working-days must be a positive whole number, got "0"/],
    [['--received', '2026-02-13T16:30'], /give --working-days N/],
    [['--received', '2026-02-13T16:30', '--working-days', '1', '--office', 'HN01'], /unknown office HN01/],
    [['--received', '2026-02-13T16:30', '--working-days', '1', '--after-cutoff', '3pm'], /--after-cutoff must be HH:MM/],
    [['--received', '2100-12-31T16:30', '--working-days', '3'], /year 2101 is outside 1900-2100/],
  ])('refuses bad input with a message and exit code 1: %j', async (args, message) => {
    const run = await motcua('deadline', ...args);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });
});

describe.concurrent('motcua calendar', () => {
  it('lists every weekday off and every weekend day worked in 2026, one per line starting with the date', async () => {
    const run = await motcua('calendar', '2026');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    for (const line of lines) expect(line).toMatch(/^\d{4}-\d{2}-\d{2} /);
    expect(lines.map((l) => l.slice(0, 10))).toEqual([
      '2026-01-01', '2026-01-02', '2026-01-10',
      '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20',
      '2026-04-27', '2026-04-30', '2026-05-01',
      '2026-08-22', '2026-08-31', '2026-09-01', '2026-09-02',
    ]);
    expect(lines[2]).toMatch(/^2026-01-10 Sat {2}working {2}Làm bù cho thứ Sáu 02\/01\/2026 .*12729\/VPCP-KGVX/);
    // Tết 2026 is settled by its notice; the National Day make-up Saturday is not confirmed.
    expect(lines[3]).toMatch(/9441\/TB-BNV .*\(2025-10-16\)\]$/);
    expect(lines[11]).toMatch(/^2026-08-22 Sat {2}working .*\(verify\)$/);
  });

  it('adds the office layer: the HCMKV2 demo closure', async () => {
    const run = await motcua('calendar', '2026', '--office', 'HCMKV2');
    expect(run.stdout).toMatch(/^2026-03-13 Fri {2}off {6}DEMO: đóng cửa chuyển trụ sở/m);
  });

  it('applies the provisional default to a year with no official schedule, and says it is provisional', async () => {
    const run = await motcua('calendar', '2027');
    // Tết 2027 (mùng 1 on Saturday 6 February) as recent practice sets it: Thursday 4 to Wednesday 10 February.
    expect(run.stdout).toMatch(/^2027-02-04 Thu {2}off {6}Tết Âm lịch, dự kiến theo thông lệ .*\[national, provisional default: /m);
    expect(run.stdout).toMatch(/^2027-02-10 Wed {2}off {6}Tết Âm lịch/m);
    expect(run.stdout).not.toMatch(/^2027-02-11 /m);
  });

  it.each([['2101'], ['20x6']])('refuses the year %s', async (year) => {
    const run = await motcua('calendar', year);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/the year must be between 1900 and 2100/);
  });

  it('names the file and the entry when a calendar file is invalid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-cli-calendars-'));
    mkdirSync(join(dir, 'national'));
    writeFileSync(
      join(dir, 'national', '2026.json'),
      JSON.stringify({ layer: 'national', year: 2026, appliesTo: 'test', days: [{ date: '2026-02-16', kind: 'off', reason: 'Tết' }] }),
    );
    const run = await motcua('calendar', '2026', '--calendars', dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/national\/2026\.json is invalid:\n {2}- days\[0\] \(2026-02-16\)\.source/);
  });
});
