/**
 * Detection hints (keywords and regular expressions written by an agency in config/procedures.json)
 * turned into regular expressions that read Vietnamese the way people type it.
 *
 * The rule, for both keywords and patterns:
 * - a letter the writer typed without marks matches the hint whatever its marks: "dia chi" is found by
 *   "địa chỉ", and so is the half-typed "dia chỉ";
 * - a letter the writer did mark must carry the hint's marks: "Hồ Chí Minh" is not found by "chị", and
 *   "bàn ăn" is not found by "bản án";
 * - a hint written without any diacritics is read loosely (its letters match any marks); a hint with
 *   diacritics is read as written (a vowel without a tone mark is the level tone).
 * Plain folding (see fold.ts) would make "chị" find "Chí"; this keeps what the writer's marks say.
 */

import { DIGIT, LETTER, LETTER_OR_DIGIT } from './letters';

/** The vowels and the consonant that carry marks in Vietnamese, with every marked form. */
const VARIANTS: Readonly<Record<string, string>> = {
  a: 'aàáảãạăằắẳẵặâầấẩẫậ',
  e: 'eèéẻẽẹêềếểễệ',
  i: 'iìíỉĩị',
  o: 'oòóỏõọôồốổỗộơờớởỡợ',
  u: 'uùúủũụưừứửữự',
  y: 'yỳýỷỹỵ',
  d: 'dđ',
};

/** Marks that change the letter (ă, â, ê, ô, ơ, ư; đ's stroke) and marks of tone. */
const SHAPE_MARKS = new Set(['\u0306', '\u0302', '\u031B']);
const TONE_MARKS = new Set(['\u0300', '\u0301', '\u0309', '\u0303', '\u0323']);

interface Marks {
  base: string;
  shape?: string;
  tone?: string;
}

function marksOf(letter: string): Marks {
  const lower = letter.toLowerCase();
  if (lower === 'đ') return { base: 'd', shape: 'stroke' };
  const [base = lower, ...marks] = [...lower.normalize('NFD')];
  return { base, shape: marks.find((m) => SHAPE_MARKS.has(m)), tone: marks.find((m) => TONE_MARKS.has(m)) };
}

/** Whether a hint carries any Vietnamese mark, and is therefore read as written. */
export function hasVietnameseMarks(text: string): boolean {
  return [...text.normalize('NFC')].some((ch) => {
    const m = marksOf(ch);
    return m.base in VARIANTS && (m.shape !== undefined || m.tone !== undefined);
  });
}

/**
 * The forms of the text a hint letter accepts, or undefined for a letter that carries no marks (b, c, 7).
 * A form is accepted when each of its marks (shape, tone) is absent or equal to the hint's.
 */
function acceptedForms(letter: string, asWritten: boolean): string | undefined {
  const hint = marksOf(letter);
  const all = VARIANTS[hint.base];
  if (all === undefined) return undefined;
  if (!asWritten) return all;
  return [...all]
    .filter((form) => {
      const m = marksOf(form);
      return (m.shape === undefined || m.shape === hint.shape) && (m.tone === undefined || m.tone === hint.tone);
    })
    .join('');
}

/**
 * One place for the tone of "oa", "oe", "uy" at the end of a word: the old style writes "hoà", "thuỷ",
 * the new "hòa", "thủy"; both are right and people use both. The tone moves to the first vowel, so the
 * text keeps its length (excerpts still line up). "quý" keeps its tone: there the u belongs to "qu".
 */
const TONE_PAIR_AT_WORD_END = new RegExp(`([${LETTER}]?)([oOuU])([${LETTER}])(?![${LETTER_OR_DIGIT}])`, 'g');

export function canonicalTones(text: string): string {
  return text.normalize('NFC').replace(TONE_PAIR_AT_WORD_END, (whole, before: string, first: string, second: string) => {
    const m = marksOf(second);
    const pair = first.toLowerCase() + m.base;
    if (m.tone === undefined || m.shape !== undefined || !['oa', 'oe', 'uy'].includes(pair)) return whole;
    if (pair === 'uy' && before.toLowerCase() === 'q') return whole;
    const untoned = second.normalize('NFD').replace(m.tone, '').normalize('NFC');
    return before + (first + m.tone).normalize('NFC') + untoned;
  });
}

export class InvalidHint extends Error {
  override readonly name = 'InvalidHint';
}

/** Letters and digits: the edges of a keyword. */
const WORD_EDGE_BEFORE = `(?<![${LETTER_OR_DIGIT}])`;
const WORD_EDGE_AFTER = `(?![${LETTER_OR_DIGIT}])`;
/** Between the words of a keyword: spaces, a line break, punctuation ("miễn, giảm" = "miễn giảm" = "miễn/giảm"). */
const BETWEEN_WORDS = `[^${LETTER_OR_DIGIT}]{1,4}`;
const KEYWORD_WORDS = new RegExp(`[^${LETTER_OR_DIGIT}]+`);

/** A keyword as a regular expression source: whole words, any punctuation or spacing between them. */
export function keywordSource(keyword: string): string {
  const text = canonicalTones(keyword).trim();
  const asWritten = hasVietnameseMarks(text);
  const words = text.split(KEYWORD_WORDS).filter(Boolean);
  if (words.length === 0) throw new InvalidHint(`the keyword "${keyword}" has no letter or digit`);
  const body = words
    .map((word) =>
      [...word]
        .map((ch) => {
          const forms = acceptedForms(ch, asWritten);
          return forms === undefined ? ch : forms.length === 1 ? forms : `[${forms}]`;
        })
        .join(''),
    )
    .join(BETWEEN_WORDS);
  return `${WORD_EDGE_BEFORE}${body}${WORD_EDGE_AFTER}`;
}

/** The escape sequence that starts at `i` (a backslash), whole: \p{L}, \u0041, \x41, \cJ, \k<name>, \d. */
function escapeAt(source: string, i: number): string {
  const next = source[i + 1];
  const through = (close: string) => {
    const end = source.indexOf(close, i + 2);
    return end < 0 ? source.slice(i) : source.slice(i, end + 1);
  };
  if ((next === 'p' || next === 'P' || next === 'u') && source[i + 2] === '{') return through('}');
  if (next === 'k' && source[i + 2] === '<') return through('>');
  if (next === 'u') return source.slice(i, i + 6);
  if (next === 'x') return source.slice(i, i + 4);
  if (next === 'c') return source.slice(i, i + 3);
  return source.slice(i, i + 2);
}

/** The property classes a pattern may use, spelt out (see letters.ts): \p{L} a letter, \p{N} a digit. */
const PROPERTY_CLASSES: Readonly<Record<string, string>> = { L: LETTER, N: DIGIT };

/** An escape as the compiled pattern writes it: \p{L} and \p{N} spelt out, other escapes as they are. */
function translatedEscape(sequence: string, inClass: boolean, pattern: string): string {
  const property = /^\\([pP])\{(\w+)\}$/.exec(sequence);
  if (property !== null) {
    const [, p, name = ''] = property;
    const body = PROPERTY_CLASSES[name];
    if (body === undefined) throw new InvalidHint(`the pattern ${pattern} uses ${sequence}: only \\p{L} (a letter) and \\p{N} (a digit) are supported`);
    if (p === 'P' && inClass) throw new InvalidHint(`the pattern ${pattern} uses ${sequence} inside [ ]: write [^…] instead`);
    if (inClass) return body;
    return p === 'P' ? `[^${body}]` : `[${body}]`;
  }
  if (sequence.startsWith('\\u{')) throw new InvalidHint(`the pattern ${pattern} uses ${sequence}: write \\uXXXX`);
  return sequence;
}

/**
 * A regular expression written by an agency, with each vowel (and d) widened to the forms it accepts.
 * Escapes, quantifiers, group names and the ends of ranges ([a-z]) are left alone: write \p{L} for "any letter".
 */
export function patternSource(pattern: string): string {
  const source = canonicalTones(pattern);
  const asWritten = hasVietnameseMarks(source);
  let out = '';
  let inClass = false;
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '\\') {
      const sequence = escapeAt(source, i);
      out += translatedEscape(sequence, inClass, pattern);
      i += sequence.length;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      const forms = ch === ']' ? undefined : acceptedForms(ch, asWritten);
      const rangeStart = source[i + 1] === '-' && source[i + 2] !== ']';
      const rangeEnd = source[i - 1] === '-' && source[i - 2] !== '[' && !(source[i - 2] === '^' && source[i - 3] === '[');
      out += forms === undefined || rangeStart || rangeEnd ? ch : forms;
      i += 1;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      const negation = source[i + 1] === '^' ? '^' : '';
      out += `[${negation}`;
      i += 1 + negation.length;
      continue;
    }
    if (ch === '(' && source.startsWith('?<', i + 1) && /[A-Za-z_$]/.test(source[i + 3] ?? '')) {
      const end = source.indexOf('>', i);
      const group = end < 0 ? source.slice(i) : source.slice(i, end + 1);
      out += group;
      i += group.length;
      continue;
    }
    const quantifier = ch === '{' ? /^\{\d+(,\d*)?\}/.exec(source.slice(i))?.[0] : undefined;
    if (quantifier !== undefined) {
      out += quantifier;
      i += quantifier.length;
      continue;
    }
    const forms = acceptedForms(ch, asWritten);
    out += forms === undefined ? ch : forms.length === 1 ? forms : `[${forms}]`;
    i += 1;
  }
  return out;
}

/** Case-insensitive, without the u flag: with it, V8 compiles each expression far more slowly (see letters.ts). */
function compile(source: string, what: string): RegExp {
  try {
    return new RegExp(source, 'gi');
  } catch (error) {
    throw new InvalidHint(`${what} is not a valid regular expression: ${(error as Error).message}`);
  }
}

export const compileKeyword = (keyword: string): RegExp => compile(keywordSource(keyword), `the keyword "${keyword}"`);
export const compilePattern = (pattern: string): RegExp => compile(patternSource(pattern), `the pattern ${pattern}`);
