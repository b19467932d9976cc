import { randomBytes } from 'node:crypto';

export class TaskTokenError extends Error {
  constructor(
    readonly code: 'TaskDoesNotExist' | 'TaskTimedOut' | 'InvalidToken',
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

interface PendingTask {
  executionArn: string;
  stateName: string;
  settled: boolean;
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
  promise: Promise<unknown>;
}

/** Tokens of tasks that wait for a callback (SendTaskSuccess / SendTaskFailure), as Step Functions keeps them. */
export class TaskTokens {
  private readonly pending = new Map<string, PendingTask>();
  private readonly timedOut = new Set<string>();

  issue(executionArn: string, stateName: string): string {
    const token = randomBytes(48).toString('base64url');
    let resolve!: PendingTask['resolve'];
    let reject!: PendingTask['reject'];
    const promise = new Promise<unknown>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    promise.catch(() => undefined); // observed by the task; never an unhandled rejection
    this.pending.set(token, { executionArn, stateName, settled: false, resolve, reject, promise });
    return token;
  }

  /** What the waiting task resolves with: the output of SendTaskSuccess, or the error of SendTaskFailure. */
  outcome(token: string): Promise<unknown> {
    const task = this.pending.get(token);
    if (!task) throw new TaskTokenError('TaskDoesNotExist', 'Task does not exist anymore');
    return task.promise;
  }

  succeed(token: string, output: unknown): void {
    this.take(token).resolve(output);
  }

  fail(token: string, error: Error): void {
    this.take(token).reject(error);
  }

  heartbeat(token: string): void {
    this.find(token);
  }

  /** The task timed out or its execution ended: the token no longer resumes anything. */
  expire(token: string, reason: 'timeout' | 'closed'): void {
    if (this.pending.delete(token) && reason === 'timeout') this.timedOut.add(token);
  }

  /** Tokens of an execution, to expire them when it stops. */
  tokensOf(executionArn: string): string[] {
    return [...this.pending.entries()].filter(([, t]) => t.executionArn === executionArn).map(([token]) => token);
  }

  private find(token: string): PendingTask {
    if (!token || token.length > 1024) throw new TaskTokenError('InvalidToken', 'Invalid Token');
    if (this.timedOut.has(token)) throw new TaskTokenError('TaskTimedOut', 'Task Timed Out');
    const task = this.pending.get(token);
    if (!task || task.settled) throw new TaskTokenError('TaskDoesNotExist', 'Task does not exist anymore');
    return task;
  }

  private take(token: string): PendingTask {
    const task = this.find(token);
    task.settled = true;
    this.pending.delete(token);
    return task;
  }
}
