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
 * When `timeUp` settles first (the invocation is about to time out), it answers at once with every
 * item not done, those still running included: a timed-out invocation would have the queue deliver
 * the whole batch again, the items already done too, and under a burst the same slow batch could
 * time out until its items were dead-lettered. An item left running may still finish; delivered
 * again, it finds its work done (intake is idempotent per message).
 */
export async function processBounded<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>, mayStart: () => boolean = () => true, timeUp?: Promise<unknown>): Promise<T[]> {
  const failed: T[] = [];
  const done = new Set<T>();
  let next = 0;
  let stopped = false;
  void timeUp?.then(
    () => (stopped = true),
    () => (stopped = true),
  );
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      if (stopped || !mayStart()) {
        failed.push(item);
        continue;
      }
      try {
        await work(item);
        done.add(item);
      } catch {
        failed.push(item);
      }
    }
  };
  const all = Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker)).then(() => failed);
  if (!timeUp) return all;
  const cut = timeUp.then(
    () => items.filter((item) => !done.has(item)),
    () => items.filter((item) => !done.has(item)),
  );
  return Promise.race([all, cut]);
}
