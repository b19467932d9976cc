import type { CaseRecord, TimelineEvent } from '../cases/model';
import type { WorkflowPorts } from './steps';
import { decideReceipt, firstStepOf } from './receipt-decisions';
import { stepClock, type StepClock } from './step-clock';
import type { ProcedureSettings } from './procedure-settings';
import { requestEventOf } from '../intake/request-event';
import type { ReadingFacts } from '../checks/types';
import { caseSnapshot, type CaseSnapshot } from '../cases/snapshot';

/** What the checks read of the request: the first message, as intake recorded it. */
export interface RequestMessage {
  subject: string;
  text: string;
  from?: string;
  /** The sender's display name ("Phạm Thị Mai"), compared with the parties read from the judgment. */
  fromName?: string;
  attachments: Array<{ filename: string; contentType: string; size: number }>;
  authentication: Record<string, string | undefined>;
}

export interface OpenCaseSummary {
  caseId: string;
  subject: string;
  receivedAt: string;
  judgmentRefs: string[];
}

/** What the automatic checks return (one definition, in receipt-decisions.ts). */
export type { ReceiptChecklist as ChecklistResult } from './receipt-decisions';
import type { ReceiptChecklist as ChecklistResult } from './receipt-decisions';

export interface ReceiptPorts extends WorkflowPorts {
  procedureOf(code: string): ProcedureSettings;
  /** The automatic checks (they help the officer, never decide). */
  checklistFor(message: RequestMessage, procedure: string | undefined, openCasesOfRequester: OpenCaseSummary[], reading?: ReadingFacts): ChecklistResult;
}

/** The request as its first event recorded it: the e-mail (`message-received`) or the registration of a letter or a visit to the desk. */
export function requestMessageOf(events: TimelineEvent[]): RequestMessage {
  const received = requestEventOf(events);
  const data = (received?.data ?? {}) as Record<string, any>;
  return {
    subject: String(data.subject ?? ''),
    text: String(data.text ?? data.textExcerpt ?? ''),
    from: data.from?.address,
    ...(data.from?.name ? { fromName: String(data.from.name) } : {}),
    attachments: ((data.attachments ?? []) as Array<Record<string, unknown>>).map((a) => ({ filename: String(a.name), contentType: String(a.contentType), size: Number(a.size) })),
    authentication: data.authentication ?? {},
  };
}

/**
 * The receipt: identifies the procedure the request is for (the likely one: the officer confirms
 * at review), starts its first clock (the review for one-stop procedures, the registration for
 * complaints) and runs the automatic checks, in one transaction. Returns the first step's clock,
 * which the human step's wait takes as its timeout, with the case as written (`known`, a snapshot the
 * notices start from instead of reading it again). Load, decide, store: one read of the case and
 * its timeline, one of the requester's other cases (only when the opening saw some), one write. `reading`: what the reading step found
 * in the attachments (or the error that ended it): the checks use it, and the timeline records it.
 */
export async function recordReceipt(caseId: string, ports: ReceiptPorts, reading?: ReadingFacts): Promise<{ procedure: string; flow: string; round: number; clock: StepClock & { known: CaseSnapshot } }> {
  const { record: current, events } = ports.cases.requireCaseWithEvents
    ? await ports.cases.requireCaseWithEvents(caseId)
    : { record: await ports.cases.requireCase(caseId), events: await ports.cases.listEvents(caseId) };
  let record = current;
  if (!current.flow || !current.checklist) {
    const message = requestMessageOf(events);
    const others = await openCasesOf(current, ports);
    // A request registered from the post or the desk names its procedure (the officer chose it); an e-mail's is guessed.
    const likely = current.channel ? registeredProcedure(current) : ports.checklistFor(message, undefined, others, reading).likelyProcedure;
    const procedure = ports.procedureOf(current.flow || current.channel ? current.procedure : likely.code);
    const checklist = ports.checklistFor(message, procedure.code, others, reading);
    const now = ports.clock.now();
    ({ record } = await ports.cases.changeCase(caseId, (latest) => decideReceipt(latest, { likely, procedure, checklist, reading }, now, ports), current));
  }
  const procedure = ports.procedureOf(record.procedure);
  const clock = stepClock(record, firstStepOf(procedure), ports.clock.now(), ports, procedure.warningFraction);
  // The case as written goes along with the clock: the notices that follow (and the wait after them) start from it.
  return { procedure: record.procedure, flow: record.flow!, round: record.round ?? 1, clock: { ...clock, known: caseSnapshot(record, events) } };
}

/** The procedure an officer chose when registering a request received by post or at the desk. */
function registeredProcedure(record: CaseRecord): ChecklistResult['likelyProcedure'] {
  return { code: record.procedure, confidence: 'registered', evidence: [`chosen by ${record.channel?.registeredBy ?? 'the officer'} when registering the request (${record.channel?.kind})`] };
}

/** The requester's other cases that are still open, with the judgments they name. */
async function openCasesOf(record: CaseRecord, ports: ReceiptPorts): Promise<OpenCaseSummary[]> {
  // A requester registered without an e-mail address has no index of cases to compare with; one whose first case this
  // is, as the opening saw it (intake read the requester's count, and the opening was conditioned on it), has none.
  if (!record.requester.address || record.requesterHadCases === false) return [];
  const ids = (await ports.cases.caseIdsOfRequester(record.requester.address)).filter((id) => id !== record.caseId);
  const cases = await Promise.all(ids.map((id) => ports.cases.getCase(id)));
  return cases
    .filter((c): c is CaseRecord => !!c && c.status !== 'closed')
    .map((c) => ({ caseId: c.caseId, subject: c.subject, receivedAt: c.receivedAt, judgmentRefs: ((c.checklist?.judgmentRefs as string[] | undefined) ?? []) }));
}
