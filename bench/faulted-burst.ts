import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startLocalStack, type LocalStack } from '../local/local-stack';
import { localClientConfig } from '../local/services/aws-local';
import { SHORT_LIVED_JVM_OPTIONS } from '../local/services/dynamodb';
import { readOutbox } from '../local/services/ses-outbox';
import { CaseRepository } from '../shared/cases/repository';
import { benchDataDir, benchPorts, percentile, runBurst, settle } from './burst';

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

const dataDir = benchDataDir('motcua-bench-faults-');
console.log(`starting the local stack with fault injection (data in ${dataDir}) ...`);
const stack = await startLocalStack({ host: '127.0.0.1', ports: benchPorts(BASE), dataDir, logLevel: 'ERROR', log: (l) => console.log(`[stack] ${l}`), dynamoDbJvmOptions: SHORT_LIVED_JVM_OPTIONS, dynamoDbFaults: true });
const cases = new CaseRepository(
  DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(stack.urls.dynamodb)), { marshallOptions: { removeUndefinedValues: true } }),
  stack.names.table,
);
let rounds = 0;
const burst = await runBurst(stack, {
  count: COUNT,
  connections: CONNECTIONS,
  offices: ['motcua@hcm.thads.example', 'kv1@hcm.thads.example', 'kv2@hcm.thads.example'],
  // The throttling policy backs off for minutes at most: nothing moving for 120 s means stuck.
  stallMs: 120_000,
  onAccepted: (acceptedSoFar) => {
    if (rounds < ROUNDS && acceptedSoFar >= (rounds * COUNT) / ROUNDS) {
      rounds++;
      injectRound(stack);
    }
  },
  log: (l) => console.error(l),
});
await settle(stack);

const sent = new Map<string, number>();
for (const email of (await readOutbox(stack.urls.sesOutbox)).emails) {
  const key = `${email.destination.to.join(',')}|${email.subject}`;
  sent.set(key, (sent.get(key) ?? 0) + 1);
}
const doubledNotices = [...sent.values()].filter((n) => n > 1).length;
const needsAttention = (await Promise.all(burst.caseIds.map((id) => cases.getCase(id)))).filter((c) => c?.workflowEnded).length;
const latencies = burst.latenciesMs;

const report = {
  requests: COUNT,
  smtpAccepted: burst.smtpAccepted,
  smtpFailed: burst.smtpFailed,
  faultsInjected: {
    ...Object.fromEntries([...stack.faults.injected].map(([k, n]) => [k === 'intake:' ? 'intake killed mid-batch' : k, n])),
    ...Object.fromEntries([...stack.dynamoDbFaults!.injected].map(([k, n]) => [`DynamoDB ${k}`, n])),
  },
  endToEndThroughputPerSecond: +(burst.casesOpened / burst.totalSeconds).toFixed(1),
  totalSeconds: +burst.totalSeconds.toFixed(1),
  acceptToAcknowledgementMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1) ?? NaN },
  lost: burst.lost,
  duplicatedCases: burst.duplicatedCases,
  duplicatedAcknowledgements: burst.duplicatedAcknowledgements,
  doubledNotices,
  needsAttention,
  machine: `${process.platform} ${process.arch}, node ${process.version}`,
};
console.log(JSON.stringify(report, null, 2));

await stack.stop();
rmSync(dataDir, { recursive: true, force: true });
const ok = burst.lost === 0 && burst.duplicatedCases === 0 && doubledNotices === 0 && needsAttention === 0 && burst.smtpFailed === 0;
console.log(ok ? 'bench with faults: no message lost or duplicated, no notice doubled, no case left needing attention' : 'bench with faults: LOST, DUPLICATED OR STUCK');
process.exit(ok ? 0 : 1);
