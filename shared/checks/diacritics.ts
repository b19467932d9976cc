/**
 * Whether a Vietnamese text was written with its diacritics. A letter sent in the office's name must carry them
 * (STYLE: official register, full diacritics); text typed on a keyboard without Telex has none at all, while
 * written Vietnamese marks most of its words, so a low share of marked words gives the unmarked text away.
 */
import { hasVietnameseMarks } from './hints';
import { LETTER, WORDS } from './letters';

const HAS_LETTER = new RegExp(`[${LETTER}]`);

/** Below this many words there is too little to judge (a name, "Đồng ý"): the text passes. */
const MIN_WORDS = 6;
/** Written Vietnamese marks well over half its words; text typed without marks, none (a name or two at most). */
const MIN_MARKED_SHARE = 0.25;

export function writtenWithDiacritics(text: string): boolean {
  const words = (text.normalize('NFC').match(WORDS) ?? []).filter((w) => HAS_LETTER.test(w));
  if (words.length < MIN_WORDS) return true;
  return words.filter(hasVietnameseMarks).length / words.length >= MIN_MARKED_SHARE;
}
