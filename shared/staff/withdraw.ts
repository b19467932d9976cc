import type { Principal } from '../auth/principal';
import type { CaseChange } from '../cases/repository';
import type { CaseRecord, WithdrawalRecord } from '../cases/model';
import { legalBasis as bundledLegalBasis } from '../procedures/default-legal-basis';
import { citationOf, type LegalBasisData } from '../procedures/legal-basis';
import { toVietnamIso } from '../time/vietnam-time';
import { actorOf, type ActionResult } from './actions';
import { CaseConflict } from './errors';
import type { StaffPorts } from './ports';

/**
 * The waits a withdrawal ends: before the decision to enforce. After it, the requester's written withdrawal is a
 * ground for the head to stop enforcement (đình chỉ thi hành án) by a decision of its own, which is not this action.
 */
export const WITHDRAWABLE_STEPS = ['review', 'requester-reply', 'visit', 'decision'] as const;

/** What the workflow's waiting step receives: the Choice or the next Task that reads it ends the case as withdrawn. */
export const WITHDRAWN_OUTPUT = 'withdrawn';

export interface WithdrawalInput {
  via: WithdrawalRecord['via'];
  reference: string;
  reason?: string;
  note?: string;
}

const CLOSURE_WORDS: Record<string, string> = {
  resolved: 'its result was handed over',
  refused: 'it was refused',
  referred: 'it was referred to the competent office',
  'no-reply': 'the requester did not complete the file in time',
  'missed-twice': 'the requester missed the appointment twice',
  'guidance-given': 'guidance was given',
  withdrawn: 'the requester withdrew it',
};

/**
 * Decides a withdrawal: a case still open, before its decision, waiting for a step the withdrawal can end.
 * Returns the case change (the withdrawal on the case and its timeline; the desk's withdrawal hints answered),
 * undefined when the withdrawal is already recorded, or throws why it cannot be (409).
 */
export function decideWithdrawal(record: CaseRecord, input: WithdrawalInput, by: WithdrawalRecord['by'], now: Date, law: LegalBasisData = bundledLegalBasis): CaseChange | undefined {
  const id = record.caseId;
  if (record.status === 'closed') {
    const why = record.closure ? `${CLOSURE_WORDS[record.closure.reason] ?? record.closure.reason} (closed ${record.closure.at})` : 'it is closed';
    throw new CaseConflict(`case ${id} is finished: ${why}; there is nothing left to withdraw`);
  }
  if (record.decision) {
    const stop = citationOf(law, 'stop-enforcement', record.receivedAt);
    throw new CaseConflict(
      `case ${id}: the decision ${record.decision.number} was issued on ${record.decision.date}, so the request can no longer be withdrawn at the desk; a written withdrawal now asks the head to stop enforcement (đình chỉ thi hành án, ${stop.text}${stop.verify ? ', to be confirmed' : ''}) by a decision of its own`,
    );
  }
  if (record.flow === 'guidance') {
    throw new CaseConflict(`case ${id} is a complaint or denunciation: its withdrawal follows the law on complaints and denunciations, not this action`);
  }
  if (record.flow === 'answer') {
    throw new CaseConflict(`case ${id} is a question or feedback: there is no request to withdraw; answer it (POST /cases/${id}/answer), saying the sender no longer needs an answer if they wrote so`);
  }
  if (record.withdrawal) return undefined;
  const step = record.pendingStep?.step;
  if (!step || !(WITHDRAWABLE_STEPS as readonly string[]).includes(step)) {
    throw new CaseConflict(
      `case ${id} waits for ${step ?? 'no action (it is between two steps)'}: a withdrawal is recorded while the case waits for ${WITHDRAWABLE_STEPS.join(', ')}; read the case again and retry`,
    );
  }
  const at = toVietnamIso(now);
  const withdrawal: WithdrawalRecord = { recordedAt: at, by, via: input.via, reference: input.reference.trim(), ...(input.reason?.trim() ? { reason: input.reason.trim() } : {}), step };
  const citation = citationOf(law, 'withdrawal', record.receivedAt);
  const hints = (record.attention ?? []).filter((a) => a.kind === 'withdrawal-requested');
  return {
    update: { withdrawal, ...(hints.length ? { attention: (record.attention ?? []).filter((a) => a.kind !== 'withdrawal-requested') } : {}) },
    events: [
      {
        type: 'withdrawal-recorded',
        at,
        actor: by,
        data: { ...withdrawal, legalBasis: { provision: citation.provision, text: citation.text, verify: citation.verify }, ...(hints.length ? { answersHints: hints.map((h) => h.messageId ?? h.at) } : {}), ...(input.note ? { note: input.note } : {}) },
      },
    ],
  };
}

/**
 * Records the requester's written withdrawal and ends the waiting step with it: the workflow then closes the case
 * as withdrawn (its clocks with it) and sends the confirming letter. The same withdrawal twice, even at the same
 * instant, is one event and one letter: the second finds it recorded and resumes nothing, unless the case has
 * begun a new wait since (another action completed the step at the very moment of the first), which it ends.
 */
export async function recordWithdrawal(principal: Principal, record: CaseRecord, input: WithdrawalInput, ports: StaffPorts): Promise<ActionResult> {
  const now = ports.clock.now();
  const at = toVietnamIso(now);
  const by = actorOf(principal);
  const { events, record: after } = await ports.cases.changeCase(record.caseId, (current) => decideWithdrawal(current, input, by, now));
  const withdrawal = after.withdrawal!;
  const pending = after.pendingStep;
  const newWaitSince = pending && pending.since > withdrawal.recordedAt;
  if (events.length === 0 && !newWaitSince) return { caseId: record.caseId, action: 'withdraw', step: withdrawal.step, status: 'unchanged', at };
  const step = await endWaitingStep(record.caseId, { [WITHDRAWN_OUTPUT]: true, actor: by, at }, ports);
  return { caseId: record.caseId, action: 'withdraw', step, status: 'submitted', at };
}

/**
 * The waiting step learns of the withdrawal (SendTaskSuccess with `withdrawn: true`). A token renewed meanwhile
 * (a warning re-entered the wait) is read again once.
 */
async function endWaitingStep(caseId: string, output: Record<string, unknown>, ports: StaffPorts): Promise<string> {
  let tried: string | undefined;
  for (let attempt = 1; attempt <= 2; attempt++) {
    const pending = (await ports.cases.requireCase(caseId)).pendingStep;
    if (!pending || !(WITHDRAWABLE_STEPS as readonly string[]).includes(pending.step) || pending.taskToken === tried) break;
    if ((await ports.workflow.sendTaskSuccess(pending.taskToken, output)) === 'sent') return pending.step;
    tried = pending.taskToken;
  }
  throw new CaseConflict(
    `case ${caseId}: the withdrawal is recorded, but the step it waited for was completed at the same moment by another action; when the case waits again, repeat the withdrawal to end it`,
  );
}
