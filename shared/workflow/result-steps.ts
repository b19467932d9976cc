import type { CaseRecord, DocumentRef, NewEvent, StepDeadline } from '../cases/model';
import { officeByCode } from '../offices/directory';
import { receiptSlipPdf, type ReceivedDocument } from '../documents/receipt-slip';
import { legalBasis } from '../procedures/default-legal-basis';
import { capitalised } from '../notices/common';
import { limitCitation } from '../procedures/legal-basis';
import { toVietnamIso } from '../time/vietnam-time';
import { deadlineOfLimit, timelinessOf, WORKFLOW, type WorkflowPorts } from './steps';
import type { ProcedureSettings, TimeLimit } from './procedure-settings';
import { decideProcuracyCopy, refuseWithdrawnOutput } from './decisions';

/** The hand-over within one working day of the decision: the agency's own commitment, counted in working hours. */
const HANDOVER_LIMIT: TimeLimit = { workingDays: 1, counting: 'working-hours' };

export interface ResultPorts extends WorkflowPorts {
  procedureOf(code: string): ProcedureSettings;
  storeDocument(key: string, content: Buffer, contentType: string): Promise<{ bucket: string; key: string }>;
}

/** What the officer records of the visit (the body of the `visit` action). */
export interface VisitRecord {
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

/** What the desk receives when the officer lists nothing: the request itself (named as the procedure names it) and the judgment. */
const defaultDocuments = (procedure: ProcedureSettings): ReceivedDocument[] => [
  { name: /^đơn /i.test(procedure.requestName) ? capitalised(procedure.requestName) : `Đơn ${procedure.requestName}`, copies: 1, kind: 'original' },
  { name: 'Bản án, quyết định của Tòa án', copies: 1, kind: 'copy' },
];

/**
 * The in-person receipt: the originals checked, the requester's choice (wait, or post to an
 * address), the result's due date from now under the one-stop rules, and the receipt and
 * appointment slip (form 01) produced and kept with the case.
 */
export async function recordVisit(caseId: string, visit: VisitRecord, ports: ResultPorts): Promise<{ resultDueAt: string }> {
  const current = await ports.cases.requireCase(caseId);
  if (current.deadlines.decision) return { resultDueAt: current.deadlines.decision.dueAt }; // recorded by an earlier attempt
  const office = officeByCode(ports.directory, current.office);
  if (!office) throw new Error(`office ${current.office} of case ${caseId} is not in the office directory`);
  const procedure = ports.procedureOf(current.procedure);
  const at = ports.clock.now();
  const decisionDue = deadlineOfLimit(ports, current, at, procedure.limits.result, procedure.afterCutoff);
  const collection = visit.collection ?? 'at-desk';
  const documentsReceived = visit.documentsReceived?.length ? visit.documentsReceived : defaultDocuments(procedure);
  const officer = visit.actor?.kind === 'officer' ? (visit.actor.name ?? visit.actor.id) : 'Bộ phận một cửa';
  const slip = await receiptSlipPdf({
    caseId,
    office,
    agencyName: ports.directory.agency.name,
    requester: { name: visit.requester?.name ?? current.requester.name ?? current.requester.address, address: visit.requester?.address ?? visit.postalAddress ?? '', phone: visit.requester?.phone, email: current.requester.address },
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
  await ports.cases.changeCase(caseId, (latest) => {
    if (latest.deadlines.decision) return undefined;
    const nowIso = toVietnamIso(at);
    return {
      update: {
        status: 'received-in-person',
        pendingStep: undefined,
        resultCollection: { method: collection, ...(visit.postalAddress ? { postalAddress: visit.postalAddress } : {}) },
        deadlines: { ...latest.deadlines, decision: decisionDue },
        documents: { ...latest.documents, receiptSlip },
      },
      events: [
        { type: 'visit-recorded', at: nowIso, actor: visit.actor ?? WORKFLOW, data: { documentsReceived, collection, postalAddress: visit.postalAddress, note: visit.note, onTime: visitOnTime(latest, at, ports) } },
        { type: 'deadline-set', at: nowIso, actor: WORKFLOW, data: { step: 'decision', ...decisionDue } },
        { type: 'document-produced', at: nowIso, actor: WORKFLOW, data: { kind: 'receipt-slip', ...receiptSlip } },
      ],
    };
  });
  return { resultDueAt: decisionDue.dueAt };
}

/** The slip cites the provision of the result's limit in the law in force on the day the case was received. */
function receiptSlipLegalBasis(record: CaseRecord): { legalBasis?: string } {
  const citation = limitCitation(legalBasis, record.procedure, 'resultWorkingDays', record.receivedAt);
  return citation ? { legalBasis: citation.text } : {};
}

function visitOnTime(record: CaseRecord, at: Date, ports: WorkflowPorts): boolean | undefined {
  const visit = record.deadlines.visit;
  return visit ? timelinessOf(ports, record, visit, at).onTime : undefined;
}

/**
 * The decision is on the case (number, date, signer, document), and with it the clocks of what
 * follows: the hand-over (by the date the requester was given, or one working day if that has
 * passed) and the copy to the procuracy.
 */
export async function recordDecision(caseId: string, decision: DecisionInput, ports: ResultPorts): Promise<{ procuracyCopy: boolean }> {
  // The wait for the decision was ended by the requester's withdrawal: there is no decision to record.
  refuseWithdrawnOutput(caseId, 'the decision', decision as unknown as Record<string, unknown>);
  const { record } = await ports.cases.changeCase(caseId, (current) => {
    if (current.decision) return undefined;
    const procedure = ports.procedureOf(current.procedure);
    const at = ports.clock.now();
    const nowIso = toVietnamIso(at);
    const promised = current.deadlines.decision;
    const oneDay = deadlineOfLimit(ports, current, at, HANDOVER_LIMIT);
    const handover: StepDeadline = promised && new Date(promised.dueAt) > new Date(oneDay.dueAt) ? { ...promised } : oneDay;
    const procuracy = procedure.limits.procuracyCopy ? deadlineOfLimit(ports, current, at, procedure.limits.procuracyCopy) : undefined;
    const events: NewEvent[] = [
      { type: 'decision-recorded', at: nowIso, actor: decision.actor ?? WORKFLOW, data: { number: decision.number, date: decision.date, signer: decision.signer, document: decision.document } },
      { type: 'deadline-set', at: nowIso, actor: WORKFLOW, data: { step: 'handover', ...handover } },
      ...(procuracy ? [{ type: 'deadline-set', at: nowIso, actor: WORKFLOW, data: { step: 'procuracy-copy', ...procuracy } }] : []),
    ];
    return {
      update: {
        decision: { number: decision.number, date: decision.date, signer: decision.signer, ...(decision.document ? { document: decision.document } : {}), recordedAt: nowIso },
        deadlines: { ...current.deadlines, handover, ...(procuracy ? { 'procuracy-copy': procuracy } : {}) },
      },
      events,
    };
  });
  // Whether the procedure's decision goes to the procuracy, as its catalog entry says.
  return { procuracyCopy: record.deadlines['procuracy-copy'] !== undefined };
}

/** The copy to the procuracy went out: on time or late against its own limit. */
export async function recordProcuracyCopy(caseId: string, ports: ResultPorts): Promise<void> {
  await ports.cases.changeCase(caseId, (current) => decideProcuracyCopy(current, ports.clock.now(), ports));
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

/**
 * The decision is delivered: written on the case itself (not only on the timeline), so that an
 * enforcement officer sees it was handed over and does not deliver it a second time (seed 000).
 */
export async function recordHandover(caseId: string, handover: HandoverInput, ports: ResultPorts): Promise<void> {
  await ports.cases.changeCase(caseId, (current) => {
    if (current.resultDelivered) return undefined;
    const at = toVietnamIso(ports.clock.now());
    const method = handover.method ?? current.resultCollection?.method ?? 'at-desk';
    const by = handover.actor?.kind === 'officer' ? (handover.actor.name ?? handover.actor.id) : undefined;
    const recipientName = handover.recipientName ?? handover.receivedBy;
    const resultDelivered = { at, method, ...(recipientName ? { recipientName } : {}), ...(handover.signedSlip ? { signedSlip: handover.signedSlip } : {}), ...(by ? { by } : {}) };
    return {
      update: { resultDelivered },
      events: [{ type: 'decision-handed-over', at, actor: handover.actor ?? WORKFLOW, data: { decision: current.decision?.number, ...resultDelivered } }],
    };
  });
}
