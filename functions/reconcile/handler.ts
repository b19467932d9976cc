import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { S3Client } from '@aws-sdk/client-s3';
import { logger, metrics, tracer } from '../commons/powertools';
import { caseRepository } from '../commons/ports';
import { requiredEnv, s3ClientConfig } from '../../shared/aws/clients';
import { systemClock } from '../../shared/clock';
import { findUnaccountedMail, storeReconcilePorts, UNACCOUNTED_METRIC } from '../../shared/operations/reconcile';

const s3 = tracer.captureAWSv3Client(new S3Client(s3ClientConfig()));
/** How far back each run looks: two days, so a missed run or two costs nothing. */
const LOOK_BACK_MS = 48 * 3_600_000;
/**
 * Mail younger than this may still be on its way through the queue (five deliveries with a
 * six-minute visibility timeout take half an hour): it is left to the next run.
 */
const SETTLE_MS = 3_600_000;

/**
 * On a schedule (EventBridge): what `motcua reconcile --since` does, for the last two days; each
 * raw mail nobody took in is logged and counted, and the count raises the alarm.
 */
export const handler = middy(async () => {
  const now = systemClock.now();
  const ports = storeReconcilePorts(s3, requiredEnv('INBOUND_BUCKET'), requiredEnv('INBOUND_PREFIX'), caseRepository());
  const found = await findUnaccountedMail(new Date(now.getTime() - LOOK_BACK_MS), ports, new Date(now.getTime() - SETTLE_MS));
  for (const mail of found) logger.error('stored raw mail with no record of what became of it', { ...mail });
  metrics.addMetric(UNACCOUNTED_METRIC, MetricUnit.Count, found.length);
  return { unaccounted: found.length };
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics));
