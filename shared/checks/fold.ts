import { WORDS } from './letters';

/**
 * Vietnamese text without its marks. People often type without diacritics (an old phone, a keyboard
 * without Telex), so file names, subjects and case numbers are compared folded.
 */

/** "Địa chỉ thường trú" → "Dia chi thuong tru": NFD, combining marks removed, đ → d. Case is kept. */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/** Folded, lower-case, with runs of white space made one space: the form in which two texts are compared. */
export function foldForComparison(text: string): string {
  return foldDiacritics(text).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The words of a text, folded and lower-case: "Bản án số 12" → ["ban", "an", "so", "12"]. */
export function foldedWords(text: string): string[] {
  return foldDiacritics(text).toLowerCase().match(WORDS) ?? [];
}
