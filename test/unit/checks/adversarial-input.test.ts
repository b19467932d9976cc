import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../shared/checks/run-checks';
import { procedureCatalog as catalog } from '../../../shared/procedures/default-catalog';
import { message, pdf } from './support';

/**
 * Texts written to make the catalog's patterns and the hit search slow (quadratic before: 40,000
 * digits took 4.8 s, 100,000 characters of "phải trả" about 9 s). The checks must finish on each;
 * how fast is measured by the benchmark, not asserted here.
 */
const N = 100_000;
const ADVERSARIAL: Record<string, string> = {
  'a run of digits': '9'.repeat(N),
  'groups of three digits': '123.'.repeat(N / 4),
  'a phrase a hint looks for, repeated': 'phải trả '.repeat(N / 9),
  '"em là", repeated': 'em là '.repeat(N / 6),
  '"ngân hàng", repeated': 'ngân hàng '.repeat(N / 10),
  'spaces': ' '.repeat(N),
  'decimal numbers': '1,1 '.repeat(N / 4),
};

describe('the checks on adversarial text', () => {
  it.each(Object.entries(ADVERSARIAL))('finish on a 100,000-character subject and text of %s', (_story, text) => {
    // Act
    const checklist = runChecks({ catalog, openCasesOfRequester: [], message: message({ subject: text, text, attachments: [pdf(`${text.slice(0, 190)}.pdf`)] }) });

    // Assess: a checklist that still says something for the officer
    expect(checklist.summary.length).toBeGreaterThan(0);
    expect(checklist.items.length).toBeGreaterThan(0);
  });
});
