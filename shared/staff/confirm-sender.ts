import type { Actor, CaseRecord, TimelineEvent } from '../cases/model';
import type { StaffPorts } from './ports';
import { CaseConflict } from './errors';

/** What the notify function answered for the acknowledgement that the confirmation releases. */
export interface NoticeDispatchResult {
  messageId: string;
  alreadySent: boolean;
  needless?: string;
}

/**
 * Sends one notice of a case through the notify function (the same handler the workflow's notify
 * Task invokes), so that a staff action never sends mail itself and the notice is sent once under
 * its own key, whoever asks first.
 */
export interface NoticeDispatch {
  send(caseId: string, notice: 'acknowledgement'): Promise<NoticeDispatchResult>;
}

export interface ConfirmSenderInput {
  /** Why the officer is satisfied the address is the requester's (a call, a visit, a known address). */
  note: string;
}

const acknowledged = (events: TimelineEvent[]) => events.some((e) => e.type === 'notice-sent' && e.data.notice === 'acknowledgement');

/**
 * An officer of the case's office confirms the address of a held sender: the confirmation goes on
 * the chained timeline (who, when, why) and clears the hold, then the held acknowledgement is sent
 * with the deadline the case already carries (shared/notices/case-notices.ts states the first one).
 *
 * Allowed only while the case is held. A confirmation whose acknowledgement did not go out (the
 * notify function failed) may be given again: it records nothing new and asks for the notice again;
 * once the acknowledgement is on the timeline, another confirmation is a conflict (409).
 */
export async function confirmSender(
  record: CaseRecord,
  input: ConfirmSenderInput,
  actor: Extract<Actor, { kind: 'officer' }>,
  at: string,
  ports: Pick<StaffPorts, 'cases' | 'notices'>,
): Promise<{ status: 'recorded' | 'unchanged'; acknowledgement: NoticeDispatchResult }> {
  if (!ports.notices) throw new Error('this deployment gives the API no way to send notices (NOTIFY_FUNCTION_NAME)');
  const { events } = await ports.cases.changeCase(record.caseId, (current) => {
    if (!current.senderHold) throw new CaseConflict(`case ${current.caseId}: its sender is not held; there is nothing to confirm`);
    if (current.senderHold.confirmed) return undefined;
    const by = actor.name ?? actor.id;
    return {
      update: { senderHold: { ...current.senderHold, confirmed: { at, by, note: input.note } } },
      events: [{ type: 'sender-confirmed', at, actor, data: { address: current.requester.address, reasons: current.senderHold.reasons, note: input.note } }],
    };
  });
  if (events.length === 0 && acknowledged(await ports.cases.listEvents(record.caseId))) {
    throw new CaseConflict(`case ${record.caseId}: the sender's address was already confirmed and the acknowledgement sent`);
  }
  const acknowledgement = await ports.notices.send(record.caseId, 'acknowledgement');
  return { status: events.length ? 'recorded' : 'unchanged', acknowledgement };
}
