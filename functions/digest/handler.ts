import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { S3Client } from '@aws-sdk/client-s3';
import { logger, tracer } from '../commons/powertools';
import { documentClient, tableName } from '../commons/ports';
import { requiredEnv, s3ClientConfig } from '../../shared/aws/clients';
import { systemClock } from '../../shared/clock';
import { buildDigest } from '../../shared/digest/chain-digest';
import { DigestStore, readChainHeads } from '../../shared/digest/digest-store';

const s3 = tracer.captureAWSv3Client(new S3Client(s3ClientConfig()));

/**
 * Once a day (an EventBridge schedule; locally POST /_local/digest): every case's chain head and
 * their Merkle root, written to the digests bucket, where Object Lock keeps it from anyone who
 * can write the table.
 */
export const handler = middy(async () => {
  const heads = await readChainHeads(documentClient, tableName());
  const digest = buildDigest(heads, systemClock.now());
  const stored = await new DigestStore(s3, requiredEnv('DIGEST_BUCKET')).write(digest);
  logger.info('chain digest written', { day: digest.day, cases: digest.cases, root: digest.root, ...stored });
  return { day: digest.day, cases: digest.cases, root: digest.root, ...stored };
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(captureLambdaHandler(tracer));
