import * as z from 'zod';
import { calendarFor, checkTimeliness, warningPoint, type Deadline } from '../calendar';
import type { CaseRecord } from '../cases/model';
import type { OfficeDirectory } from '../offices/directory';
import { procedureByCode, type ProcedureCatalog } from '../procedures/catalog';
import { DEFAULT_WARNING_FRACTION } from '../workflow/steps';

/**
 * How much working time the step a case waits for has left, as the work queue shows it: counted on
 * the office's calendar with the one definition of on time (checkTimeliness), and whether the
 * procedure's warning point has passed. The console words it ("còn 3 giờ làm việc").
 */
export const timeLeftSchema = z.strictObject({
  step: z.string(),
  dueAt: z.string(),
  /** Working minutes until the deadline (0 once it has passed). */
  remainingWorkingMinutes: z.number().int(),
  /** Working minutes past the deadline (0 before it, and on the evening of the due day). */
  lateByWorkingMinutes: z.number().int(),
  /** The office's working minutes in a day: how the console turns minutes into working days. */
  minutesPerDay: z.number().int(),
  /** When the assignee is warned (the procedure's warning fraction of the step's working time). */
  warnAt: z.string().optional(),
  level: z.enum(['on-track', 'warning', 'breached']),
});
export type TimeLeft = z.infer<typeof timeLeftSchema>;

export function timeLeftOf(record: Pick<CaseRecord, 'office' | 'procedure' | 'pendingStep' | 'deadlines'>, now: Date, directory: OfficeDirectory, catalog: ProcedureCatalog): TimeLeft | undefined {
  const pending = record.pendingStep;
  const deadline = pending ? record.deadlines?.[pending.step] : undefined;
  if (!pending || !deadline) return undefined;
  const { remainingWorkingMinutes, lateByWorkingMinutes } = checkTimeliness(deadline, now, { directory, office: record.office });
  const fraction = procedureByCode(catalog, record.procedure)?.warningFraction ?? DEFAULT_WARNING_FRACTION;
  let warnAt: string | undefined;
  try {
    warnAt = warningPoint(deadline as unknown as Deadline, fraction, directory, record.office);
  } catch {
    // A deadline stored without its working minutes (older records) has no warning point; it still has a due instant.
    warnAt = undefined;
  }
  const breached = now.getTime() > new Date(deadline.dueAt).getTime();
  const warned = warnAt !== undefined && now.getTime() >= new Date(warnAt).getTime();
  return {
    step: pending.step,
    dueAt: deadline.dueAt,
    remainingWorkingMinutes,
    lateByWorkingMinutes,
    minutesPerDay: calendarFor({ directory, office: record.office }).minutesPerDay,
    ...(warnAt ? { warnAt } : {}),
    level: breached ? 'breached' : warned ? 'warning' : 'on-track',
  };
}

