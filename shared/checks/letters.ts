/**
 * The letters the checks read: Latin with every Vietnamese form (and other Latin accents), as explicit
 * ranges. Unicode property classes (\p{L}) would do, but V8 builds their tables for each regular
 * expression on first use (tens of milliseconds each, and the catalog has hundreds of hints).
 */

/** Inside a character class: A-Z, a-z, Latin-1 letters (not × ÷), Latin Extended A/B, combining marks, Latin Extended Additional (ạ…ỹ). */
export const LETTER = 'A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F\\u0300-\\u036F\\u1E00-\\u1EFF';
export const DIGIT = '0-9';
export const LETTER_OR_DIGIT = `${LETTER}${DIGIT}`;

/** Runs of letters and digits: the words of a text. */
export const WORDS = new RegExp(`[${LETTER_OR_DIGIT}]+`, 'g');
