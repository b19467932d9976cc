import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../shared/checks/run-checks';
import { procedureCatalog as catalog } from '../../../shared/procedures/default-catalog';
import { message, pdf } from './support';
import { ADVERSARIAL_TEXTS as ADVERSARIAL } from '../../../bench/adversarial-texts';

// The texts, and why each is hard, are shared with the benchmark, which measures what this test only runs.

describe('the checks on adversarial text', () => {
  it.each(Object.entries(ADVERSARIAL))('finish on a 100,000-character subject and text of %s', (_story, text) => {
    // Act
    const checklist = runChecks({ catalog, openCasesOfRequester: [], message: message({ subject: text, text, attachments: [pdf(`${text.slice(0, 190)}.pdf`)] }) });

    // Assess: a checklist that still says something for the officer
    expect(checklist.summary.length).toBeGreaterThan(0);
    expect(checklist.items.length).toBeGreaterThan(0);
  });
});
