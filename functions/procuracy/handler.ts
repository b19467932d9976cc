import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { logger, metrics, tracer } from '../commons/powertools';
import { casePorts, documentClient, documentStore, tableName } from '../commons/ports';
import { requiredEnv } from '../../shared/aws/clients';
import { ProcuracyDispatchStore } from '../../shared/procuracy/dispatch-store';
import { dispatchToProcuracies, ProcuracyDispatchFailed, type DispatchPorts } from '../../shared/procuracy/dispatch';

const ses = tracer.captureAWSv3Client(new SESv2Client({}));

const ports: DispatchPorts = {
  ...casePorts(),
  store: new ProcuracyDispatchStore(documentClient, tableName()),
  readDocument: documentStore.readDocument,
  async sendRaw(raw) {
    const sent = await ses.send(new SendEmailCommand({ FromEmailAddress: requiredEnv('SENDER_ADDRESS'), Content: { Raw: { Data: raw } } }));
    return { providerMessageId: sent.MessageId ?? 'unknown' };
  },
};

/**
 * Once a day (an EventBridge schedule, 16:30 in Vietnam; locally POST /_local/procuracy-dispatch): each office's
 * decisions whose copy to the procuracy is due go to it in one e-mail (shared/procuracy/dispatch.ts). An office
 * on a day off sends nothing. A failure fails the run after every office was tried, so the schedule retries it.
 */
export const handler = middy(async () => {
  try {
    const results = await dispatchToProcuracies(ports);
    for (const r of results) {
      metrics.addMetric('ProcuracyDispatchSent', MetricUnit.Count, r.sent);
      metrics.addMetric('ProcuracyDecisionsDispatched', MetricUnit.Count, r.decisions);
      if (r.breached.length > 0) metrics.addMetric('ProcuracyCopyBreached', MetricUnit.Count, r.breached.length);
    }
    logger.info('procuracy dispatch done', { results });
    return { results };
  } catch (error) {
    if (error instanceof ProcuracyDispatchFailed) metrics.addMetric('ProcuracyDispatchFailed', MetricUnit.Count, 1);
    throw error;
  }
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics));
