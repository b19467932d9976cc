import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** What Step Functions would remember of an execution, and where to pick it up after a restart. */
export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  input: string;
  status: ExecutionStatus;
  startDate: string;
  stopDate?: string;
  output?: string;
  error?: string;
  cause?: string;
  /** The Task the execution is in: its raw input and, once armed, when its timeout fires. */
  current?: { stateName: string; stateInput: unknown; timeoutAt?: string };
  /** The Task before the current one (what GetExecutionHistory reports after a failure was reported). */
  previous?: { stateName: string; stateInput: unknown };
}

/**
 * Executions kept as JSON files under the local data folder (written whole, then renamed). The
 * engine is their only writer, so what it saved is also kept in memory and read from there: a
 * Task reads its execution on every attempt, and reading the file each time blocked the one
 * thread that runs every handler. Records are replaced whole, never changed in place.
 */
export class ExecutionStore {
  private readonly saved = new Map<string, ExecutionRecord>();

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  save(record: ExecutionRecord): void {
    const file = this.file(record.name);
    writeFileSync(`${file}.tmp`, JSON.stringify(record));
    renameSync(`${file}.tmp`, file);
    this.saved.set(record.name, record);
  }

  get(name: string): ExecutionRecord | undefined {
    const known = this.saved.get(name);
    if (known) return known;
    const file = this.file(name);
    if (!existsSync(file)) return undefined;
    const record = JSON.parse(readFileSync(file, 'utf8')) as ExecutionRecord;
    this.saved.set(name, record);
    return record;
  }

  all(): ExecutionRecord[] {
    return readdirSync(this.dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(this.dir, f), 'utf8')) as ExecutionRecord);
  }

  private file(name: string): string {
    return join(this.dir, `${encodeURIComponent(name)}.json`);
  }
}
