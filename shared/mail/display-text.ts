/**
 * Text that came from outside (a sender's name, a subject, a file name) and is shown back to people:
 * in a notice, on a terminal, in a spreadsheet. Control characters could drive a terminal (ESC
 * sequences) or hide what a name says (right-to-left overrides make "gpj.exe" read "exe.jpg"), and
 * an unbounded value fills an item or a letter. One function cleans and bounds all of them.
 */

/**
 * C0 controls (but tab and line breaks when kept), DEL, C1 controls, and the bidirectional
 * formatting characters (embeddings, overrides, isolates, marks) and the line/paragraph separators.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point: they are stripped.
const CONTROLS_AND_BIDI = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const LINE_BREAKS = /[\t\n\r]/g;

const graphemes = new Intl.Segmenter('vi', { granularity: 'grapheme' });

export interface DisplayTextOptions {
  /** Keep line breaks and tabs (a body of text); otherwise they become spaces (a name, a subject). */
  keepLineBreaks?: boolean;
}

/**
 * Cuts a text to at most `max` user-perceived characters, never inside one (a surrogate pair, a
 * letter and its marks, an emoji sequence); and to at most 4 × `max` UTF-16 units, at a code point,
 * so that a "character" of a thousand combining marks cannot make a value unbounded.
 */
export function truncateGraphemes(text: string, max: number): { text: string; truncated: boolean } {
  // Fast path: a text of at most `max` UTF-16 units has at most `max` graphemes.
  if (text.length <= max) return { text, truncated: false };
  const maxUnits = max * 4;
  let out = '';
  let count = 0;
  for (const { segment } of graphemes.segment(text)) {
    if (count === max) return { text: out, truncated: true };
    if (out.length + segment.length > maxUnits) {
      for (const codePoint of segment) {
        if (out.length + codePoint.length > maxUnits) break;
        out += codePoint;
      }
      return { text: out, truncated: true };
    }
    out += segment;
    count += 1;
  }
  return { text: out, truncated: false };
}

/** Cleaned of controls and bidi formatting, NFC, cut to `max` characters (with "…" when cut). */
export function displayText(value: string, max: number, options: DisplayTextOptions = {}): string {
  const cleaned = value.normalize('NFC').replace(CONTROLS_AND_BIDI, '');
  const flat = options.keepLineBreaks ? cleaned : cleaned.replace(LINE_BREAKS, ' ');
  const cut = truncateGraphemes(flat, max);
  return cut.truncated ? `${truncateGraphemes(cut.text, max - 1).text}…` : cut.text;
}

/** Whether a text holds characters that displayText removes. */
export const hasControlOrBidi = (value: string): boolean => new RegExp(CONTROLS_AND_BIDI.source).test(value);

/** The bounds of what is kept of a message for storage, checks and notices (the raw message is kept whole). */
export const MESSAGE_BOUNDS = {
  subject: 998, // RFC 5322's line limit: no honest subject is longer
  displayName: 200,
  filename: 200,
  headerValue: 998,
  recipients: 50, // To and Cc, each
  attachments: 50,
} as const;

/**
 * Text for a terminal: an ESC sequence in a subject could clear the screen, rewrite lines or set the
 * window title, a lone carriage return could overprint a line, a bidi override reorder it. Line
 * breaks and tabs are kept (CRLF becomes LF); every other control and bidi character goes.
 */
export function terminalText(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(CONTROLS_AND_BIDI, '').replace(/\r/g, '');
}
