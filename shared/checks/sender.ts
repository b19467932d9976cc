/**
 * What the receiving mail server (SES) said about the sender. It tells whether the address is the
 * sender's own, never who the person is: identity is compared with the originals at the desk.
 */
import type { AuthenticationVerdicts } from '../mail/inbound-message';
import { senderHoldReasons } from '../mail/sender-verdicts';
import type { SenderCheck } from './types';

const verdict = (value: string | undefined) => value?.trim().toLowerCase() || undefined;

const VERDICT_WORDS: Record<string, string> = { pass: 'đạt', fail: 'không đạt', none: 'không có', softfail: 'nghi vấn', neutral: 'trung lập' };
const said = (value: string | undefined) => (value === undefined ? 'không rõ' : VERDICT_WORDS[value] ?? value);

/**
 * verified: DMARC passed, so the From address's own domain vouched for the message (an SPF pass
 * alone is about the envelope's domain, a DKIM pass alone may be any domain's signature: neither
 * says the From address is the sender's). failed: what holds the acknowledgement (spam or virus
 * FAIL, DMARC FAIL, or SPF and DKIM both FAIL without DMARC). unverified otherwise. The detail
 * says each verdict, in Vietnamese.
 */
export function checkSender(authentication: AuthenticationVerdicts, from?: { address: string }): SenderCheck {
  const spf = verdict(authentication.spf);
  const dkim = verdict(authentication.dkim);
  const dmarc = verdict(authentication.dmarc);
  const spam = verdict(authentication.spam);
  const virus = verdict(authentication.virus);
  const who = from ? `${from.address}: ` : '';
  const verdicts = `DKIM ${said(dkim)}, SPF ${said(spf)}, DMARC ${said(dmarc)}`;

  const failures = senderHoldReasons({ authentication });
  if (failures.length > 0) {
    return { status: 'failed', detail: `${who}${failures.join('; ')} (${verdicts}). Không trả lời vào địa chỉ này khi chưa xác minh.` };
  }

  const cautions = [
    ...(spam === 'gray' ? ['thư có dấu hiệu thư rác'] : []),
    ...(virus !== undefined && virus !== 'pass' ? ['chưa quét được virus'] : []),
  ];
  const caution = cautions.length > 0 ? ` Lưu ý: ${cautions.join('; ')}.` : '';
  if (dmarc === 'pass') {
    return {
      status: 'verified',
      detail: `${who}tên miền của địa chỉ người gửi xác thực thư (${verdicts}); đây không phải xác minh danh tính người yêu cầu.${caution}`,
    };
  }
  const partial = spf === 'pass' || dkim === 'pass' ? ' SPF/DKIM đạt nhưng không chứng minh địa chỉ trong trường "Từ" (From) là của người gửi.' : '';
  return {
    status: 'unverified',
    detail: `${who}chưa xác thực được địa chỉ người gửi (${verdicts}):${partial} đối chiếu danh tính khi tiếp nhận trực tiếp.${caution}`,
  };
}
