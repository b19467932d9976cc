import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assemble, builtPath, builtText, buildMachine, MACHINE_NAMES, type MachineSource, type State } from '../../../statemachines/build';
import { RETRY_POLICIES, requiredPolicies, retriersOf } from '../../../statemachines/policies';
import { noticeStepRequests } from '../../../functions/commons/notice-steps';

const tasksOf = (definition: Record<string, any>) =>
  Object.entries<Record<string, any>>(definition.States).filter(([, state]) => state.Type === 'Task');

describe.each(MACHINE_NAMES)('the built %s machine', (name) => {
  const committed = JSON.parse(readFileSync(builtPath(name), 'utf8'));

  it('is exactly what its parts build (run npm run build:asl after changing a part)', () => {
    expect(readFileSync(builtPath(name), 'utf8')).toBe(builtText(name));
  });

  it('gives every Task exactly the retry policies its kind requires, as declared in policies.ts', () => {
    const failureReporter = 'Report the failure';
    for (const [stateName, state] of tasksOf(committed)) {
      expect(state.Retry, stateName).toEqual(retriersOf(requiredPolicies(state, stateName === failureReporter)));
    }
  });

  it('retries, in every function Task, the named errors the functions throw (throttling, conflict, timeout, transient)', () => {
    const named = ['Throttled', 'CaseWriteConflict', 'ConcurrentCaseChange', 'MessageInProgress', 'TransientFailure', 'States.Timeout', 'Lambda.TooManyRequestsException'];
    for (const [stateName, state] of tasksOf(committed)) {
      if (state.Resource !== 'arn:aws:states:::lambda:invoke' || stateName === 'Report the failure') continue;
      const retried = state.Retry.flatMap((r: { ErrorEquals: string[] }) => r.ErrorEquals);
      // A best-effort Task catches its own timeout (the case goes on without it): it retries all but that.
      const catchesTimeout = (state.Catch ?? []).some((c: { ErrorEquals: string[] }) => c.ErrorEquals.includes('States.Timeout'));
      expect(retried, stateName).toEqual(expect.arrayContaining(catchesTimeout ? named.filter((n) => n !== 'States.Timeout') : named));
      expect(retried.includes('States.Timeout'), stateName).toBe(!catchesTimeout);
    }
    if (name === 'enforcement-request') expect(committed.States['Read the attachments'].Catch[1]).toEqual({ ErrorEquals: ['States.Timeout', 'States.TaskFailed'], ResultPath: '$.reading', Next: 'Record receipt' });
  });
});

describe('the resume entry of the enforcement-request machine', () => {
  const machine = buildMachine('enforcement-request') as { StartAt: string; States: Record<string, any> };
  const choice = machine.States['Resume at the last Task'];
  const targets = Object.fromEntries(choice.Choices.map((c: { StringEquals: string; Next: string }) => [c.StringEquals, c.Next]));

  it('starts every execution at the reading of the attachments, which hands a resumed one to a Choice that goes to any Task but the failure reporter', () => {
    expect(machine.StartAt).toBe('Read the attachments');
    const receipt = machine.States['Read the attachments'];
    // the first Task sees the whole input, and its first catch is the resume (before the catch-all)
    expect(receipt.Parameters.Payload['execution.$']).toBe('$');
    expect(receipt.Catch[0]).toEqual({ ErrorEquals: ['ResumeRequested'], ResultPath: '$.resumeRequested', Next: 'Resume at the last Task' });
    expect(receipt.Catch.at(-1).ErrorEquals).toEqual(['States.ALL']);
    const tasks = tasksOf(machine).map(([name]) => name).filter((n) => n !== 'Report the failure' && n !== 'Read the attachments');
    expect(Object.keys(targets).filter((n) => machine.States[n]).sort()).toEqual(tasks.sort());
    expect(choice.Default).toBe('Unknown resume point');
  });

  it('sends a resume at a Task the machine no longer has (the copy to the procuracy, now a daily dispatch) to Unknown resume point, which reports it', () => {
    for (const removed of ['Send the copy to the procuracy', 'Record the procuracy copy']) {
      expect(machine.States[removed], removed).toBeUndefined();
      expect(targets[removed], removed).toBeUndefined();
    }
    expect(machine.States['Unknown resume point']).toMatchObject({ Type: 'Pass', Parameters: { Error: 'UnknownResumePoint' }, Next: 'Report the failure' });
    expect(machine.States['Release the decision'].Next).toBe('Hand-over');
  });

  it('sends a resume at a Task since joined into another (a notice and the step it follows) to the joined Task, which does only what is left', () => {
    const joined = { 'Acknowledge and tell the desk': 'Record receipt', 'Send the appointment': 'Book the appointment', 'Send the new appointment': 'Move the appointment', 'Send the receipt slip': 'Record the visit' };
    for (const [removed, into] of Object.entries(joined)) {
      expect(machine.States[removed], removed).toBeUndefined();
      expect(targets[removed], removed).toBe(into);
    }
    // every other name the Choice knows is a Task of the machine
    expect(Object.keys(targets).filter((n) => !machine.States[n]).sort()).toEqual(Object.keys(joined).sort());
    expect(machine.States['Book the appointment'].Next).toBe('Wait for the visit');
    expect(machine.States['Move the appointment'].Next).toBe('Wait for the visit');
    expect(machine.States['Record the visit'].Next).toBe('Decision');
  });

  it('asks notify for a step with its notice only among the steps it runs (functions/commons/notice-steps.ts), each with the notice that follows it', () => {
    const known = noticeStepRequests.map((request) => request.shape.action.value);
    const asked = tasksOf(machine)
      .filter(([, state]) => state.Parameters?.FunctionName === '${NotifyFunctionArn}' && state.Parameters.Payload.action)
      .map(([stateName, state]) => [stateName, state.Parameters.Payload.action, state.Parameters.Payload.notice]);
    expect(asked).toEqual([
      ['Record receipt', 'recordReceipt', 'acknowledgement'],
      ['Book the appointment', 'bookAppointment', 'appointment'],
      ['Move the appointment', 'rescheduleAppointment', 'appointment-rescheduled'],
      ['Record the visit', 'recordVisit', 'receipt-slip'],
    ]);
    // recordReceipt is notify's own request (the receipt with its notices), not one of the steps with a notice
    for (const [, action] of asked.filter(([, action]) => action !== 'recordReceipt')) expect(known).toContain(action);
  });

  it('resumes at Record receipt, the receipt with its two notices in one Task of the notify function, which goes on to the choice of flow', () => {
    expect(targets['Record receipt']).toBe('Record receipt');
    const receipt = machine.States['Record receipt'];
    expect(receipt.Parameters).toMatchObject({ FunctionName: '${NotifyFunctionArn}', Payload: { action: 'recordReceipt', notice: 'acknowledgement', thenNotice: 'new-case', 'execution.$': '$' } });
    expect(receipt.Next).toBe('Which flow?');
  });

  it("resumes a wait at the Task that reads its clock from the case, so that the deadline stays what it was", () => {
    for (const [stateName, state] of tasksOf(machine)) {
      if (!String(state.Resource).endsWith('.waitForTaskToken')) continue;
      expect(targets[stateName], stateName).not.toBe(stateName);
      expect(machine.States[targets[stateName]].Resource, stateName).toBe('arn:aws:states:::lambda:invoke');
    }
  });

  it("retries a wait's function when it timed out (Sandbox.Timedout), but never the wait's deadline (States.Timeout, its breach branch)", () => {
    for (const [stateName, state] of tasksOf(machine)) {
      if (!String(state.Resource).endsWith('.waitForTaskToken')) continue;
      const retried = (state.Retry as Array<{ ErrorEquals: string[] }>).flatMap((r) => r.ErrorEquals);
      expect(retried, stateName).toContain('Sandbox.Timedout');
      expect(retried, stateName).not.toContain('States.Timeout');
    }
  });

  it('names child executions after the parent execution, so that a resumed case starts its human step afresh', () => {
    for (const [stateName, state] of tasksOf(machine)) {
      if (!String(state.Resource).includes('startExecution')) continue;
      expect(state.Parameters['Name.$'], stateName).toMatch(/^States\.Format\('\{\}-[a-z-]+(-\{\})?', \$\$\.Execution\.Name/);
    }
  });
});

describe('the build step', () => {
  const source = (states: Record<string, State>): [MachineSource, Record<string, Record<string, State>>] => [
    { Comment: 'test', StartAt: 'Do it', TimeoutSeconds: 60, ReportFailureAt: 'Report the failure', Parts: ['only'], States: { 'Report the failure': reporter, Failed: { Type: 'Fail' } } },
    { only: states },
  ];
  const reporter: State = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Retry: ['lastResort'], Next: 'Failed' };
  const invoke = (retry: unknown): State => ({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Retry: retry, End: true });

  it('refuses a Task that lacks a policy its kind requires, naming the Task and the policy', () => {
    expect(() => assemble('test', ...source({ 'Do it': invoke(['conflict', 'throttling', 'transient']) }))).toThrow(/Task 'Do it'.*missing timeout/);
  });

  it('refuses a Task with no policies, or with retriers spelt out instead of named', () => {
    expect(() => assemble('test', ...source({ 'Do it': { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } }))).toThrow(/must name its retry policies/);
    expect(() => assemble('test', ...source({ 'Do it': invoke([RETRY_POLICIES.transient]) }))).toThrow(/must name its retry policies/);
  });

  it('refuses a timeout retry on a wait for a task token (its timeout is the deadline), and an unknown policy', () => {
    const wait = { ...invoke(['conflict', 'throttling', 'timeout', 'transient']), Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken' };
    expect(() => assemble('test', ...source({ 'Do it': wait }))).toThrow(/not for it: timeout/);
    expect(() => assemble('test', ...source({ 'Do it': invoke(['conflict', 'throttling', 'timeout', 'transient', 'hope']) }))).toThrow(/not for it: hope/);
  });

  it('refuses a joined resume point that is still a state, or that names no Task to go to', () => {
    const [machine, parts] = source({ 'Do it': invoke(['conflict', 'throttling', 'timeout', 'transient']) });
    const resumable = (Joined: Record<string, string>) => ({ ...machine, Resume: { StateName: 'Resume', Joined } });
    expect(() => assemble('test', resumable({ 'Do it': 'Report the failure' }), parts)).toThrow(/'Do it' is still a state/);
    expect(() => assemble('test', resumable({ 'Send it': 'Failed' }), parts)).toThrow(/joined into 'Failed', which is no Task/);
    const built = assemble('test', resumable({ 'Send it': 'Do it' }), parts) as { States: Record<string, any> };
    expect(built.States.Resume.Choices).toContainEqual({ Variable: '$.resumeAt', StringEquals: 'Send it', Next: 'Do it' });
  });

  it('refuses a state defined in two parts', () => {
    const [machine, parts] = source({ 'Do it': invoke(['conflict', 'throttling', 'timeout', 'transient']) });
    expect(() => assemble('test', { ...machine, Parts: ['only', 'again'] }, { ...parts, again: parts.only! })).toThrow(/'Do it' is defined in parts\/only and in parts\/again/);
  });

  it('expands the names into the declared retriers and ends the Catch list with the catch-all to the failure reporter', () => {
    const wait = {
      ...invoke(['transient', 'conflict', 'throttling']),
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Report the failure' }],
    };
    const built = assemble('test', ...source({ 'Do it': wait })) as { States: Record<string, any> };
    expect(built.States['Do it'].Retry.map((r: { ErrorEquals: string[] }) => r.ErrorEquals)).toEqual([
      RETRY_POLICIES.conflict.ErrorEquals,
      RETRY_POLICIES.throttling.ErrorEquals,
      RETRY_POLICIES.transient.ErrorEquals,
    ]);
    expect(built.States['Do it'].Catch).toEqual([
      { ErrorEquals: ['States.Timeout'], Next: 'Report the failure' },
      { ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'Report the failure' },
    ]);
    expect(built.States['Report the failure'].Catch).toBeUndefined();
  });

  it('builds the committed machines from the parts folder (every part has a README and an example input)', () => {
    for (const name of MACHINE_NAMES) {
      const machine = JSON.parse(readFileSync(new URL(`../../../statemachines/machines/${name}.json`, import.meta.url), 'utf8')) as MachineSource;
      for (const part of machine.Parts) {
        expect(readFileSync(new URL(`../../../statemachines/parts/${part}/README.md`, import.meta.url), 'utf8').length, part).toBeGreaterThan(100);
        expect(JSON.parse(readFileSync(new URL(`../../../statemachines/parts/${part}/example-input.json`, import.meta.url), 'utf8')), part).toHaveProperty('caseId');
      }
      expect(Object.keys((buildMachine(name) as { States: object }).States).length).toBeGreaterThan(5);
    }
  });
});
