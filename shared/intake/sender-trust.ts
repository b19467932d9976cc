/**
 * Who a message may speak for. The agency's signed mail must not answer a spoofed sender or spam,
 * and only the requester may move their own case: a stranger who writes `[<case id>]` in a subject
 * (case ids are sequential) is recorded on the case, never obeyed.
 */
import type { CaseRecord } from '../cases/model';
import type { InboundMessage } from '../mail/inbound-message';
import { senderHoldReasons } from '../mail/sender-verdicts';

export { senderHoldReasons };

/** What a case records when its sender is held: no acknowledgement until an officer confirms the address. */
export interface SenderHold {
  reasons: string[];
  at: string;
  /** Set when an officer confirmed the address (which sends the acknowledgement). */
  confirmed?: { at: string; by: string; note?: string };
}

/** Whether notices to the requester are held: the sender failed verification and no officer confirmed the address. */
export const requesterNoticesHeld = (record: Pick<CaseRecord, 'senderHold'>): boolean => !!record.senderHold && !record.senderHold.confirmed;

/**
 * Whether a message that names a case speaks for its requester: sent from the requester's address
 * (or one the requester authorised), and not failing verification. Anything else is a third party.
 */
export function thirdPartyReason(record: Pick<CaseRecord, 'requester' | 'authorisedAddresses'>, message: Pick<InboundMessage, 'from' | 'authentication' | 'report'>): string | undefined {
  const from = message.from?.address.toLowerCase();
  if (!from) return 'thư không có địa chỉ người gửi (From)';
  const allowed = [record.requester.address, ...(record.authorisedAddresses ?? [])].filter((a): a is string => !!a).map((a) => a.toLowerCase());
  if (!allowed.includes(from)) return `người gửi ${from} không phải người yêu cầu của hồ sơ (${record.requester.address ?? 'người yêu cầu không có địa chỉ thư điện tử'})`;
  const held = senderHoldReasons(message);
  if (held.length > 0) return `thư mang địa chỉ người yêu cầu nhưng ${held.join('; ')}`;
  return undefined;
}

/** The desk's new-case notice, telling first why the requester was not answered (when held). */
export function withSenderHoldNote<N extends { text: string }>(notice: N, record: Pick<CaseRecord, 'senderHold'>): N {
  if (!requesterNoticesHeld(record)) return notice;
  const note = [
    'NGƯỜI GỬI CHƯA ĐƯỢC XÁC MINH: hệ thống KHÔNG gửi thư xác nhận cho địa chỉ này.',
    ...record.senderHold!.reasons.map((reason) => `  - ${reason}`),
    'Nếu xác định được địa chỉ là của người yêu cầu, công chức xác nhận địa chỉ (motcua act <mã hồ sơ> confirm-sender); khi đó thư xác nhận mới được gửi.',
    '',
  ].join('\n');
  return { ...notice, text: `${note}\n${notice.text}` };
}
