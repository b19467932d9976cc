import { rmSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { parseArgs } from 'node:util';
import { parseOfficeDirectory } from '../shared/offices/directory';
import { NATIONAL_SHAPE, nationalDirectory } from './national-directory';

/**
 * `npm run bench:national`: 5,000 e-mailed requests spread over every office of a generated
 * national directory (34 provincial agencies, 355 regional offices), through the whole local
 * stack. The handlers bundle config/offices.json at build time; here the module loader hands them
 * the generated directory instead, so no handler is changed or told where it runs. Reports what
 * `npm run bench` reports for its burst, how the cases spread over the offices, and the most
 * intake and notify invocations that ran at once (the limits of infra/capacity.ts).
 */
const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '5000' },
    connections: { type: 'string', default: '8' },
    'port-base': { type: 'string', default: '19930' },
  },
});
const COUNT = Number(values.count);
const CONNECTIONS = Number(values.connections);
const BASE = Number(values['port-base']);

const directory = parseOfficeDirectory(nationalDirectory(), 'the generated national directory');
const source = `export default ${JSON.stringify(directory)};`;
registerHooks({
  load(url, context, next) {
    if (url.split('?')[0]!.endsWith('/config/offices.json')) return { format: 'module', source, shortCircuit: true };
    return next(url, context);
  },
});
// Imported after the hook, so that every module that reads the deployed directory gets the generated one.
const { startLocalStack } = await import('../local/local-stack');
const { runBurst, benchDataDir, benchPorts, percentile, settle } = await import('./burst');
const { CAPACITY } = await import('../infra/capacity');

const dataDir = benchDataDir('motcua-national-');
console.log(`starting the local stack with ${directory.offices.length} offices (data in ${dataDir}) ...`);
const stack = await startLocalStack({ host: '127.0.0.1', ports: benchPorts(BASE), dataDir, directory, logLevel: 'ERROR', log: (l) => console.log(`[stack] ${l}`) });

// The most invocations of each function at once, sampled while the burst runs.
const peak = new Map<string, number>();
const sampler = setInterval(() => {
  for (const f of stack.functions.all()) peak.set(f.name, Math.max(peak.get(f.name) ?? 0, f.active));
}, 20);

const addresses = directory.offices.map((o) => o.email);
console.log(`sending ${COUNT} e-mails to ${addresses.length} offices on ${CONNECTIONS} connections ...`);
const burst = await runBurst(stack, { count: COUNT, connections: CONNECTIONS, offices: addresses, log: (l) => console.error(l) });
// The work a burst leaves (the reading and the steps behind it) grows with it: a fifth of a second a request, ten minutes at least.
await settle(stack, Math.max(600_000, COUNT * 200));
clearInterval(sampler);

const perOffice = Math.floor(COUNT / addresses.length);
const report = {
  requests: COUNT,
  offices: { provinces: NATIONAL_SHAPE.provinces, regional: directory.offices.filter((o) => o.level === 'regional').length, mailsPerOffice: [perOffice, perOffice + (COUNT % addresses.length ? 1 : 0)] },
  smtpAccepted: burst.smtpAccepted,
  smtpFailed: burst.smtpFailed,
  smtpAcceptRatePerSecond: +(burst.smtpAccepted / burst.smtpSeconds).toFixed(1),
  endToEndThroughputPerSecond: +(burst.casesOpened / burst.totalSeconds).toFixed(1),
  totalSeconds: +burst.totalSeconds.toFixed(1),
  acceptToAcknowledgementMs: { p50: percentile(burst.latenciesMs, 50), p90: percentile(burst.latenciesMs, 90), p99: percentile(burst.latenciesMs, 99), max: burst.latenciesMs.at(-1) ?? Number.NaN },
  lost: burst.lost,
  doubled: burst.duplicatedCases + burst.duplicatedAcknowledgements,
  duplicatedCases: burst.duplicatedCases,
  duplicatedAcknowledgements: burst.duplicatedAcknowledgements,
  deadLetters: stack.queue.deadLetters().length,
  peakConcurrentInvocations: Object.fromEntries(peak),
  capacity: CAPACITY,
  startedAt: new Date(Date.now() - burst.totalSeconds * 1000).toISOString(),
  machine: `${process.platform} ${process.arch}, node ${process.version}`,
};
console.log(JSON.stringify(report, null, 2));
await stack.stop();
rmSync(dataDir, { recursive: true, force: true });
const ok = burst.lost === 0 && report.doubled === 0 && burst.smtpFailed === 0 && report.deadLetters === 0;
console.log(ok ? 'bench:national: no message lost or duplicated' : 'bench:national: MESSAGES LOST, DUPLICATED OR DEAD-LETTERED');
process.exit(ok ? 0 : 1);
