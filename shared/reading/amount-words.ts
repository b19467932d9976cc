/**
 * Amounts of money as judgments write them: in figures ("150.000.000 đồng", "150,000,000đ") and in
 * words ("Một trăm năm mươi triệu đồng"). Courts write both; reading both and comparing them is how
 * a misread digit ("150.000.000" read as "180.000.000") is caught.
 */

/** "150.000.000", "150,000,000", "1.500.000,5" (a decimal part is dropped: đồng have none in judgments), and OCR's mixed "150,000.000". */
export function figureValue(written: string): { value: number; mixedSeparators: boolean } | undefined {
  const digits = written.replace(/\s/g, '');
  if (!/^\d{1,3}([.,]\d{3})*([.,]\d{1,2})?$|^\d+$/.test(digits)) return undefined;
  const groups = digits.split(/[.,]/);
  const separators = new Set(digits.match(/[.,]/g) ?? []);
  // A last group of one or two digits is a decimal part (", 5" of "1.500.000,5"); any group of three is thousands.
  const integer = groups.at(-1)!.length < 3 && groups.length > 1 ? groups.slice(0, -1) : groups;
  const value = Number(integer.join(''));
  return Number.isSafeInteger(value) ? { value, mixedSeparators: separators.size > 1 && integer.length === groups.length } : undefined;
}

const DIGIT_WORDS: Record<string, number> = {
  không: 0, một: 1, mốt: 1, hai: 2, ba: 3, bốn: 4, tư: 4, năm: 5, lăm: 5, nhăm: 5, sáu: 6, bảy: 7, bẩy: 7, tám: 8, chín: 9,
};
const SCALES: Record<string, number> = { nghìn: 1_000, ngàn: 1_000, triệu: 1_000_000, tỷ: 1_000_000_000, tỉ: 1_000_000_000 };
/** Words that carry no value ("lẻ", "linh" stand for a zero ten: "một trăm linh năm" = 105). */
const FILLERS = new Set(['lẻ', 'linh', 'đồng', 'chẵn', 'bằng', 'chữ', 'việt', 'nam', 'vnđ']);

/**
 * "một trăm năm mươi triệu" → 150 000 000; "hai tỷ không trăm năm mươi triệu" → 2 050 000 000.
 * Undefined when a word is not a number word: the words are then not an amount, or misread.
 */
export function wordsValue(words: string): number | undefined {
  const tokens = words.normalize('NFC').toLowerCase().replace(/[^a-zà-ỹđ\s]/g, ' ').split(/\s+/).filter(Boolean);
  let total = 0;
  let hundreds = 0; // the group below a thousand being read
  let pending: number | undefined; // a digit word not yet placed
  let seen = false;
  for (const token of tokens) {
    if (token in DIGIT_WORDS) {
      if (pending !== undefined) hundreds += pending; // "mười lăm", "hai mươi mốt": a digit after a ten adds
      pending = DIGIT_WORDS[token];
      seen = true;
    } else if (token === 'mươi') {
      hundreds += (pending ?? 1) * 10;
      pending = undefined;
      seen = true;
    } else if (token === 'mười') {
      hundreds += 10;
      pending = undefined;
      seen = true;
    } else if (token === 'trăm') {
      hundreds += (pending ?? 1) * 100;
      pending = undefined;
      seen = true;
    } else if (token in SCALES) {
      const scale = SCALES[token]!;
      const group = hundreds + (pending ?? 0);
      // "hai nghìn tỷ": what came before is a lower order of the new scale; "một tỷ hai trăm triệu": it is higher.
      total = total > 0 && total < scale ? (total + group) * scale : total + (group || 1) * scale;
      hundreds = 0;
      pending = undefined;
      seen = true;
    } else if (!FILLERS.has(token)) {
      return undefined;
    }
  }
  return seen ? total + hundreds + (pending ?? 0) : undefined;
}
