import type middy from '@middy/core';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/**
 * The errors a workflow step surfaces to Step Functions, named after what the state machine should
 * do about them (see statemachines/policies.ts): the name of the error a Lambda function throws is
 * the error Step Functions matches its retriers against. Without this mapping an SES throttle or a
 * DynamoDB transaction conflict reached Step Functions under the SDK's own name, matched no
 * retrier, and failed the case at once.
 */
export class Throttled extends Error {
  override readonly name = 'Throttled';
}
export class CaseWriteConflict extends Error {
  override readonly name = 'CaseWriteConflict';
}
export class TransientFailure extends Error {
  override readonly name = 'TransientFailure';
}

const THROTTLING_NAMES = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException', // SES v2: sending rate exceeded
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'SlowDown', // S3
]);
const THROTTLING_REASONS = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded']);
const TRANSIENT_NAMES = new Set([
  'InternalServerError',
  'InternalFailure',
  'InternalServerException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TimeoutError', // the SDK's own request timeout
  'RequestTimeout',
  'RequestTimeoutException',
]);
const TRANSIENT_NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND']);

interface SdkErrorShape {
  name?: string;
  code?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
}

/** The named error for a step's failure: throttled, a write conflict, transient, or the error itself. */
export function toWorkflowError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const e = error as Error & SdkErrorShape;
  const options = { cause: error };
  if (error instanceof TransactionCanceledException) {
    const codes = (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
    if (codes.some((c) => THROTTLING_REASONS.has(c))) return new Throttled(`a transaction was throttled: ${codes.join(', ')}`, options);
    if (codes.includes('TransactionConflict')) return new CaseWriteConflict(`a transaction met a concurrent one: ${codes.join(', ')}`, options);
    return error;
  }
  if (e.name === 'TransactionConflictException') return new CaseWriteConflict(e.message, options);
  if (THROTTLING_NAMES.has(e.name) || e.$retryable?.throttling || e.$metadata?.httpStatusCode === 429) return new Throttled(`${e.name}: ${e.message}`, options);
  if (TRANSIENT_NAMES.has(e.name) || e.$fault === 'server' || (e.code && TRANSIENT_NETWORK_CODES.has(e.code))) {
    return new TransientFailure(`${e.name}: ${e.message}`, options);
  }
  return error;
}

/** Middy middleware: a failed step throws its named error (the original stays as `cause` in the logs). */
export const workflowErrors = (): middy.MiddlewareObj => ({
  onError: async (request) => {
    request.error = toWorkflowError(request.error) as Error;
  },
});
