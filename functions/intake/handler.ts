import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { SFNClient, StartExecutionCommand, ExecutionAlreadyExists, SendTaskSuccessCommand, TaskDoesNotExist, TaskTimedOut } from '@aws-sdk/client-sfn';
import type { Context, SQSEvent, SQSRecord, S3EventRecord } from 'aws-lambda';
import { logger, metrics, tracer } from '../commons/powertools';
import { casePorts, documentStore } from '../commons/ports';
import { requiredEnv } from '../../shared/aws/clients';
import { receiveMessage, type IntakePorts } from '../../shared/intake/receive-message';
import { isSesSetupNotification, parseS3Notification } from '../../shared/intake/s3-notification';

const sfn = tracer.captureAWSv3Client(new SFNClient({}));
const processor = new BatchProcessor(EventType.SQS);

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

async function receiveStoredMessage(record: S3EventRecord): Promise<void> {
  const stored = parseS3Notification(record);
  if (isSesSetupNotification(stored)) {
    logger.info('SES receipt rule setup notification: no e-mail, nothing to do', { s3Key: stored.key });
    return;
  }
  const result = await receiveMessage(stored, ports);
  logger.appendKeys({ caseId: 'caseId' in result ? result.caseId : undefined });
  metrics.addMetric(`Intake.${result.outcome}`, MetricUnit.Count, 1);
}

/** One SQS message carries one S3 notification; each of its records is one stored e-mail. */
async function processRecord(record: SQSRecord): Promise<void> {
  const notification = JSON.parse(record.body) as { Records?: S3EventRecord[]; Event?: string };
  if (notification.Event === 's3:TestEvent') return; // S3 sends one when the notification is configured
  if (!notification.Records?.length) throw new Error(`SQS message ${record.messageId} holds no S3 records: ${record.body.slice(0, 200)}`);
  for (const s3Record of notification.Records) await receiveStoredMessage(s3Record);
}

const intake = async (event: SQSEvent, context: Context) => processPartialResponse(event, processRecord, processor, { context });

export const handler = middy(intake)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics));
