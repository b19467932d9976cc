/**
 * The named retry policies of the workflow, declared once. Each part's Tasks name the policies they
 * take ("Retry": ["conflict", "throttling", "timeout", "transient"]); the build step replaces the
 * names by the retriers below, and refuses a Task that lacks a policy its kind requires.
 *
 * The error names are those the functions throw (see functions/commons/workflow-errors.ts, which
 * maps AWS SDK errors to them) and those Step Functions raises for its own integrations.
 * No error appears in two policies: Step Functions uses the first retrier that matches.
 */
export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds: number;
  MaxAttempts: number;
  BackoffRate: number;
  MaxDelaySeconds?: number;
  JitterStrategy: 'FULL' | 'NONE';
}

export const RETRY_POLICIES = {
  /** Another writer changed the case (or holds a notice's send claim) first: read again and redo. */
  conflict: {
    ErrorEquals: ['ConcurrentCaseChange', 'CaseWriteConflict', 'MessageInProgress'],
    IntervalSeconds: 2,
    MaxAttempts: 6,
    BackoffRate: 2,
    JitterStrategy: 'FULL',
  },
  /** A service asked us to slow down (SES sending rate, DynamoDB capacity, Lambda concurrency): back off longer. */
  throttling: {
    ErrorEquals: ['Throttled', 'Lambda.TooManyRequestsException', 'StepFunctions.ExecutionLimitExceededException'],
    IntervalSeconds: 5,
    MaxAttempts: 8,
    BackoffRate: 2,
    MaxDelaySeconds: 300,
    JitterStrategy: 'FULL',
  },
  /** The step took longer than its Task timeout: run it again, a few times. */
  timeout: {
    ErrorEquals: ['States.Timeout'],
    IntervalSeconds: 2,
    MaxAttempts: 3,
    BackoffRate: 2,
    JitterStrategy: 'FULL',
  },
  /**
   * The service or the network failed on its side (5xx, reset connection), or the function ran out of its
   * own time (Sandbox.Timedout): usually gone at once. A function timeout is here, not under `timeout`, so
   * that a wait for a task token retries it too: a wait cannot take `timeout`, whose States.Timeout is
   * its deadline branch, and its function (awaitStep) is idempotent.
   */
  transient: {
    ErrorEquals: [
      'TransientFailure',
      'Sandbox.Timedout',
      'Lambda.ServiceException',
      'Lambda.AWSLambdaException',
      'Lambda.SdkClientException',
      'StepFunctions.AWSStepFunctionsException',
      'StepFunctions.SdkClientException',
    ],
    IntervalSeconds: 2,
    MaxAttempts: 6,
    BackoffRate: 2,
    JitterStrategy: 'FULL',
  },
  /** Only for the state that records a failure on the case: it must get through, whatever the error. */
  lastResort: {
    ErrorEquals: ['States.ALL'],
    IntervalSeconds: 5,
    MaxAttempts: 10,
    BackoffRate: 2,
    JitterStrategy: 'FULL',
  },
} as const satisfies Record<string, Retrier>;

export type PolicyName = keyof typeof RETRY_POLICIES;
export const POLICY_NAMES = Object.keys(RETRY_POLICIES) as PolicyName[];

/**
 * The policies a Task must take, by what it does:
 * - a function call (lambda:invoke) takes all four: its errors are the functions' own;
 * - a wait for a task token takes no `timeout`: its timeout is the deadline, caught as a branch;
 * - a child execution (.sync) is retried only when it could not start; what failed inside it is
 *   already reported by the child;
 * - the failure reporter retries everything (lastResort) and nothing else.
 * - a function call that catches its own States.Timeout (a best-effort step, such as reading the
 *   attachments, that the case goes on without) takes no `timeout`: running it again would only make
 *   the case wait twice as long for what it can do without.
 */
export function requiredPolicies(task: { Resource?: unknown; Catch?: Array<{ ErrorEquals: string[] }> }, isFailureReporter: boolean): PolicyName[] {
  if (isFailureReporter) return ['lastResort'];
  const resource = String(task.Resource);
  if (resource.endsWith('.waitForTaskToken')) return ['conflict', 'throttling', 'transient'];
  if (task.Catch?.some((c) => c.ErrorEquals.includes('States.Timeout'))) return ['conflict', 'throttling', 'transient'];
  if (resource.startsWith('arn:aws:states:::states:startExecution')) return ['throttling', 'transient'];
  return ['conflict', 'throttling', 'timeout', 'transient'];
}

/** The retriers of the named policies, in declaration order (which is also the order of the built Retry). */
export function retriersOf(names: readonly string[]): Retrier[] {
  const unknown = names.filter((n) => !(n in RETRY_POLICIES));
  if (unknown.length) throw new Error(`unknown retry policy ${unknown.join(', ')}; the policies are ${POLICY_NAMES.join(', ')}`);
  return POLICY_NAMES.filter((n) => names.includes(n)).map((n) => structuredClone(RETRY_POLICIES[n]) as Retrier);
}
