import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { FunctionRegistry } from '../lambda/in-process-function';
import type { LocalClock } from '../clock';
import { adaptForLocalEngine, splitTaskInput, TASK_TOKEN_PLACEHOLDER, withTaskToken, type Definition } from './local-definition';
import { ExecutionStore, type ExecutionRecord } from './execution-store';
import { TaskTokens } from './task-tokens';

export class ExecutionAlreadyExists extends Error {
  override readonly name = 'ExecutionAlreadyExists';
}
export class ExecutionDoesNotExist extends Error {
  override readonly name = 'ExecutionDoesNotExist';
}
export class StateMachineDoesNotExist extends Error {
  override readonly name = 'StateMachineDoesNotExist';
}

class StatesTimeout extends Error {
  override readonly name = 'States.Timeout';
}

/**
 * Ends the Tasks still open when the engine shuts down (their executions are aborted first, so none goes on to
 * another state). Without it a waiting Task never settled, and the library's own timer for it (the longest a
 * timer can be) kept the process alive after the stack had stopped. No retry or catch names it.
 */
class EngineStopped extends Error {
  override readonly name = 'Local.EngineStopped';
}

interface RegisteredMachine {
  arn: string;
  definition: Definition;
}

interface Running {
  abort: () => void;
}

/**
 * Step Functions on one machine: runs the project's ASL with aws-local-stepfunctions and adds what
 * that library lacks (see local-definition.ts): task tokens, timeouts on the local clock, Lambda
 * service integrations calling the handlers in-process, and executions that survive a restart.
 */
export class LocalStepFunctions {
  readonly tokens = new TaskTokens();
  private readonly machines = new Map<string, RegisteredMachine>();
  private readonly running = new Map<string, Running>();
  private readonly settled = new Set<Promise<unknown>>();
  /**
   * Faults a test injects: the next `n` calls of an API operation over HTTP fail with a throttling
   * error, as the service does when it is busy (the SDK retries those itself: to make one
   * application call fail, inject as many as the SDK makes attempts).
   */
  readonly faults = new Map<string, number>();
  /** State transitions so far (states entered), what Step Functions Standard bills by. */
  transitions = 0;
  /**
   * The same transitions by machine and state (`<machine name>/<state name>` → count), a retry of a
   * Task counted as one more, as AWS bills it: what the bench's happy-path count reads.
   */
  readonly transitionsByState = new Map<string, number>();
  private readonly endWaiters = new Map<string, Array<(record: ExecutionRecord) => void>>();
  /** Told of every execution's end, as EventBridge's "Execution Status Change" is on AWS (local-stack.ts delivers it). */
  onExecutionEnded: (record: ExecutionRecord) => void = () => undefined;
  /** Running executions that are at work (in a Lambda call, between states, in a retry's back-off), not waiting on a callback or a child. */
  private readonly atWork = new Set<string>();
  /** How to end each Task still open, when the engine shuts down. */
  private readonly openTasks = new Set<(error: Error) => void>();
  private stopping = false;

  constructor(
    private readonly functions: FunctionRegistry,
    private readonly clock: LocalClock,
    private readonly store: ExecutionStore,
    private readonly region: string,
    private readonly onError: (message: string, error: unknown) => void = () => undefined,
  ) {}

  register(name: string, definition: Definition): string {
    const arn = `arn:aws:states:${this.region}:000000000000:stateMachine:${name}`;
    // Validated once, whole, as written; runs skip validation (a resume starts mid-way, which the validator would refuse).
    new StateMachine(definition as unknown as StateMachineDefinition);
    this.machines.set(arn, { arn, definition: adaptForLocalEngine(definition) });
    return arn;
  }

  executionArn(stateMachineArn: string, name: string): string {
    return stateMachineArn.replace(':stateMachine:', ':execution:') + `:${name}`;
  }

  /** Starts an execution; the same name and input again returns the running one, as AWS does. */
  start(stateMachineArn: string, name: string, input: string): ExecutionRecord {
    const machine = this.machines.get(stateMachineArn);
    if (!machine) throw new StateMachineDoesNotExist(`State Machine Does Not Exist: '${stateMachineArn}'`);
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(name)) throw Object.assign(new Error(`Invalid Name: '${name}'`), { name: 'InvalidName' });
    const existing = this.store.get(name);
    if (existing) {
      if (existing.status === 'RUNNING' && existing.input === input && existing.stateMachineArn === stateMachineArn) return existing;
      throw new ExecutionAlreadyExists(`Execution Already Exists: '${existing.executionArn}'`);
    }
    const record: ExecutionRecord = {
      executionArn: this.executionArn(stateMachineArn, name),
      stateMachineArn,
      name,
      input,
      status: 'RUNNING',
      startDate: this.clock.now().toISOString(),
    };
    this.persist(record);
    this.run(machine, record, machine.definition, JSON.parse(input));
    return record;
  }

  /** After a restart: every execution that was running goes on from the Task it was in. */
  resumeAll(): number {
    let resumed = 0;
    for (const record of this.store.all()) {
      if (record.status !== 'RUNNING') continue;
      const machine = this.machines.get(record.stateMachineArn);
      if (!machine) continue;
      const startAt = record.current?.stateName ?? machine.definition.StartAt;
      const input = record.current ? record.current.stateInput : JSON.parse(record.input);
      const resumedTask = record.current?.timeoutAt ? { stateName: record.current.stateName, timeoutAt: record.current.timeoutAt } : undefined;
      this.run(machine, record, { ...machine.definition, StartAt: startAt }, input, resumedTask);
      resumed++;
    }
    return resumed;
  }

  /**
   * GetExecutionHistory, as far as a resume reads it: the TaskStateEntered events of the last two
   * Tasks, newest first (the engine keeps no more of an execution's history).
   */
  history(executionArn: string): Array<{ type: 'TaskStateEntered'; name: string; input: unknown }> {
    const record = this.describe(executionArn);
    return [record.current, record.previous].filter((t) => t !== undefined).map((t) => ({ type: 'TaskStateEntered' as const, name: t.stateName, input: t.stateInput }));
  }

  describe(executionArn: string): ExecutionRecord {
    const record = this.store.get(executionArn.split(':').at(-1) ?? '');
    if (!record || record.executionArn !== executionArn) throw new ExecutionDoesNotExist(`Execution Does Not Exist: '${executionArn}'`);
    return record;
  }

  list(stateMachineArn: string): ExecutionRecord[] {
    return this.store.all().filter((r) => r.stateMachineArn === stateMachineArn);
  }

  stopExecution(executionArn: string, error?: string, cause?: string): ExecutionRecord {
    const record = this.describe(executionArn);
    if (record.status === 'RUNNING') {
      this.running.get(record.name)?.abort();
      this.finish(record, { status: 'ABORTED', error, cause });
    }
    return this.describe(executionArn);
  }

  /**
   * Names of the running executions that are at work: everything but an execution that waits for
   * a callback (a person, a reply, a deadline on the clock) or for a child that waits. What the
   * stack's "idle" means to tests: nothing will happen until someone acts or the clock moves.
   */
  executionsAtWork(): string[] {
    return [...this.atWork];
  }

  /** The Task each running execution is in, with its input (what a bench reads to know where a case is). */
  runningTasks(): Array<{ execution: string; stateName: string; input: Record<string, unknown> }> {
    return this.store
      .all()
      .filter((r) => r.status === 'RUNNING' && r.current)
      .map((r) => ({ execution: r.name, stateName: r.current!.stateName, input: (r.current!.stateInput ?? {}) as Record<string, unknown> }));
  }

  /** Waits for everything in flight to settle (used when stopping the stack). */
  async shutdown(): Promise<void> {
    this.stopping = true;
    for (const running of this.running.values()) running.abort();
    this.clock.cancelAll();
    for (const end of this.openTasks) end(new EngineStopped('the local engine shut down'));
    await Promise.allSettled([...this.settled]);
    await this.saved();
  }

  /** Resolves once every execution record saved so far is on disk (StartExecution answers after it, as AWS's does once it is durable). */
  async saved(): Promise<void> {
    await this.store.flushed();
  }

  /** Saves a record without waiting for the disk (the engine goes on; a failure to write is reported). */
  private persist(record: ExecutionRecord): void {
    this.store.save(record).catch((error: unknown) => this.onError(`execution ${record.name} could not be saved`, error));
  }

  /**
   * `resumedTask`: the Task a restart interrupted and the timeout it had armed. Only the first
   * attempt of that Task after the restart keeps it; every later attempt (a Retry) arms its own,
   * as on AWS, where each attempt of a Task has the full TimeoutSeconds.
   */
  private run(machine: RegisteredMachine, record: ExecutionRecord, definition: Definition, input: unknown, resumedTask?: { stateName: string; timeoutAt: string }): void {
    let keptTimeout = resumedTask;
    const takeKeptTimeout = (stateName: string): Date | undefined => {
      const kept = keptTimeout?.stateName === stateName ? new Date(keptTimeout.timeoutAt) : undefined;
      keptTimeout = undefined;
      return kept;
    };
    const stateMachine = new StateMachine(definition as unknown as StateMachineDefinition, { validationOptions: { noValidate: true } });
    const taskHandlers = Object.fromEntries(
      Object.entries(definition.States)
        .filter(([, state]) => state.Type === 'Task')
        .map(([stateName, state]) => [stateName, (taskInput: unknown) =>
          this.runTask(record, stateName, String(state.Resource), taskInput as Record<string, unknown>, takeKeptTimeout(stateName)) as Promise<never>,
        ]),
    );
    // At work from before the library's run: it enters the first state synchronously, and a resumed
    // parent's first state is the wait for its child, which takes it off work at once (added after,
    // the parent would stay "at work" for as long as its child waits).
    this.atWork.add(record.name);
    const execution = stateMachine.run(input as never, {
      overrides: { taskResourceLocalHandlers: taskHandlers },
      context: {
        Execution: { Id: record.executionArn, Name: record.name, StartTime: record.startDate, RoleArn: 'arn:aws:iam::000000000000:role/local' },
        StateMachine: { Id: machine.arn, Name: machine.arn.split(':').at(-1) },
        Task: { Token: TASK_TOKEN_PLACEHOLDER },
      },
      noThrowOnAbort: true,
    });
    let aborted = false;
    void this.countTransitions(machine.arn.split(':').at(-1) ?? '', execution.eventLogs);
    this.running.set(record.name, {
      abort: () => {
        aborted = true;
        execution.abort();
      },
    });
    const settled = execution.result.then(
      (output) => {
        // An abort is a stop (already recorded) or a shutdown (the execution stays RUNNING, to resume).
        if (!aborted) this.finish(record, { status: 'SUCCEEDED', output: JSON.stringify(output) });
      },
      (error: Error & { cause?: Error }) => {
        const inner = (error.cause ?? error) as Error;
        this.finish(record, { status: 'FAILED', error: inner.name, cause: inner.message });
      },
    );
    this.settled.add(settled);
    void settled.finally(() => {
      this.settled.delete(settled);
      this.running.delete(record.name);
      this.atWork.delete(record.name);
    });
  }

  private async countTransitions(machineName: string, events: AsyncGenerator<{ type: string; state?: { name: string } }>): Promise<void> {
    for await (const event of events) {
      if (event.type !== 'StateEntered' && event.type !== 'StateRetried') continue;
      if (event.type === 'StateEntered') this.transitions++;
      const key = `${machineName}/${event.state?.name ?? '?'}`;
      this.transitionsByState.set(key, (this.transitionsByState.get(key) ?? 0) + 1);
    }
  }

  private finish(record: ExecutionRecord, end: Pick<ExecutionRecord, 'status' | 'output' | 'error' | 'cause'>): void {
    const current = this.store.get(record.name) ?? record;
    if (current.status !== 'RUNNING') return;
    for (const token of this.tokens.tokensOf(record.executionArn)) this.tokens.expire(token, 'closed');
    // An ended execution keeps the Tasks it was last in (its history, for a resume); it never resumes itself.
    const ended: ExecutionRecord = { ...current, ...end, current: current.current ? { stateName: current.current.stateName, stateInput: current.current.stateInput } : undefined, stopDate: this.clock.now().toISOString() };
    this.persist(ended);
    if (end.status === 'FAILED') this.onError(`execution ${record.name} failed`, end);
    for (const wake of this.endWaiters.get(record.name)?.splice(0) ?? []) wake(ended);
    this.onExecutionEnded(ended);
  }

  /** Resolves with the execution once it has ended (at once if it already has). */
  private ended(name: string): Promise<ExecutionRecord> {
    const record = this.store.get(name);
    if (record && record.status !== 'RUNNING') return Promise.resolve(record);
    return new Promise((resolve) => {
      const waiters = this.endWaiters.get(name) ?? [];
      waiters.push(resolve);
      this.endWaiters.set(name, waiters);
    });
  }

  /**
   * states:startExecution.sync(:2): runs a child execution and waits for its end, as AWS does.
   * A parent resumed after a restart finds its child by name, running or already ended.
   */
  private async runChild(parent: ExecutionRecord, resource: string, params: { StateMachineArn?: string; Name?: string; Input?: unknown }, attempt: { over: boolean }): Promise<unknown> {
    const input = typeof params.Input === 'string' ? params.Input : JSON.stringify(params.Input ?? {});
    const name = params.Name ?? crypto.randomUUID();
    const existing = this.store.get(name);
    const child = existing && existing.input === input && existing.stateMachineArn === params.StateMachineArn ? existing : this.start(String(params.StateMachineArn), name, input);
    const end = await this.waiting(parent, this.ended(child.name), attempt);
    const parsed = resource.endsWith(':2');
    const description = {
      ExecutionArn: end.executionArn,
      StateMachineArn: end.stateMachineArn,
      Name: end.name,
      Status: end.status,
      StartDate: new Date(end.startDate).getTime(),
      StopDate: end.stopDate ? new Date(end.stopDate).getTime() : undefined,
      Input: parsed ? JSON.parse(end.input) : end.input,
      Output: end.output === undefined ? undefined : parsed ? JSON.parse(end.output) : end.output,
      Error: end.error,
      Cause: end.cause,
    };
    if (end.status !== 'SUCCEEDED') {
      const error = new Error(JSON.stringify(description));
      error.name = 'States.TaskFailed';
      throw error;
    }
    return description;
  }

  /** One Task state: its service integration, raced against its timeout on the local clock. */
  private async runTask(record: ExecutionRecord, stateName: string, resource: string, input: Record<string, unknown>, keptTimeoutAt: Date | undefined): Promise<unknown> {
    const { taskInput, local } = splitTaskInput(input);
    const saved = this.store.get(record.name) ?? record;
    // The attempt a restart interrupted keeps the timeout it had; any other attempt, a retry included, arms its own
    // (a retry that reused an expired timeout would time out at once, and with it every retry after it).
    const timeoutAt = keptTimeoutAt ?? new Date(this.clock.now().getTime() + local.timeoutSeconds * 1000);
    // The Task before (kept for the execution history: the Task a failure came from precedes the failure reporter).
    const previous = saved.current && saved.current.stateName !== stateName ? { stateName: saved.current.stateName, stateInput: saved.current.stateInput } : saved.previous;
    // On disk before the Task runs: a restart resumes it from here.
    await this.store.save({ ...saved, previous, current: { stateName, stateInput: local.stateInput, timeoutAt: timeoutAt.toISOString() } });

    let token: string | undefined;
    // Ended by its result or its timeout: a wait's function that returns later must not touch the execution's at-work mark.
    const attempt = { over: false };
    let cancelTimer = () => {};
    const timeout = new Promise<never>((_, reject) => {
      cancelTimer = this.clock.at(timeoutAt, () => {
        if (token) this.tokens.expire(token, 'timeout');
        reject(new StatesTimeout(`State '${stateName}' timed out at ${timeoutAt.toISOString()}`));
      });
    });
    let endTask = (_error: Error) => {};
    const ended = new Promise<never>((_, reject) => (endTask = reject));
    this.openTasks.add(endTask);
    try {
      return await Promise.race([this.integrate(record, stateName, resource, taskInput, (t) => (token = t), attempt), timeout, ended]);
    } finally {
      this.openTasks.delete(endTask);
      attempt.over = true;
      cancelTimer();
      if (!this.stopping) this.atWork.add(record.name); // a wait ended by its timeout is at work again too
    }
  }

  /**
   * The execution waits (not at work) until `until` settles. Only while its Task attempt lasts: when the Task
   * ended first (its timeout), the execution has moved on, and what it is doing now owns its at-work mark.
   */
  private async waiting<T>(record: Pick<ExecutionRecord, 'name'>, until: Promise<T>, attempt: { over: boolean }): Promise<T> {
    if (attempt.over) return until;
    this.atWork.delete(record.name);
    try {
      return await until;
    } finally {
      if (!attempt.over) this.atWork.add(record.name);
    }
  }

  private async integrate(record: ExecutionRecord, stateName: string, resource: string, taskInput: unknown, onToken: (token: string) => void, attempt: { over: boolean }): Promise<unknown> {
    const params = taskInput as { FunctionName?: string; Payload?: unknown };
    switch (resource) {
      case 'arn:aws:states:::lambda:invoke': {
        const payload = await this.functions.get(String(params.FunctionName)).invoke(params.Payload);
        return { ExecutedVersion: '$LATEST', Payload: payload, StatusCode: 200 };
      }
      case 'arn:aws:states:::lambda:invoke.waitForTaskToken': {
        const token = this.tokens.issue(record.executionArn, stateName);
        onToken(token);
        const outcome = this.tokens.outcome(token); // registered before the call, so an immediate callback is not lost
        await this.functions.get(String(params.FunctionName)).invoke(withTaskToken(params.Payload, token));
        return await this.waiting(record, outcome, attempt);
      }
      case 'arn:aws:states:::states:startExecution.sync':
      case 'arn:aws:states:::states:startExecution.sync:2':
        return this.runChild(record, resource, taskInput as { StateMachineArn?: string; Name?: string; Input?: unknown }, attempt);
      default:
        if (resource.startsWith('arn:aws:lambda:')) return this.functions.get(resource).invoke(taskInput);
        throw new Error(`the local engine does not support the resource ${resource} (state '${stateName}')`);
    }
  }
}
