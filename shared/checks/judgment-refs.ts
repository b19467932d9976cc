/**
 * Court case numbers ("số bản án"): "12/2026/DS-ST" is judgment 12 of 2026, civil (dân sự), first
 * instance (sơ thẩm). They tie a request to its judgment and two requests to each other.
 */
import { foldDiacritics } from './fold';
import { LETTER_OR_DIGIT } from './letters';

/**
 * A segment of the case-type code: a decision (QĐ) or judgment (BA) mark, the kind of case (DS civil,
 * HNGĐ family, KDTM commercial, LĐ labour, HC administrative, HS criminal, PS bankruptcy) and the level
 * (ST first instance, PT appeal, GĐT cassation, TT reopening), in the combinations courts write.
 * Laws and circulars ("62/2015/NĐ-CP", "216/2016/TT-BTC") do not match and are not taken for judgments.
 */
const CASE_TYPE_SEGMENT = /^(QD|BA)?(ST|PT|GDT|TT)?(DS|HNGD|HN|KDTM|KT|TM|LD|HC|HS|PS)?(ST|PT|GDT|TT)?$/;

/** In text: "12/2026/DS-ST", "123 / 2024 / QĐST-DS", "Bản án số 7/2026/DS-PT". */
const IN_TEXT = new RegExp(`(?<![0-9/])(\\d{1,5})\\s*/\\s*((?:19|20)\\d{2})\\s*/\\s*([A-Za-zĐđ]{1,8}(?:-[A-Za-zĐđ]{1,8}){0,2})(?![${LETTER_OR_DIGIT}])`, 'g');

/** In a file name, where a slash cannot be: "Bản án số 123-2026-DS-PT.pdf", "BA_12_2026_DS-ST.jpg". */
const IN_FILENAME = new RegExp(`(?<![0-9])(\\d{1,5})[-_ .]{1,2}((?:19|20)\\d{2})[-_ .]{1,2}([A-Za-zĐđ]{2,8}(?:[-_][A-Za-zĐđ]{2,8}){0,2})(?![${LETTER_OR_DIGIT}])`, 'g');

function refsIn(text: string, pattern: RegExp): string[] {
  const refs: string[] = [];
  for (const match of text.normalize('NFC').matchAll(pattern)) {
    const [, number = '', year = '', type = ''] = match;
    const segments = type.toUpperCase().split(/[-_]/);
    if (segments.some((segment) => segment === '' || !CASE_TYPE_SEGMENT.test(foldDiacritics(segment)))) continue;
    refs.push(`${number}/${year}/${segments.join('-')}`);
  }
  return refs;
}

/** The key under which two spellings of one judgment compare equal: "07/2026/QĐST-DS" = "7/2026/qdst-ds". */
export function judgmentRefKey(ref: string): string {
  return foldDiacritics(ref).toUpperCase().replace(/\s+/g, '').replace(/^0+(?=\d)/, '');
}

function unique(refs: readonly string[]): string[] {
  const seen = new Set<string>();
  return refs.filter((ref) => {
    const key = judgmentRefKey(ref);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The case numbers of a text, normalised (upper case, no spaces; Đ kept as written), each once. */
export function judgmentRefsInText(text: string): string[] {
  return unique(refsIn(text, IN_TEXT));
}

export function judgmentRefsInFilename(filename: string): string[] {
  return unique([...refsIn(filename, IN_TEXT), ...refsIn(filename, IN_FILENAME)]);
}

/** Every case number a message names, in the order subject, text, file names. */
export function judgmentRefsOf(message: { subject: string; text: string; attachments: ReadonlyArray<{ filename: string }> }): string[] {
  return unique([
    ...judgmentRefsInText(message.subject),
    ...judgmentRefsInText(message.text),
    ...message.attachments.flatMap((a) => judgmentRefsInFilename(a.filename)),
  ]);
}

/** The references two lists share, as the first list writes them. */
export function sharedJudgmentRefs(a: readonly string[], b: readonly string[]): string[] {
  const keys = new Set(b.map(judgmentRefKey));
  return unique(a.filter((ref) => keys.has(judgmentRefKey(ref))));
}
