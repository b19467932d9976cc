import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import nodemailer from 'nodemailer';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startLocalStack, LOCAL_NAMES, type LocalStack } from '../local/local-stack';
import { localClientConfig } from '../local/services/aws-local';
import { readOutbox } from '../local/services/ses-outbox';
import { CaseRepository } from '../shared/cases/repository';
import { samplePdf } from '../local/sample-pdf';

/**
 * `npm run bench`, second run: the same kind of burst of e-mailed requests as bench/intake-burst.ts,
 * with the ordinary failures of a busy day injected while it runs (local/faults.ts): SES throttling,
 * a workflow Lambda that times out, DynamoDB cancelling case writes (a conflict, a failed condition),
 * and intake invocations killed between the records of their batch. Reports what must stay 0 (lost
 * mail, doubled cases, doubled notices, cases left needing attention) beside throughput and latency.
 */
const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '200' },
    connections: { type: 'string', default: '8' },
    'port-base': { type: 'string', default: '19910' },
  },
});
const COUNT = Number(values.count);
const CONNECTIONS = Number(values.connections);
const BASE = Number(values['port-base']);
if (!Number.isInteger(COUNT) || COUNT < 10) throw new Error('--count must be an integer of at least 10');

/** One round of faults, injected each time another fifth of the burst has been accepted; sized from the burst. */
const ROUNDS = 5;
const perRound = (share: number) => Math.max(1, Math.round((COUNT * share) / ROUNDS));
function injectRound(stack: LocalStack): void {
  stack.faults.inject({ function: 'notify', times: perRound(0.05), error: { name: 'Throttled', message: 'TooManyRequestsException: Maximum sending rate exceeded.' } });
  stack.faults.inject({ function: 'workflow', times: perRound(0.02), error: { name: 'Sandbox.Timedout', message: 'Task timed out after 30.00 seconds' } });
  stack.faults.inject({ function: 'intake', times: 1, killedAfterRecords: 1 });
  stack.dynamoDbFaults!.inject({ reason: 'TransactionConflict', times: perRound(0.03) });
  stack.dynamoDbFaults!.inject({ reason: 'ConditionalCheckFailed', times: perRound(0.03) });
}

const dataDir = mkdtempSync(join(tmpdir(), 'motcua-bench-faults-'));
const ports = { smtp: BASE, ses: BASE + 1, api: BASE + 2, dynamodb: BASE + 3, s3: BASE + 4, sfn: BASE + 5 };
console.log(`starting the local stack with fault injection (data in ${dataDir}) ...`);
const stack = await startLocalStack({ host: '127.0.0.1', ports, dataDir, logLevel: 'ERROR', log: (l) => console.log(`[stack] ${l}`), dynamoDbFaults: true });
const cases = new CaseRepository(
  DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(stack.urls.dynamodb)), { marshallOptions: { removeUndefinedValues: true } }),
  LOCAL_NAMES.table,
);
const offices = ['motcua@hcm.thads.example', 'kv1@hcm.thads.example', 'kv2@hcm.thads.example'];
const judgment = samplePdf('Ban an so 12/2026/DS-ST');
const transport = nodemailer.createTransport({ host: '127.0.0.1', port: ports.smtp, secure: false, ignoreTLS: true, pool: true, maxConnections: CONNECTIONS, maxMessages: Infinity });

const accepted = new Map<string, number>(); // Message-ID → when the SMTP server accepted it (250)
const runId = Date.now().toString(36);
const burstStart = performance.now();
let failedSends = 0;
let rounds = 0;
await Promise.all(
  Array.from({ length: COUNT }, async (_, i) => {
    const messageId = `<bench-faults-${runId}-${i}@example.com>`;
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
      if (rounds < ROUNDS && accepted.size >= (rounds * COUNT) / ROUNDS) {
        rounds++;
        injectRound(stack);
      }
    } catch (error) {
      failedSends++;
      console.error(`send ${i} failed: ${(error as Error).message}`);
    }
  }),
);
transport.close();

// Until every accepted message has its acknowledgement, or nothing has moved for 120 s (the throttling policy backs off for minutes at most).
const firstSeen = new Map<string, number>(); // case id → when its acknowledgement was first seen in the outbox
let lastProgress = Date.now();
while (firstSeen.size < accepted.size && Date.now() - lastProgress < 120_000) {
  const now = Date.now();
  for (const email of (await readOutbox(stack.urls.sesOutbox)).emails) {
    const caseId = email.subject.startsWith('Xác nhận đã nhận') ? /\[([A-Z0-9]+-\d{4}-\d{6})\]/.exec(email.subject)?.[1] : undefined;
    if (caseId && !firstSeen.has(caseId)) {
      firstSeen.set(caseId, now);
      lastProgress = now;
    }
  }
  await new Promise((r) => setTimeout(r, 100));
}
const totalSeconds = (performance.now() - burstStart) / 1000;
await untilIdle(stack);

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
latencies.sort((a, b) => a - b);
const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
const sent = new Map<string, number>();
for (const email of (await readOutbox(stack.urls.sesOutbox)).emails) {
  const key = `${email.destination.to.join(',')}|${email.subject}`;
  sent.set(key, (sent.get(key) ?? 0) + 1);
}
const doubledNotices = [...sent.values()].filter((n) => n > 1).length;
const needsAttention = (await Promise.all([...casesOpened].map((id) => cases.getCase(id)))).filter((c) => c?.workflowEnded).length;
const duplicatedCases = accepted.size - lost - casesOpened.size;

const report = {
  requests: COUNT,
  smtpAccepted: accepted.size,
  smtpFailed: failedSends,
  faultsInjected: {
    ...Object.fromEntries([...stack.faults.injected].map(([k, n]) => [k === 'intake:' ? 'intake killed mid-batch' : k, n])),
    ...Object.fromEntries([...stack.dynamoDbFaults!.injected].map(([k, n]) => [`DynamoDB ${k}`, n])),
  },
  endToEndThroughputPerSecond: +(casesOpened.size / totalSeconds).toFixed(1),
  totalSeconds: +totalSeconds.toFixed(1),
  acceptToAcknowledgementMs: { p50: percentile(50), p99: percentile(99), max: latencies.at(-1) ?? NaN },
  lost,
  duplicatedCases,
  doubledNotices,
  needsAttention,
  machine: `${process.platform} ${process.arch}, node ${process.version}`,
};
console.log(JSON.stringify(report, null, 2));

await stack.stop();
rmSync(dataDir, { recursive: true, force: true });
const ok = lost === 0 && duplicatedCases === 0 && doubledNotices === 0 && needsAttention === 0 && failedSends === 0;
console.log(ok ? 'bench with faults: no message lost or duplicated, no notice doubled, no case left needing attention' : 'bench with faults: LOST, DUPLICATED OR STUCK');
process.exit(ok ? 0 : 1);

/** No mail queued, no execution at work, no function running, twice in a row (what the e2e tests call idle). */
async function untilIdle(s: LocalStack): Promise<void> {
  let calmBefore = false;
  for (const deadline = Date.now() + 300_000; Date.now() < deadline; ) {
    const calm = s.queue.isIdle() && s.engine.executionsAtWork().length === 0 && s.functions.all().every((f) => f.active === 0) && s.eventsInDelivery() === 0;
    if (calm && calmBefore) return;
    calmBefore = calm;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the stack did not come to rest within 5 minutes');
}
