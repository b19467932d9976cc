import type { HeaderLine } from 'postal-mime';

/** A field name as RFC 5322 allows it: printable US-ASCII, no colon. */
const FIELD_NAME = /^[!-9;-~]+$/;

/**
 * The header section of a stored message, as its lines were written (encoded words not decoded: the
 * fields read here are tokens and verdicts). Where a field repeats, the topmost is the one a receiving
 * server wrote last; a sender may forge more of the same name below it.
 */
export class MessageHeaders {
  private readonly fields: ReadonlyArray<{ key: string; value: string }>;

  constructor(lines: readonly HeaderLine[]) {
    this.fields = lines
      .filter((line) => FIELD_NAME.test(line.key) && line.line.includes(':'))
      .map((line) => ({ key: line.key, value: line.line.slice(line.line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim() }));
  }

  /** Whether the section holds any well-formed field at all. */
  get isEmpty(): boolean {
    return this.fields.length === 0;
  }

  /** The topmost field of that (lower-case) name, unfolded and trimmed. */
  value(key: string): string | undefined {
    return this.fields.find((field) => field.key === key)?.value;
  }

  has(key: string): boolean {
    return this.fields.some((field) => field.key === key);
  }

  /** The MIME type of the message (lower case) and its parameters (names in lower case, quotes removed). */
  contentType(): { type: string; params: Record<string, string> } | undefined {
    const value = this.value('content-type');
    if (value === undefined) return undefined;
    const [type = '', ...rest] = value.split(';');
    const params: Record<string, string> = {};
    for (const param of rest) {
      const match = /^\s*([^=\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;]*))/.exec(param);
      if (match) params[match[1]!.toLowerCase()] = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3]!;
    }
    return { type: type.trim().toLowerCase(), params };
  }
}
