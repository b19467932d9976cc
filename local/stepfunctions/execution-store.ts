import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
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
 * Task read its execution from disk on every attempt, and wrote it synchronously, which held up
 * the one thread that runs every handler. Writes now go through the thread pool, one at a time
 * per execution and always of its latest record (a slow write never lands over a newer one);
 * who needs a record on disk before going on awaits its save. Records are replaced whole, never
 * changed in place.
 */
export class ExecutionStore {
  private readonly saved = new Map<string, ExecutionRecord>();
  private readonly onDisk = new Map<string, ExecutionRecord>();
  private readonly writing = new Map<string, Promise<void>>();

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  /** Keeps the record, and resolves once it (or a newer one) is on disk. */
  save(record: ExecutionRecord): Promise<void> {
    this.saved.set(record.name, record);
    const write = (this.writing.get(record.name) ?? Promise.resolve()).catch(() => undefined).then(() => this.writeLatest(record.name));
    this.writing.set(record.name, write);
    const forget = () => {
      if (this.writing.get(record.name) === write) this.writing.delete(record.name);
    };
    write.then(forget, forget);
    return write;
  }

  /** Resolves once every record saved so far is on disk (rejects if one could not be written). */
  async flushed(): Promise<void> {
    await Promise.all([...this.writing.values()]);
  }

  get(name: string): ExecutionRecord | undefined {
    const known = this.saved.get(name);
    if (known) return known;
    const file = this.file(name);
    if (!existsSync(file)) return undefined;
    const record = JSON.parse(readFileSync(file, 'utf8')) as ExecutionRecord;
    this.saved.set(name, record);
    this.onDisk.set(name, record);
    return record;
  }

  all(): ExecutionRecord[] {
    const onDisk = readdirSync(this.dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(this.dir, f), 'utf8')) as ExecutionRecord);
    // A record saved but not yet written is newer than its file.
    const names = new Set(onDisk.map((r) => r.name));
    return [...onDisk.map((r) => this.saved.get(r.name) ?? r), ...[...this.saved.values()].filter((r) => !names.has(r.name))];
  }

  private async writeLatest(name: string): Promise<void> {
    const record = this.saved.get(name);
    if (!record || this.onDisk.get(name) === record) return;
    const file = this.file(name);
    await writeFile(`${file}.tmp`, JSON.stringify(record));
    await rename(`${file}.tmp`, file);
    this.onDisk.set(name, record);
  }

  private file(name: string): string {
    return join(this.dir, `${encodeURIComponent(name)}.json`);
  }
}
