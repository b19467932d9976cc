import { randomUUID, createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

export interface QueuedMessage {
  messageId: string;
  body: string;
  sentAt: number;
  receiveCount: number;
  /** Why the last delivery failed, as far as the queue can tell (SQS cannot: its dead letters carry no reason). */
  lastError?: string;
}

export interface LocalQueueOptions {
  dir: string;
  name: string;
  region: string;
  consume: (event: SQSEvent) => Promise<SQSBatchResponse | void>;
  /** Messages per delivery, as the SQS event source's BatchSize (infra/capacity.ts). */
  batchSize: number;
  /** Batches delivered at once, as Lambda's SQS pollers run several concurrent invocations. */
  concurrency?: number;
  maxReceiveCount?: number;
  /** First redelivery delay; it doubles with each receive (the visibility timeout, shortened). */
  retryDelayMs?: number;
  onDeadLetter?: (message: QueuedMessage, reason: string) => void;
}

/**
 * The SQS queue between the inbound bucket and intake, on one machine: messages are kept as files
 * until consumed, so a restart loses none; a message that fails maxReceiveCount times moves to a
 * dead-letter folder, loudly. Consumers report partial batch failures as with SQS.
 */
export class LocalQueue {
  private readonly ready: QueuedMessage[] = [];
  private readonly pendingDir: string;
  private readonly deadDir: string;
  private active = 0;
  private stopped = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private idleWaiters: Array<() => void> = [];
  private delayed = 0;

  constructor(private readonly options: LocalQueueOptions) {
    this.pendingDir = join(options.dir, options.name, 'pending');
    this.deadDir = join(options.dir, options.name, 'dead-letter');
    mkdirSync(this.pendingDir, { recursive: true });
    mkdirSync(this.deadDir, { recursive: true });
  }

  /** Messages left from a previous run go first. */
  recover(): number {
    const files = readdirSync(this.pendingDir).filter((f) => f.endsWith('.json'));
    for (const f of files) this.ready.push(JSON.parse(readFileSync(join(this.pendingDir, f), 'utf8')) as QueuedMessage);
    this.ready.sort((a, b) => a.sentAt - b.sentAt);
    this.drain();
    return files.length;
  }

  send(body: string): string {
    const message: QueuedMessage = { messageId: randomUUID(), body, sentAt: Date.now(), receiveCount: 0 };
    this.persist(message);
    this.ready.push(message);
    this.drain();
    return message.messageId;
  }

  deadLetters(): QueuedMessage[] {
    return readdirSync(this.deadDir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(this.deadDir, f), 'utf8')) as QueuedMessage);
  }

  /** Puts dead letters (these ids, or all) back on the queue with a fresh receive count, as SQS's redrive does; returns how many. */
  redrive(ids?: string[]): number {
    const wanted = ids && new Set(ids);
    let moved = 0;
    for (const f of readdirSync(this.deadDir).filter((name) => name.endsWith('.json'))) {
      const message = JSON.parse(readFileSync(join(this.deadDir, f), 'utf8')) as QueuedMessage;
      if (wanted && !wanted.has(message.messageId)) continue;
      const revived: QueuedMessage = { messageId: message.messageId, body: message.body, sentAt: message.sentAt, receiveCount: 0 };
      this.persist(revived);
      rmSync(join(this.deadDir, f));
      this.ready.push(revived);
      moved++;
    }
    this.drain();
    return moved;
  }

  /** Resolves when nothing is queued, in flight or waiting to be retried. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.retryTimers) clearTimeout(t);
    await Promise.allSettled([...this.inFlight]);
  }

  /** Nothing queued, in flight or waiting to be retried, now. */
  isIdle(): boolean {
    return this.ready.length === 0 && this.active === 0 && this.delayed === 0;
  }

  private drain(): void {
    while (!this.stopped && this.ready.length && this.active < (this.options.concurrency ?? 4)) {
      const batch = this.ready.splice(0, this.options.batchSize);
      this.active++;
      const delivery: Promise<void> = this.deliver(batch).finally(() => {
        this.active--;
        this.inFlight.delete(delivery);
        this.drain();
        if (this.isIdle()) for (const wake of this.idleWaiters.splice(0)) wake();
      });
      this.inFlight.add(delivery);
    }
  }

  private async deliver(batch: QueuedMessage[]): Promise<void> {
    for (const m of batch) m.receiveCount++;
    let failed: Set<string>;
    try {
      const response = await this.options.consume({ Records: batch.map((m) => this.toRecord(m)) });
      failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch (error) {
      failed = new Set(batch.map((m) => m.messageId)); // a thrown error fails the whole batch, as with SQS
      for (const m of batch) m.lastError = `${(error as Error).name}: ${(error as Error).message}`;
    }
    for (const m of batch) if (failed.has(m.messageId) && !m.lastError) m.lastError = 'intake reported this record failed (see its log)';
    for (const message of batch) {
      if (!failed.has(message.messageId)) rmSync(this.file(this.pendingDir, message), { force: true });
      else this.retryOrBury(message);
    }
  }

  private retryOrBury(message: QueuedMessage): void {
    if (message.receiveCount >= (this.options.maxReceiveCount ?? 5)) {
      // Written with its last error, then the pending copy removed: a crash between leaves it in both, never in neither.
      const dead = this.file(this.deadDir, message);
      writeFileSync(`${dead}.tmp`, JSON.stringify(message));
      renameSync(`${dead}.tmp`, dead);
      rmSync(this.file(this.pendingDir, message), { force: true });
      this.options.onDeadLetter?.(message, `failed ${message.receiveCount} times`);
      return;
    }
    this.persist(message);
    this.delayed++;
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      this.delayed--;
      this.ready.push(message);
      this.drain();
    }, (this.options.retryDelayMs ?? 500) * 2 ** (message.receiveCount - 1));
    this.retryTimers.add(timer);
  }

  private toRecord(m: QueuedMessage): SQSRecord {
    return {
      messageId: m.messageId,
      receiptHandle: `${m.messageId}#${m.receiveCount}`,
      body: m.body,
      attributes: {
        ApproximateReceiveCount: String(m.receiveCount),
        SentTimestamp: String(m.sentAt),
        SenderId: 'AIDALOCAL',
        ApproximateFirstReceiveTimestamp: String(m.sentAt),
      },
      messageAttributes: {},
      md5OfBody: createHash('md5').update(m.body).digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:${this.options.region}:000000000000:${this.options.name}`,
      awsRegion: this.options.region,
    };
  }

  private persist(message: QueuedMessage): void {
    const file = this.file(this.pendingDir, message);
    writeFileSync(`${file}.tmp`, JSON.stringify(message));
    renameSync(`${file}.tmp`, file);
  }

  private file(dir: string, message: QueuedMessage): string {
    return join(dir, `${message.sentAt}-${message.messageId}.json`);
  }
}
