/**
 * The frequent questions of the public desk site (config/faq.json): each answer with its sources, and
 * the numbers of the procedures taken from the catalog through {{<procedure>.<field>}}, never typed twice.
 */
import * as z from 'zod';
import { clock } from './wording';
import { LIMIT_FIELDS, procedureByCode, type ProcedureCatalog } from '../shared/procedures/catalog';

const nonEmpty = z.string().trim().min(1, 'must not be empty');

const source = z
  .strictObject({ citation: nonEmpty, verify: z.boolean().optional(), note: nonEmpty.optional() })
  .superRefine((s, ctx) => {
    if (s.verify && s.note === undefined) ctx.addIssue({ code: 'custom', path: ['note'], message: 'a source marked verify needs a note saying what to check' });
  });

const question = z.strictObject({
  /** The answer's anchor on the page (hoi-dap.html#<id>). */
  id: z.string().regex(/^[a-z0-9-]+$/, 'expected lower-case letters, digits and hyphens'),
  question: nonEmpty,
  answer: nonEmpty,
  sources: z.array(source).min(1, 'every answer names at least one source'),
});

export const faqSchema = z
  .strictObject({ $comment: z.string().optional(), version: nonEmpty, questions: z.array(question).min(1) })
  .superRefine((faq, ctx) => {
    const ids = new Set<string>();
    faq.questions.forEach((q, i) => {
      if (ids.has(q.id)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: `duplicate question id ${q.id}` });
      ids.add(q.id);
    });
  });

export type Faq = z.infer<typeof faqSchema>;
export interface FaqSource {
  citation: string;
  verify: boolean;
}
export interface AnsweredQuestion {
  id: string;
  question: string;
  answer: string;
  sources: FaqSource[];
}

export class InvalidFaq extends Error {
  override readonly name = 'InvalidFaq';
}

const PLACEHOLDER = /\{\{\s*([a-z-]+)\.([A-Za-z.]+)\s*\}\}/g;

/** The value a placeholder names, or why there is none. */
function placeholderValue(catalog: ProcedureCatalog, code: string, field: string): string | { problem: string } {
  const procedure = procedureByCode(catalog, code);
  if (!procedure) return { problem: `unknown procedure ${code}` };
  if (field === 'afterCutoff') return clock(procedure.afterCutoff);
  if (field === 'result.name') return procedure.result.name;
  if ((LIMIT_FIELDS as readonly string[]).includes(field)) {
    const number = procedure.numbers[field as (typeof LIMIT_FIELDS)[number]];
    return number === undefined ? { problem: `${code} has no ${field}` } : String(number.value);
  }
  return { problem: `unknown field ${field} (expected one of ${[...LIMIT_FIELDS, 'afterCutoff', 'result.name'].join(', ')})` };
}

/** Validates config/faq.json and fills its placeholders from the catalog, naming every problem by its path. */
export function answeredQuestions(input: unknown, catalog: ProcedureCatalog, sourceName = 'config/faq.json'): AnsweredQuestion[] {
  const parsed = faqSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new InvalidFaq(`${sourceName} is invalid:\n${problems.join('\n')}`);
  }
  const problems: string[] = [];
  const answered = parsed.data.questions.map((q, i) => {
    const fill = (text: string, field: string) =>
      text.replace(PLACEHOLDER, (whole, code: string, name: string) => {
        const value = placeholderValue(catalog, code, name);
        if (typeof value === 'string') return value;
        problems.push(`  - questions.${i}.${field}: ${whole}: ${value.problem}`);
        return whole;
      });
    return {
      id: q.id,
      question: fill(q.question, 'question'),
      answer: fill(q.answer, 'answer'),
      sources: q.sources.map((s) => ({ citation: s.citation, verify: s.verify ?? false })),
    };
  });
  if (problems.length > 0) throw new InvalidFaq(`${sourceName} is invalid:\n${problems.join('\n')}`);
  return answered;
}
