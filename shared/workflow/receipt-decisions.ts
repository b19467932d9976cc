import type { CaseChange } from '../cases/repository';
import type { CaseRecord } from '../cases/model';
import { toVietnamIso } from '../time/vietnam-time';
import { deadlineOfLimit, WORKFLOW, type Calendar } from './decisions';
import type { ProcedureSettings } from './procedure-settings';

/** What the automatic checks found (they help the officer, never decide). */
export interface ReceiptChecklist {
  likelyProcedure: { code: string; confidence: string; evidence: string[] };
  judgmentRefs: string[];
  summary: string;
  duplicates?: unknown;
  [detail: string]: unknown;
}

/** The human step a procedure's flow starts with: the review of a one-stop request, the registration of a complaint, the answer to a question. */
export const firstStepOf = (procedure: Pick<ProcedureSettings, 'flow'>): 'review' | 'registration' | 'answer' =>
  procedure.flow === 'guidance' ? 'registration' : procedure.flow === 'answer' ? 'answer' : 'review';

/**
 * The receipt of a request: its procedure (the likely one; the officer confirms at review), its
 * first clock, counted from the receipt (so the agency's cut-off applies), and the checklist of the
 * automatic checks. Each part is decided once: a retry changes only what an earlier attempt did not.
 */
export function decideReceipt(
  record: CaseRecord,
  found: { likely: ReceiptChecklist['likelyProcedure']; procedure: ProcedureSettings; checklist: ReceiptChecklist },
  now: Date,
  calendar: Calendar,
): CaseChange | undefined {
  const at = toVietnamIso(now);
  const change: CaseChange = { update: {}, events: [] };
  if (!record.flow) {
    const { procedure, likely } = found;
    const step = firstStepOf(procedure);
    const limit = procedure.flow === 'guidance' ? procedure.limits.result : procedure.limits.review;
    const deadline = deadlineOfLimit(calendar, record, new Date(record.receivedAt), limit, procedure.afterCutoff);
    change.update = { procedure: procedure.code, flow: procedure.flow, round: 1, deadlines: { ...record.deadlines, [step]: deadline } };
    change.events.push(
      { type: 'procedure-identified', at, actor: WORKFLOW, data: { procedure: procedure.code, flow: procedure.flow, confidence: likely.confidence, evidence: likely.evidence } },
      { type: 'deadline-set', at, actor: WORKFLOW, data: { step, ...deadline } },
    );
  }
  if (!record.checklist) {
    const { checklist } = found;
    change.update.checklist = { ...checklist, generatedAt: at };
    change.events.push({ type: 'checks-completed', at, actor: WORKFLOW, data: { summary: checklist.summary, likelyProcedure: checklist.likelyProcedure, judgmentRefs: checklist.judgmentRefs, duplicates: checklist.duplicates } });
  }
  return change.events.length ? change : undefined;
}
