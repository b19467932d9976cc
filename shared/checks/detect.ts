/**
 * Where the detection hints of an item or a procedure are found in a text, with the words around them
 * for the officer to read.
 */
import type { DetectionHints } from '../procedures/catalog';
import { canonicalTones, compileKeyword, compilePattern } from './hints';
import { LETTER, LETTER_OR_DIGIT } from './letters';

/** A word that starts with a letter (a number alone is not a word). */
const WORD = new RegExp(`[${LETTER}][${LETTER_OR_DIGIT}]*`, 'g');

interface CompiledHints {
  finders: Array<{ hint: string; regex: RegExp }>;
  excludes: RegExp[];
}

const compiled = new WeakMap<DetectionHints, CompiledHints>();

/** The hints as regular expressions, compiled once per catalog object. */
function compileHints(hints: DetectionHints): CompiledHints {
  let result = compiled.get(hints);
  if (result === undefined) {
    result = {
      finders: [
        ...hints.keywords.map((hint) => ({ hint, regex: compileKeyword(hint) })),
        ...hints.patterns.map((hint) => ({ hint, regex: compilePattern(hint) })),
      ],
      excludes: hints.exclude.map(compilePattern),
    };
    compiled.set(hints, result);
  }
  return result;
}

/** A text made ready for the hints: NFC and one tone placement (see canonicalTones). Same length as the NFC text. */
export interface PreparedText {
  /** What the writer wrote (NFC), for excerpts. */
  original: string;
  /** What the hints run on. */
  searchable: string;
}

export function prepareText(text: string): PreparedText {
  const original = text.normalize('NFC');
  return { original, searchable: canonicalTones(original) };
}

export interface Hit {
  /** The keyword or pattern, as the catalog writes it. */
  hint: string;
  start: number;
  end: number;
  /** The words found, as the writer wrote them. */
  found: string;
  /** The words around them on their line, for the officer. */
  excerpt: string;
  /** An exclusion pattern matched next to the hit: it may not mean what the hint looks for. */
  excluded: boolean;
}

/** How far around a hit, on its line, an exclusion is looked for: a date "of the judgment", an address "e-mail". */
const EXCLUDE_BEFORE = 40;
const EXCLUDE_AFTER = 25;

/** Every place a hint is found, in the order of the text; a place found by two hints counts once. */
export function findHits(text: PreparedText, hints: DetectionHints): Hit[] {
  const { finders, excludes } = compileHints(hints);
  const hits: Hit[] = [];
  for (const { hint, regex } of finders) {
    for (const match of text.searchable.matchAll(regex)) {
      const start = match.index;
      const end = start + match[0].length;
      if (end === start || hits.some((h) => h.start < end && start < h.end)) continue;
      const line = lineAround(text.searchable, start, end);
      const window = text.searchable.slice(Math.max(line.start, start - EXCLUDE_BEFORE), Math.min(line.end, end + EXCLUDE_AFTER));
      const excluded = excludes.some((exclude) => {
        exclude.lastIndex = 0;
        return exclude.test(window);
      });
      hits.push({ hint, start, end, found: text.original.slice(start, end), excerpt: excerpt(text.original, start, end), excluded });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

function lineAround(text: string, start: number, end: number): { start: number; end: number } {
  const lineEnd = text.indexOf('\n', end);
  return { start: text.lastIndexOf('\n', start - 1) + 1, end: lineEnd < 0 ? text.length : lineEnd };
}

/** The hit with up to `radius` characters either side on its line, cut at word boundaries: "…thường trú tại số 45 đường…". */
export function excerpt(text: string, start: number, end: number, radius = 32): string {
  const line = lineAround(text, start, end);
  let from = Math.max(line.start, start - radius);
  let to = Math.min(line.end, end + radius);
  if (from > line.start) {
    const space = text.indexOf(' ', from);
    if (space >= 0 && space < start) from = space + 1;
  }
  if (to < line.end) {
    const space = text.lastIndexOf(' ', to);
    if (space >= end) to = space;
  }
  const body = text.slice(from, to).trim();
  return `${from > line.start ? '…' : ''}${body}${to < line.end ? '…' : ''}`;
}

/** The words of a text that are not punctuation or numbers alone: enough to judge whether it says much. */
export function wordCount(text: string): number {
  return (text.match(WORD) ?? []).length;
}
