import { describe, expect, it } from 'vitest';
import { processBounded, recordsAtOnce } from '../../../shared/intake/bounded-batch';

describe('intake of a batch with bounded memory', () => {
  it('takes as many records at once as the memory holds, never fewer than one', () => {
    expect([128, 256, 512, 1024, 3008].map(recordsAtOnce)).toEqual([1, 1, 2, 5, 17]);
    expect(recordsAtOnce(Number('not a number'))).toBe(1);
  });

  it('never runs more than the limit at once, and returns the records that failed', async () => {
    let running = 0;
    let most = 0;
    const failed = await processBounded([1, 2, 3, 4, 5, 6, 7], 2, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      running--;
      if (n % 3 === 0) throw new Error(`record ${n} failed`);
    });

    expect(most).toBe(2);
    expect(failed.sort()).toEqual([3, 6]);
  });

  it('leaves the records it may no longer start to be delivered again', async () => {
    const done: number[] = [];
    const failed = await processBounded([1, 2, 3, 4], 1, async (n) => void done.push(n), () => done.length < 2);

    expect(done).toEqual([1, 2]);
    expect(failed).toEqual([3, 4]);
  });

  it('when time is up, answers at once with every record not done, those still running included, and starts no more', async () => {
    const started: number[] = [];
    const done: number[] = [];
    let timeUp = () => {};
    const stop = new Promise<void>((resolve) => (timeUp = resolve));
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let threeRunning = () => {};
    const three = new Promise<void>((resolve) => (threeRunning = resolve));
    const answer = processBounded(
      [1, 2, 3, 4],
      2,
      async (n) => {
        started.push(n);
        if (n === 2) return new Promise<void>(() => {}); // a record that outlives the invocation
        if (n === 3) {
          threeRunning();
          await gate;
        }
        done.push(n);
      },
      () => true,
      stop,
    );
    await three; // 1 is done, 2 hangs, 3 runs
    timeUp();

    expect((await answer).sort()).toEqual([2, 3, 4]);
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toEqual([1, 3]); // 3 finished after the answer (delivered again, it finds its work done)
    expect(started).not.toContain(4);
  });
});
