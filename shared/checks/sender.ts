/**
 * What the receiving mail server (SES) said about the sender. It tells whether the address is the
 * sender's own, never who the person is: identity is compared with the originals at the desk.
 */
import type { AuthenticationVerdicts } from '../mail/inbound-message';
import type { SenderCheck } from './types';

const verdict = (value: string | undefined) => value?.trim().toLowerCase() || undefined;

const VERDICT_WORDS: Record<string, string> = { pass: 'đạt', fail: 'không đạt', none: 'không có', softfail: 'nghi vấn', neutral: 'trung lập' };
const said = (value: string | undefined) => (value === undefined ? 'không rõ' : VERDICT_WORDS[value] ?? value);

/**
 * verified: DKIM or SPF passed and DMARC did not fail; failed: DMARC failed, or the spam or virus
 * verdict is FAIL; unverified otherwise. The detail says each verdict, in Vietnamese.
 */
export function checkSender(authentication: AuthenticationVerdicts, from?: { address: string }): SenderCheck {
  const spf = verdict(authentication.spf);
  const dkim = verdict(authentication.dkim);
  const dmarc = verdict(authentication.dmarc);
  const spam = verdict(authentication.spam);
  const virus = verdict(authentication.virus);
  const who = from ? `${from.address}: ` : '';
  const verdicts = `DKIM ${said(dkim)}, SPF ${said(spf)}, DMARC ${said(dmarc)}`;

  const failures = [
    ...(dmarc === 'fail' ? ['DMARC không đạt: địa chỉ người gửi có thể bị giả mạo'] : []),
    ...(spam === 'fail' ? ['máy chủ thư đánh giá là thư rác'] : []),
    ...(virus === 'fail' ? ['phát hiện virus: không mở tệp đính kèm'] : []),
  ];
  if (failures.length > 0) {
    return { status: 'failed', detail: `${who}${failures.join('; ')} (${verdicts}). Không trả lời vào địa chỉ này khi chưa xác minh.` };
  }

  const cautions = [
    ...(spam === 'gray' ? ['thư có dấu hiệu thư rác'] : []),
    ...(virus !== undefined && virus !== 'pass' ? ['chưa quét được virus'] : []),
  ];
  const caution = cautions.length > 0 ? ` Lưu ý: ${cautions.join('; ')}.` : '';
  if (dkim === 'pass' || spf === 'pass') {
    return {
      status: 'verified',
      detail: `${who}máy chủ thư xác thực địa chỉ người gửi (${verdicts}); đây không phải xác minh danh tính người yêu cầu.${caution}`,
    };
  }
  return {
    status: 'unverified',
    detail: `${who}chưa xác thực được địa chỉ người gửi (${verdicts}): đối chiếu danh tính khi tiếp nhận trực tiếp.${caution}`,
  };
}
