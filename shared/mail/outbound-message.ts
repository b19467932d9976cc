import { createHash } from 'node:crypto';
import { base64Lines, encodedWords, fileNameParameter, foldTokens, mailbox, quotedPrintable, rfc5322Date } from './mime-encoding';

export interface OutboundMessage {
  messageId: string;
  from: { name: string; address: string };
  replyTo: string;
  to: string;
  subject: string;
  text: string;
  inReplyTo?: string;
  references?: string[];
  /** RFC 3834: marks the system's own mail so that well-behaved robots do not answer it. */
  autoSubmitted: 'auto-replied' | 'auto-generated';
  attachments?: Array<{ filename: string; content: Buffer; contentType: string }>;
  date: Date;
}

const CRLF = '\r\n';

/**
 * Builds the raw MIME (UTF-8, Vietnamese headers encoded per RFC 2047) that SES sends as is: one
 * quoted-printable text part, and a multipart/mixed with each file in base64 when there are files.
 * Its own few lines rather than a general mail composer, which would carry a table of every MIME type
 * (and more) into the notify function's cold start; the same message always gives the same bytes.
 */
export async function composeRawMessage(message: OutboundMessage): Promise<Buffer> {
  const headers = [
    `From: ${mailbox(message.from.address, message.from.name)}`,
    `Reply-To: ${message.replyTo}`,
    `To: ${message.to}`,
    `Subject: ${encodedWords(message.subject)}`,
    `Message-ID: ${message.messageId}`,
    ...(message.inReplyTo ? [`In-Reply-To: ${message.inReplyTo}`] : []),
    ...(message.references?.length ? [foldTokens('References', message.references)] : []),
    `Date: ${rfc5322Date(message.date)}`,
    `Auto-Submitted: ${message.autoSubmitted}`,
    'X-Auto-Response-Suppress: All',
    'MIME-Version: 1.0',
  ];
  const text = ['Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: quoted-printable', '', quotedPrintable(message.text)];
  const files = message.attachments ?? [];
  if (files.length === 0) return Buffer.from([...headers, ...text, ''].join(CRLF), 'ascii');
  const boundary = `----motcua-${createHash('sha256').update(message.messageId).digest('hex').slice(0, 24)}`;
  const parts = [
    text.join(CRLF),
    ...files.map((file) =>
      [
        // each file-name parameter on a line of its own, so that the type before it cannot push it past the line limit
        `Content-Type: ${file.contentType};${CRLF} ${fileNameParameter('name', file.filename)}`,
        `Content-Disposition: attachment;${CRLF} ${fileNameParameter('filename', file.filename)}`,
        'Content-Transfer-Encoding: base64',
        '',
        base64Lines(file.content),
      ].join(CRLF),
    ),
  ];
  const body = `${parts.map((part) => `--${boundary}${CRLF}${part}${CRLF}`).join('')}--${boundary}--${CRLF}`;
  return Buffer.from([...headers, `Content-Type: multipart/mixed; boundary="${boundary}"`, '', body].join(CRLF), 'ascii');
}
