import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export class AlreadyRunning extends Error {
  override readonly name = 'AlreadyRunning';
  constructor(
    readonly pid: number,
    readonly startedAt: string,
  ) {
    super(`motcua is already running (pid ${pid}, started at ${startedAt}); stop it with Ctrl-C in its terminal or kill ${pid}`);
  }
}

export interface InstanceLock {
  path: string;
  /** Removes the lock if it is still ours; safe to call twice. */
  release(): void;
}

interface LockContent {
  pid: number;
  startedAt: string;
  token: string;
}

const LOCK_FILE = 'motcua.lock';

/**
 * Makes this process the only `npm start` on this data folder: two would fight over the ports
 * and the DynamoDB and S3 files. Throws AlreadyRunning (the caller prints it and exits non-zero)
 * while the process named in the lock lives; a lock left by a dead process is taken over.
 */
export function acquireInstanceLock(dataDir: string): InstanceLock {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(path.resolve(dataDir), LOCK_FILE);
  const mine: LockContent = { pid: process.pid, startedAt: new Date().toISOString(), token: randomUUID() };

  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(lockPath, JSON.stringify(mine), { flag: 'wx' }); // fails if the file exists: atomic
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readLock(lockPath);
      if (holder && isAlive(holder.pid)) throw new AlreadyRunning(holder.pid, holder.startedAt);
      removeIfUnchanged(lockPath, holder); // stale: its process is gone
      continue;
    }
    // Two starts taking over the same stale lock: only the one whose token is in the file won.
    const written = readLock(lockPath);
    if (written?.token !== mine.token) {
      if (written && isAlive(written.pid)) throw new AlreadyRunning(written.pid, written.startedAt);
      continue;
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      process.off('exit', release);
      if (readLock(lockPath)?.token === mine.token) removeIfUnchanged(lockPath, mine);
    };
    process.on('exit', release);
    return { path: lockPath, release };
  }
  throw new Error(`could not take the lock ${lockPath}: another motcua is starting at the same time`);
}

function readLock(lockPath: string): LockContent | undefined {
  try {
    const content = JSON.parse(readFileSync(lockPath, 'utf8')) as Partial<LockContent>;
    if (typeof content.pid !== 'number') return undefined;
    return { pid: content.pid, startedAt: String(content.startedAt ?? 'an unknown time'), token: String(content.token ?? '') };
  } catch {
    return undefined; // missing, or half-written / corrupt: treated as stale
  }
}

function removeIfUnchanged(lockPath: string, expected: LockContent | undefined) {
  if (readLock(lockPath)?.token !== expected?.token) return;
  try {
    unlinkSync(lockPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Whether a process with this pid exists; EPERM means it exists but belongs to another user. */
function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
