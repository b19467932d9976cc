import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startLocalStack } from '../local/local-stack';
import { SHORT_LIVED_JVM_OPTIONS } from '../local/services/dynamodb';
import { readOutbox } from '../local/services/ses-outbox';
import nodemailer from 'nodemailer';
import { AwsCallCounter, benchDataDir, benchPorts, percentile, runBurst, settle } from './burst';
import { runCeiling } from './ceiling';
import { cpuPerMail, sampleCpu } from './cpu-time';
import { measureLifecycle, priceLifecycle } from './lifecycle-cost';

/**
 * `npm run bench`: a burst of e-mailed requests through SMTP into the whole local stack.
 * Reports throughput, time from SMTP accept to the acknowledgement in the SES outbox (p50/p99),
 * lost and duplicated messages (both must be 0), the AWS operations each request makes, the bare
 * ceiling of intake on this machine (parse + one transaction per mail) and the stack's ratio to
 * it, and the price of a whole case (e-mail to hand-over) per 1,000 cases, counted on a few cases
 * driven through the happy path first.
 */
const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '500' },
    connections: { type: 'string', default: '8' },
    unloaded: { type: 'string', default: '20' },
    'lifecycle-cases': { type: 'string', default: '3' },
    'port-base': { type: 'string', default: '19900' },
    /** The burst and its ceiling alone (`npm run bench:burst`): no lifecycle cases, no unloaded requests. */
    'only-burst': { type: 'boolean', default: false },
  },
});
const COUNT = Number(values.count);
const UNLOADED = values['only-burst'] ? 0 : Number(values.unloaded);
const CONNECTIONS = Number(values.connections);
const LIFECYCLE_CASES = values['only-burst'] ? 0 : Number(values['lifecycle-cases']);
const BASE = Number(values['port-base']);
if (!Number.isInteger(COUNT) || COUNT < 1) throw new Error('--count must be a positive integer');

const dataDir = benchDataDir('motcua-bench-');
console.log(`starting the local stack (data in ${dataDir}) ...`);
const stack = await startLocalStack({ host: '127.0.0.1', ports: benchPorts(BASE), dataDir, logLevel: 'ERROR', log: (l) => console.log(`[stack] ${l}`), dynamoDbJvmOptions: SHORT_LIVED_JVM_OPTIONS });
const offices = ['motcua@hcm.thads.example', 'kv1@hcm.thads.example', 'kv2@hcm.thads.example'];

// 1. The whole lifecycle of a few cases, alone on the stack, for the cost (it moves the clock: before the burst).
console.log(`driving ${LIFECYCLE_CASES} cases from e-mail to hand-over ...`);
const lifecycle = LIFECYCLE_CASES > 0 ? await measureLifecycle(stack, BASE, LIFECYCLE_CASES) : undefined;

// 2. The burst.
console.log(`sending ${COUNT} e-mails on ${CONNECTIONS} connections ...`);
await settle(stack);
const counter = new AwsCallCounter(BASE).start();
const transitionsBefore = stack.engine.transitions;
const invocationsBefore = new Map(stack.functions.all().map((f) => [f.name, f.invocations]));
const startedAt = Date.now();
const cpuBefore = sampleCpu(stack.dynamoDbPid);
const burst = await runBurst(stack, { count: COUNT, connections: CONNECTIONS, offices, log: (l) => console.error(l) });
await settle(stack);
const cpu = cpuPerMail(cpuBefore, sampleCpu(stack.dynamoDbPid), burst.casesOpened);
counter.stop();
const transitions = stack.engine.transitions - transitionsBefore;
const invocations = Object.fromEntries(stack.functions.all().map((f) => [f.name, f.invocations - (invocationsBefore.get(f.name) ?? 0)]));

// 3. The bare ceiling, on the same machine and DynamoDB Local, right after.
console.log('the bare ceiling: parse + one transaction per mail ...');
const ceiling = await runCeiling(stack.urls.dynamodb, COUNT, CONNECTIONS * 2);

// 4. Unloaded: one request at a time, each waiting for its acknowledgement, to separate queueing from the path itself.
const single = nodemailer.createTransport({ host: '127.0.0.1', port: benchPorts(BASE).smtp, secure: false, ignoreTLS: true });
const unloaded: number[] = [];
const runId = Date.now().toString(36);
for (let i = 0; i < UNLOADED; i++) {
  const acknowledged = async () => (await readOutbox(stack.urls.sesOutbox, Math.floor(Date.now() / 1000) - 60)).emails.filter((e) => e.subject.startsWith('Xác nhận đã nhận')).length;
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

const opened = Math.max(1, burst.casesOpened);
const perRequest = (n: number) => +(n / opened).toFixed(2);
const throughput = +(burst.casesOpened / burst.totalSeconds).toFixed(1);
const cost = lifecycle ? priceLifecycle(lifecycle) : undefined;
const report = {
  requests: COUNT,
  smtpConnections: CONNECTIONS,
  smtpAccepted: burst.smtpAccepted,
  smtpFailed: burst.smtpFailed,
  smtpAcceptRatePerSecond: +(burst.smtpAccepted / burst.smtpSeconds).toFixed(1),
  endToEndThroughputPerSecond: throughput,
  totalSeconds: +burst.totalSeconds.toFixed(1),
  acceptToAcknowledgementMs: { p50: percentile(burst.latenciesMs, 50), p90: percentile(burst.latenciesMs, 90), p99: percentile(burst.latenciesMs, 99), max: burst.latenciesMs.at(-1) ?? Number.NaN },
  unloadedAcceptToAcknowledgementMs: { requests: unloaded.length, p50: unloaded[Math.floor(unloaded.length / 2)] ?? Number.NaN, max: unloaded.at(-1) ?? Number.NaN },
  lost: burst.lost,
  doubled: burst.duplicatedCases + burst.duplicatedAcknowledgements,
  duplicatedCases: burst.duplicatedCases,
  duplicatedAcknowledgements: burst.duplicatedAcknowledgements,
  bareCeiling: { ...ceiling, stackToCeilingRatio: +(throughput / ceiling.mailsPerSecond).toFixed(3) },
  /** CPU a mail took during the burst, in this process (stack and load generator) and in DynamoDB Local's JVM, and the rate it bounds. */
  cpuPerMail: cpu,
  perRequest: {
    stateTransitions: perRequest(transitions),
    lambdaInvocations: Object.fromEntries(Object.entries(invocations).map(([k, n]) => [k, perRequest(n)])),
    awsApiCalls: Object.fromEntries([...counter.operations].sort().map(([k, n]) => [k, perRequest(n)])),
    dynamoDbCalls: perRequest(counter.sum(/^DynamoDB /)),
  },
  lifecycle: lifecycle && { ...lifecycle, perCase: { stateTransitions: lifecycle.stateTransitions / lifecycle.cases, lambdaInvocations: lifecycle.lambdaInvocations / lifecycle.cases, sesSent: lifecycle.sesSent / lifecycle.cases } },
  costPer1000Cases: cost,
  estimatedAwsCostPer1000RequestsUsd: cost?.totalUsdPer1000Cases,
  startedAt: new Date(startedAt).toISOString(),
  machine: `${process.platform} ${process.arch}, node ${process.version}`,
};
console.log(JSON.stringify(report, null, 2));
if (cost) {
  console.log(`\ncost per 1,000 cases (${cost.region}, list prices recorded ${cost.pricesRecorded}):`);
  for (const l of cost.lines) console.log(`  ${l.item.padEnd(52)} ${String(l.quantityPerCase).padStart(10)} ${l.unit.padEnd(20)} $${l.usdPer1000Cases.toFixed(4)}`);
  console.log(`  ${'total'.padEnd(84)} $${cost.totalUsdPer1000Cases.toFixed(4)}`);
}

await stack.stop();
rmSync(dataDir, { recursive: true, force: true });
const ok = burst.lost === 0 && burst.duplicatedCases === 0 && burst.duplicatedAcknowledgements === 0 && burst.smtpFailed === 0;
console.log(ok ? 'bench: no message lost or duplicated' : 'bench: MESSAGES LOST OR DUPLICATED');
process.exit(ok ? 0 : 1);
