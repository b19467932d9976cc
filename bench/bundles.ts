import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUNDLE_BUDGET_BYTES, bundleLambda, bundleSizes, LAMBDA_SERVICES } from '../infra/bundling';
import { fromProjectRoot } from '../infra/paths';

/**
 * Part of `npm run bench`: each Lambda bundle as infra builds it (infra/bundling.ts), its size, and its
 * cold initialisation measured locally: a fresh `node` process timing the import of the bundled handler
 * (module evaluation, the AWS SDK it loads included), the median of RUNS processes. Lambda's own init adds
 * the runtime's start and the code download; this is the part the bundle decides.
 */
const RUNS = 5;
const RENDERS_PDF = new Set(['workflow', 'notify']);
/** Inside the project (git-ignored), so that the external AWS SDK resolves from node_modules as the runtime's would. */
const OUT = fromProjectRoot('.local', 'bench-bundles');

/** What the handlers read from their environment when they load; no call is made while importing. */
const ENVIRONMENT: Record<string, string> = {
  AWS_REGION: 'ap-southeast-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  TABLE_NAME: 'bench-cases',
  DOCUMENTS_BUCKET: 'bench-documents',
  DIGEST_BUCKET: 'bench-digests',
  INBOUND_BUCKET: 'bench-inbound',
  INBOUND_PREFIX: 'inbound/',
  STATE_MACHINE_ARN: 'arn:aws:states:ap-southeast-1:000000000000:stateMachine:bench',
  AUTH_ISSUER: 'https://issuer.invalid',
  AUTH_JWKS_URL: 'https://issuer.invalid/.well-known/jwks.json',
  AUTH_AUDIENCE: 'bench',
  EXPORT_JOB_FUNCTION: 'bench-export-jobs',
  NOTIFY_FUNCTION_NAME: 'bench-notify',
  SENDER_ADDRESS: 'noreply@bench.invalid',
  POWERTOOLS_METRICS_NAMESPACE: 'motcua',
  POWERTOOLS_TRACE_ENABLED: 'false',
  POWERTOOLS_DEV: 'false',
};

/** Milliseconds a fresh process takes to import a bundle's entry file. */
function coldImportMs(entry: string, service: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(entry).href)}); process.stdout.write(String(performance.now() - t));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH ?? '', ...ENVIRONMENT, POWERTOOLS_SERVICE_NAME: service },
    encoding: 'utf8',
  });
  return Number(out);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const kb = (bytes: number) => +(bytes / 1024).toFixed(1);

rmSync(OUT, { recursive: true, force: true });
const bundles: Record<string, { initialKB: number; totalKB: number; lazyChunksKB: Record<string, number>; withinBudget: boolean; coldInitMs: number }> = {};
for (const service of LAMBDA_SERVICES) {
  const dir = path.join(OUT, service);
  mkdirSync(dir, { recursive: true });
  const sizes = bundleSizes(bundleLambda(service, dir, { metafile: true, documentFonts: RENDERS_PDF.has(service) })!);
  const times = Array.from({ length: RUNS }, () => coldImportMs(path.join(dir, 'index.mjs'), service));
  bundles[service] = {
    initialKB: kb(sizes.initialBytes),
    totalKB: kb(sizes.totalBytes),
    lazyChunksKB: Object.fromEntries(Object.entries(sizes.lazyChunks).map(([chunk, bytes]) => [chunk, kb(bytes)])),
    withinBudget: sizes.initialBytes <= BUNDLE_BUDGET_BYTES,
    coldInitMs: +median(times).toFixed(1),
  };
}
rmSync(OUT, { recursive: true, force: true });
console.log(JSON.stringify({ bundles: { budgetKB: kb(BUNDLE_BUDGET_BYTES), runs: RUNS, results: bundles } }, null, 2));
