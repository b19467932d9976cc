import type { AccessPurpose } from '../citizen/access-token';
import type { CaseFacts, Notice } from './common';
import { pronounFor, SIGN_OFF } from './common';
import type { NoticeKind } from './case-notices';

/**
 * The letters that carry a private link: the acknowledgement opens the case's status page; the letters
 * with which a case ends (refusal, referral, closing or withdrawal, the decision released) invite the
 * requester to rate how it was handled. Each link carries its own token (shared/citizen/access-token.ts).
 */
export const CITIZEN_LINK_OF: Partial<Record<NoticeKind, AccessPurpose>> = {
  acknowledgement: 'status',
  refusal: 'survey',
  referral: 'survey',
  closing: 'survey',
  'decision-released': 'survey',
};

const PARAGRAPHS: Record<AccessPurpose, (url: string) => string[]> = {
  status: (url) => [
    'Ông/Bà có thể theo dõi tình trạng hồ sơ, các thời hạn và lịch hẹn tại địa chỉ riêng dưới đây (không cần đăng nhập). Địa chỉ này chỉ dành cho Ông/Bà; xin không chuyển tiếp cho người khác:',
    url,
  ],
  survey: (url) => [
    'Để giúp chúng tôi phục vụ tốt hơn, xin Ông/Bà dành một phút đánh giá mức độ hài lòng về việc giải quyết hồ sơ này (mỗi hồ sơ được đánh giá một lần):',
    url,
  ],
};

/** The letter with its link paragraph, placed before the signature, addressed as the rest of the letter is. */
export function withCitizenLink(notice: Notice, caseFacts: CaseFacts, purpose: AccessPurpose, url: string): Notice {
  const pronoun = pronounFor(caseFacts.requester.name);
  const paragraph = PARAGRAPHS[purpose](url).map((line) => line.replace(/Ông\/Bà/g, pronoun));
  const lines = notice.text.split('\n');
  const signOff = lines.lastIndexOf(SIGN_OFF);
  const at = signOff >= 0 ? signOff : lines.length;
  lines.splice(at, 0, ...paragraph, '');
  return { ...notice, text: lines.join('\n') };
}
