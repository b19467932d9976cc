import { randomUUID } from 'node:crypto';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { caseKey } from '../shared/cases/keys';
import type { LambdaHandler } from './lambda/in-process-function';

/** A failure to inject: which function, which request (its `action` or `notice`), how often, as which error. */
export interface FaultRule {
  function: string;
  /** The request's `action` (workflow), `notice` (notify) or an EventBridge event's `detail-type`; any request when absent. */
  request?: string;
  /** How many invocations fail; then the function works again. */
  times: number;
  error?: { name: string; message?: string };
  /**
   * The invocation dies part-way through an SQS batch, as a process killed between records does:
   * the handler does the first `killedAfterRecords` records, then the invocation fails before it
   * answers, so the queue delivers the whole batch again. Matches only a batch with more records.
   */
  killedAfterRecords?: number;
}

/**
 * Failures injected into the functions, for tests and evaluation only: the handlers never know.
 * A matching invocation throws before the handler runs, as a function that crashed would.
 */
export class LocalFaults {
  private rules: Array<FaultRule & { left: number }> = [];
  /** Invocations failed so far, by `<function>:<request>`. */
  readonly injected = new Map<string, number>();
  /** Every invocation so far, failed or not, by `<function>:<request>` (how often a step ran, retries included). */
  readonly invoked = new Map<string, number>();

  inject(rule: FaultRule): void {
    this.rules.push({ ...rule, left: rule.times });
  }

  clear(): void {
    this.rules = [];
  }

  /** The handler with the faults in front of it. */
  wrap(functionName: string, handler: LambdaHandler): LambdaHandler {
    return async (event, context) => {
      const request = requestOf(event);
      const records = recordsOf(event);
      const invocation = `${functionName}:${request ?? ''}`;
      this.invoked.set(invocation, (this.invoked.get(invocation) ?? 0) + 1);
      const rule = this.rules.find(
        (r) =>
          r.left > 0 &&
          r.function === functionName &&
          (r.request === undefined || r.request === request) &&
          (r.killedAfterRecords === undefined || (records?.length ?? 0) > r.killedAfterRecords),
      );
      if (rule) {
        rule.left--;
        const key = `${functionName}:${request ?? ''}`;
        this.injected.set(key, (this.injected.get(key) ?? 0) + 1);
        if (rule.killedAfterRecords !== undefined) await handler({ ...(event as object), Records: records!.slice(0, rule.killedAfterRecords) }, context);
        const error = new Error(rule.error?.message ?? `injected failure of ${key}`);
        error.name = rule.error?.name ?? 'InjectedFault';
        throw error;
      }
      return handler(event, context);
    };
  }
}

function requestOf(event: unknown): string | undefined {
  const e = event as { action?: unknown; notice?: unknown } | null;
  if (typeof e?.action === 'string') return e.action;
  if (typeof e?.notice === 'string') return e.notice;
  // An EventBridge event (the end of an execution, delivered to notify): its detail-type.
  const detailType = (event as { 'detail-type'?: unknown } | null)?.['detail-type'];
  return typeof detailType === 'string' ? detailType : undefined;
}

function recordsOf(event: unknown): unknown[] | undefined {
  const records = (event as { Records?: unknown } | null)?.Records;
  return Array.isArray(records) ? records : undefined;
}

/** A DynamoDB error to inject into the functions' case writes, as DynamoDB answers it. */
export interface DynamoDbFaultRule {
  /**
   * What cancels the transaction that writes the case: another transaction on the case at the same
   * moment (`TransactionConflict`), or the case having moved since it was read (its condition failed).
   * A write that opens a case is never given `ConditionalCheckFailed`: DynamoDB answers that only
   * when the case exists already, and the repository rightly reads it so.
   */
  reason: 'TransactionConflict' | 'ConditionalCheckFailed';
  /** Only a case write that appends a timeline event of this type; any case write when absent. */
  writesEvent?: string;
  /** How many such writes fail; then DynamoDB answers again. */
  times: number;
}

type AttributeValue = { S?: string };
type TransactItem = { Put?: { Item?: Record<string, AttributeValue> } };

/**
 * Errors injected between the functions and DynamoDB Local, for tests and evaluation only: a proxy
 * on the DynamoDB protocol that answers a matching TransactWriteItems with the
 * TransactionCanceledException DynamoDB would send, and passes every other request through.
 * The repository and the workflow see the real error over the real protocol.
 */
export class DynamoDbFaults {
  private rules: Array<DynamoDbFaultRule & { left: number }> = [];
  /** Case writes cancelled so far, by `<reason>:<event type or "case">`. */
  readonly injected = new Map<string, number>();

  inject(rule: DynamoDbFaultRule): void {
    this.rules.push({ ...rule, left: rule.times });
  }

  clear(): void {
    this.rules = [];
  }

  /** Serves the proxy in front of `target` on a free port of `host`; resolves with its URL and how to stop it. */
  async serve(target: string, host: string): Promise<{ url: string; stop: () => Promise<void> }> {
    const upstream = new URL(target);
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const cancelled = this.cancellation(String(req.headers['x-amz-target'] ?? ''), body);
        if (cancelled) {
          res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID() });
          res.end(JSON.stringify(cancelled));
          return;
        }
        const forward = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        forward.on('error', () => res.destroy()); // DynamoDB Local went away: the client sees a reset connection, as it would
        forward.end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://${host}:${port}`,
      stop: async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
      },
    };
  }

  /** The error body for a request a rule cancels (and counts), or undefined to pass it through. */
  private cancellation(target: string, body: Buffer): object | undefined {
    if (target !== 'DynamoDB_20120810.TransactWriteItems' || !this.rules.some((r) => r.left > 0)) return undefined;
    const items = ((JSON.parse(body.toString('utf8')) as { TransactItems?: TransactItem[] }).TransactItems ?? []).map((i) => i.Put?.Item);
    const caseIndex = items.findIndex((item) => item?.SK?.S === caseKey('').SK && (item.entity === undefined || item.entity.S === 'case'));
    if (caseIndex < 0) return undefined;
    const events = items.filter((item) => item?.entity?.S === 'event');
    const eventTypes = events.map((item) => item?.type?.S);
    const opensCase = events.some((item) => (item as { seq?: { N?: string } }).seq?.N === '1');
    const rule = this.rules.find(
      (r) => r.left > 0 && (r.writesEvent === undefined || eventTypes.includes(r.writesEvent)) && !(opensCase && r.reason === 'ConditionalCheckFailed'),
    );
    if (!rule) return undefined;
    rule.left--;
    const key = `${rule.reason}:${rule.writesEvent ?? 'case'}`;
    this.injected.set(key, (this.injected.get(key) ?? 0) + 1);
    const reasons = items.map((_, i) => (i === caseIndex ? { Code: rule.reason, Message: rule.reason === 'TransactionConflict' ? 'Transaction is ongoing for the item' : 'The conditional request failed' } : { Code: 'None' }));
    return {
      __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
      Message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
      CancellationReasons: reasons,
    };
  }
}
