import { mkdirSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import { localClientConfig } from './aws-local';
import { assertPortFree } from './ports';
import { waitUntilReady } from './readiness';
import type { LogSink, RunningService } from './running-service';

export interface S3Options {
  port: number;
  /** s3rver's directory: one folder per bucket, kept across restarts. */
  dataDir: string;
  /** Created if missing; existing objects are kept. */
  buckets: string[];
  /** Buckets a browser PUTs to through presigned links (the scans of registered requests): they answer CORS. */
  corsBuckets?: string[];
  onLog?: LogSink;
  portEnvVar?: string;
}

/** The part of s3rver 3.7.1 (a Koa app, untyped) used here. */
interface S3rver {
  configureBuckets(): Promise<unknown>;
  callback(): http.RequestListener;
  on(event: 'error', listener: (error: Error) => void): void;
  logger: { close(): void };
}
type S3rverClass = new (options: Record<string, unknown>) => S3rver;

const SERVICE = 'S3 (s3rver)';

/** What the documents bucket allows a browser on AWS too (infra/constructs/case-store.ts): a presigned PUT from the console. */
const UPLOAD_CORS = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedHeader>*</AllowedHeader><MaxAgeSeconds>600</MaxAgeSeconds></CORSRule></CORSConfiguration>`;

/**
 * S3 client config for s3rver. Path-style because s3rver cannot serve bucket subdomains of
 * 127.0.0.1; checksums only when required because SDK v3 otherwise sends streams with
 * aws-chunked framing that s3rver stores as part of the object (silently corrupt).
 */
export function localS3ClientConfig(endpoint: string): S3ClientConfig {
  return {
    ...localClientConfig(endpoint),
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}

/**
 * Starts s3rver on 127.0.0.1. Its own run() would turn a taken port into an uncaught 'error'
 * event (a crash), so it is mounted on a server of ours instead.
 */
export async function startS3({ port, dataDir, buckets, corsBuckets = [], onLog, portEnvVar }: S3Options): Promise<RunningService> {
  await assertPortFree({ port, envVar: portEnvVar, service: SERVICE });
  const directory = path.resolve(dataDir);
  mkdirSync(directory, { recursive: true });

  const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;
  const s3rver = new S3rver({
    directory,
    silent: true, // its winston console logger, and Koa's printing of request errors
    configureBuckets: buckets.map((name) => ({ name, ...(corsBuckets.includes(name) ? { configs: [UPLOAD_CORS] } : {}) })),
  });
  // Without an 'error' listener Koa prints every failed request (a 404 is normal S3 traffic).
  s3rver.on('error', (error) => onLog?.(`s3rver: ${error.message}`));
  await s3rver.configureBuckets();

  const handler = s3rver.callback();
  const server = http.createServer((req, res) => {
    if (onLog) res.on('finish', () => onLog(`s3rver: ${req.method} ${req.url} ${res.statusCode}`));
    handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => onLog?.(`s3rver: ${error.message}`));

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections(); // the SDK keeps sockets alive; close() alone would wait for them
    await closed;
    s3rver.logger.close();
  };
  try {
    await waitUntilReady({ service: SERVICE, port, timeoutMs: 60_000, probe: () => probeListBuckets(url) });
  } catch (error) {
    await stop();
    throw error;
  }
  onLog?.(`${SERVICE} ready on ${url} (data in ${directory}; buckets ${buckets.join(', ')})`);
  return { name: 's3', url, stop };
}

/** ListBuckets (GET /) needs no signature on s3rver; a 200 means it serves S3 requests. */
async function probeListBuckets(url: string): Promise<void> {
  const response = await fetch(url);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`GET / answered ${response.status}`);
}
