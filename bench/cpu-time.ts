import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/**
 * CPU time spent during a run, by the bench's own process (every handler, the engine, the SMTP, S3 and SES
 * stand-ins, and the load generator: one Node.js process and its worker threads) and by DynamoDB Local's JVM.
 * On a machine of N cores, N seconds of CPU a second is all there is: the sum over both, per mail, bounds
 * what any scheduling of the same work could reach here, which a timing alone cannot tell from a stall.
 */
export interface CpuSample {
  nodeMs: number;
  /** Undefined when the JVM is not the stack's own (tests share one) or /proc cannot be read. */
  dynamoDbLocalMs?: number;
}

/** Linux's clock ticks a second for /proc/<pid>/stat (USER_HZ); 100 on every architecture Linux ships. */
const USER_HZ = 100;

/** utime + stime of a process, from /proc (fields 14 and 15, counted after the command's closing parenthesis). */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): utime is field 14, stime field 15.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  } catch {
    return undefined;
  }
}

export function sampleCpu(dynamoDbPid: number | undefined): CpuSample {
  const { user, system } = process.cpuUsage();
  const jvm = dynamoDbPid === undefined ? undefined : processCpuMs(dynamoDbPid);
  return { nodeMs: (user + system) / 1000, ...(jvm === undefined ? {} : { dynamoDbLocalMs: jvm }) };
}

export interface CpuPerMail {
  nodeMs: number;
  dynamoDbLocalMs: number | null;
  totalMs: number | null;
  cores: number;
  /** cores × 1,000 / total ms a mail: what this machine could carry were every core busy with this work alone. */
  cpuBoundMailsPerSecond: number | null;
}

export function cpuPerMail(before: CpuSample, after: CpuSample, mails: number): CpuPerMail {
  const per = (ms: number) => +(ms / Math.max(1, mails)).toFixed(1);
  const nodeMs = per(after.nodeMs - before.nodeMs);
  const jvm = before.dynamoDbLocalMs !== undefined && after.dynamoDbLocalMs !== undefined ? per(after.dynamoDbLocalMs - before.dynamoDbLocalMs) : null;
  const totalMs = jvm === null ? null : +(nodeMs + jvm).toFixed(1);
  const cores = availableParallelism();
  return { nodeMs, dynamoDbLocalMs: jvm, totalMs, cores, cpuBoundMailsPerSecond: totalMs ? +((cores * 1000) / totalMs).toFixed(1) : null };
}
