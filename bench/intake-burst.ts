import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import nodemailer from 'nodemailer';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startLocalStack, LOCAL_NAMES } from '../local/local-stack';
import { localClientConfig } from '../local/services/aws-local';
import { readOutbox } from '../local/services/ses-outbox';
import { CaseRepository } from '../shared/cases/repository';
import { samplePdf } from '../local/sample-pdf';
import { AWS_PRICES } from './aws-prices';

/**
 * `npm run bench`: a burst of e-mailed requests through SMTP into the whole local stack.
 * Reports throughput, time from SMTP accept to the acknowledgement in the SES outbox (p50/p99),
 * lost and duplicated messages (both must be 0), and the AWS operations each request costs.
 */
const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '500' },
    connections: { type: 'string', default: '8' },
    unloaded: { type: 'string', default: '20' },
    'port-base': { type: 'string', default: '19900' },
  },
});
const COUNT = Number(values.count);
const UNLOADED = Number(values.unloaded);
const CONNECTIONS = Number(values.connections);
const BASE = Number(values['port-base']);
if (!Number.isInteger(COUNT) || COUNT < 1) throw new Error('--count must be a positive integer');

// Every AWS API call the handlers make leaves this process over HTTP: count them by service and operation.
const operations = new Map<string, number>();
let countingFrom = Infinity;
subscribe('http.client.request.start', (message) => {
  if (Date.now() < countingFrom) return;
  const request = (message as { request: ClientRequest }).request;
  const port = Number(String(request.getHeader('host') ?? '').split(':')[1]);
  const service = { [BASE + 3]: 'DynamoDB', [BASE + 4]: 'S3', [BASE + 1]: 'SES', [BASE + 5]: 'StepFunctions' }[port];
  if (!service) return;
  const target = String(request.getHeader('x-amz-target') ?? '').split('.').at(-1);
  const operation = service === 'S3' ? `${request.method}` : service === 'SES' ? 'SendEmail' : target || request.method;
  const key = `${service} ${operation}`;
  operations.set(key, (operations.get(key) ?? 0) + 1);
});

const dataDir = mkdtempSync(join(tmpdir(), 'motcua-bench-'));
const ports = { smtp: BASE, ses: BASE + 1, api: BASE + 2, dynamodb: BASE + 3, s3: BASE + 4, sfn: BASE + 5 };
console.log(`starting the local stack (data in ${dataDir}) ...`);
const stack = await startLocalStack({ host: '127.0.0.1', ports, dataDir, logLevel: 'ERROR', log: (l) => console.log(`[stack] ${l}`) });
const cases = new CaseRepository(
  DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(stack.urls.dynamodb)), { marshallOptions: { removeUndefinedValues: true } }),
  LOCAL_NAMES.table,
);
const offices = ['motcua@hcm.thads.example', 'kv1@hcm.thads.example', 'kv2@hcm.thads.example'];
const judgment = samplePdf('Ban an so 12/2026/DS-ST');
const transport = nodemailer.createTransport({ host: '127.0.0.1', port: ports.smtp, secure: false, ignoreTLS: true, pool: true, maxConnections: CONNECTIONS, maxMessages: Infinity });

const accepted = new Map<string, number>(); // Message-ID → when the SMTP server accepted it (250)
const runId = Date.now().toString(36);
countingFrom = Date.now();
const burstStart = performance.now();
const startedAt = Date.now();
let failedSends = 0;
await Promise.all(
  Array.from({ length: COUNT }, async (_, i) => {
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
    } catch (error) {
      failedSends++;
      console.error(`send ${i} failed: ${(error as Error).message}`);
    }
  }),
);
const smtpSeconds = (performance.now() - burstStart) / 1000;
transport.close();

// Wait until every accepted message has its acknowledgement in the outbox (or nothing moves for 60 s).
const firstSeen = new Map<string, number>(); // case id → when its acknowledgement was first seen in the outbox
const ackCount = new Map<string, number>();
let lastProgress = Date.now();
while (firstSeen.size < accepted.size && Date.now() - lastProgress < 60_000) {
  const emails = (await readOutbox(stack.urls.sesOutbox)).emails;
  const now = Date.now();
  ackCount.clear();
  for (const email of emails) {
    // the acknowledgement to the requester (the desk is told of each new case too, under the same tag)
    if (!email.subject.startsWith('Xác nhận đã nhận')) continue;
    const caseId = /\[([A-Z0-9]+-\d{4}-\d{6})\]/.exec(email.subject)?.[1];
    if (!caseId) continue;
    ackCount.set(caseId, (ackCount.get(caseId) ?? 0) + 1);
    if (!firstSeen.has(caseId)) {
      firstSeen.set(caseId, now);
      lastProgress = now;
    }
  }
  await new Promise((r) => setTimeout(r, 50));
}
const totalSeconds = (performance.now() - burstStart) / 1000;
await stack.idle();
// the last executions still step into their wait after the acknowledgement: let them settle
for (let last = -1; last !== stack.engine.transitions; ) {
  last = stack.engine.transitions;
  await new Promise((r) => setTimeout(r, 500));
}
countingFrom = Infinity;
const transitions = stack.engine.transitions;
const invocations = Object.fromEntries(stack.functions.all().map((f) => [f.name, f.invocations]));

// Match each message to its case, and measure accept → acknowledgement.
const latencies: number[] = [];
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
  latencies.push(seen - acceptedAt);
}
const duplicatedAcks = [...ackCount.values()].filter((n) => n > 1).length;

// Unloaded: one request at a time, each waiting for its acknowledgement, to separate queueing from the path itself.
const single = nodemailer.createTransport({ host: '127.0.0.1', port: ports.smtp, secure: false, ignoreTLS: true });
const unloaded: number[] = [];
for (let i = 0; i < UNLOADED; i++) {
  const acknowledged = async () => (await readOutbox(stack.urls.sesOutbox)).emails.filter((e) => e.subject.startsWith('Xác nhận đã nhận')).length;
  const before = await acknowledged();
  await single.sendMail({ from: 'mot.nguoi@example.com', to: offices[i % offices.length], subject: `Đơn yêu cầu ${runId}-${i}`, text: 'Một yêu cầu.' });
  const acceptedAt = Date.now();
  while ((await acknowledged()) === before) {
    if (Date.now() - acceptedAt > 30_000) throw new Error('an unloaded request got no acknowledgement in 30 s');
    await new Promise((r) => setTimeout(r, 10));
  }
  unloaded.push(Date.now() - acceptedAt);
}
single.close();
unloaded.sort((a, b) => a - b);
const duplicatedCases = accepted.size - lost - casesOpened.size;
latencies.sort((a, b) => a - b);
const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;

const perRequest = (n: number) => n / Math.max(1, casesOpened.size);
const dynamoWrites = [...operations].filter(([k]) => /^DynamoDB (PutItem|UpdateItem|DeleteItem)$/.test(k)).reduce((s, [, n]) => s + n, 0);
const dynamoTransactItems = operations.get('DynamoDB TransactWriteItems') ?? 0;
const dynamoReads = [...operations].filter(([k]) => /^DynamoDB (GetItem|Query|BatchGetItem)$/.test(k)).reduce((s, [, n]) => s + n, 0);
const s3Puts = operations.get('S3 PUT') ?? 0;
const s3Gets = operations.get('S3 GET') ?? 0;
const sesSends = operations.get('SES SendEmail') ?? 0;
const lambdaInvocations = Object.values(invocations).reduce((s, n) => s + n, 0);
// Estimates: each transaction writes ~4 items at 2 WRU each; each SQS message costs receive + delete; 512 MB for ~0.3 s per invocation.
const cost =
  transitions * AWS_PRICES.stepFunctionsPerTransition +
  lambdaInvocations * (AWS_PRICES.lambdaPerRequest + 0.5 * 0.3 * AWS_PRICES.lambdaPerGbSecondArm) +
  (dynamoWrites + dynamoTransactItems * 8) * AWS_PRICES.dynamoDbPerWriteRequestUnit +
  dynamoReads * AWS_PRICES.dynamoDbPerReadRequestUnit +
  (s3Puts + COUNT) * AWS_PRICES.s3PerPut +
  s3Gets * AWS_PRICES.s3PerGet +
  COUNT * 3 * AWS_PRICES.sqsPerRequest +
  sesSends * AWS_PRICES.sesPerOutboundMessage +
  COUNT * AWS_PRICES.sesPerInboundMessage;

const report = {
  requests: COUNT,
  smtpConnections: CONNECTIONS,
  smtpAccepted: accepted.size,
  smtpFailed: failedSends,
  smtpAcceptRatePerSecond: +(accepted.size / smtpSeconds).toFixed(1),
  endToEndThroughputPerSecond: +(casesOpened.size / totalSeconds).toFixed(1),
  totalSeconds: +totalSeconds.toFixed(1),
  acceptToAcknowledgementMs: { p50: percentile(50), p90: percentile(90), p99: percentile(99), max: latencies.at(-1) ?? NaN },
  unloadedAcceptToAcknowledgementMs: { requests: unloaded.length, p50: unloaded[Math.floor(unloaded.length / 2)] ?? NaN, max: unloaded.at(-1) ?? NaN },
  lost,
  duplicatedCases,
  duplicatedAcknowledgements: duplicatedAcks,
  perRequest: {
    stateTransitions: +perRequest(transitions).toFixed(2),
    lambdaInvocations: Object.fromEntries(Object.entries(invocations).map(([k, n]) => [k, +perRequest(n).toFixed(2)])),
    awsApiCalls: Object.fromEntries([...operations].sort().map(([k, n]) => [k, +perRequest(n).toFixed(2)])),
  },
  estimatedAwsCostPer1000RequestsUsd: +((cost / Math.max(1, casesOpened.size)) * 1000).toFixed(4),
  startedAt: new Date(startedAt).toISOString(),
  machine: `${process.platform} ${process.arch}, node ${process.version}`,
};
console.log(JSON.stringify(report, null, 2));

await stack.stop();
rmSync(dataDir, { recursive: true, force: true });
const ok = lost === 0 && duplicatedCases === 0 && duplicatedAcks === 0 && failedSends === 0;
console.log(ok ? 'bench: no message lost or duplicated' : 'bench: MESSAGES LOST OR DUPLICATED');
process.exit(ok ? 0 : 1);
