import { describe, expect, it } from 'vitest';
import type { CaseRecord, NewEvent } from '../../../shared/cases/model';
import { chainEvents, type CaseChange } from '../../../shared/cases/repository';
import { GENESIS_HASH } from '../../../shared/timeline/hash-chain';
import { onExecutionEnded, type AttentionPorts } from '../../../shared/workflow/attention';
import { CannotResume, caseIdOfExecution, resumeCase, resumeIndex, type ExecutionStatus, type WorkflowExecutions } from '../../../shared/workflow/resume';

const CASE = 'HCMKV1-2026-000042';
const NOW = new Date('2026-12-01T03:00:00Z');

/** The case store and the executions as plain data: what the use cases read and what they change. */
function world(record: Partial<CaseRecord> = {}) {
  let current = { caseId: CASE, status: 'awaiting-review', deadlines: {}, breaches: [], ...record } as CaseRecord;
  const events: NewEvent[] = [];
  const executions = new Map<string, { status: ExecutionStatus; lastTask?: { stateName: string; input: Record<string, unknown> }; input?: Record<string, unknown> }>();
  const started: Array<{ name: string; input: Record<string, unknown> }> = [];
  const told: string[] = [];
  const cases: AttentionPorts['cases'] = {
    getCase: async () => current,
    requireCase: async () => current,
    changeCase: async (_id: string, decide: (c: CaseRecord) => CaseChange | undefined) => {
      const change = decide(current);
      if (!change) return { record: current, events: [] };
      current = { ...current, ...change.update };
      events.push(...change.events);
      return { record: current, events: chainEvents(CASE, events.length - change.events.length, GENESIS_HASH, change.events) };
    },
  };
  const sfn: WorkflowExecutions = {
    status: async (name) => executions.get(name)?.status,
    lastTask: async (name) => executions.get(name)?.lastTask,
    start: async (name, input) => {
      const existing = executions.get(name);
      if (existing && JSON.stringify(existing.input) !== JSON.stringify(input)) throw Object.assign(new Error('exists'), { name: 'ExecutionAlreadyExists' });
      if (!existing) started.push({ name, input });
      executions.set(name, { status: 'RUNNING', input });
    },
  };
  const ports: AttentionPorts = { cases, executions: sfn, clock: { now: () => NOW }, tellHead: async (id) => void told.push(id) };
  return { ports, executions, started, told, events, record: () => current };
}

const failedAt = (stateName: string, input: Record<string, unknown> = { caseId: CASE }) => ({ status: 'FAILED' as const, lastTask: { stateName, input } });

describe('the end of an execution that did not close its case', () => {
  it('marks the case "needs attention" and tells the head, once however often the end is delivered', async () => {
    const w = world();
    w.executions.set(CASE, failedAt('Book the appointment'));
    const end = { name: CASE, status: 'FAILED', input: JSON.stringify({ caseId: CASE }), error: 'WorkflowFailed' };
    expect(await onExecutionEnded(end, w.ports)).toBe('marked');
    expect(await onExecutionEnded(end, w.ports)).toBe('already-marked');
    expect(w.record().workflowEnded).toMatchObject({ status: 'FAILED', execution: CASE, error: 'WorkflowFailed' });
    expect(w.events.map((e) => e.type)).toEqual(['needs-attention']);
    expect(w.told).toEqual([CASE, CASE]); // the notice's own key sends it once
  });

  it('ignores a closed case, an older execution of a resumed case, and a success', async () => {
    const closed = world({ status: 'closed' });
    expect(await onExecutionEnded({ name: CASE, status: 'ABORTED' }, closed.ports)).toBe('ignored');
    const resumed = world({ execution: `${CASE}-r2`, resumes: 2 });
    expect(await onExecutionEnded({ name: `${CASE}-r1`, status: 'FAILED' }, resumed.ports)).toBe('ignored');
    expect(await onExecutionEnded({ name: CASE, status: 'SUCCEEDED' }, world().ports)).toBe('ignored');
    expect([closed, resumed].flatMap((w) => w.events)).toEqual([]);
  });

  it('marks the end of an execution started after the one the case records (its start raced the record)', async () => {
    const w = world();
    expect(await onExecutionEnded({ name: `${CASE}-r1`, status: 'FAILED' }, w.ports)).toBe('marked');
  });

  it('continues an execution that timed out (before the one-year limit) in a new one by itself, at the step it was in', async () => {
    const w = world();
    w.executions.set(CASE, { status: 'TIMED_OUT', lastTask: { stateName: 'Decision', input: { caseId: CASE, case: { round: 1 }, resumeAt: 'old' } } });
    expect(await onExecutionEnded({ name: CASE, status: 'TIMED_OUT' }, w.ports)).toBe('continued');
    expect(w.started).toEqual([{ name: `${CASE}-r1`, input: { caseId: CASE, case: { round: 1 }, resumeAt: 'Decision' } }]);
    expect(w.record()).toMatchObject({ execution: `${CASE}-r1`, resumes: 1 });
    expect(w.record().workflowEnded).toBeUndefined();
    expect(w.told).toEqual([]);
  });

  it('marks a timed-out case when it cannot go on by itself', async () => {
    const w = world();
    w.executions.set(CASE, { status: 'TIMED_OUT' }); // no Task in its history
    expect(await onExecutionEnded({ name: CASE, status: 'TIMED_OUT' }, w.ports)).toBe('marked');
    expect(w.told).toEqual([CASE]);
  });
});

describe('resuming a case', () => {
  it('starts <case>-r<n> at the Task the last execution was in, clears "needs attention", and records who resumed it', async () => {
    const w = world({ workflowEnded: { status: 'FAILED', execution: CASE, at: 'x' } });
    w.executions.set(CASE, failedAt('Send the refusal', { caseId: CASE, review: { result: { outcome: 'refuse' } }, failure: { Error: 'X' } }));
    const result = await resumeCase(CASE, w.ports, { actor: { kind: 'officer', id: 'u-hai' } });
    expect(result).toEqual({ execution: `${CASE}-r1`, resumedAt: 'Send the refusal', from: CASE });
    expect(w.started[0]!.input).toEqual({ caseId: CASE, review: { result: { outcome: 'refuse' } }, resumeAt: 'Send the refusal' });
    expect(w.record().workflowEnded).toBeUndefined();
    expect(w.events[0]).toMatchObject({ type: 'workflow-resumed', actor: { kind: 'officer', id: 'u-hai' }, data: { from: CASE, execution: `${CASE}-r1` } });
  });

  it('starts nothing twice when a resume is retried after its start went through', async () => {
    const w = world();
    w.executions.set(CASE, failedAt('Send the refusal'));
    await resumeCase(CASE, w.ports);
    w.executions.set(`${CASE}-r1`, failedAt('Close the case: refused'));
    await resumeCase(CASE, w.ports);
    expect(w.started.map((s) => s.name)).toEqual([`${CASE}-r1`, `${CASE}-r2`]);
    expect(w.events.map((e) => e.type)).toEqual(['workflow-resumed', 'workflow-resumed']);
  });

  it('refuses while the workflow runs, once the case is closed, and when no step is known', async () => {
    const running = world();
    running.executions.set(CASE, { status: 'RUNNING' });
    await expect(resumeCase(CASE, running.ports)).rejects.toThrow(/is running/);
    await expect(resumeCase(CASE, world({ status: 'closed' }).ports)).rejects.toBeInstanceOf(CannotResume);
    await expect(resumeCase(CASE, world().ports)).rejects.toThrow(/not known to Step Functions/);
  });

  it('reads the case id and the resume number from execution names', () => {
    expect(caseIdOfExecution(`${CASE}-r3`)).toBe(CASE);
    expect(caseIdOfExecution('whatever', JSON.stringify({ caseId: CASE }))).toBe(CASE);
    expect(caseIdOfExecution(`${CASE}-review-1`)).toBeUndefined();
    expect([resumeIndex(CASE, CASE), resumeIndex(CASE, `${CASE}-r12`), resumeIndex(CASE, 'other')]).toEqual([0, 12, -1]);
  });
});
