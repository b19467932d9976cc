import * as z from 'zod';
import { authorize, officeTarget, officesInScope } from '../auth/authorize';
import { AccessRefused } from '../auth/errors';
import type { Principal } from '../auth/principal';
import type { CaseRecord, TimelineEvent } from '../cases/model';
import { fromCaseItem, isCaseItem } from '../cases/items';
import { auditPartition, workQueuePartition } from '../cases/keys';
import { exportCasesCsv, exportCasesJson } from '../reports/period-export';
import { buildOfficialReport, InvalidReportScope, type ReportScope } from '../reports/official-report';
import { officialReportCsv, officialReportXlsx } from '../reports/official-report-xlsx';
import { InvalidPeriod, periodFromOptions, type ReportingPeriod } from '../reports/period';
import { reportCaseFromRecord } from '../reports/report-case';
import { isOneStopProcedure, UnknownProcedure } from '../reports/procedures';
import { questionCaseFromRecord } from '../reports/questions';
import { InvalidRequest } from './errors';
import { reportQuery, exportQuery, type satisfactionQuery } from './report-queries';
import type { StaffPorts } from './ports';
import { monthsBetween } from './queue';
import { ratingsForPeriod, satisfactionResults } from '../citizen/satisfaction';

/**
 * Exports of a period (the cases, as CSV or JSON) and the official report (the form of Công văn
 * 1639/TCTHADS-NV3, as XLSX, CSV or JSON). The formats are shared/reports'; this reads the cases.
 *
 * A period's report counts the cases received in it and those carried over into it. They are read
 * from the audit index (by month of receipt) from LOOKBACK_MONTHS before the period, and from the
 * work queue (every case still open, however old): a case received earlier than that and closed
 * during the period is the one case left out.
 */
export const LOOKBACK_MONTHS = 24;
const EVENT_READS_IN_PARALLEL = 16;

function parse<T>(schema: z.ZodType<T>, query: Record<string, string | undefined>): T {
  const result = schema.safeParse(Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)));
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) =>
    i.code === 'unrecognized_keys' ? { path: '(query)', message: `unknown parameter ${i.keys.join(', ')}` } : { path: i.path.join('.') || '(query)', message: i.message },
  );
  throw new InvalidRequest(`the query is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
}

function periodOf(q: { period?: string; from?: string; to?: string }): ReportingPeriod {
  try {
    return periodFromOptions(q);
  } catch (error) {
    if (error instanceof InvalidPeriod) throw new InvalidRequest(error.message.replace(/--(from|to)/g, '$1'));
    throw error;
  }
}

/** Refuses unless the principal may export every one of these offices. */
export function requireExport(principal: Principal, offices: string[], ports: Pick<StaffPorts, 'directory'>): void {
  for (const office of offices) {
    const decision = authorize(principal, 'case:export', officeTarget(ports.directory, office));
    if (!decision.allowed) throw new AccessRefused(decision.reason);
  }
}

function provinceOffices(province: string, ports: Pick<StaffPorts, 'directory'>): string[] {
  const offices = ports.directory.offices.filter((o) => o.province === province).map((o) => o.code);
  if (!offices.length) throw new InvalidRequest(`no office of the directory is in province ${province}`);
  return offices;
}

/** Reads a whole index partition. */
async function readPartition(ports: Pick<StaffPorts, 'index'>, index: 'GSI1' | 'GSI2', partition: string): Promise<CaseRecord[]> {
  const records: CaseRecord[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await ports.index.page({ index, partition, limit: 500, ...(startKey ? { startKey } : {}) });
    for (const item of page.items) {
      if (isCaseItem(item)) records.push(fromCaseItem(item));
    }
    startKey = page.lastKey;
  } while (startKey);
  return records;
}

/** The case records (without timelines) a period of these offices may count: the cheap part of an export. */
export async function recordsForPeriod(offices: string[], period: ReportingPeriod, ports: Pick<StaffPorts, 'index'>): Promise<CaseRecord[]> {
  const lookbackStart = new Date(period.start);
  lookbackStart.setUTCMonth(lookbackStart.getUTCMonth() - LOOKBACK_MONTHS);
  const months = monthsBetween(lookbackStart.getTime(), period.end.getTime() - 1);
  const partitions = offices.flatMap((office) => [
    { index: 'GSI1' as const, partition: workQueuePartition(office) },
    ...months.map((m) => ({ index: 'GSI2' as const, partition: auditPartition(office, m) })),
  ]);
  const byId = new Map<string, CaseRecord>();
  for (const batch of chunks(partitions, EVENT_READS_IN_PARALLEL)) {
    for (const records of await Promise.all(batch.map((p) => readPartition(ports, p.index, p.partition)))) {
      for (const record of records) if (Date.parse(record.receivedAt) < period.end.getTime()) byId.set(record.caseId, record);
    }
  }
  return [...byId.values()];
}

/** The cases a period of these offices may count, with their timelines. */
export async function casesForPeriod(offices: string[], period: ReportingPeriod, ports: Pick<StaffPorts, 'index' | 'cases'>) {
  const records = await recordsForPeriod(offices, period, ports);
  const events = new Map<string, TimelineEvent[]>();
  for (const batch of chunks(records, EVENT_READS_IN_PARALLEL)) {
    const timelines = await Promise.all(batch.map((r) => ports.cases.listEvents(r.caseId)));
    for (const [i, r] of batch.entries()) events.set(r.caseId, timelines[i]!);
  }
  return { records, events };
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface ExportFile {
  content: string | Buffer;
  contentType: string;
  filename: string;
}

const slug = (text: string) => text.replace(/[^A-Za-z0-9.-]+/g, '_');

/** What a request asks for, parsed and authorized: the offices and period it reads. Throws as the route would answer. */
export interface ExportScope {
  offices: string[];
  period: ReportingPeriod;
}

/** The offices and period of an export or a report, after the same checks the file's own route makes. */
export function exportScope(kind: 'export' | 'report', principal: Principal, query: Record<string, string | undefined>, ports: Pick<StaffPorts, 'directory'>): ExportScope {
  return kind === 'export' ? exportRequest(principal, query, ports) : reportRequest(principal, query, ports);
}

function exportRequest(principal: Principal, query: Record<string, string | undefined>, ports: Pick<StaffPorts, 'directory'>) {
  const q = parse(exportQuery, query);
  if (q.office && q.province) throw new InvalidRequest('give office or province, not both');
  const period = periodOf(q);
  let offices: string[];
  if (q.office) offices = [q.office];
  else if (q.province) offices = provinceOffices(q.province, ports);
  else {
    offices = officesInScope(principal, 'case:export', ports.directory);
    if (!offices.length) {
      const decision = authorize(principal, 'case:export');
      throw new AccessRefused(decision.allowed ? 'no office of the directory is within your reach' : decision.reason);
    }
  }
  requireExport(principal, offices, ports);
  return { q, period, offices };
}

/** GET /exports/cases: the cases of a period (those its report counts), as CSV or JSON with their timelines. */
export async function exportCases(principal: Principal, query: Record<string, string | undefined>, ports: StaffPorts): Promise<ExportFile> {
  const { q, period, offices } = exportRequest(principal, query, ports);
  const { records, events } = await casesForPeriod(offices, period, ports);
  const name = `motcua-cases-${slug(q.office ?? q.province ?? 'all')}-${slug(period.key)}`;
  try {
    return q.format === 'csv'
      ? { content: exportCasesCsv(records, events, { period, directory: ports.directory }), contentType: 'text/csv; charset=utf-8', filename: `${name}.csv` }
      : { content: exportCasesJson(records, events, { period, directory: ports.directory }), contentType: 'application/json; charset=utf-8', filename: `${name}.json` };
  } catch (error) {
    if (error instanceof UnknownProcedure) throw new InvalidRequest(error.message);
    throw error;
  }
}

/** The scope of a report when none is given: the head's office, or the auditor's grant. */
function defaultReportScope(principal: Principal): ReportScope {
  if (principal.office && principal.roles.includes('head')) return { office: principal.office };
  if (principal.scope?.kind === 'office') return { office: principal.scope.office };
  if (principal.scope?.kind === 'province') return { province: principal.scope.province };
  throw new InvalidRequest('give office or province: the report covers one office or one province');
}

function reportRequest(principal: Principal, query: Record<string, string | undefined>, ports: Pick<StaffPorts, 'directory'>) {
  return reportScopeOf(reportQuery, principal, query, ports);
}

/** The office or province and the period a report reads (the head's office, or the auditor's grant, by default), authorized. */
export function reportScopeOf<Q extends z.infer<typeof satisfactionQuery>>(schema: z.ZodType<Q>, principal: Principal, query: Record<string, string | undefined>, ports: Pick<StaffPorts, 'directory'>) {
  const q = parse(schema, query);
  if (q.office && q.province) throw new InvalidRequest('give office or province, not both');
  const period = periodOf(q);
  const scope: ReportScope = q.office ? { office: q.office } : q.province ? { province: q.province } : defaultReportScope(principal);
  const offices = 'office' in scope ? [scope.office] : provinceOffices(scope.province, ports);
  requireExport(principal, offices, ports);
  return { q, period, scope, offices };
}

/** GET /reports/official: the official one-stop report of a period, for an office or a province. */
export async function officialReport(principal: Principal, query: Record<string, string | undefined>, ports: StaffPorts): Promise<ExportFile> {
  const { q, period, scope, offices } = reportRequest(principal, query, ports);
  const { records, events } = await casesForPeriod(offices, period, ports);
  try {
    const report = buildOfficialReport({
      // The form counts the one-stop procedures; complaints (the guidance flow) are not on it.
      cases: records.filter((r) => isOneStopProcedure(r.procedure)).map((r) => reportCaseFromRecord(r, events.get(r.caseId) ?? [])),
      // Questions and feedback are counted beside the form (shared/reports/questions.ts).
      questions: records.filter((r) => r.flow === 'answer').map((r) => questionCaseFromRecord(r, events.get(r.caseId) ?? [])),
      directory: ports.directory,
      period,
      scope,
      asOf: ports.clock.now(),
    });
    const name = `motcua-official-report-${slug('office' in scope ? scope.office : scope.province)}-${slug(period.key)}`;
    if (q.format === 'xlsx') {
      // The annex: what the requesters of these offices said of the period (the survey of shared/citizen).
      const satisfaction = satisfactionResults(offices, await ratingsForPeriod(offices, period, ports.index), period, ports.directory);
      return { content: await officialReportXlsx(report, { satisfaction }), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename: `${name}.xlsx` };
    }
    if (q.format === 'csv') return { content: officialReportCsv(report), contentType: 'text/csv; charset=utf-8', filename: `${name}.csv` };
    return { content: `${JSON.stringify(report, null, 2)}\n`, contentType: 'application/json; charset=utf-8', filename: `${name}.json` };
  } catch (error) {
    if (error instanceof InvalidReportScope || error instanceof UnknownProcedure) throw new InvalidRequest(error.message);
    throw error;
  }
}
