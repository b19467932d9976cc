import { describe, expect, it } from 'vitest';
import { buildOfficialReport, FORM_COLUMN_KEYS, InvalidReportScope, type OfficialReport, type ReportRow } from '../../../shared/reports/official-report';
import { parsePeriod } from '../../../shared/reports/period';
import { directory, firstHalf2026Files, at } from './fixtures';
import { HCM_OFFICE_H1, HCM_PROVINCE_H1, HCMKV1_OFFICE_H1, HCMKV2_OFFICE_H1, type Line } from './expected';

const firstHalf = parsePeriod('2026-H1');

const asLines = (rows: ReportRow[]) => rows.map((r) => [r.stt, r.label, FORM_COLUMN_KEYS.map((k) => r.counts[k])] as const);

function reportOf(scope: { office: string } | { province: string }, extra: Partial<Parameters<typeof buildOfficialReport>[0]> = {}): OfficialReport {
  return buildOfficialReport({ cases: firstHalf2026Files, directory, period: firstHalf, scope, ...extra });
}

describe('the official report of one office for the first half of 2026', () => {
  it.each<[string, readonly Line[]]>([
    ['HCM', HCM_OFFICE_H1],
    ['HCMKV1', HCMKV1_OFFICE_H1],
    ['HCMKV2', HCMKV2_OFFICE_H1],
  ])('gives every cell of the form for %s as the definitions count it', (office, expected) => {
    // Prepare, Act
    const report = reportOf({ office });

    // Assess
    expect(asLines(report.rows)).toEqual(expected);
    expect(report.scope).toEqual({ kind: 'office', office });
    expect(report.offices).toEqual([]);
  });

  it('names the office as the reporting agency and the period in Vietnamese', () => {
    // Prepare, Act
    const report = reportOf({ office: 'HCMKV1' });

    // Assess
    expect(report.title).toBe('BÁO CÁO TÌNH HÌNH TIẾP NHẬN HỒ SƠ VÀ TRẢ KẾT QUẢ THEO CƠ CHẾ MỘT CỬA');
    expect(report.agencyName).toBe('Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh');
    expect(report.period.label).toBe('6 tháng đầu năm 2026');
    expect(report.observedAt).toBe('2026-07-01T00:00:00+07:00');
    expect(report.provisional).toBe(false);
  });

  it('keeps a file the requester withdrew out of every cell, and states it beside the form', () => {
    // Prepare, Act
    const report = reportOf({ office: 'HCMKV1' });

    // Assess
    const enforcement = report.rows.find((r) => r.kind === 'procedure' && r.level === 'regional' && r.procedure === 'enforcement-request')!;
    expect(enforcement.withdrawn).toBe(1);
    expect(report.rows.find((r) => r.kind === 'total')!.withdrawn).toBe(1);
    expect(report.ledger.find((e) => e.caseId === 'HCMKV1-2026-000003')).toMatchObject({ intake: 'newly-received', outcome: 'withdrawn' });
    expect(report.ledger.find((e) => e.caseId === 'HCMKV1-2026-000003')).not.toHaveProperty('column');
  });

  it('refuses an office the directory does not know', () => {
    expect(() => reportOf({ office: 'HCMKV9' })).toThrow(InvalidReportScope);
  });
});

describe('the official report rolled up for a province', () => {
  it('gives every cell of the province form: the provincial agency in section I, its regional offices in section II', () => {
    // Prepare, Act
    const report = reportOf({ province: 'HCM' });

    // Assess
    expect(asLines(report.rows)).toEqual(HCM_PROVINCE_H1);
    expect(report.agencyName).toBe('Thi hành án dân sự Thành phố Hồ Chí Minh');
  });

  it('gives each office its own form, the agency first, and the province form is their sum cell by cell', () => {
    // Prepare, Act
    const report = reportOf({ province: 'HCM' });

    // Assess
    expect(report.offices.map((o) => [o.office, o.level])).toEqual([
      ['HCM', 'province'],
      ['HCMKV1', 'regional'],
      ['HCMKV2', 'regional'],
    ]);
    expect(asLines(report.offices[0]!.rows)).toEqual(HCM_OFFICE_H1);
    expect(asLines(report.offices[1]!.rows)).toEqual(HCMKV1_OFFICE_H1);
    expect(asLines(report.offices[2]!.rows)).toEqual(HCMKV2_OFFICE_H1);
    report.rows.forEach((row, i) => {
      for (const key of FORM_COLUMN_KEYS) {
        expect(row.counts[key]).toBe(report.offices.reduce((sum, o) => sum + o.rows[i]!.counts[key], 0));
      }
      expect(row.withdrawn).toBe(report.offices.reduce((sum, o) => sum + o.rows[i]!.withdrawn, 0));
    });
  });

  it('leaves out the files of another province, and names files of an office the directory does not know', () => {
    // Prepare, Act
    const report = reportOf({ province: 'HCM' });

    // Assess
    expect(report.ledger.map((e) => e.caseId).filter((id) => id.startsWith('CTO') || id.startsWith('XYZ'))).toEqual([]);
    expect(report.attention.unknownOffice).toEqual(['XYZ-2026-000001']);
    expect(report.attention.withoutDueDate).toEqual(['HCMKV2-2026-000002']);
  });

  it('counts in each line every file the ledger lists for it, and no other', () => {
    // Prepare, Act
    const report = reportOf({ province: 'HCM' });

    // Assess
    expect(report.ledger.map((e) => `${e.caseId} ${e.column ?? e.outcome}`)).toEqual([
      'HCM-2025-000101 carriedOverResolvedOnTime',
      'HCM-2025-000102 carriedOverInProgressOverdue',
      'HCM-2025-000103 carriedOverInProgressOverdue',
      'HCM-2026-000001 newlyReceivedResolvedLate',
      'HCM-2026-000002 newlyReceivedInProgressNotDue',
      'HCM-2026-000004 newlyReceivedResolvedOnTime',
      'HCM-2026-000005 newlyReceivedInProgressNotDue',
      'HCMKV1-2025-000201 carriedOverResolvedLate',
      'HCMKV1-2026-000001 newlyReceivedInProgressOverdue',
      'HCMKV1-2026-000002 newlyReceivedResolvedOnTime',
      'HCMKV1-2026-000003 withdrawn',
      'HCMKV2-2025-000301 carriedOverInProgressNotDue',
      'HCMKV2-2026-000001 newlyReceivedResolvedOnTime',
      'HCMKV2-2026-000002 newlyReceivedInProgressNotDue',
      'HCMKV2-2026-000003 newlyReceivedResolvedLate',
    ]);
  });

  it('holds the form’s sums on every line: total = carried over + new, and each splits into its four outcomes', () => {
    // Prepare, Act
    const report = reportOf({ province: 'HCM' });

    // Assess
    for (const { counts: c } of [...report.rows, ...report.offices.flatMap((o) => o.rows)]) {
      expect(c.total).toBe(c.carriedOver + c.newlyReceived);
      expect(c.carriedOver).toBe(c.carriedOverResolvedOnTime + c.carriedOverResolvedLate + c.carriedOverInProgressNotDue + c.carriedOverInProgressOverdue);
      expect(c.newlyReceived).toBe(c.newlyReceivedResolvedOnTime + c.newlyReceivedResolvedLate + c.newlyReceivedInProgressNotDue + c.newlyReceivedInProgressOverdue);
    }
  });

  it('refuses a province with no office in the directory', () => {
    expect(() => reportOf({ province: 'HNI' })).toThrow(/no office of the directory is in province HNI/);
  });
});

describe('the next period and provisional figures', () => {
  it('carries into the second half of 2026 what was still in progress when the first half ended', () => {
    // Prepare, Act
    const report = buildOfficialReport({ cases: firstHalf2026Files, directory, period: parsePeriod('2026-H2'), scope: { province: 'HCM' } });

    // Assess
    expect(report.ledger.map((e) => `${e.caseId} ${e.column}`)).toEqual([
      'HCM-2025-000102 carriedOverInProgressOverdue',
      'HCM-2025-000103 carriedOverResolvedLate',
      'HCM-2026-000002 carriedOverInProgressOverdue',
      'HCM-2026-000003 newlyReceivedInProgressOverdue',
      'HCM-2026-000005 carriedOverInProgressOverdue',
      'HCMKV1-2026-000001 carriedOverInProgressOverdue',
      'HCMKV2-2025-000301 carriedOverInProgressOverdue',
      'HCMKV2-2026-000002 carriedOverInProgressNotDue',
    ]);
  });

  it('observes a month still running at the report date: a file due next week is not yet overdue', () => {
    // Prepare
    const june = parsePeriod('2026-06');

    // Act
    const provisional = buildOfficialReport({ cases: firstHalf2026Files, directory, period: june, scope: { office: 'HCMKV1' }, asOf: new Date(at('2026-06-05 12:00')) });
    const final = buildOfficialReport({ cases: firstHalf2026Files, directory, period: june, scope: { office: 'HCMKV1' } });

    // Assess
    const coercion = (r: OfficialReport) => FORM_COLUMN_KEYS.map((k) => r.rows.find((row) => row.kind === 'procedure' && row.level === 'regional' && row.procedure === 'coercion-cost-reduction')!.counts[k]);
    expect(provisional.provisional).toBe(true);
    expect(provisional.observedAt).toBe('2026-06-05T12:00:00+07:00');
    expect(coercion(provisional)).toEqual([1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0]);
    expect(coercion(final)).toEqual([1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(final.rows.find((r) => r.kind === 'total')!.counts.total).toBe(1);
  });

  it('refuses a report dated before its period starts', () => {
    expect(() => buildOfficialReport({ cases: [], directory, period: parsePeriod('2026-H2'), scope: { office: 'HCM' }, asOf: new Date(at('2026-06-30 17:00')) })).toThrow(
      InvalidReportScope,
    );
  });

  it('gives a form of zeros, every line present, when an office received nothing', () => {
    // Prepare, Act
    const report = buildOfficialReport({ cases: [], directory, period: parsePeriod('2026'), scope: { office: 'CTOKV1' } });

    // Assess
    expect(report.rows).toHaveLength(13);
    expect(report.rows.every((r) => FORM_COLUMN_KEYS.every((k) => r.counts[k] === 0))).toBe(true);
  });
});
