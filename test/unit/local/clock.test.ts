import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalClock } from '../../../local/clock';

const HOUR = 3_600_000;
const START = new Date('2026-11-23T09:30:00Z'); // Monday 16:30 in Vietnam

let dir: string;
let stateFile: string;
let savedOffset: string | undefined;
const clocks: LocalClock[] = [];

const clock = () => {
  const c = new LocalClock(stateFile);
  clocks.push(c);
  return c;
};

beforeEach(() => {
  savedOffset = process.env.MOTCUA_CLOCK_OFFSET_MS;
  dir = mkdtempSync(join(tmpdir(), 'motcua-clock-'));
  stateFile = join(dir, 'state', 'clock.json');
  vi.useFakeTimers({ now: START, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
});

afterEach(() => {
  for (const c of clocks.splice(0)) c.cancelAll();
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
  if (savedOffset === undefined) delete process.env.MOTCUA_CLOCK_OFFSET_MS;
  else process.env.MOTCUA_CLOCK_OFFSET_MS = savedOffset;
});

describe('the local clock', () => {
  it('starts at real time when no offset was kept', () => {
    // Prepare, Act
    const c = clock();

    // Assess
    expect(c.now()).toEqual(START);
    expect(c.offset).toBe(0);
  });

  it('moves forward by what it is told, and says where it now stands', () => {
    // Prepare
    const c = clock();

    // Act
    const now = c.advance(24 * HOUR);

    // Assess
    expect(now).toEqual(new Date('2026-11-24T09:30:00Z'));
    expect(c.now()).toEqual(new Date('2026-11-24T09:30:00Z'));
  });

  it('fires a deadline the move has passed, and not one still ahead', () => {
    // Prepare
    const c = clock();
    const fired: string[] = [];
    c.at(new Date(START.getTime() + 23 * HOUR), () => fired.push('review due tomorrow'));
    c.at(new Date(START.getTime() + 72 * HOUR), () => fired.push('decision due in three days'));

    // Act
    c.advance(24 * HOUR);

    // Assess
    expect(fired).toEqual(['review due tomorrow']);
  });

  it('fires a timer set for a time already past at once', () => {
    // Prepare
    const c = clock();
    const fired: string[] = [];

    // Act
    c.at(new Date(START.getTime() - 1), () => fired.push('overdue'));

    // Assess
    expect(fired).toEqual(['overdue']);
  });

  it('fires a timer once only, however often the clock moves after', () => {
    // Prepare
    const c = clock();
    let count = 0;
    c.at(new Date(START.getTime() + HOUR), () => count++);

    // Act
    c.advance(2 * HOUR);
    c.advance(2 * HOUR);

    // Assess
    expect(count).toBe(1);
  });

  it('fires a timer when real time reaches it, without being moved', () => {
    // Prepare
    const c = clock();
    const fired: string[] = [];
    c.at(new Date(START.getTime() + 5_000), () => fired.push('due'));

    // Act
    vi.advanceTimersByTime(4_999);
    const early = [...fired];
    vi.advanceTimersByTime(1);

    // Assess
    expect(early).toEqual([]);
    expect(fired).toEqual(['due']);
  });

  it('does not fire a cancelled timer', () => {
    // Prepare
    const c = clock();
    const fired: string[] = [];
    const cancel = c.at(new Date(START.getTime() + HOUR), () => fired.push('cancelled'));

    // Act
    cancel();
    c.advance(2 * HOUR);

    // Assess
    expect(fired).toEqual([]);
  });

  it.each([
    ['backwards', -1],
    ['by an infinite amount', Number.POSITIVE_INFINITY],
    ['by no number at all', Number.NaN],
  ])('refuses to move %s, and stays where it was', (_story, ms) => {
    // Prepare
    const c = clock();
    c.advance(HOUR);

    // Act, Assess
    expect(() => c.advance(ms)).toThrow(RangeError);
    expect(c.offset).toBe(HOUR);
  });

  it('tells the handlers its offset through MOTCUA_CLOCK_OFFSET_MS', () => {
    // Prepare
    process.env.MOTCUA_CLOCK_OFFSET_MS = 'stale';
    const c = clock();
    const atStart = process.env.MOTCUA_CLOCK_OFFSET_MS;

    // Act
    c.advance(90 * 60_000);

    // Assess
    expect(atStart).toBe('0');
    expect(process.env.MOTCUA_CLOCK_OFFSET_MS).toBe('5400000');
  });

  it('keeps its offset across a restart, in its state file', () => {
    // Prepare
    clock().advance(48 * HOUR);

    // Act
    const restarted = clock();

    // Assess
    expect(existsSync(stateFile)).toBe(true);
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toEqual({ offsetMs: 48 * HOUR });
    expect(restarted.offset).toBe(48 * HOUR);
    expect(restarted.now()).toEqual(new Date('2026-11-25T09:30:00Z'));
  });

  it('without a state file, forgets its offset on restart', () => {
    // Prepare
    new LocalClock().advance(HOUR);

    // Act
    const restarted = new LocalClock();

    // Assess
    expect(restarted.offset).toBe(0);
  });
});
