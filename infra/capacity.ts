/**
 * How much the stack lets itself do at once, so that a burst of mail queues instead of failing on
 * an AWS quota. The numbers are sized for the account's default quotas in ap-southeast-1; raise
 * them together with the quotas (infra/README.md, "Capacity and quotas").
 */
export const CAPACITY = {
  /**
   * SES's sending rate in a new production account (messages per second). Source: Amazon SES
   * Developer Guide, "Service quotas in Amazon SES" (sending rate: 14 per second by default once
   * out of the sandbox; raised on request). verify: true (the account's own figure is in the SES console).
   */
  sesMaxSendRatePerSecond: 14,
  /**
   * Concurrent intake invocations the SQS event source may run (MaximumConcurrency, 2 to 1000):
   * more mail than this waits in the queue, where it is kept for 14 days, instead of taking Lambda
   * concurrency from the workflow. Each invocation takes in two mails at a time (512 MB) and starts
   * an execution for each new case, far below Step Functions' StartExecution refill (150 per second
   * outside the largest regions; Step Functions Developer Guide, "Quotas"; verify: true).
   */
  intakeMaxConcurrency: 10,
  /**
   * Messages the SQS event source hands intake at once (BatchSize, 1 to 10 for a standard queue without a
   * batching window; Lambda Developer Guide, "Using Lambda with Amazon SQS"). The local queue delivers
   * the same batches (local/local-stack.ts).
   */
  intakeBatchSize: 10,
  /**
   * Notify is the only function that sends mail (which is why the workflow's `Record receipt`, the
   * receipt with the acknowledgement and the desk's notice, runs in it: held by this same limit). It
   * sends one message per invocation (two for the receipt), and an
   * invocation takes at least half a second (claim, compose, send, record), so this many at once
   * stay within the sending rate above (7 × 2 per second = 14). A notice over it is throttled
   * (Lambda.TooManyRequestsException) and retried by the state machine with a back-off
   * (statemachines/policies.ts, the throttling policy); SES's own "Maximum sending rate exceeded"
   * is retried the same way (functions/commons/workflow-errors.ts: Throttled).
   */
  notifyReservedConcurrency: 7,
} as const;

/** The notify concurrency that keeps within a sending rate, at `secondsPerNotice` per invocation. */
export function notifyConcurrencyFor(sendRatePerSecond: number, secondsPerNotice = 0.5): number {
  return Math.max(1, Math.floor(sendRatePerSecond * secondsPerNotice));
}
