import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import * as z from 'zod';
import { logger, tracer } from '../commons/powertools';
import { workflowErrors } from '../commons/workflow-errors';
import { casePorts, documentStore, slotBook } from '../commons/ports';
import { anyRecord, caseId, noticeStepRequests, receiptExecution, runNoticeStep } from '../commons/notice-steps';
import { receiptChecks } from '../commons/receipt-checks';
import { awaitStep, closeCase, pauseForRequester, recordBreach, recordFailure, resumeAfterReply, startStepClock } from '../../shared/workflow/steps';
import { recordReceipt, type ReceiptPorts } from '../../shared/workflow/receipt-steps';
import type { ReadingFacts } from '../../shared/checks/types';
import { knownRecord } from '../../shared/cases/snapshot';
import { appointmentClock, closeWithdrawnCase, recordMissedAppointment, type AppointmentPorts } from '../../shared/workflow/appointment-steps';
import { recordOutcome, type ResultPorts } from '../../shared/workflow/result-steps';

const step = z.enum(['review', 'requester-reply', 'visit', 'decision', 'handover', 'registration', 'answer']);

/** What the state machines ask of this function; each action is one case step. */
const workflowRequest = z.discriminatedUnion('action', [
  // Only for executions started on a definition before issue 12 joined the receipt and its notices (a definition is
  // fixed when an execution starts): the `Record receipt` Task now runs in notify (recordReceiptAndNotify). Remove
  // once no execution started before that deploy can still be before its receipt (the reading takes at most 300 s).
  z.object({ action: z.literal('recordReceipt'), caseId, execution: receiptExecution }),
  z.object({ action: z.literal('startStepClock'), caseId, step }),
  // `clock`/`timeoutSeconds`: what the wait's timeout was measured to, checked against the case (a stale clock is read again)
  // `stepClock`: the clock object the wait was given; from the parent it carries `known`, the case as the steps before left it
  z.object({
    action: z.literal('awaitStep'),
    caseId,
    step,
    taskToken: z.string().min(1),
    clock: z.enum(['warning', 'deadline', 'session-end']).optional(),
    timeoutSeconds: z.number().int().positive().optional(),
    stepClock: z.object({ known: z.object({ record: anyRecord.nullable() }).passthrough().optional() }).passthrough().optional(),
  }),
  z.object({ action: z.literal('recordBreach'), caseId, step }),
  z.object({ action: z.literal('completeStep'), caseId, step, outcome: anyRecord }),
  z.object({ action: z.literal('pauseForRequester'), caseId }),
  z.object({ action: z.literal('resumeAfterReply'), caseId, reply: anyRecord }),
  z.object({ action: z.literal('appointmentClock'), caseId }),
  z.object({ action: z.literal('recordMissedAppointment'), caseId }),
  // The booking, its move and the visit's record now run on notify with their notices (../commons/notice-steps.ts);
  // here only for the executions started before, which run on the definition they started with.
  ...noticeStepRequests,
  z.object({ action: z.literal('closeCase'), caseId, reason: z.enum(['resolved', 'refused', 'referred', 'no-reply', 'missed-twice', 'guidance-given', 'withdrawn']) }),
  z.object({ action: z.literal('recordFailure'), caseId, failure: z.object({ Error: z.string().optional(), Cause: z.string().optional() }) }),
]);

const base = casePorts();
const ports: ReceiptPorts & AppointmentPorts & ResultPorts = {
  ...base,
  ...documentStore,
  slots: slotBook(base.clock),
  checklistFor: receiptChecks(base.clock),
};

async function workflow(event: unknown) {
  const request = workflowRequest.parse(event);
  logger.appendKeys({ caseId: request.caseId, action: request.action });
  switch (request.action) {
    case 'recordReceipt':
      return recordReceipt(request.caseId, ports, request.execution?.reading as ReadingFacts | undefined);
    case 'startStepClock': {
      const record = await ports.cases.requireCase(request.caseId);
      return startStepClock(request.caseId, request.step, ports, ports.procedureOf(record.procedure).warningFraction);
    }
    case 'awaitStep': {
      const clock = request.clock && request.timeoutSeconds !== undefined ? { kind: request.clock, timeoutSeconds: request.timeoutSeconds, warningFractionOf: (code: string) => ports.procedureOf(code).warningFraction } : undefined;
      return awaitStep(request.caseId, request.step, request.taskToken, ports, clock, knownRecord(request.caseId, request.stepClock?.known));
    }
    case 'recordBreach':
      return recordBreach(request.caseId, request.step, ports);
    case 'completeStep':
      return recordOutcome(request.caseId, request.step, request.outcome, ports);
    case 'pauseForRequester': {
      const record = await ports.cases.requireCase(request.caseId);
      return pauseForRequester(request.caseId, ports.procedureOf(record.procedure).limits.requesterReply, ports);
    }
    case 'resumeAfterReply': {
      const record = await ports.cases.requireCase(request.caseId);
      const procedure = ports.procedureOf(record.procedure);
      return resumeAfterReply(request.caseId, request.reply as { messageId?: string; receivedAt?: string }, procedure.limits.review, ports, procedure.warningFraction, procedure.afterCutoff);
    }
    case 'appointmentClock':
      return appointmentClock(request.caseId, ports);
    case 'recordMissedAppointment':
      return recordMissedAppointment(request.caseId, ports);
    case 'bookAppointment':
    case 'rescheduleAppointment':
    case 'recordVisit':
      return runNoticeStep(request, ports);
    case 'closeCase':
      return request.reason === 'withdrawn' ? closeWithdrawnCase(request.caseId, ports) : closeCase(request.caseId, request.reason, ports);
    case 'recordFailure':
      return recordFailure(request.caseId, request.failure, ports);
  }
}

// workflowErrors last: its onError runs first, so the logs and the trace see the named error too.
export const handler = middy(workflow).use(injectLambdaContext(logger, { resetKeys: true })).use(captureLambdaHandler(tracer)).use(workflowErrors());
