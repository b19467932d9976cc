import type { CaseRecord, DocumentRef } from '../cases/model';
import { officeByCode } from '../offices/directory';
import { receiptSlipPdf, type ReceivedDocument } from '../documents/receipt-slip';
import { legalBasis } from '../procedures/default-legal-basis';
import { capitalised } from '../notices/common';
import { limitCitation } from '../procedures/legal-basis';
import type { WorkflowPorts } from './steps';
import type { ProcedureSettings } from './procedure-settings';
import { composeChanges, decideClosure, decideCompletion, isWithdrawal, refuseWithdrawnOutput } from './decisions';
import { decideDecision, decideHandover, decideVisit, resultDueOf, type DecisionInput, type HandoverInput, type VisitRecord } from './result-decisions';
import { stepClock, type StepClock } from './step-clock';

export type { DecisionInput, HandoverInput, VisitRecord } from './result-decisions';

export interface ResultPorts extends WorkflowPorts {
  procedureOf(code: string): ProcedureSettings;
  storeDocument(key: string, content: Buffer, contentType: string): Promise<{ bucket: string; key: string }>;
}

/** The visit's wait ended with a request for another date, not a visit: the workflow moves the appointment instead. */
export class RescheduleRequested extends Error {
  override readonly name = 'RescheduleRequested';
}

/** A delay recorded before the deadline (the delay action) is no outcome: the workflow sends the delay letter instead. */
export class ResultDelayed extends Error {
  override readonly name = 'ResultDelayed';
}

/** What the desk receives when the officer lists nothing: the request itself (named as the procedure names it) and the judgment. */
const defaultDocuments = (procedure: ProcedureSettings): ReceivedDocument[] => [
  { name: /^đơn /i.test(procedure.requestName) ? capitalised(procedure.requestName) : `Đơn ${procedure.requestName}`, copies: 1, kind: 'original' },
  { name: 'Bản án, quyết định của Tòa án', copies: 1, kind: 'copy' },
];

/**
 * The in-person receipt: the originals checked, the requester's choice (wait, or post to an
 * address), the result's due date from now under the one-stop rules, and the receipt and
 * appointment slip (form 01) produced and kept with the case. Returns the decision's clock, which
 * the decision's wait takes as its timeout. A request for another date ends the visit's wait too:
 * it is handed to the rescheduling (RescheduleRequested); so does the requester's recorded withdrawal
 * (RequestWithdrawn), which closes the case.
 */
export async function recordVisit(caseId: string, visit: VisitRecord, ports: ResultPorts): Promise<{ resultDueAt: string; clock: StepClock }> {
  // The wait for the visit was ended by the requester's withdrawal: the workflow catches this and closes the case.
  refuseWithdrawnOutput(caseId, 'the visit', visit as unknown as Record<string, unknown>);
  if (visit.action === 'reschedule') throw new RescheduleRequested(`case ${caseId}: another date was asked for, not a visit`);
  const current = await ports.cases.requireCase(caseId);
  const procedure = ports.procedureOf(current.procedure);
  const clockOf = (record: CaseRecord) => ({ resultDueAt: record.deadlines.decision!.dueAt, clock: stepClock(record, 'decision', ports.clock.now(), ports, procedure.warningFraction) });
  if (current.deadlines.decision) return clockOf(current); // recorded by an earlier attempt
  const office = officeByCode(ports.directory, current.office);
  if (!office) throw new Error(`office ${current.office} of case ${caseId} is not in the office directory`);
  const at = ports.clock.now();
  const decisionDue = resultDueOf(current, procedure, at, ports);
  const collection = visit.collection ?? 'at-desk';
  const documentsReceived = visit.documentsReceived?.length ? visit.documentsReceived : defaultDocuments(procedure);
  const officer = visit.actor?.kind === 'officer' ? (visit.actor.name ?? visit.actor.id) : 'Bộ phận một cửa';
  const slip = await receiptSlipPdf({
    caseId,
    office,
    agencyName: ports.directory.agency.name,
    requester: { name: visit.requester?.name ?? current.requester.name ?? current.requester.address ?? '', address: visit.requester?.address ?? visit.postalAddress ?? current.requester.postalAddress ?? '', phone: visit.requester?.phone ?? current.requester.phone, email: current.requester.address },
    procedureName: procedure.name,
    documentsReceived,
    receivedAt: at,
    resultDueAt: decisionDue.dueAt,
    ...(decisionDue.provisional ? { resultDueProvisional: true } : {}),
    resultCollection: collection,
    postalAddress: visit.postalAddress,
    officer: { name: officer },
    workingDays: procedure.resultWorkingDays,
    resultExplanation: procedure.resultExplanation,
    ...receiptSlipLegalBasis(current),
  });
  const stored = await ports.storeDocument(`cases/${caseId}/documents/giay-tiep-nhan-ho-so-va-hen-tra-ket-qua.pdf`, slip, 'application/pdf');
  const receiptSlip: DocumentRef = { name: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả.pdf', contentType: 'application/pdf', ...stored };
  const { record } = await ports.cases.changeCase(caseId, (latest) => decideVisit(latest, visit, { decisionDue, documentsReceived, receiptSlip }, at, ports), current);
  return clockOf(record);
}

/** The slip cites the provision of the result's limit in the law in force on the day the case was received. */
function receiptSlipLegalBasis(record: CaseRecord): { legalBasis?: string } {
  const citation = limitCitation(legalBasis, record.procedure, 'resultWorkingDays', record.receivedAt);
  return citation ? { legalBasis: citation.text } : {};
}

/**
 * A human step's outcome, in one transaction with what it settles: the step completed (on time or
 * late); for the decision, the decision itself and the clocks that follow; for the hand-over, the
 * delivery and the case closed as resolved. Returns the outcome with the facts the workflow goes
 * on with: for the decision, the hand-over's clock (its copy to the procuracy, when due, waits for the daily
 * dispatch: shared/procuracy/dispatch.ts).
 */
export async function recordOutcome(caseId: string, step: string, outcome: Record<string, unknown>, ports: ResultPorts): Promise<Record<string, unknown>> {
  if (outcome.delayed === true) throw new ResultDelayed(`case ${caseId}: the ${step} will be late; its deadline moved`);
  // Ended by the requester's recorded withdrawal (the withdraw action): nothing to record; the withdrawal is on the
  // timeline, and the case workflow closes the case as withdrawn (the review's Choice, or Release the decision).
  if (isWithdrawal(outcome)) return outcome;
  const now = ports.clock.now();
  const { record } = await ports.cases.changeCase(caseId, (current) =>
    composeChanges(current, [
      (r) => decideCompletion(r, step, outcome, now, ports),
      ...(step === 'decision' ? [(r: CaseRecord) => decideDecision(r, outcome as unknown as DecisionInput, ports.procedureOf(r.procedure), now, ports)] : []),
      ...(step === 'handover' ? [(r: CaseRecord) => decideHandover(r, outcome as HandoverInput, now), (r: CaseRecord) => decideClosure(r, 'resolved', now)] : []),
      // the answer to a question is its result: the case closes as answered with it, and the letter follows
      ...(step === 'answer' ? [(r: CaseRecord) => decideClosure(r, 'answered', now)] : []),
    ]),
  );
  if (step !== 'decision') return outcome;
  const handoverClock = stepClock(record, 'handover', now, ports, ports.procedureOf(record.procedure).warningFraction);
  return { ...outcome, handoverClock };
}

/** The decision alone, without a human step's completion (the workflow records both in recordOutcome). */
export async function recordDecision(caseId: string, decision: DecisionInput, ports: ResultPorts): Promise<{ procuracyCopy: boolean }> {
  const now = ports.clock.now();
  const { record } = await ports.cases.changeCase(caseId, (current) => decideDecision(current, decision, ports.procedureOf(current.procedure), now, ports));
  return { procuracyCopy: record.deadlines['procuracy-copy'] !== undefined };
}
