import { describe, expect, it } from 'vitest';
import { ConditionalCheckFailedException, ProvisionedThroughputExceededException, TransactionCanceledException, TransactionConflictException } from '@aws-sdk/client-dynamodb';
import { TooManyRequestsException, LimitExceededException, MessageRejected } from '@aws-sdk/client-sesv2';
import middy from '@middy/core';
import { toWorkflowError, workflowErrors } from '../../../functions/commons/workflow-errors';
import { ConcurrentCaseChange } from '../../../shared/cases/repository';

const $metadata = {};
const cancelled = (...codes: string[]) => new TransactionCanceledException({ message: 'Transaction cancelled', $metadata, CancellationReasons: codes.map((Code) => ({ Code })) });

describe('the errors a workflow step surfaces to Step Functions', () => {
  it('names SES and DynamoDB throttling "Throttled", keeping the original as cause', () => {
    const ses = new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', $metadata });
    const mapped = toWorkflowError(ses) as Error;
    expect(mapped.name).toBe('Throttled');
    expect(mapped.cause).toBe(ses);
    expect((toWorkflowError(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata })) as Error).name).toBe('Throttled');
    expect((toWorkflowError(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' })) as Error).name).toBe('Throttled');
    expect((toWorkflowError(cancelled('None', 'ThrottlingError')) as Error).name).toBe('Throttled');
  });

  it('names a transaction cancelled by a concurrent one "CaseWriteConflict", at any index', () => {
    expect((toWorkflowError(cancelled('None', 'TransactionConflict')) as Error).name).toBe('CaseWriteConflict');
    expect((toWorkflowError(cancelled('TransactionConflict')) as Error).name).toBe('CaseWriteConflict');
    expect((toWorkflowError(new TransactionConflictException({ message: 'conflict', $metadata })) as Error).name).toBe('CaseWriteConflict');
  });

  it('names server-side and network failures "TransientFailure"', () => {
    expect((toWorkflowError(Object.assign(new Error('internal'), { name: 'InternalServerError', $fault: 'server' })) as Error).name).toBe('TransientFailure');
    expect((toWorkflowError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })) as Error).name).toBe('TransientFailure');
  });

  it('leaves errors that another retry would not mend as they are (a bad request, a failed condition, our own named errors)', () => {
    for (const error of [
      new MessageRejected({ message: 'Email address is not verified.', $metadata }),
      new LimitExceededException({ message: 'daily quota', $metadata }),
      new ConditionalCheckFailedException({ message: 'condition', $metadata }),
      cancelled('ConditionalCheckFailed', 'None'),
      new ConcurrentCaseChange('case changed'),
      new RangeError('bad input'),
    ]) {
      expect(toWorkflowError(error), error.name).toBe(error);
    }
  });

  it('is what a handler wrapped in the middleware throws', async () => {
    const handler = middy(async () => {
      throw new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', $metadata });
    }).use(workflowErrors());
    await expect(handler({}, {} as never)).rejects.toMatchObject({ name: 'Throttled' });
  });
});
