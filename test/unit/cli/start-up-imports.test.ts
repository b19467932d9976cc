import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * `motcua --help`, the calendar commands and every argument error answer before any command runs, so the
 * program loads at start only what registering its commands needs. The AWS SDK, the JWT library and the
 * case use cases (with their schemas) come with the command that uses them: the CLI's start went from
 * loading all of them to about half the time on the same machine (measured, never asserted here).
 */
const HEAVY_AT_START = [/^@aws-sdk\//, /^jose$/, /shared\/staff\/actions\.ts$/, /shared\/cases\/repository\.ts$/, /shared\/operations\//, /local\/auth\//];

/** What `cli/motcua.ts` loads before it parses its arguments: its static imports, transitively. */
async function loadedAtStart(): Promise<string[]> {
  const result = await build({
    entryPoints: ['cli/motcua.ts'],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    outdir: 'out',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const entry = Object.values(result.metafile.outputs).find((output) => output.entryPoint === 'cli/motcua.ts');
  if (!entry) throw new Error('esbuild named no output for cli/motcua.ts');
  return [...Object.keys(entry.inputs), ...entry.imports.filter((i) => i.kind === 'import-statement').map((i) => i.path)];
}

describe('the motcua command at start', () => {
  it('loads neither the AWS SDK, nor the JWT library, nor the use cases of the commands', async () => {
    const loaded = await loadedAtStart();

    expect(loaded.length).toBeGreaterThan(3); // the entry, commander and the command modules at least
    for (const heavy of HEAVY_AT_START) expect(loaded.filter((path) => heavy.test(path)), String(heavy)).toEqual([]);
  });
});
