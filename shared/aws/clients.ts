import type { S3ClientConfig } from '@aws-sdk/client-s3';

/**
 * SDK clients, configured only from the environment. Endpoints come from the SDK's own
 * AWS_ENDPOINT_URL_<SERVICE> variables, so the same code talks to AWS or to local emulators.
 * S3_FORCE_PATH_STYLE is for S3 stand-ins that cannot serve virtual-hosted buckets.
 */
export function s3ClientConfig(): S3ClientConfig {
  return { forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' };
}

/** Reads a required environment variable, naming it when it is missing. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is required`);
  return value;
}
