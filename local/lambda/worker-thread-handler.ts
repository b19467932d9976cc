import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { SHARE_ENV, Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import type { Context } from 'aws-lambda';
import type { LambdaHandler } from './in-process-function';
import { esbuildOptionsForEntry } from '../../infra/bundling';
import { fromProjectRoot } from '../../infra/paths';

/**
 * A handler run in a worker thread of this process, for a function whose work is long and heavy on the
 * CPU (the reading of attachments, OCR): on AWS it is a Lambda function of its own; here the thread keeps
 * the one event loop of the local stack (intake, the API, the engine) free while it works. The environment
 * is shared (SHARE_ENV), so the thread sees the endpoints the stack configured. Each thread takes one
 * invocation at a time, as one Lambda instance does; a small pool of them stands for Lambda's scaling out.
 *
 * The thread loads the handler as a bundle of the project's own code, built with the Lambda bundle's
 * options (infra/bundling.ts), the npm packages left to Node. Loaded through tsx instead, the first
 * reading waited 25–30 s on a busy machine (tsx runs every module through its loader, pdf.js's 3 MB
 * included: 8–10 s against 1 s natively), and a case then missed the review the lifecycle tests wait for.
 */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const ready = import(workerData.module);
ready.catch(() => undefined); // reported on the first invocation
parentPort.on('message', async ({ id, event, context }) => {
  try {
    const { handler } = await ready;
    const deadline = Date.now() + context.remainingMs;
    const result = await handler(event, { ...context, getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()), done() {}, fail() {}, succeed() {} });
    parentPort.postMessage({ id, result: result === undefined ? null : result });
  } catch (error) {
    parentPort.postMessage({ id, error: { name: (error && error.name) || 'Error', message: (error && error.message) || String(error) } });
  }
});
`;

/** Where the thread's bundles go: inside the project (.local/ is ignored by git), so that the packages left out resolve from its node_modules. */
const BUNDLE_DIR = fromProjectRoot('.local', 'worker-bundles');

/**
 * The handler's module bundled for the thread, named by its content: stacks that start at once (tests
 * in parallel) write the same file, or each its own, never a half-written one (written aside, then renamed).
 */
export function threadBundleOf(entry: string): string {
  const built = buildSync({ ...esbuildOptionsForEntry(entry, BUNDLE_DIR), packages: 'external', splitting: false, minify: false, sourcemap: 'inline', write: false, logLevel: 'error' });
  const code = built.outputFiles.find((f) => f.path.endsWith('.mjs'))!.contents;
  const file = join(BUNDLE_DIR, `${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  mkdirSync(BUNDLE_DIR, { recursive: true });
  let same = false;
  try {
    same = readFileSync(file).equals(Buffer.from(code));
  } catch {
    same = false;
  }
  if (!same) {
    const aside = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(aside, code);
    renameSync(aside, file);
  }
  return file;
}

export interface WorkerThreadHandler {
  handler: LambdaHandler;
  stop(): Promise<void>;
}

/**
 * Threads a reading handler may run at once: as many as the machine has cores, two at most (each thread
 * loads pdf.js and, for a scan, Tesseract: 300–450 MB a page). On AWS the function scales out per
 * invocation; here a burst of mail read one at a time kept every acknowledgement behind the whole queue.
 * MOTCUA_LOCAL_READING_THREADS sets another number.
 */
export function readingThreads(): number {
  const set = process.env.MOTCUA_LOCAL_READING_THREADS;
  if (set !== undefined) {
    const n = Number(set);
    if (!Number.isInteger(n) || n < 1 || n > 16) throw new Error(`MOTCUA_LOCAL_READING_THREADS must be a whole number from 1 to 16, got ${set}`);
    return n;
  }
  return Math.max(1, Math.min(2, availableParallelism()));
}

/** One thread of the pool, with the calls it is running (one at a time, as a Lambda instance takes them). */
interface Thread {
  worker: Worker;
  busy: boolean;
}

/**
 * The handler of `entry` (a TypeScript module exporting `handler`), run in up to `size` threads, each taking
 * one invocation at a time as a Lambda instance does; more wait in order for the first thread free. The first
 * thread starts now, so that its loading overlaps the stack's start; the others when a call finds all busy.
 */
export function workerThreadHandler(entry: string, size = readingThreads()): WorkerThreadHandler {
  const bundle = pathToFileURL(threadBundleOf(entry)).href;
  const threads: Thread[] = [];
  const waiting: Array<() => void> = [];
  let next = 0;
  const pending = new Map<number, { thread: Thread; resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const start = (): Thread => {
    const thread: Thread = { worker: new Worker(THREAD, { eval: true, env: SHARE_ENV, workerData: { module: bundle } }), busy: false };
    thread.worker.on('message', ({ id, result, error }: { id: number; result?: unknown; error?: { name: string; message: string } }) => {
      const call = pending.get(id);
      pending.delete(id);
      if (!error) return call?.resolve(result);
      const failure = new Error(error.message);
      failure.name = error.name;
      call?.reject(failure);
    });
    // A thread that dies (out of memory, a crash) fails what it had, as a Lambda instance would; a later call starts another.
    thread.worker.on('exit', (code) => {
      threads.splice(threads.indexOf(thread), 1);
      for (const [id, call] of pending) {
        if (call.thread !== thread) continue;
        pending.delete(id);
        const failure = new Error(`the worker thread exited with code ${code}`);
        failure.name = 'Runtime.ExitError';
        call.reject(failure);
      }
    });
    thread.worker.on('error', () => undefined); // reported through 'exit'
    threads.push(thread);
    return thread;
  };
  /** A free thread, started if none is free and the pool is not full; otherwise waits its turn. */
  const acquire = async (): Promise<Thread> => {
    for (;;) {
      const free = threads.find((t) => !t.busy) ?? (threads.length < size ? start() : undefined);
      if (free) {
        free.busy = true;
        return free;
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
  };
  const release = (thread: Thread) => {
    thread.busy = false;
    waiting.shift()?.();
  };
  const invoke = (thread: Thread, event: unknown, context: Context) =>
    new Promise((resolve, reject) => {
      const id = next++;
      pending.set(id, { thread, resolve, reject });
      const { getRemainingTimeInMillis, done: _d, fail: _f, succeed: _s, ...plain } = context;
      thread.worker.postMessage({ id, event, context: { ...plain, remainingMs: getRemainingTimeInMillis() } });
    });
  start();
  return {
    handler: async (event, context) => {
      const thread = await acquire();
      try {
        return await invoke(thread, event, context);
      } finally {
        release(thread);
      }
    },
    stop: async () => {
      await Promise.all(threads.map((t) => t.worker.terminate()));
    },
  };
}
