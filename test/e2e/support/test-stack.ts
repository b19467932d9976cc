import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { startLocalStack, LOCAL_NAMES, type LocalStack } from '../../../local/local-stack';
import { localClientConfig } from '../../../local/services/aws-local';
import { localS3ClientConfig } from '../../../local/services/s3';
import { readOutbox, type OutboxEmail } from '../../../local/services/ses-outbox';
import { CaseRepository } from '../../../shared/cases/repository';
import { testPort } from '../../support/ports';
import { waitUntilAtRest } from '../../../local/at-rest';

/** The local stack on its own ports and data folder, and clients that reach it over the real protocols. */
export interface TestStack {
  stack: LocalStack;
  dataDir: string;
  cases: CaseRepository;
  s3: S3Client;
  sfn: SFNClient;
  names: typeof LOCAL_NAMES;
  sendMail(mail: Mail.Options): Promise<{ messageId: string; response: string }>;
  outbox(): Promise<OutboxEmail[]>;
  advanceClock(minutes: number): Promise<void>;
  /**
   * Waits until the stack is idle: no inbound message queued, in intake or waiting for a retry; no
   * execution at work (each running one waits for a person, a reply or the clock); no function
   * running (not even one whose Task gave up on it); no execution's end waiting to reach notify.
   * Nothing more happens until someone acts or the clock moves, so what is in the outbox then is
   * final for everything done so far.
   */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export function testPorts(portBase: number) {
  const base = testPort(portBase);
  return { smtp: base, ses: base + 1, api: base + 2, dynamodb: base + 3, s3: base + 4, sfn: base + 5 };
}

/**
 * The DynamoDB Local of this vitest worker slot, when the project's global setup started them
 * (test/support/shared-dynamodb.ts); else (outside vitest, e.g. scripts/screenshots.ts) the stack starts its own.
 */
async function sharedDynamoDbUrl(): Promise<string | undefined> {
  const slot = Number(process.env.VITEST_POOL_ID);
  if (!process.env.VITEST_WORKER_ID || !Number.isInteger(slot)) return undefined;
  const { inject } = await import('vitest');
  return inject('sharedDynamoDbUrls')?.[slot - 1];
}

export async function startTestStack(portBase: number, dataDir = mkdtempSync(join(tmpdir(), 'motcua-e2e-')), options: { dynamoDbFaults?: boolean } = {}): Promise<TestStack> {
  const host = '127.0.0.1';
  const dynamoDbUrl = await sharedDynamoDbUrl();
  // On a shared DynamoDB Local each file's stack has its own, new table, named after its data folder: the same
  // after a restart on that folder, and never one another file used.
  const tableName = dynamoDbUrl ? `motcua-${basename(dataDir)}` : undefined;
  const stack = await startLocalStack({ host, ports: testPorts(portBase), dataDir, logLevel: 'ERROR', log: (line) => console.log(`[stack] ${line}`), dynamoDbUrl, tableName, ...options });
  const db = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(stack.urls.dynamodb)), { marshallOptions: { removeUndefinedValues: true } });
  const transport = nodemailer.createTransport({ host, port: testPorts(portBase).smtp, secure: false, ignoreTLS: true });
  return {
    stack,
    dataDir,
    cases: new CaseRepository(db, stack.names.table),
    s3: new S3Client(localS3ClientConfig(stack.urls.s3)),
    sfn: new SFNClient(localClientConfig(stack.urls.sfn)),
    names: stack.names,
    async sendMail(mail) {
      const info = await transport.sendMail(mail);
      return { messageId: info.messageId, response: info.response };
    },
    outbox: async () => (await readOutbox(stack.urls.sesOutbox)).emails,
    async advanceClock(minutes) {
      const response = await fetch(`${stack.urls.api}/_local/clock`, { method: 'POST', body: JSON.stringify({ advanceMinutes: minutes }) });
      if (!response.ok) throw new Error(`advancing the clock failed: ${response.status} ${await response.text()}`);
    },
    idle: () => waitUntilIdle(stack),
    async stop() {
      transport.close();
      await stack.stop();
    },
  };
}

/** Polls until `probe` returns something other than undefined, or fails with what it waited for. The bound is generous: on a busy machine a condition is late, not wrong. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** See TestStack.idle (local/at-rest.ts, shared with the benches). */
export async function waitUntilIdle(stack: LocalStack, timeoutMs = 60_000): Promise<void> {
  await waitUntilAtRest(stack, timeoutMs);
}
