import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { esbuildOptionsForEntry } from '../../infra/bundling';
import { fromProjectRoot } from '../../infra/paths';
import { mapStackTrace } from '../../scripts/map-stack-trace';

describe('mapping a stack trace of a deployed function to the sources', () => {
  // In the project's git-ignored .local/, as CDK bundles into cdk.out/.
  mkdirSync(fromProjectRoot('.local'), { recursive: true });
  const outdir = mkdtempSync(fromProjectRoot('.local', 'map-stack-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('rewrites the frames of the minified bundle as lines of the TypeScript that threw', () => {
    // Prepare: a failing handler bundled as the functions are, run the way Lambda runs it (no source maps)
    buildSync(esbuildOptionsForEntry(fromProjectRoot('test', 'fixtures', 'bundles', 'throws.ts'), outdir));
    const script = `import(${JSON.stringify(pathToFileURL(path.join(outdir, 'index.mjs')).href)}).then((m) => m.handler()).catch((e) => process.stdout.write(e.stack));`;
    const trace = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(trace).toContain(`${outdir}/index.mjs:`);
    const lambdaTrace = trace.replaceAll(pathToFileURL(outdir).href, 'file:///var/task').replaceAll(outdir, '/var/task');

    // Act
    const mapped = mapStackTrace(lambdaTrace, outdir);

    // Assess
    expect(mapped).toContain('Error: the failure to map');
    expect(mapped).toMatch(/\(test\/fixtures\/bundles\/throws\.ts:3:\d+\)/);
    expect(mapped).not.toContain('/var/task/index.mjs');
  });

  it('leaves a frame it has no map for as it is', () => {
    const trace = 'Error: x\n    at f (file:///var/task/chunks/gone.mjs:1:10)\n    at node:internal/process:1:1';
    expect(mapStackTrace(trace, outdir)).toBe(trace);
  });
});
