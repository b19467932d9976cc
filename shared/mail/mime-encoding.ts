/**
 * The MIME encodings the system's own mail needs (its text is UTF-8 Vietnamese): RFC 2047 encoded words
 * for headers, quoted-printable text (RFC 2045), base64 files, and RFC 2231 file names. Lines stay within
 * RFC 5322's 78 characters; everything written is 7-bit ASCII, so any relay carries it unchanged.
 */

const CRLF = '\r\n';
/** The longest line this module writes (RFC 5322 2.1.1 recommends at most 78 characters). */
const LINE = 76;
/** UTF-8 bytes per encoded word: base64 of 39 bytes is 52 characters, 64 with "=?UTF-8?B?" and "?=", room for "Subject: " before it. */
const WORD_BYTES = 39;

const isPlainAscii = (text: string) => /^[\x20-\x7e]*$/.test(text);

/** Splits text into pieces of at most `bytes` UTF-8 bytes each, never inside a character. */
function chunksByBytes(text: string, bytes: number): string[] {
  const chunks: string[] = [];
  let current = '';
  let size = 0;
  for (const char of text) {
    const charSize = Buffer.byteLength(char, 'utf8');
    if (size + charSize > bytes && current) {
      chunks.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += charSize;
  }
  if (current) chunks.push(current);
  return chunks;
}

/** A header's unstructured text: as is when it is plain ASCII, otherwise RFC 2047 B-encoded words, one per folded line. */
export function encodedWords(text: string): string {
  if (isPlainAscii(text)) return text;
  return chunksByBytes(text, WORD_BYTES)
    .map((chunk) => `=?UTF-8?B?${Buffer.from(chunk, 'utf8').toString('base64')}?=`)
    .join(`${CRLF} `);
}

/** A mailbox: `name <address>`, the name quoted when it is ASCII with specials, encoded when it is not. */
export function mailbox(address: string, name?: string): string {
  if (!name) return address;
  if (!isPlainAscii(name)) return `${encodedWords(name)}${CRLF} <${address}>`;
  return /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]*$/.test(name) ? `${name} <${address}>` : `"${name.replace(/(["\\])/g, '\\$1')}" <${address}>`;
}

/** Folds a header of space-separated tokens (References) so that no line passes LINE characters. */
export function foldTokens(name: string, tokens: readonly string[]): string {
  const lines: string[] = [];
  let line = `${name}:`;
  for (const token of tokens) {
    if (line.length + 1 + token.length > LINE && line.length > name.length + 1) {
      lines.push(line);
      line = '';
    }
    line += ` ${token}`;
  }
  lines.push(line);
  return lines.join(CRLF);
}

/** RFC 5322 date-time in UTC: `Mon, 23 Nov 2026 09:31:02 +0000`. */
export const rfc5322Date = (date: Date) => date.toUTCString().replace(/GMT$/, '+0000');

/**
 * Quoted-printable (RFC 2045 6.7) of UTF-8 text with CRLF line breaks: printable ASCII as is, every
 * other byte as =XX, spaces and tabs before a line break encoded, soft breaks (=) before LINE characters,
 * never inside an =XX.
 */
export function quotedPrintable(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, '\n')
    .split('\n')
    .map((line) => {
      const bytes = Buffer.from(line, 'utf8');
      const encoded: string[] = [];
      bytes.forEach((byte, i) => {
        const last = i === bytes.length - 1;
        const plain = (byte >= 33 && byte <= 126 && byte !== 61) || ((byte === 32 || byte === 9) && !last);
        encoded.push(plain ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`);
      });
      const out: string[] = [];
      let current = '';
      for (const piece of encoded) {
        if (current.length + piece.length > LINE - 1) {
          out.push(`${current}=`);
          current = '';
        }
        current += piece;
      }
      out.push(current);
      return out.join(CRLF);
    })
    .join(CRLF);
}

/** Base64 in lines of LINE characters (RFC 2045 6.8). */
export function base64Lines(content: Buffer): string {
  const encoded = content.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += LINE) lines.push(encoded.slice(i, i + LINE));
  return lines.join(CRLF);
}

/** Percent-encoding of RFC 2231 (attribute-char as is, everything else %XX of its UTF-8 bytes). */
const rfc2231Encode = (text: string) => encodeURIComponent(text).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * A file-name parameter: `filename="name"` when it is plain ASCII, otherwise RFC 2231 `filename*0*=UTF-8''…`
 * continuations on lines of their own (never splitting a %XX), which every current client reads.
 */
export function fileNameParameter(parameter: string, filename: string): string {
  if (isPlainAscii(filename) && !/["\\]/.test(filename) && filename.length <= LINE - parameter.length - 4) return `${parameter}="${filename}"`;
  const encoded = rfc2231Encode(filename);
  const pieces: string[] = [];
  let rest = `UTF-8''${encoded}`;
  const room = LINE - parameter.length - 8;
  while (rest.length > 0) {
    let size = Math.min(room, rest.length);
    // step back so that a %XX stays whole
    const percent = rest.lastIndexOf('%', size - 1);
    if (percent > size - 3 && percent >= 0 && size < rest.length) size = percent;
    pieces.push(rest.slice(0, size));
    rest = rest.slice(size);
  }
  return pieces.map((piece, i) => `${parameter}*${i}*=${piece}`).join(`;${CRLF} `);
}
