import type { CaseChange } from '../cases/repository';
import type { CaseRecord, DocumentRef, NewEvent, StepDeadline } from '../cases/model';
import type { ReceivedDocument } from '../documents/receipt-slip';
import { toVietnamIso } from '../time/vietnam-time';
import { deadlineOfLimit, timelinessOf, WORKFLOW, type Calendar } from './decisions';
import type { ProcedureSettings, TimeLimit } from './procedure-settings';
import { procuracyDueItem } from '../procuracy/due';

/**
 * The decisions of the result part (the visit, the decision, the hand-over) as pure functions of
 * the case, what the person recorded, the instant and the calendar. The steps in result-steps.ts
 * load the case, call these and store the change.
 */

/** The hand-over within one working day of the decision: the agency's own commitment, counted in working hours. */
export const HANDOVER_LIMIT: TimeLimit = { workingDays: 1, counting: 'working-hours' };

/** What the officer records of the visit (the body of the `visit` action). */
export interface VisitRecord {
  action?: string;
  documentsReceived?: ReceivedDocument[];
  collection?: 'at-desk' | 'by-post';
  postalAddress?: string;
  requester?: { name?: string; address?: string; phone?: string };
  note?: string;
  actor?: NewEvent['actor'];
  at?: string;
}

/** What the head records of the decision (the body of the `decision` action). */
export interface DecisionInput {
  number: string;
  date: string;
  signer: string | { name: string; title: string };
  document?: DocumentRef;
  actor?: NewEvent['actor'];
}

/** What the desk records of the hand-over (the body of the `handover` action). */
export interface HandoverInput {
  method?: 'at-desk' | 'by-post';
  recipientName?: string;
  /** The API's name for the person who received it. */
  receivedBy?: string;
  signedSlip?: boolean | DocumentRef;
  actor?: NewEvent['actor'];
}

/** The result's due date when the requester comes in person: the procedure's result limit from now, under the one-stop rules. */
export function resultDueOf(record: CaseRecord, procedure: ProcedureSettings, now: Date, calendar: Calendar): StepDeadline {
  return deadlineOfLimit(calendar, record, now, procedure.limits.result, procedure.afterCutoff);
}

/**
 * The in-person receipt: the originals checked, the requester's choice (wait, or post to an
 * address), the result's due date and the receipt slip (form 01) produced. Once only.
 */
export function decideVisit(
  record: CaseRecord,
  visit: VisitRecord,
  facts: { decisionDue: StepDeadline; documentsReceived: ReceivedDocument[]; receiptSlip: DocumentRef },
  now: Date,
  calendar: Calendar,
): CaseChange | undefined {
  if (record.deadlines.decision) return undefined; // recorded by an earlier attempt
  const at = toVietnamIso(now);
  const collection = visit.collection ?? 'at-desk';
  const appointment = record.deadlines.visit;
  const onTime = appointment ? timelinessOf(calendar, record, appointment, now).onTime : undefined;
  return {
    update: {
      status: 'received-in-person',
      pendingStep: undefined,
      resultCollection: { method: collection, ...(visit.postalAddress ? { postalAddress: visit.postalAddress } : {}) },
      deadlines: { ...record.deadlines, decision: facts.decisionDue },
      documents: { ...record.documents, receiptSlip: facts.receiptSlip },
    },
    events: [
      { type: 'visit-recorded', at, actor: visit.actor ?? WORKFLOW, data: { documentsReceived: facts.documentsReceived, collection, postalAddress: visit.postalAddress, note: visit.note, onTime } },
      { type: 'deadline-set', at, actor: WORKFLOW, data: { step: 'decision', ...facts.decisionDue } },
      { type: 'document-produced', at, actor: WORKFLOW, data: { kind: 'receipt-slip', ...facts.receiptSlip } },
    ],
  };
}

/**
 * The decision is on the case (number, date, signer, document), and with it the clocks of what
 * follows: the hand-over (by the date the requester was given, or one working day if that has
 * passed) and the copy to the procuracy, when the procedure's catalog entry sets a limit for it: the copy is
 * then due, and waits for the office's daily dispatch to its procuracy (an item of its own, in the same write).
 */
export function decideDecision(record: CaseRecord, decision: DecisionInput, procedure: ProcedureSettings, now: Date, calendar: Calendar): CaseChange | undefined {
  if (record.decision) return undefined;
  const at = toVietnamIso(now);
  const promised = record.deadlines.decision;
  const oneDay = deadlineOfLimit(calendar, record, now, HANDOVER_LIMIT);
  const handover: StepDeadline = promised && new Date(promised.dueAt) > new Date(oneDay.dueAt) ? { ...promised } : oneDay;
  const procuracy = procedure.limits.procuracyCopy ? deadlineOfLimit(calendar, record, now, procedure.limits.procuracyCopy) : undefined;
  return {
    update: {
      decision: { number: decision.number, date: decision.date, signer: decision.signer, ...(decision.document ? { document: decision.document } : {}), recordedAt: at },
      deadlines: { ...record.deadlines, handover, ...(procuracy ? { 'procuracy-copy': procuracy } : {}) },
    },
    events: [
      { type: 'decision-recorded', at, actor: decision.actor ?? WORKFLOW, data: { number: decision.number, date: decision.date, signer: decision.signer, document: decision.document } },
      { type: 'deadline-set', at, actor: WORKFLOW, data: { step: 'handover', ...handover } },
      ...(procuracy ? [{ type: 'deadline-set', at, actor: WORKFLOW, data: { step: 'procuracy-copy', ...procuracy } }] : []),
    ],
    // The copy is due: the office's daily dispatch to its procuracy finds it here (shared/procuracy/dispatch.ts).
    ...(procuracy ? { alsoPut: [{ item: procuracyDueItem(record, procuracy.dueAt, at) }] } : {}),
  };
}

/**
 * The decision is delivered: written on the case itself (not only on the timeline), so that an
 * enforcement officer sees it was handed over and does not deliver it a second time (seed 000).
 */
export function decideHandover(record: CaseRecord, handover: HandoverInput, now: Date): CaseChange | undefined {
  if (record.resultDelivered) return undefined;
  const at = toVietnamIso(now);
  const method = handover.method ?? record.resultCollection?.method ?? 'at-desk';
  const by = handover.actor?.kind === 'officer' ? (handover.actor.name ?? handover.actor.id) : undefined;
  const recipientName = handover.recipientName ?? handover.receivedBy;
  const resultDelivered = { at, method, ...(recipientName ? { recipientName } : {}), ...(handover.signedSlip ? { signedSlip: handover.signedSlip } : {}), ...(by ? { by } : {}) };
  return {
    update: { resultDelivered },
    events: [{ type: 'decision-handed-over', at, actor: handover.actor ?? WORKFLOW, data: { decision: record.decision?.number, ...resultDelivered } }],
  };
}
