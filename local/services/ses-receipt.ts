import { randomBytes } from 'node:crypto';

/** The host SES names in its Received header; locally, one that says where the mail really went. */
export const LOCAL_RECEIVING_HOST = 'inbound-smtp.local.motcua';

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

/** A message id shaped like SES's: 40 lowercase base32hex characters, also the S3 object name. */
export function sesMessageId(): string {
  return [...randomBytes(40)].map((byte) => BASE32HEX[byte & 31]).join('');
}

export interface Receipt {
  messageId: string;
  /** End of DATA: when SES accepted the message. */
  receivedAt: Date;
  /** Envelope sender; '' for a bounce (MAIL FROM:<>). */
  mailFrom: string;
  rcptTo: string[];
  /** The name the client gave in EHLO/HELO. */
  helo: string;
  /** Reverse DNS name of the client, if any. */
  clientHostname?: string;
  clientIp: string;
  /** Verdicts to write instead of the defaults (see localVerdictsOf): how tests send spam, viruses and forgeries. */
  verdicts?: LocalVerdicts;
}

export interface LocalVerdicts {
  spf?: string;
  dkim?: string;
  dmarc?: string;
  spam?: string;
  virus?: string;
}

/**
 * Nothing is scanned or checked locally, so a test says what SES would have found: the header
 * `X-Local-SES-Verdicts: spam=FAIL; virus=PASS; spf=fail; dkim=fail; dmarc=fail` in the sent
 * message. Only the local stand-in reads it (SES computes its verdicts itself); it is read from
 * the message's own header block, and the message is stored byte for byte as it came.
 */
export function localVerdictsOf(message: Buffer): LocalVerdicts | undefined {
  const head = message.subarray(0, 64 * 1024).toString('latin1');
  const headerBlock = head.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const line = /^x-local-ses-verdicts:[ \t]*([^\r\n]*)/im.exec(headerBlock)?.[1];
  if (!line) return undefined;
  const verdicts: LocalVerdicts = {};
  for (const part of line.split(';')) {
    const [key, value] = part.split('=').map((x) => x.trim());
    if (key && value && ['spf', 'dkim', 'dmarc', 'spam', 'virus'].includes(key.toLowerCase())) verdicts[key.toLowerCase() as keyof LocalVerdicts] = value;
  }
  return verdicts;
}

/** "Fri, 11 Jul 2025 13:56:07 +0000 (UTC)", as SES writes dates. */
export const sesDate = (at: Date) => `${at.toUTCString().replace(/ GMT$/, ' +0000')} (UTC)`;

/**
 * The header block SES prepends to a received message before the S3 action stores it, in its
 * order and folding (seen in stored messages: Return-Path, Received, the verdicts, Received-SPF,
 * Authentication-Results, then X-SES-RECEIPT and X-SES-DKIM-SIGNATURE). The verdicts say PASS
 * because nothing is scanned locally; SPF, DKIM and DMARC say none because nothing is checked
 * (unless the sender asked for others with X-Local-SES-Verdicts, see localVerdictsOf);
 * the X-SES-RECEIPT signature is left out because it cannot be made locally.
 */
export function sesReceiptHeaders(r: Receipt): string {
  const envelopeFrom = r.mailFrom || `postmaster@${r.helo}`; // what SES reports for a bounce
  const v = r.verdicts ?? {};
  const spf = `${(v.spf ?? 'none').toLowerCase()} (spfCheck: the local stand-in does not check SPF) client-ip=${r.clientIp}; envelope-from=${envelopeFrom}; helo=${r.helo};`;
  const lines = [
    `Return-Path: <${r.mailFrom}>`,
    `Received: from ${r.helo} (${r.clientHostname ?? 'unknown'} [${r.clientIp}])`,
    // SES names the recipient only when there is exactly one.
    ...(r.rcptTo.length === 1
      ? [` by ${LOCAL_RECEIVING_HOST} with SMTP id ${r.messageId}`, ` for ${r.rcptTo[0]};`]
      : [` by ${LOCAL_RECEIVING_HOST} with SMTP id ${r.messageId};`]),
    ` ${sesDate(r.receivedAt)}`,
    `X-SES-Spam-Verdict: ${(v.spam ?? 'PASS').toUpperCase()}`,
    `X-SES-Virus-Verdict: ${(v.virus ?? 'PASS').toUpperCase()}`,
    `Received-SPF: ${spf}`,
    'Authentication-Results: amazonses.com;',
    ` spf=${spf}`,
    ` dkim=${(v.dkim ?? 'none').toLowerCase()};`,
    ` dmarc=${(v.dmarc ?? 'none').toLowerCase()};`,
  ];
  return lines.map((line) => `${line}\r\n`).join('');
}
