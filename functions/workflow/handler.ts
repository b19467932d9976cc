import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { z } from 'zod';
import { logger, tracer } from '../commons/powertools';
import { casePorts } from '../commons/ports';
import { awaitStep, completeStep, recordBreach, recordFailure, recordReceipt } from '../../shared/workflow/steps';

const caseId = z.string().regex(/^[A-Z][A-Z0-9]{1,15}-\d{4}-\d{6}$/);
const step = z.enum(['review']);

/** What the state machine asks of this function; each action is one case step. */
const workflowRequest = z.discriminatedUnion('action', [
  z.object({ action: z.literal('recordReceipt'), caseId }),
  z.object({ action: z.literal('awaitStep'), caseId, step, taskToken: z.string().min(1) }),
  z.object({ action: z.literal('recordBreach'), caseId, step }),
  z.object({ action: z.literal('completeStep'), caseId, step, outcome: z.record(z.string(), z.unknown()) }),
  z.object({ action: z.literal('recordFailure'), caseId, failure: z.object({ Error: z.string().optional(), Cause: z.string().optional() }) }),
]);

const ports = casePorts();

async function workflow(event: unknown) {
  const request = workflowRequest.parse(event);
  logger.appendKeys({ caseId: request.caseId, action: request.action });
  switch (request.action) {
    case 'recordReceipt':
      return recordReceipt(request.caseId, ports);
    case 'awaitStep':
      return awaitStep(request.caseId, request.step, request.taskToken, ports);
    case 'recordBreach':
      return recordBreach(request.caseId, request.step, ports);
    case 'completeStep':
      return completeStep(request.caseId, request.step, request.outcome, ports);
    case 'recordFailure':
      return recordFailure(request.caseId, request.failure, ports);
  }
}

export const handler = middy(workflow).use(injectLambdaContext(logger, { resetKeys: true })).use(captureLambdaHandler(tracer));
