import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** setTimeout's limit (~24.8 days); longer timers are re-armed in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Timer {
  at: number;
  fire: () => void;
  handle?: NodeJS.Timeout;
}

/**
 * The local stack's clock: real time plus an offset that evaluation and tests can move forward,
 * so a deadline a working day away can be reached in a second. The offset is shared with the
 * handlers through MOTCUA_CLOCK_OFFSET_MS (see shared/clock.ts) and kept on disk across restarts.
 */
export class LocalClock {
  private offsetMs: number;
  private readonly timers = new Set<Timer>();

  constructor(private readonly stateFile?: string) {
    this.offsetMs = stateFile && existsSync(stateFile) ? Number(JSON.parse(readFileSync(stateFile, 'utf8')).offsetMs) || 0 : 0;
    this.publish();
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  get offset(): number {
    return this.offsetMs;
  }

  /** Moves time forward (never back: deadlines already given must not un-pass). Fires timers now due. */
  advance(ms: number): Date {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward: give a positive number of milliseconds');
    this.offsetMs += ms;
    this.publish();
    for (const timer of [...this.timers]) this.arm(timer);
    return this.now();
  }

  /** Calls `fire` once the clock reaches `at`; returns a function that cancels it. */
  at(at: Date, fire: () => void): () => void {
    const timer: Timer = { at: at.getTime(), fire };
    this.timers.add(timer);
    this.arm(timer);
    return () => this.cancel(timer);
  }

  cancelAll(): void {
    for (const timer of this.timers) this.cancel(timer);
  }

  private arm(timer: Timer): void {
    if (timer.handle) clearTimeout(timer.handle);
    const remaining = timer.at - this.now().getTime();
    if (remaining <= 0) {
      this.cancel(timer);
      timer.fire();
      return;
    }
    timer.handle = setTimeout(() => this.arm(timer), Math.min(remaining, MAX_TIMER_MS));
    timer.handle.unref();
  }

  private cancel(timer: Timer): void {
    if (timer.handle) clearTimeout(timer.handle);
    this.timers.delete(timer);
  }

  private publish(): void {
    process.env.MOTCUA_CLOCK_OFFSET_MS = String(this.offsetMs);
    if (this.stateFile) {
      mkdirSync(dirname(this.stateFile), { recursive: true });
      writeFileSync(this.stateFile, JSON.stringify({ offsetMs: this.offsetMs }));
    }
  }
}
