import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  adaptForLocalEngine,
  loadDefinition,
  LOCAL_FIELD,
  PASSTHROUGH_FIELD,
  splitTaskInput,
  TASK_TOKEN_PLACEHOLDER,
  withTaskToken,
  type Definition,
} from '../../../local/stepfunctions/local-definition';

const ASL = fileURLToPath(new URL('../../../statemachines/enforcement-request.asl.json', import.meta.url));
const ARNS = {
  WorkflowFunctionArn: 'arn:aws:lambda:ap-southeast-1:000000000000:function:workflow',
  NotifyFunctionArn: 'arn:aws:lambda:ap-southeast-1:000000000000:function:notify',
  ReadingFunctionArn: 'arn:aws:lambda:ap-southeast-1:000000000000:function:reading',
  HumanStepStateMachineArn: 'arn:aws:states:ap-southeast-1:000000000000:stateMachine:HumanStep',
};

/** A small machine with one state of each kind the adapter treats differently. */
const machine = (): Definition => ({
  Comment: 'test',
  StartAt: 'Record receipt',
  TimeoutSeconds: 31_536_000,
  States: {
    'Record receipt': {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'workflow', Payload: { action: 'recordReceipt', 'caseId.$': '$.caseId' } },
      TimeoutSeconds: 60,
      Next: 'Wait for officer review',
    },
    'Wait for officer review': {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: 'workflow', Payload: { 'taskToken.$': '$$.Task.Token' } },
      TimeoutSecondsPath: '$.clock.review.timeoutSeconds',
      Next: 'Call without parameters',
    },
    'Call without parameters': { Type: 'Task', Resource: 'arn:aws:lambda:ap-southeast-1:000000000000:function:notify', Next: 'Pause' },
    Pause: { Type: 'Wait', Seconds: 5, Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
});

describe('the copy of a state machine the local engine runs', () => {
  it('hands a TimeoutSecondsPath to the adapter in Parameters, evaluated against the state input', () => {
    // Prepare, Act
    const adapted = adaptForLocalEngine(machine());

    // Assess
    const review = adapted.States['Wait for officer review']!;
    expect(review.TimeoutSecondsPath).toBeUndefined();
    expect(review.Parameters).toEqual({
      FunctionName: 'workflow',
      Payload: { 'taskToken.$': '$$.Task.Token' },
      [LOCAL_FIELD]: { 'stateInput.$': '$', 'timeoutSeconds.$': '$.clock.review.timeoutSeconds' },
    });
  });

  it('keeps a static TimeoutSeconds as data for the adapter', () => {
    // Prepare, Act
    const adapted = adaptForLocalEngine(machine());

    // Assess
    const receipt = adapted.States['Record receipt']!;
    expect((receipt.Parameters as Record<string, unknown>)[LOCAL_FIELD]).toEqual({ 'stateInput.$': '$', timeoutSeconds: 60 });
  });

  it('gives a Task with no timeout AWS’s default of 99999999 seconds', () => {
    // Prepare, Act
    const adapted = adaptForLocalEngine(machine());

    // Assess
    const call = adapted.States['Call without parameters']!;
    expect((call.Parameters as Record<string, Record<string, unknown>>)[LOCAL_FIELD]!.timeoutSeconds).toBe(99_999_999);
  });

  it('sets the library’s own task timer to its safe maximum, 2147483 seconds, on every Task', () => {
    // Prepare, Act
    const adapted = adaptForLocalEngine(machine());

    // Assess
    expect(adapted.States['Record receipt']!.TimeoutSeconds).toBe(2_147_483);
    expect(adapted.States['Wait for officer review']!.TimeoutSeconds).toBe(2_147_483);
    expect(adapted.States['Call without parameters']!.TimeoutSeconds).toBe(2_147_483);
  });

  it('passes the whole state input to a Task that had no Parameters', () => {
    // Prepare, Act
    const adapted = adaptForLocalEngine(machine());

    // Assess
    expect(adapted.States['Call without parameters']!.Parameters).toEqual({
      [`${PASSTHROUGH_FIELD}.$`]: '$',
      [LOCAL_FIELD]: { 'stateInput.$': '$', timeoutSeconds: 99_999_999 },
    });
  });

  it('drops the execution’s top-level TimeoutSeconds, which would overflow the library’s timer', () => {
    // Prepare, Act
    const adapted = adaptForLocalEngine(machine());

    // Assess
    expect('TimeoutSeconds' in adapted).toBe(false);
    expect(adapted.StartAt).toBe('Record receipt');
    expect(adapted.Comment).toBe('test');
  });

  it('leaves states other than Tasks untouched, and the definition it was given unchanged', () => {
    // Prepare
    const original = machine();
    const before = structuredClone(original);

    // Act
    const adapted = adaptForLocalEngine(original);

    // Assess
    expect(adapted.States.Pause).toEqual({ Type: 'Wait', Seconds: 5, Next: 'Done' });
    expect(adapted.States.Done).toEqual({ Type: 'Succeed' });
    expect(original).toEqual(before);
  });

  it('adapts every Task of the enforcement-request machine and keeps its flow', () => {
    // Prepare
    const definition = loadDefinition(ASL, ARNS);

    // Act
    const adapted = adaptForLocalEngine(definition);

    // Assess
    const tasks = Object.entries(adapted.States).filter(([, s]) => s.Type === 'Task');
    expect(tasks.length).toBeGreaterThan(0);
    for (const [name, state] of tasks) {
      expect((state.Parameters as Record<string, unknown>)[LOCAL_FIELD], name).toBeDefined();
      expect(state.TimeoutSeconds, name).toBe(2_147_483);
      expect(state.Next ?? state.End, name).toEqual(definition.States[name]!.Next ?? definition.States[name]!.End);
      expect(state.Catch, name).toEqual(definition.States[name]!.Catch);
    }
    expect(Object.keys(adapted.States)).toEqual(Object.keys(definition.States));
  });
});

describe('loadDefinition', () => {
  it('puts the given ARNs in place of the placeholders', () => {
    // Prepare, Act
    const definition = loadDefinition(ASL, ARNS);

    // Assess
    const text = JSON.stringify(definition);
    expect(text).not.toContain('${');
    expect(text).toContain(ARNS.WorkflowFunctionArn);
    expect(text).toContain(ARNS.NotifyFunctionArn);
    expect(text).toContain(ARNS.HumanStepStateMachineArn);
  });

  it('refuses a definition whose placeholder it was not given, naming it', () => {
    // Prepare, Act, Assess
    expect(() => loadDefinition(ASL, { WorkflowFunctionArn: ARNS.WorkflowFunctionArn, ReadingFunctionArn: ARNS.ReadingFunctionArn })).toThrow('uses ${NotifyFunctionArn}, which the local engine was not given');
  });
});

describe('splitTaskInput', () => {
  it('separates what the adapter added from the Parameters the task receives', () => {
    // Prepare
    const input = {
      FunctionName: 'workflow',
      Payload: { action: 'recordReceipt', caseId: 'HCMKV1-2026-000001' },
      [LOCAL_FIELD]: { stateInput: { caseId: 'HCMKV1-2026-000001' }, timeoutSeconds: 60 },
    };

    // Act
    const { taskInput, local } = splitTaskInput(input);

    // Assess
    expect(taskInput).toEqual({ FunctionName: 'workflow', Payload: { action: 'recordReceipt', caseId: 'HCMKV1-2026-000001' } });
    expect(local).toEqual({ stateInput: { caseId: 'HCMKV1-2026-000001' }, timeoutSeconds: 60 });
  });

  it('gives a Task without Parameters its state input as it was', () => {
    // Prepare
    const stateInput = { caseId: 'HCMKV1-2026-000001', clock: { review: { timeoutSeconds: 86_400 } } };
    const input = { [PASSTHROUGH_FIELD]: stateInput, [LOCAL_FIELD]: { stateInput, timeoutSeconds: 99_999_999 } };

    // Act
    const { taskInput, local } = splitTaskInput(input);

    // Assess
    expect(taskInput).toEqual(stateInput);
    expect(local.timeoutSeconds).toBe(99_999_999);
  });
});

describe('withTaskToken', () => {
  it('puts the real token wherever the machine asked for $$.Task.Token, however deep, in arrays too', () => {
    // Prepare
    const payload = {
      action: 'awaitStep',
      taskToken: TASK_TOKEN_PLACEHOLDER,
      nested: { again: TASK_TOKEN_PLACEHOLDER, list: ['x', TASK_TOKEN_PLACEHOLDER, { deeper: TASK_TOKEN_PLACEHOLDER }] },
      count: 3,
      missing: null,
    };

    // Act
    const replaced = withTaskToken(payload, 'tok-123');

    // Assess
    expect(replaced).toEqual({ action: 'awaitStep', taskToken: 'tok-123', nested: { again: 'tok-123', list: ['x', 'tok-123', { deeper: 'tok-123' }] }, count: 3, missing: null });
  });

  it('leaves the payload it was given unchanged, and text that merely contains the placeholder alone', () => {
    // Prepare
    const payload = { taskToken: TASK_TOKEN_PLACEHOLDER, note: `token: ${TASK_TOKEN_PLACEHOLDER}` };

    // Act
    const replaced = withTaskToken(payload, 'tok-123');

    // Assess
    expect(payload.taskToken).toBe(TASK_TOKEN_PLACEHOLDER);
    expect(replaced).toEqual({ taskToken: 'tok-123', note: `token: ${TASK_TOKEN_PLACEHOLDER}` });
  });

  it('replaces a payload that is the placeholder itself', () => {
    // Prepare, Act, Assess
    expect(withTaskToken(TASK_TOKEN_PLACEHOLDER, 'tok-123')).toBe('tok-123');
    expect(withTaskToken(undefined, 'tok-123')).toBeUndefined();
  });
});
