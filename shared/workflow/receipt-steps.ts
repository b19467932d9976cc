import type { CaseRecord, TimelineEvent } from '../cases/model';
import { toVietnamIso } from '../time/vietnam-time';
import { deadlineOfLimit, WORKFLOW, type WorkflowPorts } from './steps';
import type { ProcedureSettings } from './procedure-settings';

/** What the checks read of the request: the first message, as intake recorded it. */
export interface RequestMessage {
  subject: string;
  text: string;
  from?: string;
  attachments: Array<{ filename: string; contentType: string; size: number }>;
  authentication: Record<string, string | undefined>;
}

export interface OpenCaseSummary {
  caseId: string;
  subject: string;
  receivedAt: string;
  judgmentRefs: string[];
}

export interface ChecklistResult {
  likelyProcedure: { code: string; confidence: string; evidence: string[] };
  judgmentRefs: string[];
  summary: string;
  [detail: string]: unknown;
}

export interface ReceiptPorts extends WorkflowPorts {
  procedureOf(code: string): ProcedureSettings;
  /** The automatic checks (they help the officer, never decide). */
  checklistFor(message: RequestMessage, procedure: string | undefined, openCasesOfRequester: OpenCaseSummary[]): ChecklistResult;
}

/** The request as the first `message-received` event recorded it. */
export function requestMessageOf(events: TimelineEvent[]): RequestMessage {
  const received = events.find((e) => e.type === 'message-received');
  const data = (received?.data ?? {}) as Record<string, any>;
  return {
    subject: String(data.subject ?? ''),
    text: String(data.text ?? data.textExcerpt ?? ''),
    from: data.from?.address,
    attachments: ((data.attachments ?? []) as Array<Record<string, unknown>>).map((a) => ({ filename: String(a.name), contentType: String(a.contentType), size: Number(a.size) })),
    authentication: data.authentication ?? {},
  };
}

/**
 * Identifies the procedure the request is for (the likely one: the officer confirms at review)
 * and starts its first clock: the review for one-stop procedures, the registration for complaints.
 */
export async function recordReceipt(caseId: string, ports: ReceiptPorts): Promise<{ procedure: string; flow: string; round: number }> {
  const events = await ports.cases.listEvents(caseId);
  const message = requestMessageOf(events);
  const { record } = await ports.cases.changeCase(caseId, (current) => {
    if (current.flow) return undefined; // identified by an earlier attempt
    const likely = ports.checklistFor(message, undefined, []).likelyProcedure;
    const procedure = ports.procedureOf(likely.code);
    const step = procedure.flow === 'guidance' ? 'registration' : 'review';
    // The first clock runs from the receipt, so the agency's cut-off applies (it moves only a working-hours limit).
    const limit = procedure.flow === 'guidance' ? procedure.limits.result : procedure.limits.review;
    const deadline = deadlineOfLimit(ports, current, new Date(current.receivedAt), limit, procedure.afterCutoff);
    const at = toVietnamIso(ports.clock.now());
    return {
      update: { procedure: procedure.code, flow: procedure.flow, round: 1, deadlines: { ...current.deadlines, [step]: deadline } },
      events: [
        { type: 'procedure-identified', at, actor: WORKFLOW, data: { procedure: procedure.code, flow: procedure.flow, confidence: likely.confidence, evidence: likely.evidence } },
        { type: 'deadline-set', at, actor: WORKFLOW, data: { step, ...deadline } },
      ],
    };
  });
  return { procedure: record.procedure, flow: record.flow!, round: record.round ?? 1 };
}

/** The checklist on the case: judgment attached, items of the form, sender, likely duplicates. */
export async function runChecks(caseId: string, ports: ReceiptPorts): Promise<void> {
  const current = await ports.cases.requireCase(caseId);
  if (current.checklist) return;
  const message = requestMessageOf(await ports.cases.listEvents(caseId));
  const others = await openCasesOf(current, ports);
  const checklist = ports.checklistFor(message, current.procedure, others);
  await ports.cases.changeCase(caseId, (latest) =>
    latest.checklist
      ? undefined
      : {
          update: { checklist: { ...checklist, generatedAt: toVietnamIso(ports.clock.now()) } },
          events: [{ type: 'checks-completed', at: toVietnamIso(ports.clock.now()), actor: WORKFLOW, data: { summary: checklist.summary, likelyProcedure: checklist.likelyProcedure, judgmentRefs: checklist.judgmentRefs, duplicates: checklist.duplicates } }],
        },
  );
}

/** The requester's other cases that are still open, with the judgments they name. */
async function openCasesOf(record: CaseRecord, ports: ReceiptPorts): Promise<OpenCaseSummary[]> {
  const ids = (await ports.cases.caseIdsOfRequester(record.requester.address)).filter((id) => id !== record.caseId);
  const cases = await Promise.all(ids.map((id) => ports.cases.getCase(id)));
  return cases
    .filter((c): c is CaseRecord => !!c && c.status !== 'closed')
    .map((c) => ({ caseId: c.caseId, subject: c.subject, receivedAt: c.receivedAt, judgmentRefs: ((c.checklist?.judgmentRefs as string[] | undefined) ?? []) }));
}
