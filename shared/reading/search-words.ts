/**
 * The text read of a case's attachments, made searchable by staff (GET /cases?text=…): its distinct
 * words, folded (no marks, lower case, so "Trần" is found as "tran" and as "Trần"), in order of first
 * appearance, within a bound. They travel in the workflow's state from the reading step to the receipt,
 * which keeps them on the case it writes anyway: the reading adds no call to the case table, and the
 * search filters the index items it reads already. The whole text stays in S3, beside the attachment.
 */
import { foldedWords } from '../checks/fold';

/** Enough for the words of several judgments' first and last pages; small beside the case item's 400 KB. */
export const MAX_SEARCH_WORDS_CHARS = 8_000;

export function searchWordsOf(texts: readonly string[], maxChars = MAX_SEARCH_WORDS_CHARS): string {
  const seen = new Set<string>();
  let length = 0;
  for (const text of texts) {
    for (const word of foldedWords(text)) {
      if (seen.has(word)) continue;
      if (length + word.length + 1 > maxChars) return [...seen].join(' ');
      seen.add(word);
      length += word.length + 1;
    }
  }
  return [...seen].join(' ');
}

/** The words a search asks for, folded as the kept words are: "Trần Văn Hùng" → ["tran", "van", "hung"]. */
export const searchTermsOf = (query: string): string[] => [...new Set(foldedWords(query))];

/** Every word asked for is among the words kept (in any order: the words of a name, a judgment's number). */
export function wordsMatch(kept: string | undefined, terms: readonly string[]): boolean {
  if (!kept || terms.length === 0) return false;
  const words = new Set(kept.split(' '));
  return terms.every((t) => words.has(t));
}
