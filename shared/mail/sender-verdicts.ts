/**
 * What the receiving server's verdicts (SES: SPF, DKIM, DMARC, spam, virus) and the shape of a
 * message say about whether its sender may be answered. One reading, used by intake (hold the
 * acknowledgement, treat a reply as a third party's) and by the checklist the officer reads.
 */
import type { InboundMessage } from './inbound-message';

const verdict = (value: string | undefined) => value?.trim().toLowerCase() || undefined;

/**
 * Why the sender of a message cannot be answered automatically, in Vietnamese for the officer;
 * empty when nothing failed. Absent and GRAY verdicts are not failures (a citizen on a small mail
 * host that signs nothing is still answered): only a verdict of FAIL, or a feedback report, holds.
 */
export function senderHoldReasons(message: Pick<InboundMessage, 'authentication'> & Partial<Pick<InboundMessage, 'report'>>): string[] {
  const { spf, dkim, dmarc, spam, virus } = Object.fromEntries(Object.entries(message.authentication).map(([k, v]) => [k, verdict(v)])) as Record<string, string | undefined>;
  const reasons: string[] = [];
  if (spam === 'fail') reasons.push('máy chủ thư đánh giá là thư rác (spam FAIL)');
  if (virus === 'fail') reasons.push('phát hiện virus trong thư (virus FAIL): tệp đính kèm bị cách ly');
  if (message.report?.type === 'feedback-report') reasons.push('thư là báo cáo phản hồi/lạm dụng tự động (ARF), không phải yêu cầu của công dân');
  if (dmarc === 'fail') reasons.push('DMARC không đạt: địa chỉ người gửi có thể bị giả mạo');
  // A domain without DMARC gives no policy: both SPF and DKIM failing is then the evidence of a forgery.
  else if ((dmarc === undefined || dmarc === 'none') && spf === 'fail' && dkim === 'fail') reasons.push('SPF và DKIM đều không đạt (tên miền không công bố DMARC): địa chỉ người gửi có thể bị giả mạo');
  return reasons;
}

