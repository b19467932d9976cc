/**
 * The law a case cites, as versioned data (config/legal-basis.json): the law in force on the day the
 * case was received (Vietnam time) gives the article of each provision a limit or a letter relies on.
 * A case received on 30/6/2026 cites the Law of 2008; one received on 1/7/2026 cites Law 106/2025/QH15.
 */
import * as z from 'zod';
import { toVietnamIso } from '../time/vietnam-time';
import { LIMIT_FIELDS, PROCEDURE_CODES, type LimitField } from './catalog';

const nonEmpty = z.string().trim().min(1, 'must not be empty');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

const law = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'expected lower-case letters, digits and hyphens'),
  /** As a letter names it: "Luật Thi hành án dân sự số 106/2025/QH15". */
  title: nonEmpty,
  number: nonEmpty,
  /** The first day the law applies to a case received that day. */
  inForceFrom: isoDate,
  source: nonEmpty,
});

/** A provision in one law: its article (absent while unidentified), the instrument when not the law itself. */
const citation = z
  .strictObject({
    article: nonEmpty.optional(),
    /** A decree or circular that carries the provision instead of the law ("Nghị định 62/2015/NĐ-CP"). */
    instrument: nonEmpty.optional(),
    verify: z.boolean().optional(),
    note: nonEmpty.optional(),
    source: nonEmpty,
  })
  .superRefine((c, ctx) => {
    if (c.verify && c.note === undefined) ctx.addIssue({ code: 'custom', path: ['note'], message: 'a citation marked verify needs a note saying what to check' });
    if (c.article === undefined && !c.verify) ctx.addIssue({ code: 'custom', path: ['article'], message: 'a citation without an article number must be marked verify' });
  });

const provision = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'expected lower-case letters, digits and hyphens'),
  /** What it is about, as a letter says it after "về": "từ chối yêu cầu thi hành án". */
  subject: nonEmpty,
  citations: z.record(z.string(), citation),
});

export const legalBasisSchema = z
  .strictObject({
    $comment: z.string().optional(),
    version: nonEmpty,
    laws: z.array(law).min(1),
    provisions: z.array(provision).min(1),
    /** Per procedure, the provision each time limit relies on. */
    procedures: z.record(z.enum(PROCEDURE_CODES), z.partialRecord(z.enum(LIMIT_FIELDS), nonEmpty)),
  })
  .superRefine((basis, ctx) => {
    const lawIds = new Set(basis.laws.map((l) => l.id));
    const starts = new Set<string>();
    basis.laws.forEach((l, i) => {
      if (starts.has(l.inForceFrom)) ctx.addIssue({ code: 'custom', path: ['laws', i, 'inForceFrom'], message: `two laws take effect on ${l.inForceFrom}` });
      starts.add(l.inForceFrom);
    });
    const provisionIds = new Set<string>();
    basis.provisions.forEach((p, i) => {
      if (provisionIds.has(p.id)) ctx.addIssue({ code: 'custom', path: ['provisions', i, 'id'], message: `duplicate provision ${p.id}` });
      provisionIds.add(p.id);
      for (const lawId of Object.keys(p.citations)) {
        if (!lawIds.has(lawId)) ctx.addIssue({ code: 'custom', path: ['provisions', i, 'citations', lawId], message: `unknown law ${lawId}` });
      }
      for (const lawId of lawIds) {
        if (!(lawId in p.citations)) ctx.addIssue({ code: 'custom', path: ['provisions', i, 'citations'], message: `no citation under ${lawId}: mark it verify if the article is not yet found` });
      }
    });
    for (const [code, limits] of Object.entries(basis.procedures)) {
      for (const [field, id] of Object.entries(limits ?? {})) {
        if (!provisionIds.has(id)) ctx.addIssue({ code: 'custom', path: ['procedures', code, field], message: `unknown provision ${id}` });
      }
    }
  });

export type LegalBasisData = z.infer<typeof legalBasisSchema>;
export type Law = LegalBasisData['laws'][number];

/** One provision as the law in force cites it. */
export interface Citation {
  provision: string;
  law: Pick<Law, 'id' | 'title' | 'inForceFrom'>;
  /** "Điều 34 Luật Thi hành án dân sự năm 2008 (sửa đổi, bổ sung năm 2014, 2022) về từ chối yêu cầu thi hành án". */
  text: string;
  verify: boolean;
  note?: string;
  source: string;
}

export class InvalidLegalBasis extends Error {
  override readonly name = 'InvalidLegalBasis';
}

export class NoLawInForce extends Error {
  override readonly name = 'NoLawInForce';
}

/** Validates the legal basis, naming every problem with its path so an agency can fix the file. */
export function parseLegalBasis(input: unknown, source = 'legal basis'): LegalBasisData {
  const result = legalBasisSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new InvalidLegalBasis(`${source} is invalid:\n${problems.join('\n')}`);
}

/** The Vietnamese calendar day of an instant: a law takes effect at the start of a day in Vietnam. */
const vietnamDay = (receivedAt: string | Date) => {
  const date = receivedAt instanceof Date ? receivedAt : new Date(receivedAt);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not an instant: ${String(receivedAt)}`);
  return toVietnamIso(date).slice(0, 10);
};

/** The law in force on the day a case was received. */
export function lawInForce(basis: LegalBasisData, receivedAt: string | Date): Law {
  const day = vietnamDay(receivedAt);
  const inForce = basis.laws.filter((l) => l.inForceFrom <= day).sort((a, b) => a.inForceFrom.localeCompare(b.inForceFrom)).at(-1);
  if (!inForce) throw new NoLawInForce(`no law in config/legal-basis.json is in force on ${day}`);
  return inForce;
}

/** A provision as the law in force on the day of receipt cites it. */
export function citationOf(basis: LegalBasisData, provisionId: string, receivedAt: string | Date): Citation {
  const provision = basis.provisions.find((p) => p.id === provisionId);
  if (!provision) throw new InvalidLegalBasis(`no provision ${provisionId} in the legal basis`);
  const law = lawInForce(basis, receivedAt);
  const cited = provision.citations[law.id];
  if (!cited) throw new InvalidLegalBasis(`provision ${provisionId} has no citation under ${law.id}`);
  const where = cited.article ? `${cited.article} ${cited.instrument ?? law.title}` : `${cited.instrument ?? law.title}, quy định`;
  return {
    provision: provision.id,
    law: { id: law.id, title: law.title, inForceFrom: law.inForceFrom },
    text: `${where} về ${provision.subject}`,
    verify: cited.verify ?? false,
    ...(cited.note === undefined ? {} : { note: cited.note }),
    source: cited.source,
  };
}

/** The provision a procedure's time limit relies on, as cited on the day of receipt; undefined if the data names none. */
export function limitCitation(basis: LegalBasisData, procedure: string, field: LimitField, receivedAt: string | Date): Citation | undefined {
  const id = (basis.procedures as Record<string, Partial<Record<LimitField, string>>>)[procedure]?.[field];
  return id === undefined ? undefined : citationOf(basis, id, receivedAt);
}

/** Every citation still to be checked against the official text, for a reviewer's list. */
export function citationsToVerify(basis: LegalBasisData): Array<{ provision: string; law: string; article?: string; note: string }> {
  return basis.provisions.flatMap((p) =>
    Object.entries(p.citations).flatMap(([lawId, c]) => (c.verify ? [{ provision: p.id, law: lawId, ...(c.article ? { article: c.article } : {}), note: c.note ?? '' }] : [])),
  );
}
