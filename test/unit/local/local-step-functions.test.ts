import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalClock } from '../../../local/clock';
import { FunctionRegistry, InProcessFunction } from '../../../local/lambda/in-process-function';
import { LocalStepFunctions } from '../../../local/stepfunctions/local-step-functions';
import { ExecutionStore } from '../../../local/stepfunctions/execution-store';
import type { Definition } from '../../../local/stepfunctions/local-definition';
import type { ExecutionRecord } from '../../../local/stepfunctions/execution-store';

const FUNCTION_ARN = 'arn:aws:lambda:ap-southeast-1:000000000000:function:motcua-warn';

/** One Task as the human step's "Warn the assignee" is: a 60 s Lambda call, retried on States.Timeout. */
const warnDefinition: Definition = {
  StartAt: 'Warn the assignee',
  States: {
    'Warn the assignee': {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: FUNCTION_ARN, Payload: { 'caseId.$': '$.caseId' } },
      ResultPath: null,
      TimeoutSeconds: 60,
      Retry: [{ ErrorEquals: ['States.Timeout'], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 1 }],
      End: true,
    },
  },
};

let dir: string;
let savedOffset: string | undefined;
let engine: LocalStepFunctions;
let clock: LocalClock;
let calls: Array<{ release: () => void }>;

beforeEach(() => {
  savedOffset = process.env.MOTCUA_CLOCK_OFFSET_MS;
  dir = mkdtempSync(join(tmpdir(), 'motcua-sfn-'));
  clock = new LocalClock();
  calls = [];
  // The first call hangs until released (a Lambda still at work while the clock is moved); later calls answer at once.
  const warn = new InProcessFunction('motcua-warn', FUNCTION_ARN, async () => ({
    handler: async () => {
      if (calls.length === 0) await new Promise<void>((release) => calls.push({ release }));
      else calls.push({ release: () => undefined });
      return { warned: true };
    },
  }));
  engine = new LocalStepFunctions(new FunctionRegistry().add(warn), clock, new ExecutionStore(join(dir, 'executions')), 'ap-southeast-1');
});

afterEach(async () => {
  for (const call of calls) call.release();
  await engine.shutdown();
  process.env.MOTCUA_CLOCK_OFFSET_MS = savedOffset;
  rmSync(dir, { recursive: true, force: true });
});

async function ended(executionArn: string): Promise<ExecutionRecord> {
  for (;;) {
    const record = engine.describe(executionArn);
    if (record.status !== 'RUNNING') return record;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('the local Step Functions engine', () => {
  it('gives each retry of a timed-out Task a timeout of its own, so moving the clock twice does not fail the execution', async () => {
    // Prepare: the Task is at work when the clock is moved past its timeout, then moved again.
    const arn = engine.register('Warn', warnDefinition);
    const execution = engine.start(arn, 'HCMKV1-2026-000001', JSON.stringify({ caseId: 'HCMKV1-2026-000001' }));
    await until(() => calls.length === 1);

    // Act
    clock.advance(2 * 60_000);
    clock.advance(2 * 60_000);

    // Assert: the first attempt timed out; the retry had its own 60 s and succeeded.
    const end = await ended(execution.executionArn);
    expect(end).toMatchObject({ status: 'SUCCEEDED' });
    expect(calls).toHaveLength(2);
  });

  it('keeps the timeout a Task had when the execution resumes it after a restart, and gives the retry a new one', async () => {
    // Prepare: the Task is at work; the stack stops, and the clock passes the Task's timeout while it is down.
    const arn = engine.register('Warn', warnDefinition);
    const execution = engine.start(arn, 'HCMKV1-2026-000002', JSON.stringify({ caseId: 'HCMKV1-2026-000002' }));
    await until(() => calls.length === 1);
    await engine.shutdown();
    let resumedCalls = 0;
    const hanging = new InProcessFunction('motcua-warn', FUNCTION_ARN, async () => ({
      handler: async () => {
        resumedCalls++;
        return new Promise(() => undefined);
      },
    }));
    engine = new LocalStepFunctions(new FunctionRegistry().add(hanging), clock, new ExecutionStore(join(dir, 'executions')), 'ap-southeast-1');
    engine.register('Warn', warnDefinition);
    clock.advance(2 * 60_000);

    // Act
    engine.resumeAll();

    // Assert: the resumed attempt timed out at once (its timeout was armed before the restart); the retry waits with a timeout of its own.
    await until(() => resumedCalls === 2);
    const record = engine.describe(execution.executionArn);
    expect(record.status).toBe('RUNNING');
    expect(new Date(record.current!.timeoutAt!).getTime()).toBeGreaterThan(clock.now().getTime());
  });

  it('keeps an execution at work when a wait\'s function returns after its Task timed out, while the execution works on', async () => {
    // Prepare: every call hangs until released. A wait whose function is still running when its deadline passes goes on to warn.
    await engine.shutdown();
    const hanging = new InProcessFunction('motcua-warn', FUNCTION_ARN, async () => ({
      handler: async () => new Promise<unknown>((resolve) => calls.push({ release: () => resolve({ done: true }) })),
    }));
    engine = new LocalStepFunctions(new FunctionRegistry().add(hanging), clock, new ExecutionStore(join(dir, 'executions')), 'ap-southeast-1');
    const arn = engine.register('WaitThenWarn', {
      StartAt: 'Wait for the step',
      States: {
        'Wait for the step': {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: { FunctionName: FUNCTION_ARN, Payload: { 'token.$': '$$.Task.Token' } },
          TimeoutSeconds: 60,
          Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Warn the assignee' }],
          End: true,
        },
        'Warn the assignee': { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: FUNCTION_ARN, Payload: {} }, End: true },
      },
    });
    const execution = engine.start(arn, 'HCMKV1-2026-000003', JSON.stringify({}));
    await until(() => calls.length === 1);
    clock.advance(2 * 60_000);
    await until(() => calls.length === 2);
    expect(engine.executionsAtWork()).toEqual([execution.name]);

    // Act: the first wait's function returns now, after its Task ended, while the execution is warning.
    calls[0]!.release();
    await turnsOfTheEventLoop(10);

    // Assert: still at work (a test waiting for the stack to be idle must not be answered while the warning runs).
    expect(engine.executionsAtWork()).toEqual([execution.name]);
    calls[1]!.release();
    expect(await ended(execution.executionArn)).toMatchObject({ status: 'SUCCEEDED' });
  });
});

describe('the local engine when it stops', () => {
  it('leaves nothing behind that keeps the process alive while an execution waits for its task token', async () => {
    // Prepare: a child process whose one execution waits for a person, then stops its engine.
    const fixture = join(import.meta.dirname, 'engine-exit.fixture.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', fixture], { stdio: ['ignore', 'pipe', 'inherit'] });
    let said = '';
    child.stdout.on('data', (chunk: Buffer) => (said += chunk.toString()));

    // Act: wait for it to say it stopped its engine, then for it to exit by itself.
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await until(() => said.includes('stopped') || child.exitCode !== null);
    const gone = await Promise.race([exited, untilMs(15_000).then(() => 'still running' as const)]);
    if (gone === 'still running') child.kill('SIGKILL');

    // Assert: it exits with nothing pending (the library's 24-day timer of the waiting Task kept it alive).
    expect(gone).toBe(0);
  });
});

/** Resolves after `ms`: only to bound how long a child process may take to exit before it is called stuck. */
const untilMs = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** Lets every callback already queued run (a late Lambda return and what the engine does with it), without waiting on a time. */
async function turnsOfTheEventLoop(turns: number): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
}
