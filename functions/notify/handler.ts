import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import * as z from 'zod';
import { logger, metrics, tracer } from '../commons/powertools';
import { workflowErrors } from '../commons/workflow-errors';
import { casePorts, documentClient, documentStore, slotBook, tableName } from '../commons/ports';
import { noticeStepRequests, receiptExecution, runNoticeStep } from '../commons/notice-steps';
import type { AppointmentPorts } from '../../shared/workflow/appointment-steps';
import type { ResultPorts } from '../../shared/workflow/result-steps';
import { DynamoCitizenAccessStore } from '../../shared/citizen/access-store';
import { citizenLinkMinter } from '../../shared/citizen/citizen-links';
import { publicBaseUrl } from '../../shared/citizen/citizen-config';
import { requiredEnv } from '../../shared/aws/clients';
import { sendNotice, sendNotices, type NoticePorts, type SentNotice } from '../../shared/notices/send-notice';
import { caseSnapshot, type CaseSnapshot } from '../../shared/cases/snapshot';
import { NOTICE_KINDS } from '../../shared/notices/case-notices';
import { onExecutionEnded } from '../../shared/workflow/attention';
import { sfnExecutions } from '../../shared/workflow/sfn-executions';
import { recordReceiptAndNotify } from '../../shared/workflow/receipt-notices';
import type { ReceiptPorts } from '../../shared/workflow/receipt-steps';
import type { ReadingFacts } from '../../shared/checks/types';
import { receiptChecks } from '../commons/receipt-checks';

const ses = tracer.captureAWSv3Client(new SESv2Client({}));
const sfn = tracer.captureAWSv3Client(new SFNClient({}));

const base = casePorts();
const ports: NoticePorts & AppointmentPorts & ResultPorts & ReceiptPorts = {
  ...base,
  readDocument: documentStore.readDocument,
  storeDocument: documentStore.storeDocument,
  async sendRaw(raw) {
    const sent = await ses.send(new SendEmailCommand({ FromEmailAddress: requiredEnv('SENDER_ADDRESS'), Content: { Raw: { Data: raw } } }));
    return { providerMessageId: sent.MessageId ?? 'unknown' };
  },
  // SES replaces the Message-ID of what it sends with its own id at its regional domain.
  providerMessageIds: (id) => [`<${id}@email.amazonses.com>`, `<${id}@${process.env.AWS_REGION ?? 'us-east-1'}.amazonses.com>`],
  // The acknowledgement's status link and the final letters' survey link (shared/citizen).
  citizenLinks: citizenLinkMinter(new DynamoCitizenAccessStore(documentClient, tableName()), publicBaseUrl),
  // The booking and its move, which run here with their notices (../commons/notice-steps.ts).
  slots: slotBook(base.clock),
  // The receipt's automatic checks, for the receipt recorded with its notices (recordReceiptAndNotify).
  checklistFor: receiptChecks(base.clock),
};

/**
 * What the state machine asks: a notice of a case, and the step it is about (for staff notices and apologies);
 * `thenNotice`: a second notice that always follows the first (the desk's, after the acknowledgement), in the same Task;
 * the workflow now asks for those two with the receipt (receiptRequest), and this only for executions started before.
 */
const noticeRequest = z.object({
  notice: z.enum(NOTICE_KINDS),
  caseId: z.string().min(1),
  step: z.string().optional(),
  thenNotice: z.enum(NOTICE_KINDS).optional(),
  // The clock the state carries, with `known`: the case as the step before left it (shared/cases/snapshot.ts).
  // Given, the notices start from it, and the result carries the case as they leave it, for the next step.
  stepClock: z.object({ known: z.object({ record: z.record(z.string(), z.unknown()).nullable(), events: z.array(z.record(z.string(), z.unknown())).optional() }).passthrough().optional() }).passthrough().optional(),
});

/** A case step and the notice that always follows it, in one Task (../commons/notice-steps.ts): `notice` goes once the step is done. */
const stepThenNotice = z.intersection(z.discriminatedUnion('action', [...noticeStepRequests]), z.object({ notice: z.enum(NOTICE_KINDS) }));
/**
 * The workflow's `Record receipt`: the receipt recorded, then its notices (`notice`, then `thenNotice`) sent from the
 * case it wrote, in one Task (shared/workflow/receipt-notices.ts). Run here, not in the workflow function, because
 * notify alone sends mail: its reserved concurrency is what keeps sending within SES's rate (infra/capacity.ts) and it
 * alone may send as the agency (infra/constructs/notifications.ts); what the receipt does to the case (read it and the
 * requester's other cases, one transaction) is within the table actions notify holds for the notices.
 */
const receiptRequest = z.object({
  action: z.literal('recordReceipt'),
  caseId: z.string().min(1),
  execution: receiptExecution,
  notice: z.enum(NOTICE_KINDS),
  thenNotice: z.enum(NOTICE_KINDS).optional(),
});

/** EventBridge's "Execution Status Change" of the case workflow: an execution ended without closing its case. */
const executionStatusChange = z.object({
  source: z.literal('aws.states'),
  'detail-type': z.literal('Step Functions Execution Status Change'),
  detail: z.object({
    name: z.string().min(1),
    status: z.string(),
    stateMachineArn: z.string().min(1),
    input: z.string().nullish(),
    error: z.string().nullish(),
    cause: z.string().nullish(),
  }),
});

/** Marks the case "needs attention" and tells the head, or continues an execution that timed out (shared/workflow/attention.ts). */
async function executionEnded(detail: z.infer<typeof executionStatusChange>['detail']) {
  logger.appendKeys({ execution: detail.name, executionStatus: detail.status });
  const outcome = await onExecutionEnded(
    { name: detail.name, status: detail.status, input: detail.input ?? undefined, error: detail.error ?? undefined, cause: detail.cause ?? undefined },
    { ...ports, executions: sfnExecutions(sfn, detail.stateMachineArn), tellHead: async (caseId) => void (await sendNotice(caseId, 'needs-attention', undefined, ports)) },
  );
  logger.info('execution ended', { outcome });
  metrics.addMetric(outcome === 'continued' ? 'ExecutionContinued' : outcome === 'marked' ? 'CaseNeedsAttention' : 'ExecutionEndIgnored', MetricUnit.Count, 1);
  return { outcome };
}

/**
 * Sends one notice. Idempotent on the notice's own key (see sendNotice): a Step Functions retry
 * of a notice already sent sends nothing, and a concurrent one waits for it (see sendNotice).
 */
async function notify(event: unknown) {
  const ended = executionStatusChange.safeParse(event);
  if (ended.success) return executionEnded(ended.data.detail);
  // Parsed, not tried: a receipt request that does not parse must fail, never pass for a request of notices alone.
  if ((event as { action?: unknown } | null)?.action === 'recordReceipt') return receiptNotified(receiptRequest.parse(event));
  if (typeof (event as { action?: unknown } | null)?.action === 'string') return stepAndNotice(stepThenNotice.parse(event));
  const request = noticeRequest.parse(event);
  logger.appendKeys({ caseId: request.caseId, notice: request.notice });
  if (!request.thenNotice && !request.stepClock) {
    const { record: _record, ...result } = await sendNotice(request.caseId, request.notice, request.step, ports);
    return counted(request.notice, result);
  }
  // Each notice is idempotent on its own key: a retry after the first was sent sends only the second.
  const kinds = noticesOf(request);
  const { results, record } = await sendNotices(request.caseId, kinds, request.step, ports, request.stepClock?.known as CaseSnapshot | undefined);
  const { first, ...followed } = countedInOrder(kinds, results);
  return { ...first, ...followed, known: caseSnapshot(record) };
}

/**
 * The step, then its notice, as the two Tasks did one after the other: the step first (its failures, such as
 * RescheduleRequested or RequestWithdrawn of the visit's record, are the Task's, and nothing is sent), then the
 * notice from the case read afresh (sendNotice). A retry runs the step again, which finds it done, and sends the
 * notice only if it was not sent. Returns what the step returns (the Task's ResultSelector reads it), with `sent`.
 */
async function stepAndNotice(request: z.infer<typeof stepThenNotice>) {
  logger.appendKeys({ caseId: request.caseId, action: request.action, notice: request.notice });
  const done = await runNoticeStep(request, ports);
  const { record: _record, ...sent } = await sendNotice(request.caseId, request.notice, undefined, ports);
  return { ...done, sent: counted(request.notice, sent) };
}

/** The receipt with its notices; returns the receipt (its clock carrying the case as the notices left it) and each notice's result. */
async function receiptNotified(request: z.infer<typeof receiptRequest>) {
  logger.appendKeys({ caseId: request.caseId, action: request.action, notice: request.notice });
  const kinds = noticesOf(request);
  const { notices, ...receipt } = await recordReceiptAndNotify(request.caseId, kinds, ports, request.execution?.reading as ReadingFacts | undefined);
  const { first, ...followed } = countedInOrder(kinds, notices);
  return { ...receipt, notice: first, ...followed };
}

type NoticeKind = z.infer<typeof noticeRequest>['notice'];

/** The notices a request asks for, in order: `notice`, then `thenNotice` when it has one. */
const noticesOf = (request: { notice: NoticeKind; thenNotice?: NoticeKind | undefined }): NoticeKind[] => [request.notice, ...(request.thenNotice ? [request.thenNotice] : [])];

/** Each notice's result, counted: the first, and `followedBy`, the one sent after it, when there was one. */
function countedInOrder(kinds: NoticeKind[], results: SentNotice[]) {
  const [first, then] = results.map((result, i) => counted(kinds[i]!, result));
  return { first: first!, ...(then ? { followedBy: then } : {}) };
}

function counted(notice: NoticeKind, result: SentNotice) {
  metrics.addMetric(result.needless ? 'NoticeNotNeeded' : result.alreadySent ? 'NoticeAlreadySent' : 'NoticeSent', MetricUnit.Count, 1);
  if (result.needless) logger.info('notice not sent', { notice, reason: result.needless });
  return result;
}

export const handler = middy(notify).use(injectLambdaContext(logger, { resetKeys: true })).use(captureLambdaHandler(tracer)).use(logMetrics(metrics)).use(workflowErrors());
