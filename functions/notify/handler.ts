import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { makeIdempotent, IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { logger, metrics, tracer } from '../commons/powertools';
import { casePorts, dynamoDb, tableName } from '../commons/ports';
import { requiredEnv } from '../../shared/aws/clients';
import { sendNotice, type NoticePorts } from '../../shared/notices/send-notice';

const ses = tracer.captureAWSv3Client(new SESv2Client({}));

const ports: NoticePorts = {
  ...casePorts(),
  async sendRaw(raw) {
    const sent = await ses.send(new SendEmailCommand({ FromEmailAddress: requiredEnv('SENDER_ADDRESS'), Content: { Raw: { Data: raw } } }));
    return { providerMessageId: sent.MessageId ?? 'unknown' };
  },
  // SES replaces the Message-ID of what it sends with its own id at its regional domain.
  providerMessageIds: (id) => [`<${id}@email.amazonses.com>`, `<${id}@${process.env.AWS_REGION ?? 'us-east-1'}.amazonses.com>`],
};

const noticeRequest = z.object({ notice: z.enum(['acknowledgement']), caseId: z.string().min(1) });

async function notify(event: unknown) {
  const request = noticeRequest.parse(event);
  logger.appendKeys({ caseId: request.caseId, notice: request.notice });
  const result = await sendNotice(request.caseId, request.notice, ports);
  if (!result.alreadySent) metrics.addMetric(`Notice.${request.notice}`, MetricUnit.Count, 1);
  return result;
}

/** Two concurrent invocations for the same notice (a Step Functions retry) send it once. */
const idempotency = new IdempotencyConfig({ eventKeyJmesPath: '[caseId, notice]' });
const idempotentNotify = makeIdempotent(notify, {
  persistenceStore: new DynamoDBPersistenceLayer({
    tableName: tableName(),
    awsSdkV3Client: dynamoDb,
    keyAttr: 'PK',
    sortKeyAttr: 'SK',
    staticPkValue: 'IDEMPOTENCY#notify',
    expiryAttr: 'expiresAt',
  }),
  config: idempotency,
});

export const handler = middy(async (event: unknown, context: Context) => {
  idempotency.registerLambdaContext(context);
  return idempotentNotify(event);
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics));
