import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { SFNClient, StartExecutionCommand, ExecutionAlreadyExists, SendTaskSuccessCommand, TaskDoesNotExist, TaskTimedOut } from '@aws-sdk/client-sfn';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord, S3EventRecord } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import { logger, metrics, tracer } from '../commons/powertools';
import { casePorts, documentStore } from '../commons/ports';
import { requiredEnv } from '../../shared/aws/clients';
import { receiveMessage, type IntakePorts } from '../../shared/intake/receive-message';
import { isSesSetupNotification, parseS3Notification } from '../../shared/intake/s3-notification';
import { processBounded, recordsAtOnce } from '../../shared/intake/bounded-batch';
import { invokeNotify } from '../commons/notify-client';

/**
 * StartExecution and SendTaskSuccess have token-bucket quotas (Step Functions Developer Guide,
 * "Quotas": StartExecution refills 150 per second in ap-southeast-1): under a burst, a throttled
 * call waits and tries again (adaptive retry paces this client to the rate the service allows)
 * before the record fails and the queue delivers it again.
 */
const sfn = tracer.captureAWSv3Client(new SFNClient({ maxAttempts: 8, retryMode: 'adaptive' }));
/** A record is not started with less time than this left: it is delivered again instead of being cut off. */
const TIME_TO_START_A_RECORD_MS = 15_000;
/** The invocation answers this long before its timeout, whatever is still running. */
const TIME_TO_ANSWER_MS = 2_000;

const ports: IntakePorts = {
  ...casePorts(),
  log: logger,
  readRaw: documentStore.readDocument,
  storeAttachment: documentStore.storeDocument,
  async startWorkflow(caseId) {
    try {
      // The execution is named by the case: a second start of the same case is refused, never doubled.
      await sfn.send(new StartExecutionCommand({ stateMachineArn: requiredEnv('STATE_MACHINE_ARN'), name: caseId, input: JSON.stringify({ caseId }) }));
    } catch (error) {
      if (!(error instanceof ExecutionAlreadyExists)) throw error;
    }
  },
  // Intake sends no mail itself: notify tells the desk, once per attention item.
  tellDesk: async (caseId, messageId) => void (await invokeNotify({ notice: 'desk-attention', caseId, step: messageId })),
  async resumeStep(taskToken, output) {
    try {
      await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
      return true;
    } catch (error) {
      if (error instanceof TaskDoesNotExist || error instanceof TaskTimedOut) return false;
      throw error;
    }
  },
};

async function receiveStoredMessage(record: S3EventRecord, log: Logger): Promise<void> {
  const stored = parseS3Notification(record);
  log.appendKeys({ s3Key: stored.key });
  if (isSesSetupNotification(stored)) {
    log.info('SES receipt rule setup notification: no e-mail, nothing to do');
    return;
  }
  const result = await receiveMessage(stored, { ...ports, log });
  if ('caseId' in result && result.caseId) log.appendKeys({ caseId: result.caseId });
  log.info('stored e-mail taken in', { outcome: result.outcome });
  metrics.addMetric(`Intake.${result.outcome}`, MetricUnit.Count, 1);
}

/** One SQS message carries one S3 notification; each of its records is one stored e-mail. Logs carry this record's keys only. */
async function processRecord(record: SQSRecord): Promise<void> {
  const log = logger.createChild();
  log.appendKeys({ sqsMessageId: record.messageId });
  try {
    const notification = JSON.parse(record.body) as { Records?: S3EventRecord[]; Event?: string };
    if (notification.Event === 's3:TestEvent') return; // S3 sends one when the notification is configured
    if (!notification.Records?.length) throw new Error(`SQS message ${record.messageId} holds no S3 records: ${record.body.slice(0, 200)}`);
    for (const s3Record of notification.Records) await receiveStoredMessage(s3Record, log);
  } catch (error) {
    log.error('record not taken in; the queue delivers it again', { error: error as Error });
    throw error;
  }
}

/**
 * A few records at a time, as many as the function's memory holds (one large e-mail must not take
 * innocent ones down with it); the failed ones, and those not started for lack of time, are reported
 * to SQS to be delivered again.
 */
const intake = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  // Answer before the invocation times out, naming only the records not done (see processBounded).
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, context.getRemainingTimeInMillis() - TIME_TO_ANSWER_MS))));
  try {
    const failed = await processBounded(event.Records, recordsAtOnce(Number(context.memoryLimitInMB)), processRecord, () => context.getRemainingTimeInMillis() > TIME_TO_START_A_RECORD_MS, timeUp);
    return { batchItemFailures: failed.map((r) => ({ itemIdentifier: r.messageId })) };
  } finally {
    clearTimeout(timer);
  }
};

export const handler = middy(intake)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics));
