import * as z from 'zod';
import type { CaseRecord } from '../cases/model';
import type { OfficeDirectory } from '../offices/directory';
import type { ProcedureCatalog } from '../procedures/catalog';
import { vietnamMonth } from '../time/vietnam-time';
import { caseSummary, type CaseSummary } from './queue';
import { timeLeftOf } from './time-left';

/**
 * The head's figures for one office, computed from the case records alone (no I/O): what is open
 * and at risk now, which deadlines passed undone in a month, and who carries the load. The reader
 * (shared/staff/office-dashboard.ts) gives it the office's open cases and the cases received in the
 * months a breach of that month can come from.
 *
 * One definition per meaning: "at risk" and "late" are the time-left levels the work queue shows
 * (shared/staff/time-left.ts); a breached step is one the workflow recorded as breached
 * (`record.breaches`, shared/workflow/decisions.ts decideBreach) or the waiting step whose deadline
 * has passed before the workflow's timer recorded it.
 */

/** The officer column of a case nobody was assigned to (a head's reassignment sets `assignee`). */
export const UNASSIGNED = 'Bộ phận một cửa (chưa giao riêng)';

export const dashboardMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM');

export interface MonthlyBreach {
  caseId: string;
  step: string;
  /** The deadline that passed undone (Vietnam time): it falls in the month asked for. */
  dueAt: string;
  /** The case is closed now (refused, resolved, withdrawn...): its breach still counts in its month. */
  closed: boolean;
  assignee?: string;
}

export interface OfficerLoad {
  officer: string;
  open: number;
  warning: number;
  breached: number;
}

export interface OfficeDashboard {
  office: string;
  /** The month (YYYY-MM, Vietnam time) whose breaches are counted. */
  month: string;
  /** When the figures were taken (the API's clock). */
  at: string;
  open: number;
  /** Open cases past their warning point and not yet late (the queue's `warning` level). */
  atRisk: CaseSummary[];
  /** Open cases that are late: their waiting step's deadline passed, or a breach was recorded on them. */
  late: CaseSummary[];
  /** Open cases the desk must look at: their workflow stopped, a message or request for the desk, or a sender held. */
  attention: CaseSummary[];
  /** Deadlines that passed undone in the month, open and closed cases alike, by due instant. */
  breachesInMonth: MonthlyBreach[];
  /** The open cases per assignee, most loaded first. */
  load: OfficerLoad[];
  /** The earliest receipt month read for closed cases: a closed case received before it is not counted. */
  closedCasesReceivedSince: string;
}

/** A case the desk must look at: the one definition the dashboard and the console share. */
export function needsDeskAttention(summary: Pick<CaseSummary, 'needsAttention' | 'attentionItems' | 'senderHeld'>): boolean {
  return summary.needsAttention || summary.attentionItems > 0 || summary.senderHeld;
}

/** Late: the waiting step's deadline passed, or a breach was recorded on the case and it is still open. */
export function isLate(summary: Pick<CaseSummary, 'breached' | 'timeLeft'>): boolean {
  return summary.timeLeft?.level === 'breached' || summary.breached;
}

/** The steps of a case whose deadline passed undone, with that deadline. */
export function breachedSteps(record: CaseRecord, now: Date, directory: OfficeDirectory, catalog: ProcedureCatalog): Array<{ step: string; dueAt: string }> {
  const steps = new Set(record.breaches ?? []);
  const waiting = timeLeftOf(record, now, directory, catalog);
  if (waiting?.level === 'breached') steps.add(waiting.step);
  return [...steps].flatMap((step) => {
    const dueAt = record.deadlines?.[step]?.dueAt;
    return dueAt ? [{ step, dueAt }] : [];
  });
}

export function officeDashboard(args: {
  office: string;
  month: string;
  now: Date;
  /** The office's open cases (the whole work queue). */
  open: CaseRecord[];
  /** Cases of the office received in the months a breach of `month` can come from (open ones may repeat). */
  received: CaseRecord[];
  closedCasesReceivedSince: string;
  directory: OfficeDirectory;
  catalog: ProcedureCatalog;
}): OfficeDashboard {
  const { now, directory, catalog } = args;
  const summaries = args.open.map((record) => {
    const timeLeft = timeLeftOf(record, now, directory, catalog);
    return { ...caseSummary(record as unknown as Record<string, unknown>), ...(timeLeft ? { timeLeft } : {}) };
  });

  const load = new Map<string, OfficerLoad>();
  for (const c of summaries) {
    const officer = c.assignee ?? UNASSIGNED;
    const row = load.get(officer) ?? { officer, open: 0, warning: 0, breached: 0 };
    row.open += 1;
    if (c.timeLeft?.level === 'warning') row.warning += 1;
    if (isLate(c)) row.breached += 1;
    load.set(officer, row);
  }

  const cases = new Map<string, CaseRecord>();
  for (const record of [...args.received, ...args.open]) cases.set(record.caseId, record);
  const breachesInMonth = [...cases.values()]
    .flatMap((record) =>
      breachedSteps(record, now, directory, catalog)
        .filter((b) => vietnamMonth(new Date(b.dueAt)) === args.month)
        .map((b) => ({ caseId: record.caseId, ...b, closed: record.status === 'closed', ...(record.assignee ? { assignee: record.assignee } : {}) })),
    )
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || a.caseId.localeCompare(b.caseId));

  return {
    office: args.office,
    month: args.month,
    at: now.toISOString(),
    open: summaries.length,
    atRisk: summaries.filter((c) => c.timeLeft?.level === 'warning'),
    late: summaries.filter(isLate),
    attention: summaries.filter(needsDeskAttention),
    breachesInMonth,
    load: [...load.values()].sort((a, b) => b.open - a.open || a.officer.localeCompare(b.officer)),
    closedCasesReceivedSince: args.closedCasesReceivedSince,
  };
}
