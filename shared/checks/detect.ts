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

/**
 * The places of one hint that are looked at. The checks ask which hints a text has, not how often:
 * a text that repeats a phrase 10,000 times (an attack on the time of the checks) is read as far
 * as this, so the work per hint stays bounded whatever the text.
 */
export const MAX_PLACES_PER_HINT = 100;

/** How far around a hit the checks look (for exclusions and excerpts): more than both need. */
const LINE_REACH = 64;

/** Every place a hint is found, in the order of the text; a place found by two hints counts once. */
export function findHits(text: PreparedText, hints: DetectionHints): Hit[] {
  const { finders, excludes } = compileHints(hints);
  const hits: Hit[] = [];
  for (const { hint, regex } of finders) {
    let places = 0;
    for (const match of text.searchable.matchAll(regex)) {
      if (++places > MAX_PLACES_PER_HINT) break;
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

/**
 * The line of a hit, as far as LINE_REACH either side: a line of 100,000 characters is not
 * searched end to end for every hit (that made the checks quadratic).
 */
function lineAround(text: string, start: number, end: number): { start: number; end: number } {
  const before = Math.max(0, start - LINE_REACH);
  const lineStart = text.slice(before, start).lastIndexOf('\n');
  const after = text.slice(end, end + LINE_REACH).indexOf('\n');
  return { start: lineStart < 0 ? before : before + lineStart + 1, end: after < 0 ? Math.min(text.length, end + LINE_REACH) : end + after };
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
