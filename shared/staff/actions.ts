import * as z from 'zod';
import { authorizeDecision, type Permission } from '../auth/authorize';
import { AccessRefused } from '../auth/errors';
import type { Principal } from '../auth/principal';
import type { Actor, CaseRecord } from '../cases/model';
import { sha256Hex } from '../timeline/hash-chain';
import { toVietnamIso } from '../time/vietnam-time';
import { caseFor, requirePermission } from './access';
import { recordDelay } from './delay';
import { recordWithdrawal } from './withdraw';
import { CaseConflict, InvalidRequest, NotWaitingForAction } from './errors';
import type { StaffPorts } from './ports';
import { confirmSender, type NoticeDispatchResult } from './confirm-sender';
import { writtenWithDiacritics } from '../checks/diacritics';
import { ACTION_NAMES, type ActionName } from './action-names';

export { ACTION_NAMES, type ActionName };

const note = z.string().trim().min(1).max(4000);
const text = z.string().trim().min(1).max(1000);

/**
 * Lists in an action body are short by nature (the items missing from a request, the documents
 * handed over); bounded, every body stays far inside the 256 KB that Step Functions accepts as a
 * task's output (50 × 1,000 characters of text, plus notes): `MAX_ACTION_OUTPUT_BYTES` is checked
 * by a test against the largest body each schema admits.
 */
export const MAX_LIST_ITEMS = 50;
export const MAX_ACTION_OUTPUT_BYTES = 256 * 1024;
const list = <T extends z.ZodType>(item: T) => z.array(item).max(MAX_LIST_ITEMS, `at most ${MAX_LIST_ITEMS} items`);

/**
 * The officer's review of a request (seed 002): accept it, ask for what is missing (the clock
 * pauses until the reply), refuse it with the reason and its legal basis, or refer it to the
 * competent office.
 */
const reviewBody = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('accept'), note: note.optional() }),
  z.strictObject({ outcome: z.literal('request-more'), missingItems: list(text).min(1, 'name at least one missing item'), note: note.optional() }),
  z.strictObject({ outcome: z.literal('refuse'), reason: text, legalBasis: text, note: note.optional() }),
  z.strictObject({ outcome: z.literal('refer'), referTo: text, reason: text.optional(), note: note.optional() }),
]);

/**
 * The requester came to the desk with the originals (shared/workflow/result-steps `VisitRecord`):
 * what was received, how the result will be collected; or, at the requester's request, another
 * date (`action: reschedule`).
 */
const visitBody = z.union([
  z.strictObject({ action: z.literal('reschedule'), note: note.optional() }),
  z.strictObject({
    action: z.literal('received').optional(),
    documentsReceived: list(z.strictObject({ name: text, copies: z.number().int().min(1).max(100), kind: z.enum(['original', 'copy']) })).optional(),
    collection: z.enum(['at-desk', 'by-post']).optional(),
    postalAddress: text.optional(),
    requester: z.strictObject({ name: text.optional(), address: text.optional(), phone: z.string().trim().min(3).max(40).optional() }).optional(),
    note: note.optional(),
  }),
]);

/** A decision PDF up to 4 MB (base64 is 4/3 of that), well inside API Gateway's and Lambda's payload limits. */
const MAX_DECISION_BASE64 = Math.ceil((4 * 1024 * 1024 * 4) / 3);

/** The enforcement decision (quyết định thi hành án): its number, date and signer (result-steps `DecisionInput`). */
const decisionBody = z.strictObject({
  number: text,
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'),
  signer: text,
  /** The signed decision as a PDF, base64: it is released to the requester and copied to the procuracy. */
  pdfBase64: z.string().min(16, 'the decision PDF (base64) is required').max(MAX_DECISION_BASE64, 'the decision PDF is larger than 4 MB'),
  filename: text.optional(),
  note: note.optional(),
});

/** The decision was handed to the requester, at the desk (signed slip) or by post. */
const handoverBody = z.strictObject({
  method: z.enum(['at-desk', 'by-post']),
  receivedBy: text.optional(),
  note: note.optional(),
});

/** A complaint or denunciation registered by an officer (the guidance flow). */
const registerBody = z.strictObject({ note: note.optional() });

/**
 * The officer's answer to a general question or feedback (the answer flow): the text of the letter the sender
 * receives, in Vietnamese with full diacritics (a text typed without them is refused: the letter is the
 * office's), up to 8,000 characters.
 */
const answerBody = z.strictObject({
  answer: z
    .string()
    .trim()
    .min(20, 'the answer must say something: at least 20 characters')
    .max(8000, 'at most 8,000 characters: a longer answer is a document to attach to a letter')
    .refine(writtenWithDiacritics, 'the answer seems typed without Vietnamese diacritics: the letter goes out in the office\'s name and must carry them'),
  note: note.optional(),
});

/** Why the officer is satisfied that a held sender's address is the requester's: it goes on the timeline. */
const confirmSenderBody = z.strictObject({ note });
/**
 * The officer or head records, before the deadline, that the result will be late (form 04 of circular
 * 03/2025/TT-VPCP): the reason the letter gives the requester, and the new date (the close of office hours on
 * that day, or an exact time). The step's deadline moves to it; the letter goes to the requester.
 */
const delayBody = z.strictObject({
  reason: text,
  newDate: z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z))?$/, 'a date YYYY-MM-DD, or a date and time with its offset (2026-12-10T16:00+07:00)'),
  note: note.optional(),
});

/**
 * The requester withdrew the request in writing (shared/staff/withdraw.ts): how the writing came, which writing it
 * is (its date, Message-ID or register number), and the reason the requester gave. A reply that only says "rút
 * đơn" is a hint on the case: an officer reads it and records the withdrawal with this.
 */
const withdrawBody = z.strictObject({
  via: z.enum(['email', 'letter']),
  reference: text,
  reason: text.optional(),
  note: note.optional(),
});

const reassignBody = z.strictObject({
  assignee: z.string().trim().min(1).max(200),
  note: note.optional(),
});

export interface ActionSpec {
  /** The workflow step this action completes; none for actions that only change the case. */
  step?: string;
  permission: Permission;
  body: z.ZodType<Record<string, unknown>>;
  summary: string;
}

/**
 * What each action does: the step it completes and the body it takes. `visit`, `decision` and
 * `handover` complete steps that the lifecycle adds to the workflow; until a case waits for them
 * they answer 409 like any action that comes at the wrong time. Their bodies follow what the
 * lifecycle's workflow reads (shared/workflow/result-steps.ts).
 */
export const ACTIONS = {
  review: { step: 'review', permission: 'case:act', body: reviewBody, summary: "Record the officer's review of the request" },
  visit: { step: 'visit', permission: 'case:act', body: visitBody, summary: "Record the requester's in-person visit" },
  decision: { step: 'decision', permission: 'case:act', body: decisionBody, summary: 'Record the enforcement decision' },
  handover: { step: 'handover', permission: 'case:act', body: handoverBody, summary: 'Record the hand-over of the decision' },
  register: { step: 'registration', permission: 'case:act', body: registerBody, summary: 'Register a complaint or denunciation' },
  answer: { step: 'answer', permission: 'case:act', body: answerBody, summary: 'Answer a general question or feedback: the answer goes to the sender as a letter, and the case closes as answered' },
  reassign: { permission: 'case:reassign', body: reassignBody, summary: 'Assign the case to another officer' },
  'confirm-sender': { permission: 'case:act', body: confirmSenderBody, summary: "Confirm a held sender's address, which sends the held acknowledgement" },
  delay: { permission: 'case:act', body: delayBody, summary: 'Record, before the deadline, that the result will be late, why and the new date (form 04)' },
  withdraw: { permission: 'case:act', body: withdrawBody, summary: "Record the requester's written withdrawal of the request, which ends the case before its decision" },
} as const satisfies Record<ActionName, ActionSpec>;

export interface ActionResult {
  caseId: string;
  action: ActionName;
  step?: string;
  status: 'submitted' | 'recorded' | 'unchanged';
  at: string;
  /** confirm-sender: what became of the held acknowledgement. */
  acknowledgement?: NoticeDispatchResult;
}

export const actorOf = (principal: Principal): Extract<Actor, { kind: 'officer' }> => ({
  kind: 'officer',
  id: principal.sub,
  ...(principal.name ?? principal.email ? { name: principal.name ?? principal.email } : {}),
});

/** Validates an action's body against its schema, naming each problem by its path. */
export function parseActionBody(action: ActionName, body: unknown): Record<string, unknown> {
  const result = ACTIONS[action].body.safeParse(body ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
  throw new InvalidRequest(`the body of ${action} is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
}

/**
 * The decision's PDF goes to the documents bucket, and the workflow gets a reference to it: files
 * never travel through Step Functions (its payloads are limited to 256 KB). Each upload gets a
 * key of its own (the time and the content's SHA-256), so a released decision is never
 * overwritten, and the hash goes on the chained `decision-recorded` event for `verify`.
 */
async function withStoredDecision(caseId: string, input: Record<string, unknown>, at: string, ports: StaffPorts): Promise<Record<string, unknown>> {
  const { pdfBase64, filename, ...decision } = input as { pdfBase64: string; filename?: string; number: string };
  const pdf = Buffer.from(pdfBase64, 'base64');
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
    throw new InvalidRequest('the body of decision is not valid: pdfBase64: not a PDF document (it must start with %PDF-)', [{ path: 'pdfBase64', message: 'not a PDF document' }]);
  }
  const name = filename ?? `Quyết định thi hành án số ${decision.number.replace(/[\\/]/g, '-')}.pdf`;
  const sha256 = sha256Hex(pdf);
  const key = `cases/${caseId}/documents/decisions/${at.replace(/[^0-9]/g, '').slice(0, 14)}-${sha256}.pdf`;
  const stored = await ports.uploads.storeDocument(key, pdf, 'application/pdf');
  return { ...decision, document: { name, contentType: 'application/pdf', ...stored, sha256, size: pdf.length } };
}

/** A decision belongs to the head of the case's office or a named deputy: refused before anything is read from the body or stored. */
function requireDecisionAuthority(principal: Principal, record: CaseRecord, ports: StaffPorts): void {
  const decision = authorizeDecision(principal, record.office, ports.directory);
  if (!decision.allowed) throw new AccessRefused(decision.reason);
}

/**
 * Performs an action on a case for a principal. An action on a step resumes the waiting workflow
 * (SendTaskSuccess); the workflow's next state records it on the timeline. If the token changed
 * under us (a breach renewed the wait), the case is read again and the action retried once with
 * the new token, provided the same step still waits.
 */
export async function performAction(principal: Principal, caseId: string, action: ActionName, body: unknown, ports: StaffPorts): Promise<ActionResult> {
  const spec: ActionSpec = ACTIONS[action];
  requirePermission(principal, spec.permission);
  const record = await caseFor(principal, spec.permission, caseId, ports);
  const input = parseActionBody(action, body);
  const at = toVietnamIso(ports.clock.now());
  if (action === 'confirm-sender') {
    const confirmed = await confirmSender(record, input as z.infer<typeof confirmSenderBody>, actorOf(principal), at, ports);
    return { caseId, action, ...confirmed, at };
  }
  if (action === 'delay') return recordDelay(principal, record, input as z.infer<typeof delayBody>, ports);
  if (action === 'withdraw') return recordWithdrawal(principal, record, input as z.infer<typeof withdrawBody>, ports);
  if (!spec.step) return reassign(principal, record, input as z.infer<typeof reassignBody>, at, ports);

  const step = spec.step;
  if (action === 'decision') requireDecisionAuthority(principal, record, ports);
  // The state is checked before anything is stored: a closed or moved-on case keeps its documents as they are.
  if (record.pendingStep?.step !== step) throw new NotWaitingForAction(caseId, action, step, record.pendingStep?.step ?? null);
  const payload = action === 'decision' ? await withStoredDecision(caseId, input, at, ports) : input;
  const output = { ...payload, actor: actorOf(principal), at };
  let current = record;
  for (let attempt = 1; ; attempt++) {
    const pending = current.pendingStep;
    if (pending?.step !== step) throw new NotWaitingForAction(caseId, action, step, pending?.step ?? null);
    if ((await ports.workflow.sendTaskSuccess(pending.taskToken, output)) === 'sent') return { caseId, action, step, status: 'submitted', at };
    const reread = await ports.cases.requireCase(caseId);
    const renewed = reread.pendingStep?.step === step && reread.pendingStep.taskToken !== pending.taskToken;
    if (attempt >= 2 || !renewed) {
      throw new NotWaitingForAction(
        caseId,
        action,
        step,
        reread.pendingStep?.step ?? null,
        reread.pendingStep?.step === step
          ? `case ${caseId} no longer waits for this ${step}: it was just completed or is being resumed; read the case again`
          : undefined,
      );
    }
    current = reread;
  }
}

/** A head gives the case to another officer: the case changes, and the timeline says who, from whom, to whom. */
async function reassign(principal: Principal, record: CaseRecord, input: z.infer<typeof reassignBody>, at: string, ports: StaffPorts): Promise<ActionResult> {
  const { events } = await ports.cases.changeCase(record.caseId, (current) => {
    if (current.status === 'closed') throw new CaseConflict(`case ${current.caseId} is closed: it cannot be reassigned`);
    if (current.assignee === input.assignee) return undefined;
    return {
      update: { assignee: input.assignee },
      events: [
        {
          type: 'reassigned',
          at,
          actor: actorOf(principal),
          data: { from: current.assignee ?? null, to: input.assignee, ...(input.note ? { note: input.note } : {}) },
        },
      ],
    };
  });
  return { caseId: record.caseId, action: 'reassign', status: events.length ? 'recorded' : 'unchanged', at };
}
