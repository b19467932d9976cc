import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cpuPerMail, processCpuMs, sampleCpu } from '../../../bench/cpu-time';

describe("the bench's CPU accounting", () => {
  it("reads another process's CPU time from /proc, and grows with its work", () => {
    const child = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    expect(child.status).toBe(0);
    // The child has exited, so /proc no longer has it: the reading says so instead of inventing a figure.
    expect(processCpuMs(Number(child.stdout.trim()))).toBeUndefined();
    const before = processCpuMs(process.pid)!;
    // Spin until this process has itself counted 150 ms more of CPU (a condition, not a time: a busy machine only makes it longer).
    const start = process.cpuUsage();
    while (process.cpuUsage(start).user + process.cpuUsage(start).system < 150_000);
    const after = processCpuMs(process.pid)!;
    expect(before).toBeGreaterThan(0);
    // /proc counts in ticks of 10 ms: at least 150 ms less a tick at each end.
    expect(after - before).toBeGreaterThanOrEqual(130);
  });

  it('divides both processes over the mails and bounds the rate by the cores', () => {
    const per = cpuPerMail({ nodeMs: 1_000, dynamoDbLocalMs: 500 }, { nodeMs: 11_000, dynamoDbLocalMs: 5_500 }, 500);
    expect(per).toMatchObject({ nodeMs: 20, dynamoDbLocalMs: 10, totalMs: 30 });
    expect(per.cpuBoundMailsPerSecond).toBeCloseTo((per.cores * 1000) / 30, 1);
    // Without the JVM's figure (a shared DynamoDB Local) no bound is claimed.
    expect(cpuPerMail({ nodeMs: 0 }, { nodeMs: 100 }, 10)).toMatchObject({ nodeMs: 10, dynamoDbLocalMs: null, totalMs: null, cpuBoundMailsPerSecond: null });
    expect(sampleCpu(undefined).dynamoDbLocalMs).toBeUndefined();
  });
});
