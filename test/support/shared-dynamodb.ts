import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { SHORT_LIVED_JVM_OPTIONS, startDynamoDb } from '../../local/services/dynamodb';
import type { RunningService } from '../../local/services/running-service';
import { testPort } from './ports';

/**
 * vitest's global setup for the projects whose files start a local stack (integration, browser): one DynamoDB
 * Local per vitest worker slot (VITEST_POOL_ID), in memory, used in turn by the files that slot runs. A JVM's
 * start-up and warm-up cost seconds of CPU each, and every file started its own. Each file's stack still gets
 * a fresh, empty store: its own table (test/e2e/support/test-stack.ts), on the real emulator over its protocol;
 * a slot runs one file at a time, so two files never share a JVM at once.
 *
 * Both projects' setups run in vitest's main process and share one set of JVMs (counted on globalThis: each
 * project loads this module apart); the last teardown stops them.
 */
const FIRST_PORT = 22900;

declare module 'vitest' {
  export interface ProvidedContext {
    /** DynamoDB Local's URL for each worker slot: [VITEST_POOL_ID - 1]. */
    sharedDynamoDbUrls: string[];
  }
}

interface Shared {
  users: number;
  started: Promise<{ urls: string[]; services: RunningService[]; dataDir: string }>;
}
const KEY = Symbol.for('motcua.shared-dynamodb');
const registry = globalThis as unknown as Record<symbol, Shared | undefined>;

async function startAll(slots: number) {
  const dataDir = mkdtempSync(join(tmpdir(), 'motcua-shared-dynamodb-'));
  const services = await Promise.all(
    Array.from({ length: slots }, (_, i) =>
      startDynamoDb({ port: testPort(FIRST_PORT + i + 1), dataDir: join(dataDir, String(i + 1)), inMemory: true, jvmOptions: SHORT_LIVED_JVM_OPTIONS }),
    ),
  );
  return { urls: services.map((s) => s.url), services, dataDir };
}

export default async function sharedDynamoDb(project: TestProject): Promise<() => Promise<void>> {
  const slots = project.vitest.config.maxWorkers;
  let shared = registry[KEY];
  if (!shared) registry[KEY] = shared = { users: 0, started: startAll(slots) };
  shared.users++;
  const { urls } = await shared.started;
  project.provide('sharedDynamoDbUrls', urls);
  return async () => {
    if (--shared.users > 0) return;
    registry[KEY] = undefined;
    const { services, dataDir } = await shared.started;
    await Promise.all(services.map((s) => s.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  };
}
