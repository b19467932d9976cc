import MailComposer from 'nodemailer/lib/mail-composer/index.js';

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

/** Builds the raw MIME (UTF-8, Vietnamese headers encoded per RFC 2047) that SES sends as is. */
export async function composeRawMessage(message: OutboundMessage): Promise<Buffer> {
  const composer = new MailComposer({
    messageId: message.messageId,
    from: message.from,
    replyTo: message.replyTo,
    to: message.to,
    subject: message.subject,
    text: message.text,
    inReplyTo: message.inReplyTo,
    references: message.references,
    date: message.date,
    textEncoding: 'quoted-printable',
    headers: { 'Auto-Submitted': message.autoSubmitted, 'X-Auto-Response-Suppress': 'All' },
    attachments: message.attachments,
  });
  return composer.compile().build();
}
