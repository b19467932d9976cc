/**
 * How intake takes a batch of stored e-mails without running out of memory: a few at a time, as
 * many as the function's memory holds. A raw e-mail is at most 40 MB (SES's limit); parsing one of
 * 38 MB took about 107 MB locally, so each record is given 160 MB, after 160 MB for the runtime:
 * 512 MB processes two at a time, 1024 MB five, never fewer than one.
 */
const RUNTIME_MB = 160;
const PER_RECORD_MB = 160;

export function recordsAtOnce(memoryLimitMb: number): number {
  if (!Number.isFinite(memoryLimitMb) || memoryLimitMb <= 0) return 1;
  return Math.max(1, Math.floor((memoryLimitMb - RUNTIME_MB) / PER_RECORD_MB));
}

/**
 * Runs `work` on each item, at most `limit` at once, and returns the items that failed. An item is
 * not started once `mayStart` says no (the invocation is running out of time): it counts as failed,
 * so that the queue delivers it again rather than the function being cut off in the middle of it.
 */
export async function processBounded<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>, mayStart: () => boolean = () => true): Promise<T[]> {
  const failed: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      if (!mayStart()) {
        failed.push(item);
        continue;
      }
      try {
        await work(item);
      } catch {
        failed.push(item);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return failed;
}
