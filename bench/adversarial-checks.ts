import { performance } from 'node:perf_hooks';
import { runChecks } from '../shared/checks/run-checks';
import { procedureCatalog as catalog } from '../shared/procedures/default-catalog';
import { message, pdf } from '../test/unit/checks/support';
import { ADVERSARIAL_LENGTH, ADVERSARIAL_TEXTS } from './adversarial-texts';

/**
 * Part of `npm run bench`: how long the automatic checks take on subjects and bodies written to be slow
 * (each ADVERSARIAL_LENGTH characters). Linear patterns keep each well under a second; the quadratic
 * ones this replaced took several seconds and would have timed the checks out.
 */
const RUNS = 3;
const results: Record<string, { medianMs: number; maxMs: number }> = {};
for (const [story, text] of Object.entries(ADVERSARIAL_TEXTS)) {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    runChecks({ catalog, openCasesOfRequester: [], message: message({ subject: text, text, attachments: [pdf(`${text.slice(0, 190)}.pdf`)] }) });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  results[story] = { medianMs: +times[Math.floor(RUNS / 2)]!.toFixed(1), maxMs: +times.at(-1)!.toFixed(1) };
}
console.log(JSON.stringify({ adversarialChecks: { characters: ADVERSARIAL_LENGTH, runs: RUNS, results } }, null, 2));
