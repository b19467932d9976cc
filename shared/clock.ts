/**
 * The application's clock. Everything that stamps or compares time asks this, never `new Date()`
 * directly, so that evaluation and tests can move time forward (a deadline tomorrow, a breach next
 * week) without waiting. `MOTCUA_CLOCK_OFFSET_MS` shifts it; unset (as on AWS) it is the system clock.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = {
  now: () => new Date(Date.now() + clockOffsetMs()),
};

function clockOffsetMs(): number {
  const raw = process.env.MOTCUA_CLOCK_OFFSET_MS;
  if (!raw) return 0;
  const offset = Number(raw);
  if (!Number.isFinite(offset)) throw new Error(`MOTCUA_CLOCK_OFFSET_MS must be a number of milliseconds, got "${raw}"`);
  return offset;
}
