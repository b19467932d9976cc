import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { logger, tracer } from '../commons/powertools';
import { caseRepository, documentClient, documentStore, tableName } from '../commons/ports';
import { requiredEnv, s3ClientConfig } from '../../shared/aws/clients';
import { officeDirectory } from '../../shared/offices/default-directory';
import { systemClock } from '../../shared/clock';
import { remoteTokenVerifier, type TokenVerifier } from '../../shared/auth/verify-token';
import { DynamoCaseIndex } from '../../shared/staff/case-index';
import { DigestStore } from '../../shared/digest/digest-store';
import { SlotBook } from '../../shared/appointments/slot-book';
import type { ApiPorts } from './http';
import { createApi } from './router';
import { sfnExecutions } from '../../shared/workflow/sfn-executions';
import { routes } from './routes';
import { invokeNotify } from '../commons/notify-client';
import { DynamoCitizenAccessStore } from '../../shared/citizen/access-store';
import { DynamoAttemptCounter } from '../../shared/citizen/rate-limit';
import { DynamoSurveyStore } from '../../shared/citizen/survey';
import { citizenConfig } from '../../shared/citizen/citizen-config';
import { procedureSettings } from '../../shared/workflow/procedure-settings';
import { procedureCatalog } from '../../shared/procedures/default-catalog';
import { DynamoExportJobStore, exportJobThreshold, isExportJobEvent, runExportJob, type ExportJobPorts } from '../../shared/staff/export-jobs';

const sfn = tracer.captureAWSv3Client(new SFNClient({}));
// Presigning only signs locally; it makes no call, so it needs no tracing.
const s3 = new S3Client(s3ClientConfig());

/** A token that no longer resumes anything: the wait timed out, was renewed, or was completed. */
const STALE_TOKEN_ERRORS = new Set(['TaskDoesNotExist', 'TaskTimedOut', 'InvalidToken']);

const ports: ApiPorts = {
  cases: caseRepository(),
  index: new DynamoCaseIndex(documentClient, tableName()),
  directory: officeDirectory,
  clock: systemClock,
  workflow: {
    async sendTaskSuccess(taskToken, output) {
      try {
        await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
        return 'sent';
      } catch (error) {
        if (STALE_TOKEN_ERRORS.has((error as Error).name)) return 'stale';
        throw error;
      }
    },
  },
  uploads: {
    storeDocument: documentStore.storeDocument,
    async readDocument(ref) {
      try {
        return await documentStore.readDocument(ref);
      } catch (error) {
        if ((error as Error).name === 'NoSuchKey') return undefined;
        throw error;
      }
    },
  },
  // Scans of requests received by post or at the desk: the browser PUTs them to the documents bucket itself.
  scans: {
    signedPutUrl: (key, contentType, expiresIn) => getSignedUrl(s3, new PutObjectCommand({ Bucket: requiredEnv('DOCUMENTS_BUCKET'), Key: key, ContentType: contentType }), { expiresIn }),
    async read(key) {
      try {
        return await documentStore.readDocument({ bucket: requiredEnv('DOCUMENTS_BUCKET'), key });
      } catch (error) {
        if ((error as Error).name === 'NoSuchKey') return undefined;
        throw error;
      }
    },
  },
  // The notify function sends the notice (it alone may send mail), once under the notice's key; its answer says what it did.
  notices: { send: (caseId, notice) => invokeNotify({ notice, caseId }) },
  executions: sfnExecutions(sfn, requiredEnv('STATE_MACHINE_ARN')),
  documents: {
    signedGetUrl: (document, expiresIn, options) =>
      getSignedUrl(
        s3,
        new GetObjectCommand({
          Bucket: document.bucket,
          Key: document.key,
          ResponseContentType: document.contentType,
          ResponseContentDisposition: `${options?.inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(document.name)}`,
        }),
        { expiresIn },
      ),
  },
  appointments: new SlotBook(documentClient, tableName()),
  digests: { latest: (day) => new DigestStore(s3, requiredEnv('DIGEST_BUCKET')).latest(day) },
  // The citizen's status page and survey (no staff login): tokens by hash, attempts counted, ratings once per case.
  citizen: {
    access: new DynamoCitizenAccessStore(documentClient, tableName()),
    attempts: new DynamoAttemptCounter(documentClient, tableName()),
    surveys: new DynamoSurveyStore(documentClient, tableName()),
    config: citizenConfig,
    procedureOf: (code) => procedureSettings(procedureCatalog, code),
    log: logger,
  },
  async caseStoreReachable() {
    try {
      await documentClient.send(new GetCommand({ TableName: tableName(), Key: { PK: 'HEALTH', SK: 'HEALTH' } }));
      return true;
    } catch (error) {
      logger.error('health check: case store unreachable', { error });
      return false;
    }
  },
};

/**
 * Large exports and reports (EXPORT_JOB_THRESHOLD_CASES cases and more) are built by an asynchronous
 * invocation of EXPORT_JOB_FUNCTION: this same code, deployed with the time and memory a big file needs.
 */
const lambda = tracer.captureAWSv3Client(new LambdaClient({}));
const jobStore = new DynamoExportJobStore(documentClient, tableName());
/** Read at each invocation, so that a changed threshold (a configuration) applies at once. */
function exportJobsConfigured(): ExportJobPorts | undefined {
  const thresholdCases = exportJobThreshold(process.env.EXPORT_JOB_THRESHOLD_CASES);
  if (thresholdCases === undefined) return undefined;
  return {
    thresholdCases,
    store: jobStore,
    async start(jobId) {
      await lambda.send(new InvokeCommand({ FunctionName: requiredEnv('EXPORT_JOB_FUNCTION'), InvocationType: 'Event', Payload: JSON.stringify({ exportJob: jobId }) }));
    },
  };
}

/** Tokens are verified against the issuer's JWKS (Cognito on AWS, the local key locally), fetched once and cached. */
let verifier: { key: string; verify: TokenVerifier } | undefined;
function verifyToken(authorization: string | undefined) {
  const env = { jwksUrl: requiredEnv('AUTH_JWKS_URL'), issuer: requiredEnv('AUTH_ISSUER'), audience: requiredEnv('AUTH_AUDIENCE') };
  const key = JSON.stringify(env);
  if (verifier?.key !== key) verifier = { key, verify: remoteTokenVerifier(env) };
  return verifier.verify(authorization);
}

/** The API with the export jobs of this invocation's configuration. */
function api(event: APIGatewayProxyEventV2, exportJobs: ExportJobPorts | undefined) {
  return createApi({ routes, ports: exportJobs ? { ...ports, exportJobs } : ports, verifyToken, log: logger })(event);
}

export const handler = middy(async (event: APIGatewayProxyEventV2 | { exportJob: string }) => {
  const exportJobs = exportJobsConfigured();
  if (isExportJobEvent(event)) {
    if (!exportJobs) throw new Error('an export job arrived but EXPORT_JOB_THRESHOLD_CASES is not set');
    logger.appendKeys({ exportJob: event.exportJob });
    const outcome = await runExportJob(event.exportJob, { ...ports, exportJobs });
    logger.info('export job finished', { outcome });
    return { exportJob: event.exportJob, outcome };
  }
  return api(event, exportJobs);
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(captureLambdaHandler(tracer));
