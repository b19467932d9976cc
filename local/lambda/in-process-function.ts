import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/** The error a function's failure becomes, named as Lambda names it (its errorType). */
export class FunctionError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/**
 * Runs a Lambda handler in this process with a context shaped like Lambda's, so Powertools and
 * the handler see what they would on AWS. Loads the module on first use, after the environment is set.
 */
export class InProcessFunction {
  private handler?: LambdaHandler;
  /** Invocations so far: what Lambda would bill by request. */
  invocations = 0;
  /** Invocations running now (one that its Task gave up on by timeout still runs, as on Lambda). */
  active = 0;
  /** Milliseconds of all invocations, each rounded up to the millisecond as Lambda bills them (on this machine's clock, sharing its CPU). */
  billedMs = 0;

  constructor(
    readonly name: string,
    readonly arn: string,
    private readonly load: () => Promise<{ handler: LambdaHandler }>,
    private readonly timeoutMs = 60_000,
  ) {}

  async invoke(event: unknown): Promise<unknown> {
    this.handler ??= (await this.load()).handler;
    this.invocations++;
    this.active++;
    const started = performance.now();
    const deadline = Date.now() + this.timeoutMs;
    const context: Context = {
      callbackWaitsForEmptyEventLoop: true,
      functionName: this.name,
      functionVersion: '$LATEST',
      invokedFunctionArn: this.arn,
      memoryLimitInMB: '512',
      awsRequestId: randomUUID(),
      logGroupName: `/aws/lambda/${this.name}`,
      logStreamName: 'local',
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    };
    try {
      // A JSON round trip, as Lambda does: the handler gets and returns plain data, never shared objects.
      const result = await this.handler(JSON.parse(JSON.stringify(event ?? null)), context);
      return result === undefined ? null : JSON.parse(JSON.stringify(result));
    } catch (error) {
      const e = error as Error;
      throw new FunctionError(e?.name || 'Error', e?.message ?? String(error));
    } finally {
      this.active--;
      this.billedMs += Math.ceil(performance.now() - started);
    }
  }
}

/** Finds a function by name or ARN, as Step Functions and the SDK address them. */
export class FunctionRegistry {
  private readonly byKey = new Map<string, InProcessFunction>();

  add(fn: InProcessFunction): this {
    this.byKey.set(fn.name, fn);
    this.byKey.set(fn.arn, fn);
    return this;
  }

  all(): InProcessFunction[] {
    return [...new Set(this.byKey.values())];
  }

  get(nameOrArn: string): InProcessFunction {
    const fn = this.byKey.get(nameOrArn) ?? this.byKey.get(nameOrArn.replace(/:(\$LATEST|\d+)$/, ''));
    if (!fn) throw new FunctionError('Lambda.ResourceNotFoundException', `Function not found: ${nameOrArn}`);
    return fn;
  }
}
