import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseOfficeDirectory, type OfficeDirectory } from '../../../shared/offices/directory';
import type { Deadline } from '../../../shared/calendar';
import type { ReportCase } from '../../../shared/reports/report-case';
import type { OneStopProcedureCode } from '../../../shared/reports/procedures';

/** A Vietnam local time written as the desk's register writes it, "2026-01-05 15:00", as the ISO a case holds. */
export const at = (text: string) => `${text.replace(' ', 'T')}:00+07:00`;

/** Every e-mail address in a value, with a prefix on its local part: a copied office gets mailboxes of its own. */
function withMailboxPrefix<T>(value: T, prefix: string): T {
  if (typeof value === 'string') return (value.includes('@') ? `${prefix}${value}` : value) as T;
  if (Array.isArray(value)) return value.map((v) => withMailboxPrefix(v, prefix)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withMailboxPrefix(v, prefix)])) as T;
  return value;
}

/**
 * Two provinces: Hồ Chí Minh City with two regional offices, and Cần Thơ with one. Built from the deployed
 * directory (whatever else an office holds there, it holds here), with the codes, levels, provinces and names
 * the report reads set here.
 */
function reportDirectory(): OfficeDirectory {
  const deployed = JSON.parse(readFileSync(fileURLToPath(new URL('../../../config/offices.json', import.meta.url)), 'utf8')) as { offices: Array<Record<string, unknown>> };
  const [agencyTemplate, regionalTemplate] = [deployed.offices.find((o) => o.level === 'province')!, deployed.offices.find((o) => o.level === 'regional')!];
  const office = (code: string, level: 'province' | 'regional', province: string, name: string, parent?: string) => {
    const { parent: _parent, ...template } = withMailboxPrefix(level === 'province' ? agencyTemplate : regionalTemplate, `${code.toLowerCase()}.`);
    return { ...template, code, level, province, name, ...(parent ? { parent } : {}) };
  };
  return parseOfficeDirectory({
    ...deployed,
    offices: [
      office('HCM', 'province', 'HCM', 'Thi hành án dân sự Thành phố Hồ Chí Minh'),
      office('HCMKV1', 'regional', 'HCM', 'Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh', 'HCM'),
      office('HCMKV2', 'regional', 'HCM', 'Phòng Thi hành án dân sự khu vực 2 - Thành phố Hồ Chí Minh', 'HCM'),
      office('CTO', 'province', 'CTO', 'Thi hành án dân sự thành phố Cần Thơ'),
      office('CTOKV1', 'regional', 'CTO', 'Phòng Thi hành án dân sự khu vực 1 - Thành phố Cần Thơ', 'CTO'),
    ],
  });
}

export const directory: OfficeDirectory = reportDirectory();

/**
 * A result deadline in the shape the workflow stores (`deadlines.decision`), due at a given instant. The cell
 * arithmetic below needs only the instant; the lifecycle e2e test (test/e2e/official-report.test.ts) checks the
 * report on deadlines the workflow computed itself.
 */
export function resultDeadline(received: string, due: string): Deadline {
  return { dueAt: at(due), startedAt: at(received), rule: 'as the workflow stores it', calendarVersion: 'fixture', workingMinutes: 2400, workingDays: 5, skipped: [], receivedAt: at(received), pauses: [] };
}

function file(
  caseId: string,
  procedure: OneStopProcedureCode,
  received: string,
  due: string | undefined,
  ending?: { resolved?: string; withdrawn?: string },
): ReportCase {
  return {
    caseId,
    office: caseId.split('-')[0]!,
    procedure,
    emailedAt: at(received),
    receivedAt: at(received),
    ...(due ? { resultDeadline: resultDeadline(received, due) } : {}),
    ...(ending?.resolved ? { resolvedAt: at(ending.resolved) } : {}),
    ...(ending?.withdrawn ? { closure: { reason: 'withdrawn' as const, at: at(ending.withdrawn) } } : {}),
  };
}

/**
 * Files of known outcome for the first half of 2026 (01/01/2026 00:00 to 01/07/2026 00:00, Vietnam time).
 * Each comment says where the file stands in that period, by the form's words.
 */
export const firstHalf2026Files: ReportCase[] = [
  // Thi hành án dân sự Thành phố Hồ Chí Minh (section I)
  file('HCM-2025-000101', 'enforcement-request', '2025-12-29 09:00', '2026-01-06 09:00', { resolved: '2026-01-05 15:00' }), // kỳ trước, đúng hạn
  file('HCM-2025-000102', 'enforcement-request', '2025-12-30 10:00', '2026-01-07 10:00'), // kỳ trước, đang giải quyết quá hạn
  file('HCM-2026-000001', 'enforcement-request', '2026-03-02 08:30', '2026-03-09 08:30', { resolved: '2026-03-10 10:00' }), // mới, quá hạn
  file('HCM-2026-000002', 'result-confirmation', '2026-06-29 09:00', '2026-07-06 09:00'), // mới, chưa tới hạn
  file('HCM-2026-000003', 'result-confirmation', '2026-07-01 00:00', '2026-07-08 00:00'), // received as the period ends: not counted
  file('HCM-2025-000050', 'result-confirmation', '2025-11-03 09:00', '2025-11-10 09:00', { resolved: '2025-11-07 10:00' }), // resolved before: not counted
  file('HCM-2026-000004', 'fee-reduction', '2026-01-01 00:00', '2026-01-23 17:00', { resolved: '2026-01-23 17:00' }), // mới (first instant), đúng hạn (at the due instant)
  file('HCM-2025-000103', 'fee-reduction', '2025-12-31 23:59', '2026-01-22 17:00', { resolved: '2026-07-01 00:00' }), // kỳ trước (last minute), resolved as the period ends: đang giải quyết quá hạn
  file('HCM-2026-000005', 'coercion-cost-reduction', '2026-06-24 10:00', '2026-07-01 00:00'), // mới, due as the period ends: chưa tới hạn
  // Phòng Thi hành án dân sự khu vực 1 (section II)
  file('HCMKV1-2025-000201', 'officer-change', '2025-12-26 14:00', '2026-01-05 14:00', { resolved: '2026-01-09 16:00' }), // kỳ trước, quá hạn
  file('HCMKV1-2026-000001', 'coercion-cost-reduction', '2026-06-02 09:00', '2026-06-09 09:00'), // mới, đang giải quyết quá hạn
  file('HCMKV1-2026-000002', 'enforcement-request', '2026-04-06 09:00', '2026-04-13 09:00', { resolved: '2026-04-10 11:00' }), // mới, đúng hạn
  file('HCMKV1-2026-000003', 'enforcement-request', '2026-04-01 09:00', '2026-04-08 09:00', { withdrawn: '2026-04-02 10:00' }), // withdrawn in the period: beside the form
  file('HCMKV1-2025-000202', 'enforcement-request', '2025-10-01 09:00', '2025-10-08 09:00', { withdrawn: '2025-10-02 10:00' }), // withdrawn before: not counted
  // Phòng Thi hành án dân sự khu vực 2 (section II)
  file('HCMKV2-2026-000001', 'enforcement-request', '2026-05-04 08:00', '2026-05-11 08:00', { resolved: '2026-05-08 14:00' }), // mới, đúng hạn
  file('HCMKV2-2025-000301', 'fee-reduction', '2025-12-31 10:00', '2026-07-15 10:00'), // kỳ trước, clock paused for a missing paper: chưa tới hạn
  file('HCMKV2-2026-000002', 'enforcement-request', '2026-06-15 10:00', undefined), // mới, no due date yet: chưa tới hạn, named for the auditor
  file('HCMKV2-2026-000003', 'result-confirmation', '2026-02-02 09:00', '2026-02-09 09:00', { resolved: '2026-02-10 09:00' }), // mới, quá hạn
  // Another province, and an office the directory does not know
  file('CTO-2026-000001', 'enforcement-request', '2026-03-03 09:00', '2026-03-10 09:00', { resolved: '2026-03-05 09:00' }),
  file('CTOKV1-2026-000001', 'fee-reduction', '2026-03-03 09:00', '2026-03-24 09:00'),
  file('XYZ-2026-000001', 'enforcement-request', '2026-03-03 09:00', '2026-03-10 09:00'),
];
