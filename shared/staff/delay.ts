import type { Principal } from '../auth/principal';
import { isWorkingTime } from '../calendar';
import type { CaseRecord, DelayRecord, StepDeadline } from '../cases/model';
import { officeByCode, officeHours } from '../offices/directory';
import { toVietnamIso } from '../time/vietnam-time';
import { actorOf, type ActionResult } from './actions';
import { CaseConflict, InvalidRequest } from './errors';
import type { StaffPorts } from './ports';

/** The steps whose result the requester waits for: form 04 is about a result that will be late. */
export const DELAYABLE_STEPS = ['decision', 'registration'] as const;

export interface DelayInput {
  reason: string;
  /** "2026-12-10" (the close of office hours that day) or "2026-12-10T16:00+07:00". */
  newDate: string;
  note?: string;
}

/** The new due instant: an exact time as given, or the close of the office's last session on the day given (Vietnam time). */
export function newDueInstant(record: CaseRecord, newDate: string, ports: Pick<StaffPorts, 'directory'>): Date {
  if (newDate.includes('T')) return new Date(newDate);
  const office = officeByCode(ports.directory, record.office);
  if (!office) throw new Error(`office ${record.office} of case ${record.caseId} is not in the office directory`);
  const close = officeHours(ports.directory, office).at(-1)!.to;
  return new Date(`${newDate}T${close}:00+07:00`);
}

/**
 * Decides a delay: only for a step whose result the requester waits for, before its deadline, to a later working
 * time of the office. Returns the case change, or throws the reason it cannot be recorded.
 */
export function decideDelay(record: CaseRecord, input: DelayInput, by: DelayRecord['by'], now: Date, ports: Pick<StaffPorts, 'directory'>): { delay: DelayRecord; deadline: StepDeadline } {
  const step = record.pendingStep?.step;
  if (record.status === 'closed') throw new CaseConflict(`case ${record.caseId} is closed: there is no result to delay`);
  if (!step || !(DELAYABLE_STEPS as readonly string[]).includes(step)) {
    throw new CaseConflict(`case ${record.caseId} waits for ${step ?? 'nothing'}: a delay letter (form 04) is for a result the requester waits for (${DELAYABLE_STEPS.join(', ')})`);
  }
  const current = record.deadlines[step];
  if (!current) throw new CaseConflict(`case ${record.caseId} has no deadline for ${step}`);
  if (now.getTime() > new Date(current.dueAt).getTime()) {
    throw new CaseConflict(`the deadline of ${step} passed at ${current.dueAt}: form 04 is offered before the deadline; after it the apology goes out by itself`);
  }
  const newDue = newDueInstant(record, input.newDate, ports);
  if (Number.isNaN(newDue.getTime())) throw new InvalidRequest(`newDate ${input.newDate} is not a date`, [{ path: 'newDate', message: 'not a date' }]);
  if (newDue.getTime() <= new Date(current.dueAt).getTime()) {
    throw new InvalidRequest(`the new date must be later than the date promised (${current.dueAt})`, [{ path: 'newDate', message: `not later than ${current.dueAt}` }]);
  }
  // The minute before the new due instant must be office time: a Sunday or a holiday is not a date to promise.
  if (!isWorkingTime({ directory: ports.directory, office: record.office }, new Date(newDue.getTime() - 60_000))) {
    throw new InvalidRequest(`${toVietnamIso(newDue)} is outside the office's working time: give a working day (and an hour within office hours)`, [{ path: 'newDate', message: 'not a working time of the office' }]);
  }
  const dueAt = toVietnamIso(newDue);
  const delay: DelayRecord = { step, recordedAt: toVietnamIso(now), by, reason: input.reason.trim(), originalDueAt: current.dueAt, newDueAt: dueAt };
  return { delay, deadline: { ...current, dueAt, extendedFrom: current.dueAt, extendedBy: 'form-04' } };
}

/**
 * Records the delay: the reason and the new date on the case and its timeline, the step's deadline (and the work
 * queue's) moved to the new date; then the waiting step is resumed with `delayed: true`, and the workflow sends the
 * `delay-letter` notice and restarts the step's clock.
 */
export async function recordDelay(principal: Principal, record: CaseRecord, input: DelayInput, ports: StaffPorts): Promise<ActionResult> {
  const now = ports.clock.now();
  const at = toVietnamIso(now);
  const by = actorOf(principal);
  const { events } = await ports.cases.changeCase(record.caseId, (current) => {
    const { delay, deadline } = decideDelay(current, input, by, now, ports);
    return {
      update: {
        deadlines: { ...current.deadlines, [delay.step]: deadline },
        pendingStep: { ...current.pendingStep!, dueAt: deadline.dueAt },
        delays: [...(current.delays ?? []), delay],
      },
      events: [
        { type: 'delay-recorded', at, actor: by, data: { ...delay, ...(input.note ? { note: input.note } : {}) } },
        { type: 'deadline-set', at, actor: by, data: { step: delay.step, ...deadline } },
      ],
    };
  });
  const step = String(events[0]?.data.step ?? '');
  await resumeWithDelay(record.caseId, step, { delayed: true, step, actor: by, at }, ports);
  return { caseId: record.caseId, action: 'delay', step, status: 'recorded', at };
}

/**
 * The waiting step learns of the delay: the human-step workflow ("Record the outcome" fails with ResultDelayed) sends the letter
 * (the case's delay-letter notice) and restarts the step's clock on the new deadline, still waiting for the
 * person. A token renewed meanwhile (the warning re-entered the wait) is read again once.
 */
async function resumeWithDelay(caseId: string, step: string, output: Record<string, unknown>, ports: StaffPorts): Promise<void> {
  for (let attempt = 1; attempt <= 2; attempt++) {
    const pending = (await ports.cases.requireCase(caseId)).pendingStep;
    if (pending?.step !== step) throw new CaseConflict(`case ${caseId} no longer waits for ${step}: the delay is recorded, but the letter could not be sent; read the case again`);
    if ((await ports.workflow.sendTaskSuccess(pending.taskToken, output)) === 'sent') return;
  }
  throw new CaseConflict(`case ${caseId}: the delay is recorded, but the waiting ${step} could not be resumed to send the letter; try again`);
}
