import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { localConfigFromEnv } from './local-config';
import { LOCAL_NAMES } from './local-stack';
import { localDynamoDbClientConfig } from './services/dynamodb';
import { localS3ClientConfig } from './services/s3';

/** The running local stack's inbound bucket and table, where `motcua reconcile` reads them (the ports of local-config). */
export function localReconcileClients(env: NodeJS.ProcessEnv = process.env) {
  const config = localConfigFromEnv(env);
  return {
    s3: new S3Client(localS3ClientConfig(`http://${config.host}:${config.ports.s3}`)),
    dynamodb: new DynamoDBClient(localDynamoDbClientConfig(`http://${config.host}:${config.ports.dynamodb}`)),
    bucket: LOCAL_NAMES.inboundBucket,
    // Where the local mailbox stores raw mail (local-stack.ts), as SES does under INBOUND_PREFIX on AWS.
    prefix: 'inbound/',
    table: config.tableName ?? LOCAL_NAMES.table,
  };
}
