import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { accessSync, constants, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientRequest } from 'node:http';
import nodemailer from 'nodemailer';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalStack } from '../local/local-stack';
import { localClientConfig } from '../local/services/aws-local';
import { readOutbox, type OutboxEmail } from '../local/services/ses-outbox';
import { CaseRepository } from '../shared/cases/repository';
import { samplePdf } from '../local/sample-pdf';
import { waitUntilAtRest } from '../local/at-rest';
import { IndexWriteCounter } from './index-writes';
import enforcementMachine from '../statemachines/enforcement-request.asl.json' with { type: 'json' };

/**
 * A fresh data folder for a bench stack, in memory (tmpfs, /dev/shm) where there is one, else in the
 * temporary folder; MOTCUA_BENCH_DATA_DIR names another parent. DynamoDB Local's SQLite syncs every
 * write to disk and takes writes one at a time, so on a shared virtual disk the sync, not the stack,
 * set the pace: 16 transactions a second on disk against 35 in memory, same JVM, same load (README,
 * "Tests and measurement"). The bench's data is thrown away at the end; the ceiling runs on the same
 * DynamoDB Local, so the ratio compares like with like.
 */
export function benchDataDir(prefix: string): string {
  return mkdtempSync(join(process.env.MOTCUA_BENCH_DATA_DIR ?? (isWritableDir('/dev/shm') ? '/dev/shm' : tmpdir()), prefix));
}

function isWritableDir(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The ports a bench stack listens on, from one base (the same layout as the tests' stacks). */
export function benchPorts(base: number) {
  return { smtp: base, ses: base + 1, api: base + 2, dynamodb: base + 3, s3: base + 4, sfn: base + 5 };
}

/**
 * Counts every AWS API call that leaves this process over HTTP, by service and operation: the
 * handlers run in this process, and every emulator listens on a port of the bench's layout.
 */
export class AwsCallCounter {
  readonly operations = new Map<string, number>();
  private readonly services: Record<number, string>;
  private readonly listener = (message: unknown) => {
    const request = (message as { request: ClientRequest }).request;
    const service = this.services[Number(String(request.getHeader('host') ?? '').split(':')[1])];
    if (!service) return;
    const target = String(request.getHeader('x-amz-target') ?? '').split('.').at(-1);
    // Lambda's Invoke is served beside Step Functions locally: its path names it.
    const operation = service === 'S3' ? `${request.method}` : service === 'SES' ? 'SendEmail' : target || (request.path.includes('/functions/') ? 'Lambda Invoke' : request.method);
    const key = operation === 'Lambda Invoke' ? 'Lambda Invoke' : `${service} ${operation}`;
    this.operations.set(key, (this.operations.get(key) ?? 0) + 1);
    if (service === 'DynamoDB' && WRITES.has(operation)) this.weighRequestBody(request, operation);
    else if (service === 'DynamoDB') this.readUnits += weighUnits(operation, {}).read;
    if (service === 'S3' && request.method === 'PUT') this.s3BytesPut += Number(request.getHeader('content-length') ?? 0);
  };
  /** Bytes written to S3 (what is then stored for the retention period). */
  s3BytesPut = 0;

  /** Write and read request units, estimated from the request bodies (see capacityOf). */
  writeUnits = 0;
  readUnits = 0;
  /** The write units by kind of item written (its `entity`, else its key's prefix): where a case's writes go. */
  readonly writeUnitsByItem = new Map<string, number>();
  /** What those writes cost again in the secondary indexes, by projection (bench/index-writes.ts). */
  readonly indexWrites = new IndexWriteCounter();

  /** The SDK sends a DynamoDB body whole through end(): read it there to weigh the items written. */
  private weighRequestBody(request: ClientRequest, operation: string): void {
    const end = request.end.bind(request) as (...args: unknown[]) => ClientRequest;
    (request as { end: (...args: unknown[]) => ClientRequest }).end = (...args: unknown[]) => {
      const body = args[0];
      if (typeof body === 'string' || Buffer.isBuffer(body)) {
        const request = JSON.parse(body.toString()) as Record<string, unknown>;
        const units = capacityOf(operation, request);
        this.writeUnits += units.write;
        this.readUnits += units.read;
        for (const [kind, write] of writesByItem(operation, request)) this.writeUnitsByItem.set(kind, (this.writeUnitsByItem.get(kind) ?? 0) + write);
        this.indexWrites.observe(operation, request);
      }
      return end(...args);
    };
  }

  constructor(base: number) {
    const p = benchPorts(base);
    this.services = { [p.dynamodb]: 'DynamoDB', [p.s3]: 'S3', [p.ses]: 'SES', [p.sfn]: 'StepFunctions' };
  }

  start(): this {
    // 'created' comes before the body is written (as 'start' does not), so that end() can be watched.
    subscribe('http.client.request.created', this.listener);
    return this;
  }

  stop(): Map<string, number> {
    unsubscribe('http.client.request.created', this.listener);
    return this.operations;
  }

  get(key: string): number {
    return this.operations.get(key) ?? 0;
  }

  sum(pattern: RegExp): number {
    return [...this.operations].filter(([k]) => pattern.test(k)).reduce((s, [, n]) => s + n, 0);
  }
}

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems', 'BatchWriteItem', 'TransactGetItems', 'BatchGetItem']);
const kb = (value: unknown, unit: number) => Math.max(1, Math.ceil(Buffer.byteLength(JSON.stringify(value ?? {})) / unit));

/**
 * The request units a DynamoDB call consumes on-demand, from its request: a write is one unit per
 * KB of the item (its size estimated by its DynamoDB JSON, a little over the billed size), doubled
 * in a transaction; an update or a delete is weighed by its key and values (the stored item is not
 * in the request, so it is a floor). A strongly consistent read is one unit per 4 KB item: a
 * GetItem counts one, a Query one per call (a floor: its items are in the answer, not the request).
 */
export function capacityOf(operation: string, body: Record<string, unknown>): { write: number; read: number } {
  return weighUnits(operation, body);
}

const weighWrite = (w: Record<string, Record<string, unknown>>) => {
  const [kind, request] = Object.entries(w)[0] ?? ['', {}];
  return kind === 'Put' || kind === 'PutRequest' ? kb(request.Item, 1024) : kb({ key: request.Key, values: request.ExpressionAttributeValues }, 1024);
};

/** The kind of item a write touches (DynamoDB JSON): its `entity` attribute, else the prefix of its keys (`CASE#…`/`EVT#…` → `CASE/EVT`). */
function itemKind(w: Record<string, Record<string, unknown>>): string {
  const [, request] = Object.entries(w)[0] ?? ['', {}];
  const item = (request.Item ?? request.Key ?? {}) as Record<string, { S?: string }>;
  const entity = (request.Item as Record<string, { S?: string }> | undefined)?.entity?.S;
  return entity ?? `${item.PK?.S?.split('#')[0]}/${item.SK?.S?.split('#')[0]}`;
}

/** The write units of a request by kind of item, weighed as capacityOf weighs them. */
function writesByItem(operation: string, body: Record<string, unknown>): Array<[string, number]> {
  switch (operation) {
    case 'PutItem':
      return [[itemKind({ Put: body }), kb(body.Item, 1024)]];
    case 'UpdateItem':
    case 'DeleteItem':
      return [[itemKind({ Update: body }), weighWrite({ Update: body })]];
    case 'TransactWriteItems':
      return (body.TransactItems as Array<Record<string, Record<string, unknown>>>).map((item) => [`${itemKind(item)} (in a transaction)`, 2 * weighWrite(item)]);
    case 'BatchWriteItem':
      return Object.values(body.RequestItems as Record<string, Array<Record<string, Record<string, unknown>>>>).flat().map((item) => [itemKind(item), weighWrite(item)]);
    default:
      return [];
  }
}

function weighUnits(operation: string, body: Record<string, unknown>): { write: number; read: number } {
  switch (operation) {
    case 'PutItem':
      return { write: kb(body.Item, 1024), read: 0 };
    case 'UpdateItem':
    case 'DeleteItem':
      return { write: weighWrite({ Update: body }), read: 0 };
    case 'TransactWriteItems':
      return { write: (body.TransactItems as Array<Record<string, Record<string, unknown>>>).reduce((s, item) => s + 2 * weighWrite(item), 0), read: 0 };
    case 'BatchWriteItem':
      return { write: Object.values(body.RequestItems as Record<string, Array<Record<string, Record<string, unknown>>>>).flat().reduce((s, item) => s + weighWrite(item), 0), read: 0 };
    case 'TransactGetItems':
      return { write: 0, read: 2 * (body.TransactItems as unknown[]).length };
    case 'BatchGetItem':
      return { write: 0, read: Object.values(body.RequestItems as Record<string, { Keys: unknown[] }>).reduce((s, r) => s + r.Keys.length, 0) };
    case 'GetItem':
    case 'Query':
      return { write: 0, read: 1 };
    default:
      return { write: 0, read: 0 };
  }
}

/**
 * Follows the SES outbox as it fills, reading only what arrived since the last look (the whole
 * store, re-serialised on every poll, cost the stack more CPU than several of its own steps).
 * Each sent message is seen once, by its SES message id, with when it was first seen.
 */
export class OutboxWatcher {
  private readonly seen = new Set<string>();
  private since = 0;
  constructor(private readonly url: string) {}

  /** The messages sent since the last call. */
  async poll(): Promise<OutboxEmail[]> {
    const { emails } = await readOutbox(this.url, this.since);
    const fresh = emails.filter((e) => !this.seen.has(e.messageId));
    for (const e of fresh) {
      this.seen.add(e.messageId);
      // `at` has a resolution of a second: look again from the last second seen (the ids keep it to once each).
      this.since = Math.max(this.since, e.at);
    }
    return fresh;
  }
}

/** The acknowledgement to the requester (the desk is told of each new case too, under the same tag). */
export function acknowledgedCaseId(email: Pick<OutboxEmail, 'subject'>): string | undefined {
  if (!email.subject.startsWith('Xác nhận đã nhận')) return undefined;
  return /\[([A-Z0-9]+-\d{4}-\d{6})\]/.exec(email.subject)?.[1];
}

/**
 * How long a burst may go without a new acknowledgement before it is given up: longer than the longest a case
 * can take to reach its acknowledgement with nothing wrong, its first Task (the reading of its attachments,
 * which times out into the receipt) included. When the reading falls behind a burst, no acknowledgement comes
 * until the waiting Tasks time out, and giving up before then would count those requests as lost.
 */
const DEFAULT_STALL_MS = (readingTimeoutSeconds() + 60) * 1000;

function readingTimeoutSeconds(): number {
  const machine = enforcementMachine as { StartAt: string; States: Record<string, { TimeoutSeconds?: number }> };
  return machine.States[machine.StartAt]?.TimeoutSeconds ?? 60;
}

export interface BurstOptions {
  count: number;
  /** SMTP connections the sender keeps open (pipelined messages on each). */
  connections: number;
  /** Office addresses, used in turn. */
  offices: string[];
  /** Gives up when no new acknowledgement arrives for this long. */
  stallMs?: number;
  /** How often the outbox is read: the latency figures are exact to this. */
  pollMs?: number;
  /** Called after each message the SMTP server accepts, with how many it has accepted so far (the faulted bench injects its rounds here). */
  onAccepted?: (acceptedSoFar: number) => void;
  log?: (line: string) => void;
}

export interface BurstResult {
  requests: number;
  smtpAccepted: number;
  smtpFailed: number;
  smtpSeconds: number;
  /** From the first message sent to the last acknowledgement seen. */
  totalSeconds: number;
  casesOpened: number;
  /** Accepted messages that opened no case or got no acknowledgement. */
  lost: number;
  /** Accepted messages that opened more than one case (counted as messages minus cases). */
  duplicatedCases: number;
  /** Cases acknowledged more than once. */
  duplicatedAcknowledgements: number;
  /** Accept (SMTP 250) → acknowledgement in the outbox, per message, sorted. */
  latenciesMs: number[];
  /** The cases the burst opened. */
  caseIds: string[];
}

/**
 * The burst: `count` requests for enforcement, each with a PDF judgment, sent at once over SMTP to
 * the stack; waits until every accepted message has its acknowledgement (or nothing moves for
 * `stallMs`) and matches each message to its case through the case store. Exported for the other
 * benchmarks that drive a burst (a faulted one, the national one).
 */
export async function runBurst(stack: LocalStack, options: BurstOptions): Promise<BurstResult> {
  const { count, connections, offices, stallMs = DEFAULT_STALL_MS, pollMs = 100 } = options;
  const smtpPort = Number(new URL(stack.urls.smtp).port);
  const cases = new CaseRepository(
    DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(stack.urls.dynamodb)), { marshallOptions: { removeUndefinedValues: true } }),
    stack.names.table,
  );
  const judgment = samplePdf('Ban an so 12/2026/DS-ST');
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true, pool: true, maxConnections: connections, maxMessages: Infinity });
  const outbox = new OutboxWatcher(stack.urls.sesOutbox);
  await outbox.poll(); // what was sent before the burst is not the burst's

  const accepted = new Map<string, number>(); // Message-ID → when the SMTP server accepted it (250)
  const runId = Date.now().toString(36);
  const burstStart = performance.now();
  let failedSends = 0;
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const messageId = `<bench-${runId}-${i}@example.com>`;
      try {
        await transport.sendMail({
          messageId,
          from: { name: `Người yêu cầu số ${i}`, address: `nguoi.yeu.cau.${i}@example.com` },
          to: offices[i % offices.length],
          subject: `Đơn yêu cầu thi hành án số ${i}`,
          text: `Kính gửi cơ quan thi hành án dân sự,\nTôi yêu cầu thi hành bản án số ${i}/2026/DS-ST.`,
          attachments: [{ filename: `Bản án số ${i}.pdf`, content: judgment, contentType: 'application/pdf' }],
        });
        accepted.set(messageId, Date.now());
        options.onAccepted?.(accepted.size);
      } catch (error) {
        failedSends++;
        options.log?.(`send ${i} failed: ${(error as Error).message}`);
      }
    }),
  );
  const smtpSeconds = (performance.now() - burstStart) / 1000;
  transport.close();

  const firstSeen = new Map<string, number>(); // case id → when its acknowledgement was first seen
  const ackCount = new Map<string, number>();
  let lastProgress = Date.now();
  let lastAckAt = performance.now();
  while (firstSeen.size < accepted.size && Date.now() - lastProgress < stallMs) {
    const now = Date.now();
    for (const email of await outbox.poll()) {
      const caseId = acknowledgedCaseId(email);
      if (!caseId) continue;
      ackCount.set(caseId, (ackCount.get(caseId) ?? 0) + 1);
      if (!firstSeen.has(caseId)) {
        firstSeen.set(caseId, now);
        lastProgress = now;
        lastAckAt = performance.now();
      }
    }
    if (firstSeen.size < accepted.size) await new Promise((r) => setTimeout(r, pollMs));
  }
  const totalSeconds = (lastAckAt - burstStart) / 1000;

  const latenciesMs: number[] = [];
  let lost = 0;
  const casesOpened = new Set<string>();
  for (const [messageId, acceptedAt] of accepted) {
    const record = await cases.getMessage(messageId);
    const seen = record?.caseId ? firstSeen.get(record.caseId) : undefined;
    if (!record?.caseId || seen === undefined) {
      lost++;
      continue;
    }
    casesOpened.add(record.caseId);
    latenciesMs.push(seen - acceptedAt);
  }
  latenciesMs.sort((a, b) => a - b);
  return {
    requests: count,
    smtpAccepted: accepted.size,
    smtpFailed: failedSends,
    smtpSeconds,
    totalSeconds,
    casesOpened: casesOpened.size,
    lost,
    duplicatedCases: accepted.size - lost - casesOpened.size,
    duplicatedAcknowledgements: [...ackCount.values()].filter((n) => n > 1).length,
    latenciesMs,
    caseIds: [...casesOpened],
  };
}

/** The p-th percentile of sorted values (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Waits until the stack has taken every message in and come to rest (local/at-rest.ts): after a burst that can take minutes (the national one: `timeoutMs` grows with it). */
export async function settle(stack: LocalStack, timeoutMs = 600_000): Promise<void> {
  await waitUntilAtRest(stack, timeoutMs, 200);
}
