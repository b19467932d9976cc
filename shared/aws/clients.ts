import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SESv2Client } from '@aws-sdk/client-sesv2';

/**
 * SDK clients, configured only from the environment. Endpoints come from the SDK's own
 * AWS_ENDPOINT_URL_<SERVICE> variables, so the same code talks to AWS or to local emulators.
 * S3_FORCE_PATH_STYLE is for S3 stand-ins that cannot serve virtual-hosted buckets.
 */
export function s3ClientConfig(): S3ClientConfig {
  return { forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' };
}

export const createS3Client = () => new S3Client(s3ClientConfig());

export function createDocumentClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true },
  });
}

export const createSfnClient = () => new SFNClient({});
export const createSesClient = () => new SESv2Client({});

/** Reads a required environment variable, naming it when it is missing. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is required`);
  return value;
}
