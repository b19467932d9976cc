/**
 * Whether a requester's message asks to withdraw the request ("rút đơn", "xin rút yêu cầu", "không yêu cầu thi
 * hành án nữa"). A HINT for the desk, never an action: anyone can write "rút đơn", and a withdrawal ends the
 * case, so an officer reads the writing and records it (`motcua act <case> withdraw`, shared/staff/withdraw.ts).
 */
import { ownText } from './own-text';
import { compileKeyword } from './hints';
import { prepareText } from './detect';
import { foldForComparison } from './fold';

/** How people write that they withdraw a request, with and without diacritics (a phrase typed without marks matches any). */
export const WITHDRAWAL_PHRASES = [
  'rút đơn',
  'rút lại đơn',
  'rút yêu cầu',
  'rút lại yêu cầu',
  'rút hồ sơ',
  'xin rút',
  'đề nghị rút',
  'không yêu cầu thi hành án nữa',
  'không yêu cầu thi hành nữa',
  'không tiếp tục yêu cầu',
  'không muốn tiếp tục yêu cầu',
  'hủy yêu cầu',
  'huỷ yêu cầu',
  'hủy đơn',
  'huỷ đơn',
] as const;

const FINDERS = WITHDRAWAL_PHRASES.map((phrase) => ({ phrase, regex: compileKeyword(phrase) }));

/** Words that, just before the phrase, say the opposite: "tôi không rút đơn", "chưa rút yêu cầu". */
const NEGATIONS = new Set(['khong', 'chua', 'chang', 'cha', 'ko', 'k', 'dung', 'khoi']);

export interface WithdrawalHint {
  /** The phrase found, as listed above. */
  phrase: string;
  /** The words around it, for the desk to read (at most 160 characters). */
  excerpt: string;
}

/** The first place a message's subject or own text asks to withdraw, unless the words just before deny it. */
export function asksToWithdraw(subject: string, text: string): WithdrawalHint | undefined {
  // Bounded: a 100,000-character body is read in its first 20,000 characters, which is where a request is written.
  const prepared = prepareText(`${subject}\n${ownText(text).slice(0, 20_000)}`);
  for (const { phrase, regex } of FINDERS) {
    for (const match of prepared.searchable.matchAll(regex)) {
      const before = foldForComparison(prepared.searchable.slice(Math.max(0, match.index - 12), match.index)).split(' ').filter(Boolean);
      if (NEGATIONS.has(before.at(-1) ?? '')) continue;
      const start = Math.max(0, match.index - 60);
      const excerpt = prepared.searchable.slice(start, Math.min(prepared.searchable.length, match.index + match[0].length + 80)).replace(/\s+/g, ' ').trim();
      return { phrase, excerpt: excerpt.slice(0, 160) };
    }
  }
  return undefined;
}
