import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromProjectRoot } from '../../../infra/paths';
import { parseProcedureCatalog } from '../../../shared/procedures/catalog';
import { procedureCatalog } from '../../../shared/procedures/default-catalog';
import { answeredQuestions, InvalidFaq } from '../../../site/faq';

const faqJson = () => JSON.parse(readFileSync(fromProjectRoot('config', 'faq.json'), 'utf8'));
const proceduresJson = () => JSON.parse(readFileSync(fromProjectRoot('config', 'procedures.json'), 'utf8'));

describe('the frequent questions of config/faq.json', () => {
  it('are valid, each answer with a source, every placeholder filled', () => {
    const questions = answeredQuestions(faqJson(), procedureCatalog);
    expect(questions.length).toBeGreaterThan(5);
    for (const q of questions) {
      expect(q.sources.length).toBeGreaterThan(0);
      expect(`${q.question} ${q.answer}`).not.toContain('{{');
    }
  });

  it('take their numbers from the catalog: a corrected limit is corrected once, in config/procedures.json', () => {
    // Prepare: the agency commits to two working days instead of one, and moves its cut-off to 16:30.
    const edited = proceduresJson();
    const enforcement = edited.procedures.find((p: { code: string }) => p.code === 'enforcement-request');
    enforcement.reviewWorkingDays.value = 2;
    enforcement.afterCutoff.time = '16:30';

    // Act
    const answer = answeredQuestions(faqJson(), parseProcedureCatalog(edited)).find((q) => q.id === 'bao-lau-tra-loi')!.answer;

    // Assess
    expect(answer).toContain('trả lời trong 2 ngày làm việc');
    expect(answer).toContain('Thư nhận được sau 16 giờ 30 được chuyển');
  });

  it('refuse a placeholder that names nothing, and an answer without a source, naming where', () => {
    const faq = faqJson();
    faq.questions[0].answer = 'Trong {{enforcement-request.resultDays}} ngày.';
    faq.questions[1].answer = 'Trong {{no-such-procedure.resultWorkingDays}} ngày.';
    expect(() => answeredQuestions(faq, procedureCatalog)).toThrow(InvalidFaq);
    expect(() => answeredQuestions(faq, procedureCatalog)).toThrow(/questions\.0\.answer: \{\{enforcement-request\.resultDays\}\}: unknown field resultDays[\s\S]*questions\.1\.answer: .*unknown procedure no-such-procedure/);

    const unsourced = faqJson();
    unsourced.questions[2].sources = [];
    expect(() => answeredQuestions(unsourced, procedureCatalog, 'config/faq.json')).toThrow(/config\/faq\.json is invalid:\n {2}- questions\.2\.sources: every answer names at least one source/);
  });
});
