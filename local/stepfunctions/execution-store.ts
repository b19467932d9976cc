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

/** Executions kept as JSON files under the local data folder (written whole, then renamed). */
export class ExecutionStore {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  save(record: ExecutionRecord): void {
    const file = this.file(record.name);
    writeFileSync(`${file}.tmp`, JSON.stringify(record, null, 2));
    renameSync(`${file}.tmp`, file);
  }

  get(name: string): ExecutionRecord | undefined {
    const file = this.file(name);
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ExecutionRecord) : undefined;
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
