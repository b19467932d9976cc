import type { CaseChange } from '../cases/repository';
import type { CaseRecord, NewEvent } from '../cases/model';
import { toVietnamIso } from '../time/vietnam-time';
import { deadlineOfLimit, WORKFLOW, type Calendar } from './decisions';
import type { ProcedureSettings } from './procedure-settings';
import type { ReadingFacts } from '../checks/types';
import type { CaseReading } from '../reading/read-case-attachments';

/** What the automatic checks found (they help the officer, never decide). */
export interface ReceiptChecklist {
  likelyProcedure: { code: string; confidence: string; evidence: string[] };
  judgmentRefs: string[];
  summary: string;
  duplicates?: unknown;
  [detail: string]: unknown;
}

/**
 * What the reading step did, on the timeline: each attachment read (how, which pages, with what
 * confidence) and the text read as documents with their SHA-256, which verify re-hashes like any
 * document's; or the error that ended the step. Undefined when there was nothing to read.
 */
function readingEvent(reading: ReadingFacts, at: string): NewEvent | undefined {
  if (!('attachments' in reading)) return { type: 'attachments-not-read', at, actor: WORKFLOW, data: { error: reading.Error ?? 'unknown', cause: reading.Cause?.slice(0, 2000) } };
  const { attachments, judgment } = reading as CaseReading;
  if (attachments.length === 0) return undefined;
  return {
    type: 'attachments-read',
    at,
    actor: WORKFLOW,
    data: {
      read: attachments.map(({ text: _text, ...summary }) => summary),
      documents: attachments.flatMap((a) => (a.text ? [a.text] : [])),
      ...(judgment?.number ? { judgmentNumber: judgment.number.value } : {}),
    },
  };
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
  found: { likely: ReceiptChecklist['likelyProcedure']; procedure: ProcedureSettings; checklist: ReceiptChecklist; reading?: ReadingFacts },
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
    const read = found.reading ? readingEvent(found.reading, at) : undefined;
    if (read) change.events.push(read);
    const words = found.reading && 'searchWords' in found.reading ? found.reading.searchWords : undefined;
    if (words) change.update.readingWords = words;
    change.events.push({ type: 'checks-completed', at, actor: WORKFLOW, data: { summary: checklist.summary, likelyProcedure: checklist.likelyProcedure, judgmentRefs: checklist.judgmentRefs, duplicates: checklist.duplicates } });
  }
  return change.events.length ? change : undefined;
}
