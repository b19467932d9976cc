/**
 * CSV as RFC 4180 writes it and as Excel opens it: fields with a comma, a quote, a line break or surrounding
 * spaces are quoted, quotes inside are doubled, lines end with CRLF, and the file starts with a byte order
 * mark so Excel reads UTF-8 (Vietnamese) rather than the local code page.
 */

export type CsvValue = string | number | boolean | null | undefined;

export const UTF8_BOM = '\uFEFF';

export interface CsvOptions {
  /**
   * Text that starts with = + - @ (or a tab or carriage return) is a formula to a spreadsheet: a requester
   * could write one into their name. When set, such text is written with a leading apostrophe, which
   * spreadsheets show as text (OWASP "CSV injection"). Not only at the start of the field: Excel on a
   * Vietnamese Windows splits on ";" (the list separator there), and a tab or a line break starts a
   * cell too, so every segment after ; , tab or a line break is guarded the same way. Numbers are never changed.
   */
  guardFormulas?: boolean;
  /** Start with the UTF-8 byte order mark (default true). */
  bom?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;
/** A segment that a spreadsheet may read as a cell of its own (after ; , a tab or a line break, spaces allowed) and that starts a formula. */
const FORMULA_SEGMENT = /([;,\t\r\n][ \u00a0]*)(?=[=+\-@])/g;

/** Text with every cell-starting segment that reads as a formula made text (a leading apostrophe). */
export function neutralizeFormulas(text: string): string {
  const guarded = text.replace(FORMULA_SEGMENT, "$1'");
  return FORMULA_START.test(guarded) || /^[ \u00a0]+[=+\-@]/.test(guarded) ? `'${guarded}` : guarded;
}

export function csvField(value: CsvValue, guardFormulas = false): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (guardFormulas && typeof value === 'string') text = neutralizeFormulas(text);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(lines: ReadonlyArray<ReadonlyArray<CsvValue>>, options: CsvOptions = {}): string {
  const body = lines.map((line) => line.map((v) => csvField(v, options.guardFormulas ?? false)).join(',')).join('\r\n');
  return `${options.bom === false ? '' : UTF8_BOM}${body}\r\n`;
}

export class InvalidCsv extends Error {
  override readonly name = 'InvalidCsv';
}

/** Reads CSV back into lines of fields (a leading byte order mark is skipped). The inverse of `toCsv`. */
export function parseCsv(text: string): string[][] {
  const input = text.startsWith(UTF8_BOM) ? text.slice(1) : text;
  const lines: string[][] = [];
  let line: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    line.push(field);
    field = '';
  };
  const endLine = () => {
    endField();
    lines.push(line);
    line = [];
  };
  while (i < input.length) {
    const ch = input[i]!;
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i += 1;
      } else {
        field += ch;
        i += 1;
      }
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i += 1;
    } else if (ch === ',') {
      endField();
      i += 1;
    } else if (ch === '\r' && input[i + 1] === '\n') {
      endLine();
      i += 2;
    } else if (ch === '\n') {
      endLine();
      i += 1;
    } else if (ch === '"') {
      throw new InvalidCsv(`a quote inside an unquoted field, line ${lines.length + 1}`);
    } else {
      field += ch;
      i += 1;
    }
  }
  if (quoted) throw new InvalidCsv('a quoted field is not closed at the end of the text');
  if (field !== '' || line.length > 0) endLine();
  return lines;
}
