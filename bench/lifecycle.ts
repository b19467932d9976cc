import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalStack } from '../local/local-stack';
import { benchPorts } from './burst';
import { measureLifecycle, priceLifecycle } from './lifecycle-cost';

/**
 * The cost part of `npm run bench` alone (`scripts/on-node24.sh tsx bench/lifecycle.ts`): drives a few
 * requests for enforcement from e-mail to hand-over on a fresh local stack, as `bench/intake-burst.ts`
 * does first, and prints what they used, the write units by kind of item, and the price per 1,000 cases
 * as the README's table rows.
 */
const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '3' },
    'port-base': { type: 'string', default: '19900' },
  },
});
const CASES = Number(values.cases);
const BASE = Number(values['port-base']);
if (!Number.isInteger(CASES) || CASES < 1) throw new Error('--cases must be a positive integer');

const dataDir = mkdtempSync(join(tmpdir(), 'motcua-lifecycle-'));
const stack = await startLocalStack({ host: '127.0.0.1', ports: benchPorts(BASE), dataDir, logLevel: 'ERROR', log: (l) => console.error(`[stack] ${l}`) });
try {
  console.error(`driving ${CASES} cases from e-mail to hand-over ...`);
  const lifecycle = await measureLifecycle(stack, BASE, CASES);
  const cost = priceLifecycle(lifecycle);
  console.log(JSON.stringify({ lifecycle, costPer1000Cases: cost, measuredAt: new Date().toISOString(), machine: `${process.platform} ${process.arch}, node ${process.version}` }, null, 2));
  const figure = (n: number) => (n >= 1 ? n.toLocaleString('en-US') : String(n));
  console.log(`\n| item | per case | unit | US$ per 1,000 cases |\n| --- | ---: | --- | ---: |`);
  for (const l of cost.lines) console.log(`| ${l.item} | ${figure(l.quantityPerCase)} | ${l.unit} | ${l.usdPer1000Cases.toFixed(4)} |`);
  console.log(`| **total** | | | **${cost.totalUsdPer1000Cases.toFixed(4)}** |`);
} finally {
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
