/**
 * The procedures of the desk as data: their time limits, what their result is, what a request must
 * contain and how the automatic checks recognise it. An agency corrects config/procedures.json, not the
 * code, when a number proves wrong or the law changes (Law 106/2025/QH15, in force since 1/7/2026).
 */
import * as z from 'zod';
import { ATTACHMENT_KINDS, type AttachmentKind } from '../checks/types';
import { InvalidHint, compileKeyword, compilePattern } from '../checks/hints';
import { COUNTING_RULES, type CountingRule } from '../calendar/deadline';

export const PROCEDURE_CODES = [
  'enforcement-request',
  'result-confirmation',
  'officer-change',
  'coercion-cost-reduction',
  'fee-reduction',
  'complaint',
  'denunciation',
  'question',
] as const;
export type ProcedureCode = (typeof PROCEDURE_CODES)[number];

/**
 * How a procedure runs: the full request-for-enforcement flow (seed 003), the generic one-stop flow
 * (receive, review, in-person receipt, result, hand-over), guidance only (complaints, denunciations), or an
 * officer's written answer (general questions and feedback: hỏi đáp, phản ánh, kiến nghị).
 */
export const PROCEDURE_FLOWS = ['enforcement-request', 'one-stop', 'guidance', 'answer'] as const;
export type ProcedureFlow = (typeof PROCEDURE_FLOWS)[number];

/** The time limits of a procedure, by field name. */
export const LIMIT_FIELDS = [
  'reviewWorkingDays',
  'resultWorkingDays',
  'refusalWorkingDays',
  'procuracyCopyWorkingDays',
  'requesterReplyWorkingDays',
  'limitationYears',
] as const;
export type LimitField = (typeof LIMIT_FIELDS)[number];

/** The limits counted in working days: each names its counting rule (limitationYears is in years). */
export const WORKING_DAY_LIMITS = ['reviewWorkingDays', 'resultWorkingDays', 'refusalWorkingDays', 'procuracyCopyWorkingDays', 'requesterReplyWorkingDays'] as const;
export type WorkingDayLimit = (typeof WORKING_DAY_LIMITS)[number];

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/** "HH:MM" in the office's local time (Asia/Ho_Chi_Minh). */
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24-hour clock)');

const itemId = z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'expected lower-case letters, digits and hyphens');

/**
 * A number with where it comes from. `verify`: not confirmed against the official text (the domain
 * brief's "(check)"), and `note` says what to check. `agencySetting`: the agency's own choice, not the law's.
 */
const limit = z
  .strictObject({
    value: z.number().int('a time limit is a whole number').positive('a time limit is at least 1'),
    verify: z.boolean().optional(),
    agencySetting: z.boolean().optional(),
    note: nonEmpty.optional(),
  })
  .superRefine((l, ctx) => {
    if (l.verify && l.note === undefined) ctx.addIssue({ code: 'custom', path: ['note'], message: 'a number marked verify needs a note saying what to check' });
  });

/**
 * How a limit in working days is counted, and why: `legal` (Civil Code arts. 147-148) for a limit set by
 * law, `working-hours` for the agency's own commitments (see shared/calendar/README.md).
 */
const counting = z.strictObject({
  rule: z.enum(COUNTING_RULES, { message: 'expected "legal" or "working-hours"' }),
  source: nonEmpty,
});

/** A limit in working days: a number with its source, and the rule it is counted by. */
const dayLimit = z
  .strictObject({
    value: z.number().int('a time limit is a whole number').positive('a time limit is at least 1'),
    counting,
    verify: z.boolean().optional(),
    agencySetting: z.boolean().optional(),
    note: nonEmpty.optional(),
  })
  .superRefine((l, ctx) => {
    if (l.verify && l.note === undefined) ctx.addIssue({ code: 'custom', path: ['note'], message: 'a number marked verify needs a note saying what to check' });
  });

/** The one-stop cut-off: the agency's setting, with the rule it applies. */
const cutoffSetting = z.strictObject({
  time: clockTime,
  agencySetting: z.literal(true),
  source: nonEmpty,
  verify: z.boolean().optional(),
  note: nonEmpty.optional(),
});

function hintIssues(compileHint: (hint: string) => RegExp) {
  return (hints: string[] | undefined, ctx: z.RefinementCtx, field: string) =>
    hints?.forEach((hint, i) => {
      try {
        compileHint(hint);
      } catch (error) {
        if (!(error instanceof InvalidHint)) throw error;
        ctx.addIssue({ code: 'custom', path: [field, i], message: error.message });
      }
    });
}
const keywordIssues = hintIssues(compileKeyword);
const patternIssues = hintIssues(compilePattern);

/**
 * How the checks look for something, as data. Keywords are whole words or phrases; patterns are
 * JavaScript regular expressions (case-insensitive; \p{L} is a letter, \p{N} a digit, other \p{…} are refused). Both follow the
 * diacritics rule of shared/checks/hints.ts: text typed without marks is found by a hint with marks.
 * `exclude`: patterns that, on the same line just around a hit, say it is something else (the date of
 * the judgment is not the date of the request). `attachments`: kinds of file that supply the item.
 */
const detectionHints = z
  .strictObject({
    keywords: z.array(nonEmpty).optional(),
    patterns: z.array(nonEmpty).optional(),
    exclude: z.array(nonEmpty).optional(),
    attachments: z.array(z.enum(ATTACHMENT_KINDS)).optional(),
  })
  .superRefine((hints, ctx) => {
    keywordIssues(hints.keywords, ctx, 'keywords');
    patternIssues(hints.patterns, ctx, 'patterns');
    patternIssues(hints.exclude, ctx, 'exclude');
  });

const commonItem = z.strictObject({
  id: itemId,
  label: nonEmpty,
  detect: detectionHints,
  verify: z.boolean().optional(),
  note: nonEmpty.optional(),
});

/** An item of a procedure: its own (`id`, `label`, `detect`) or a common one (`use`), with `required` either way. */
const procedureItem = z
  .strictObject({
    id: itemId.optional(),
    use: itemId.optional(),
    label: nonEmpty.optional(),
    required: z.boolean(),
    detect: detectionHints.optional(),
    verify: z.boolean().optional(),
    note: nonEmpty.optional(),
  })
  .superRefine((item, ctx) => {
    if ((item.id === undefined) === (item.use === undefined)) {
      ctx.addIssue({ code: 'custom', path: [], message: 'an item has either its own "id" or "use" of a common item, not both' });
    }
    if (item.id !== undefined && item.label === undefined) ctx.addIssue({ code: 'custom', path: ['label'], message: 'an item of its own needs a label' });
    if (item.verify && item.note === undefined) ctx.addIssue({ code: 'custom', path: ['note'], message: 'an item marked verify needs a note saying what to check' });
  });

const legalCitation = z
  .strictObject({
    citation: nonEmpty,
    verify: z.boolean().optional(),
    note: nonEmpty.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.verify && c.note === undefined) ctx.addIssue({ code: 'custom', path: ['note'], message: 'a citation marked verify needs a note saying what to check' });
  });

/**
 * What the requester pays for the procedure, as the public site publishes it, with its source; `verify`
 * while not confirmed against the official text. Optional: the workflow does not need it.
 */
const feeStatement = z
  .strictObject({
    text: nonEmpty,
    source: nonEmpty,
    verify: z.boolean().optional(),
    note: nonEmpty.optional(),
  })
  .superRefine((f, ctx) => {
    if (f.verify && f.note === undefined) ctx.addIssue({ code: 'custom', path: ['note'], message: 'a fee marked verify needs a note saying what to check' });
  });

const procedure = z.strictObject({
  $comment: z.string().optional(),
  code: z.enum(PROCEDURE_CODES),
  name: nonEmpty,
  /** What the requester sends, as running text says it: "yêu cầu thi hành án", "đơn khiếu nại". */
  requestName: nonEmpty,
  flow: z.enum(PROCEDURE_FLOWS),
  /** What the requester receives, and a plain reminder that it is not the money of the judgment (seed 000). */
  result: z.strictObject({ name: nonEmpty, explanation: nonEmpty }),
  fee: feeStatement.optional(),
  reviewWorkingDays: dayLimit,
  resultWorkingDays: dayLimit,
  refusalWorkingDays: dayLimit,
  procuracyCopyWorkingDays: dayLimit.optional(),
  requesterReplyWorkingDays: dayLimit,
  limitationYears: limit.optional(),
  /** The agency's cut-off: a file received after this time (office's local time) goes to the officer the next working morning. */
  afterCutoff: cutoffSetting,
  /** The share of a time limit after which the officer is warned. */
  warningFraction: z.number().gt(0, 'a fraction between 0 and 1').lt(1, 'a fraction between 0 and 1'),
  recognize: detectionHints,
  requiredItems: z.array(procedureItem).min(1),
  legalBasis: z.array(legalCitation).min(1),
  /** What the requester brings to the in-person receipt, when it differs from the catalog's default. */
  bringToAppointment: z.array(nonEmpty).min(1).optional(),
});

/** Settings every procedure shares unless it says otherwise. */
const catalogDefaults = z.strictObject({
  /** The originals the requester brings to the in-person receipt, compared there with what was e-mailed. */
  bringToAppointment: z.array(nonEmpty).min(1),
  /** When a result is late, the new date the apology (form 04) commits to: this many working days after the breach. */
  apologyExtensionWorkingDays: z.number().int().min(1, 'at least 1 working day').max(30, 'at most 30 working days'),
  /** How often the requester may move the appointment by replying; after that the desk decides (an agency setting). */
  rescheduleByReplyLimit: z.number().int().min(0).max(10).optional(),
});

type RawDetectionHints = z.infer<typeof detectionHints>;
const hasHints = (h: RawDetectionHints | undefined) =>
  h !== undefined && [h.keywords, h.patterns, h.attachments].some((list) => list !== undefined && list.length > 0);

export const procedureCatalogSchema = z
  .strictObject({
    $comment: z.string().optional(),
    /** Recorded with every deadline computed from the catalog, as the calendar's version is. */
    version: nonEmpty,
    /** The procedure assumed when nothing in a message names one. */
    fallbackProcedure: z.enum(PROCEDURE_CODES),
    defaults: catalogDefaults,
    commonItems: z.array(commonItem),
    procedures: z.array(procedure),
  })
  .superRefine((catalog, ctx) => {
    const common = new Map<string, z.infer<typeof commonItem>>();
    catalog.commonItems.forEach((item, i) => {
      if (common.has(item.id)) ctx.addIssue({ code: 'custom', path: ['commonItems', i, 'id'], message: `duplicate common item ${item.id}` });
      common.set(item.id, item);
    });
    const codes = new Set<string>();
    catalog.procedures.forEach((p, i) => {
      if (codes.has(p.code)) ctx.addIssue({ code: 'custom', path: ['procedures', i, 'code'], message: `duplicate procedure code ${p.code}` });
      codes.add(p.code);
      if (p.code !== catalog.fallbackProcedure && !hasHints(p.recognize)) {
        ctx.addIssue({ code: 'custom', path: ['procedures', i, 'recognize'], message: 'a procedure other than the fallback needs keywords or patterns to be recognised' });
      }
      const ids = new Set<string>();
      p.requiredItems.forEach((item, j) => {
        const path = ['procedures', i, 'requiredItems', j];
        const base = item.use === undefined ? undefined : common.get(item.use);
        if (item.use !== undefined && base === undefined) {
          ctx.addIssue({ code: 'custom', path: [...path, 'use'], message: `unknown common item ${item.use}` });
          return;
        }
        const id = item.id ?? item.use ?? '';
        if (ids.has(id)) ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: `item ${id} appears twice in ${p.code}` });
        ids.add(id);
        if (item.required && !hasHints(item.detect ?? base?.detect)) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'detect'],
            message: 'a required item needs detection hints (keywords, patterns or attachments) so the checks can look for it',
          });
        }
      });
    });
    const missing = PROCEDURE_CODES.filter((code) => !codes.has(code));
    if (missing.length > 0) ctx.addIssue({ code: 'custom', path: ['procedures'], message: `missing procedure(s): ${missing.join(', ')}` });
  });

export interface DetectionHints {
  keywords: string[];
  patterns: string[];
  exclude: string[];
  attachments: AttachmentKind[];
}

export interface RequiredItem {
  id: string;
  label: string;
  /** false: asked for "if any" (what is known of the debtor's assets); its absence is not a gap. */
  required: boolean;
  detect: DetectionHints;
  verify: boolean;
  note?: string;
}

export interface LegalCitation {
  citation: string;
  verify: boolean;
  note?: string;
}

/** Where a number of the catalog comes from. */
export interface NumberSource {
  value: number;
  verify: boolean;
  agencySetting: boolean;
  note?: string;
  /** For a limit in working days: the rule it is counted by, and why. */
  counting?: CountingRule;
  countingSource?: string;
}

/** The one-stop cut-off as the agency set it. */
export interface CutoffSetting {
  time: string;
  agencySetting: true;
  source: string;
  verify: boolean;
  note?: string;
}

export interface FeeStatement {
  text: string;
  source: string;
  verify: boolean;
  note?: string;
}

export interface Procedure {
  code: ProcedureCode;
  name: string;
  requestName: string;
  flow: ProcedureFlow;
  result: { name: string; explanation: string };
  /** What the requester pays, as published (absent when the catalog does not say). */
  fee?: FeeStatement;
  reviewWorkingDays: number;
  resultWorkingDays: number;
  refusalWorkingDays: number;
  procuracyCopyWorkingDays?: number;
  requesterReplyWorkingDays: number;
  limitationYears?: number;
  /** The cut-off time, "HH:MM" (see `afterCutoffSetting` for its source). */
  afterCutoff: string;
  afterCutoffSetting: CutoffSetting;
  /** The counting rule of each limit in working days. */
  counting: Partial<Record<WorkingDayLimit, CountingRule>> & Record<Exclude<WorkingDayLimit, 'procuracyCopyWorkingDays'>, CountingRule>;
  warningFraction: number;
  recognize: DetectionHints;
  requiredItems: RequiredItem[];
  legalBasis: LegalCitation[];
  bringToAppointment: string[];
  apologyExtensionWorkingDays: number;
  /** How often the requester may move the appointment by replying before the desk decides. */
  rescheduleByReplyLimit?: number;
  /** Each number above with its source: whether it awaits verification, whether the agency chose it. */
  numbers: Partial<Record<LimitField, NumberSource>>;
}

export interface ProcedureCatalog {
  version: string;
  fallbackProcedure: ProcedureCode;
  procedures: Procedure[];
}

export class InvalidProcedureCatalog extends Error {
  override readonly name = 'InvalidProcedureCatalog';
}

type RawCatalog = z.infer<typeof procedureCatalogSchema>;
type RawLimit = z.infer<typeof limit> | z.infer<typeof dayLimit>;

const hintsOf = (h: RawDetectionHints | undefined): DetectionHints => ({
  keywords: h?.keywords ?? [],
  patterns: h?.patterns ?? [],
  exclude: h?.exclude ?? [],
  attachments: h?.attachments ?? [],
});

const sourceOf = (l: RawLimit): NumberSource => ({
  value: l.value,
  verify: l.verify ?? false,
  agencySetting: l.agencySetting ?? false,
  ...(l.note === undefined ? {} : { note: l.note }),
  ...('counting' in l ? { counting: l.counting.rule, countingSource: l.counting.source } : {}),
});

/** The validated catalog with common items resolved into each procedure and each number made plain. */
function resolved(raw: RawCatalog): ProcedureCatalog {
  const common = new Map(raw.commonItems.map((item) => [item.id, item]));
  return {
    version: raw.version,
    fallbackProcedure: raw.fallbackProcedure,
    procedures: raw.procedures.map((p): Procedure => {
      const numbers: Partial<Record<LimitField, NumberSource>> = {};
      for (const field of LIMIT_FIELDS) {
        const l = p[field];
        if (l !== undefined) numbers[field] = sourceOf(l);
      }
      return {
        code: p.code,
        name: p.name,
        requestName: p.requestName,
        flow: p.flow,
        result: p.result,
        ...(p.fee === undefined ? {} : { fee: { ...p.fee, verify: p.fee.verify ?? false } }),
        reviewWorkingDays: p.reviewWorkingDays.value,
        resultWorkingDays: p.resultWorkingDays.value,
        refusalWorkingDays: p.refusalWorkingDays.value,
        ...(p.procuracyCopyWorkingDays === undefined ? {} : { procuracyCopyWorkingDays: p.procuracyCopyWorkingDays.value }),
        requesterReplyWorkingDays: p.requesterReplyWorkingDays.value,
        ...(p.limitationYears === undefined ? {} : { limitationYears: p.limitationYears.value }),
        afterCutoff: p.afterCutoff.time,
        afterCutoffSetting: { ...p.afterCutoff, verify: p.afterCutoff.verify ?? false },
        counting: {
          reviewWorkingDays: p.reviewWorkingDays.counting.rule,
          resultWorkingDays: p.resultWorkingDays.counting.rule,
          refusalWorkingDays: p.refusalWorkingDays.counting.rule,
          requesterReplyWorkingDays: p.requesterReplyWorkingDays.counting.rule,
          ...(p.procuracyCopyWorkingDays === undefined ? {} : { procuracyCopyWorkingDays: p.procuracyCopyWorkingDays.counting.rule }),
        },
        warningFraction: p.warningFraction,
        recognize: hintsOf(p.recognize),
        requiredItems: p.requiredItems.map((item): RequiredItem => {
          const base = item.use === undefined ? undefined : common.get(item.use);
          const note = item.note ?? base?.note;
          return {
            id: item.id ?? base?.id ?? '',
            label: item.label ?? base?.label ?? '',
            required: item.required,
            detect: hintsOf(item.detect ?? base?.detect),
            verify: item.verify ?? base?.verify ?? false,
            ...(note === undefined ? {} : { note }),
          };
        }),
        legalBasis: p.legalBasis.map((c) => ({ citation: c.citation, verify: c.verify ?? false, ...(c.note === undefined ? {} : { note: c.note }) })),
        bringToAppointment: p.bringToAppointment ?? raw.defaults.bringToAppointment,
        apologyExtensionWorkingDays: raw.defaults.apologyExtensionWorkingDays,
        ...(raw.defaults.rescheduleByReplyLimit === undefined ? {} : { rescheduleByReplyLimit: raw.defaults.rescheduleByReplyLimit }),
        numbers,
      };
    }),
  };
}

/** Validates a procedure catalog, naming every problem with its path so an agency can fix the file. */
export function parseProcedureCatalog(input: unknown, source = 'procedure catalog'): ProcedureCatalog {
  const result = procedureCatalogSchema.safeParse(input);
  if (result.success) return resolved(result.data);
  const problems = result.error.issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new InvalidProcedureCatalog(`${source} is invalid:\n${problems.join('\n')}`);
}

export function isProcedureCode(code: string): code is ProcedureCode {
  return (PROCEDURE_CODES as readonly string[]).includes(code);
}

export function procedureByCode(catalog: ProcedureCatalog, code: string): Procedure | undefined {
  return catalog.procedures.find((p) => p.code === code);
}

/** Every number of the catalog still to be checked against the official text, for a reviewer's list. */
export function numbersToVerify(catalog: ProcedureCatalog): Array<{ procedure: ProcedureCode; field: LimitField; value: number; note: string }> {
  return catalog.procedures.flatMap((p) =>
    LIMIT_FIELDS.flatMap((field) => {
      const n = p.numbers[field];
      return n?.verify ? [{ procedure: p.code, field, value: n.value, note: n.note ?? '' }] : [];
    }),
  );
}
