import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { LogSink } from './running-service';

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/**
 * Reads a child's output line by line: to the log sink if any, and always drained, because a
 * child whose pipe fills up blocks on its next write. Keeps the last lines for error messages.
 */
export function drainOutput(streams: (Readable | null)[], onLog?: LogSink, keep = 20): () => string[] {
  const tail: string[] = [];
  for (const stream of streams) {
    if (!stream) continue;
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      tail.push(line);
      if (tail.length > keep) tail.shift();
      onLog?.(line);
    });
  }
  return () => [...tail];
}

/**
 * Makes sure a child does not outlive this process. A normal exit runs the 'exit' hook; a
 * parent killed with SIGKILL runs nothing, so a tiny shell watchdog kills the child once the
 * parent is gone (it ends by itself when the child ends). Returns the undo.
 */
export function killWithParent(child: ChildProcess): () => void {
  const onExit = () => {
    if (!hasExited(child)) child.kill('SIGKILL');
  };
  process.on('exit', onExit);
  let watchdog: ChildProcess | undefined;
  if (process.platform !== 'win32' && child.pid !== undefined) {
    const script = [
      'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done',
      'kill -0 "$1" 2>/dev/null || kill -9 "$2" 2>/dev/null',
    ].join('\n');
    watchdog = spawn('sh', ['-c', script, 'motcua-watchdog', String(process.pid), String(child.pid)], { stdio: 'ignore' });
    watchdog.on('error', () => {}); // no shell: the 'exit' hook still covers normal exits
    watchdog.unref();
  }
  return () => {
    process.off('exit', onExit);
    if (watchdog && !hasExited(watchdog)) watchdog.kill('SIGKILL');
  };
}

/** SIGTERM, then SIGKILL if the child has not exited after graceMs; resolves once it has exited. */
export async function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.pid === undefined || hasExited(child)) return; // never started (e.g. no java) or already gone
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export { hasExited };
