import { authorize, officeTarget } from '../auth/authorize';
import { AccessRefused } from '../auth/errors';
import type { Principal } from '../auth/principal';
import type { CaseRecord } from '../cases/model';
import { auditPartition, workQueuePartition } from '../cases/keys';
import { procedureCatalog } from '../procedures/default-catalog';
import { vietnamMonth } from '../time/vietnam-time';
import { dashboardMonth, officeDashboard, type OfficeDashboard } from './dashboard';
import { InvalidRequest } from './errors';
import type { CaseIndex, StaffPorts } from './ports';

/**
 * How many months of receipts are read for the closed cases whose deadline passed in the month asked
 * for: the month itself and the eleven before it. Open cases are all read whenever they were received
 * (the work queue). A case closed after running more than a year is left out, and the answer says
 * from which month closed cases were read (`closedCasesReceivedSince`).
 */
export const BREACH_LOOKBACK_MONTHS = 12;

const READ_PAGE = 200;

/** Every item of an index partition (the dashboard needs all of them, not a page). */
async function readPartition(index: CaseIndex, indexName: 'GSI1' | 'GSI2', partition: string): Promise<CaseRecord[]> {
  const records: CaseRecord[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await index.page({ index: indexName, partition, limit: READ_PAGE, ...(startKey ? { startKey } : {}) });
    for (const item of page.items) if (item.entity === undefined || item.entity === 'case') records.push(item as unknown as CaseRecord);
    startKey = page.lastKey;
  } while (startKey);
  return records;
}

/** The month and the `lookback - 1` months before it, oldest first. */
export function monthsUpTo(month: string, lookback: number): string[] {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return Array.from({ length: lookback }, (_, i) => {
    const index = year * 12 + (m - 1) - (lookback - 1 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

/** Heads see their own office's dashboard, auditors those in their scope; officers have their work queue. */
function mayRead(principal: Principal, office: string, directory: StaffPorts['directory']): void {
  const decision = authorize(principal, 'case:export', officeTarget(directory, office));
  if (decision.allowed) return;
  if (principal.roles.every((role) => role === 'officer')) {
    throw new AccessRefused(`the dashboard of an office is for its head and for auditors; an officer works from the work queue (GET /cases)`);
  }
  throw new AccessRefused(decision.reason);
}

/** GET /offices/{office}/dashboard[?month=YYYY-MM]: the head's figures for the office (default: this month, Vietnam time). */
export async function readOfficeDashboard(
  principal: Principal,
  office: string,
  query: Record<string, string | undefined>,
  ports: Pick<StaffPorts, 'index' | 'directory' | 'clock'>,
): Promise<OfficeDashboard> {
  const unknown = Object.keys(query).filter((k) => k !== 'month' && query[k] !== undefined);
  if (unknown.length) throw new InvalidRequest(`unknown query parameter ${unknown.join(', ')} (this route takes: month)`);
  const now = ports.clock.now();
  const parsed = dashboardMonth.safeParse(query.month ?? vietnamMonth(now));
  if (!parsed.success) throw new InvalidRequest(`month "${query.month}" is not a month YYYY-MM`, [{ path: 'month', message: 'a month YYYY-MM' }]);
  const month = parsed.data;
  if (!ports.directory.offices.some((o) => o.code === office)) throw new InvalidRequest(`office ${office} is not in the directory`, [{ path: 'office', message: 'an office code of the directory' }]);
  mayRead(principal, office, ports.directory);

  // A case received after the month cannot have a deadline in it: receipts up to the month are enough.
  const months = monthsUpTo(month, BREACH_LOOKBACK_MONTHS).filter((m) => m <= vietnamMonth(now));
  const [open, ...received] = await Promise.all([
    readPartition(ports.index, 'GSI1', workQueuePartition(office)),
    ...months.map((m) => readPartition(ports.index, 'GSI2', auditPartition(office, m))),
  ]);
  return officeDashboard({
    office,
    month,
    now,
    open: open!,
    received: received.flat(),
    closedCasesReceivedSince: months[0] ?? month,
    directory: ports.directory,
    catalog: procedureCatalog,
  });
}
