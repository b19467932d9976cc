import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { readingThreads, workerThreadHandler, type WorkerThreadHandler } from '../../../local/lambda/worker-thread-handler';

const ENTRY = join(import.meta.dirname, '..', '..', 'fixtures', 'lambda', 'held-handler.ts');
const context = { getRemainingTimeInMillis: () => 60_000 } as unknown as Context;

let pool: WorkerThreadHandler | undefined;
afterEach(async () => {
  await pool?.stop();
  delete process.env.MOTCUA_LOCAL_READING_THREADS;
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('a handler run in worker threads', () => {
  it('runs as many calls at once as it has threads, and the next when one is free', async () => {
    // Prepare: a pool of two threads, three calls that each hold until released.
    pool = workerThreadHandler(ENTRY, 2);
    const flags = new SharedArrayBuffer(8);
    const counts = new Int32Array(flags);

    // Act
    const calls = [1, 2, 3].map(() => pool!.handler({ flags }, context));

    // Assert: two run at once (with one thread, the second would never start); the third starts once they end.
    await until(() => Atomics.load(counts, 0) === 2);
    Atomics.store(counts, 1, 1);
    expect(await Promise.all(calls)).toEqual([{ held: true }, { held: true }, { held: true }]);
    expect(Atomics.load(counts, 0)).toBe(3);
  });

  it('takes its number of threads from MOTCUA_LOCAL_READING_THREADS, and refuses one that is not a count', () => {
    process.env.MOTCUA_LOCAL_READING_THREADS = '3';
    expect(readingThreads()).toBe(3);
    process.env.MOTCUA_LOCAL_READING_THREADS = 'many';
    expect(() => readingThreads()).toThrow(/MOTCUA_LOCAL_READING_THREADS must be a whole number from 1 to 16, got many/);
  });
});
