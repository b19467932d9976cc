import PostalMime, { type Address, type Email } from 'postal-mime';
import { detectAutomated, type AutomatedMessage } from './automated';
import { MessageHeaders } from './message-headers';
import { normalizeMessageId } from '../cases/keys';
import { displayText, MESSAGE_BOUNDS, truncateGraphemes } from './display-text';
import { reportOf, type MessageReport } from './report';

export interface InboundAttachment {
  filename: string;
  contentType: string;
  size: number;
  content: Buffer;
}

/** What the system reads from a citizen's e-mail, as a receiving mail server stored it. */
export interface InboundMessage {
  messageId?: string;
  subject: string;
  from?: { address: string; name?: string };
  replyTo?: string;
  to: string[];
  cc: string[];
  /** The sender's own Date header: recorded, never used as the time of receipt. */
  senderDate?: string;
  /** When the receiving server (SES, or the local SMTP stand-in) accepted it: its topmost Received header. */
  receivedAt?: Date;
  /** The envelope recipient, when the receiving server named exactly one. */
  envelopeRecipient?: string;
  returnPath?: string;
  inReplyTo?: string;
  references: string[];
  text: string;
  attachments: InboundAttachment[];
  automated?: AutomatedMessage;
  authentication: AuthenticationVerdicts;
  /** A delivery or feedback report (RFC 3464, RFC 5965): its type and the Message-IDs of the messages it reports on. */
  report?: MessageReport;
  /** What was cut to keep the stored message bounded (the raw message in the inbound bucket stays whole). */
  cut?: MessageCut;
}

/** What parseInboundMessage left out, so that the case can say so. */
export interface MessageCut {
  /** The subject's length in characters, when it was cut to MESSAGE_BOUNDS.subject. */
  subjectLength?: number;
  /** Addresses of To and of Cc beyond MESSAGE_BOUNDS.recipients. */
  toOmitted?: number;
  ccOmitted?: number;
  /** Attachments beyond MESSAGE_BOUNDS.attachments: not stored apart, still in the raw message. */
  attachmentsOmitted?: number;
}

export interface AuthenticationVerdicts {
  spf?: string;
  dkim?: string;
  dmarc?: string;
  spam?: string;
  virus?: string;
}

export class MalformedMessage extends Error {
  override readonly name = 'MalformedMessage';
}

/**
 * The parser's limits, above what any citizen's mail needs and below what would let one stored object
 * take the function's time or memory: a deeper or larger header section is malformed, not slow.
 */
const PARSER_LIMITS = { maxNestingDepth: 50, maxHeadersSize: 1024 * 1024 } as const;

export async function parseInboundMessage(raw: Buffer): Promise<InboundMessage> {
  if (raw.length === 0) throw new MalformedMessage('the stored message is empty');
  let parsed: Email;
  try {
    // A message/rfc822 part (an auto-reply quoting the original, a forwarded mail) stays an attachment, whole:
    // the reported message's headers are read from it, and its text is not the sender's.
    parsed = await PostalMime.parse(raw, { forceRfc822Attachments: true, attachmentEncoding: 'arraybuffer', ...PARSER_LIMITS });
  } catch (error) {
    throw new MalformedMessage(`the message could not be parsed as MIME: ${(error as Error).message}`);
  }
  const headers = new MessageHeaders(parsed.headerLines);
  if (headers.isEmpty) throw new MalformedMessage('the message has no headers');
  const received = topReceived(headers);
  const returnPath = headers.value('return-path');
  const rawSubject = (parsed.subject ?? '').trim();
  const subject = displayText(rawSubject, MESSAGE_BOUNDS.subject);
  const to = addresses(parsed.to);
  const cc = addresses(parsed.cc);
  const attachments = parsed.attachments.filter((a) => a.disposition !== 'inline' || a.filename);
  const from = firstAddress(parsed.from === undefined ? undefined : [parsed.from]);
  const cut: MessageCut = {
    ...(subject !== rawSubject && truncateGraphemes(rawSubject, MESSAGE_BOUNDS.subject).truncated ? { subjectLength: [...rawSubject].length } : {}),
    ...(to.length > MESSAGE_BOUNDS.recipients ? { toOmitted: to.length - MESSAGE_BOUNDS.recipients } : {}),
    ...(cc.length > MESSAGE_BOUNDS.recipients ? { ccOmitted: cc.length - MESSAGE_BOUNDS.recipients } : {}),
    ...(attachments.length > MESSAGE_BOUNDS.attachments ? { attachmentsOmitted: attachments.length - MESSAGE_BOUNDS.attachments } : {}),
  };
  const report = reportOf(headers, parsed.attachments.map((a) => ({ contentType: a.mimeType, content: contentOf(a.content) })));
  const messageId = parsed.messageId?.trim();
  const inReplyTo = messageIdsIn(parsed.inReplyTo)[0];
  const senderDate = parsed.date === undefined ? undefined : new Date(parsed.date);
  return {
    messageId: messageId ? normalizeMessageId(bounded(messageIdsIn(messageId)[0] ?? messageId)) : undefined,
    subject,
    from,
    replyTo: firstAddress(parsed.replyTo)?.address,
    to: to.slice(0, MESSAGE_BOUNDS.recipients),
    cc: cc.slice(0, MESSAGE_BOUNDS.recipients),
    senderDate: senderDate && !Number.isNaN(senderDate.getTime()) ? senderDate.toISOString() : undefined,
    receivedAt: received?.at,
    envelopeRecipient: received?.recipient,
    returnPath: returnPath === undefined ? undefined : bounded(returnPath.replace(/^<|>$/g, '')),
    inReplyTo: inReplyTo ? normalizeMessageId(bounded(inReplyTo)) : undefined,
    references: messageIdsIn(parsed.references).map(normalizeMessageId).slice(-MESSAGE_BOUNDS.recipients),
    text: bodyText(parsed),
    attachments: attachments.slice(0, MESSAGE_BOUNDS.attachments).map((a, i) => {
      const content = contentOf(a.content);
      return { filename: safeFilename(a.filename ?? undefined, i + 1, a.mimeType), contentType: bounded(a.mimeType), size: content.length, content };
    }),
    automated: detectAutomated(headers, returnPath, from?.address),
    authentication: authenticationVerdicts(headers),
    ...(report ? { report } : {}),
    ...(Object.keys(cut).length > 0 ? { cut } : {}),
  };
}

/** An attachment's bytes as a Buffer over the parser's own memory (no copy). */
function contentOf(content: ArrayBuffer | Uint8Array | string): Buffer {
  if (typeof content === 'string') return Buffer.from(content, 'utf8');
  return content instanceof ArrayBuffer ? Buffer.from(content) : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
}

/** The Message-IDs of an In-Reply-To or References value, in order (comments and other text between them ignored). */
function messageIdsIn(value: string | undefined): string[] {
  if (!value) return [];
  const bracketed = value.match(/<[^<>\s]+>/g);
  return bracketed ?? value.split(/\s+/).filter(Boolean);
}

/** A header value as stored: at most one header line's worth (RFC 5322: 998 characters). */
const bounded = (value: string) => truncateGraphemes(value, MESSAGE_BOUNDS.headerValue).text;

/**
 * The receiving server prepends its Received header above any the sender wrote, so the topmost
 * one is the server's own: its date is the receipt time, its "for" clause the envelope recipient.
 */
function topReceived(headers: MessageHeaders): { at?: Date; recipient?: string } | undefined {
  const unfolded = headers.value('received');
  if (unfolded === undefined) return undefined;
  const semicolon = unfolded.lastIndexOf(';');
  const at = semicolon >= 0 ? new Date(unfolded.slice(semicolon + 1).trim()) : undefined;
  const recipient = /\bfor\s+<?([^\s<>;]+@[^\s<>;]+)>?/i.exec(unfolded)?.[1];
  return { at: at && !Number.isNaN(at.getTime()) ? at : undefined, recipient: recipient?.toLowerCase() };
}

function addresses(field: Address[] | undefined): string[] {
  return (field ?? []).flatMap((a) => (a.group ? a.group.map((g) => g.address) : [a.address])).filter((a): a is string => !!a).map((a) => bounded(a.toLowerCase()));
}

function firstAddress(field: Address[] | undefined): { address: string; name?: string } | undefined {
  const first = field?.[0];
  const mailbox = first?.group ? first.group[0] : first;
  if (!mailbox?.address) return undefined;
  const name = mailbox.name ? displayText(mailbox.name, MESSAGE_BOUNDS.displayName) : '';
  return { address: bounded(mailbox.address.toLowerCase()), name: name || undefined };
}

function bodyText(parsed: Email): string {
  if (parsed.text?.trim()) return parsed.text.trim();
  return typeof parsed.html === 'string' ? parsed.html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim() : '';
}

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/heic': 'heic',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
};

/**
 * Keeps the citizen's file name (Vietnamese included) but never a path, a control or a bidi
 * override, cut by whole characters (never inside a surrogate pair) to MESSAGE_BOUNDS.filename
 * with its extension kept; names nameless parts.
 */
export function safeFilename(filename: string | undefined, index: number, contentType: string): string {
  const cleaned = displayText((filename ?? '').replace(/[\\/]/g, '_').replace(/[\t\r\n]/g, ''), Number.MAX_SAFE_INTEGER).trim();
  if (!cleaned || cleaned === '.' || cleaned === '..') return `tep-dinh-kem-${index}.${EXTENSIONS[contentType] ?? 'bin'}`;
  const extension = /\.[A-Za-z0-9]{1,8}$/.exec(cleaned)?.[0] ?? '';
  const whole = truncateGraphemes(cleaned, MESSAGE_BOUNDS.filename);
  if (!whole.truncated) return cleaned;
  return `${truncateGraphemes(cleaned.slice(0, cleaned.length - extension.length), MESSAGE_BOUNDS.filename - extension.length - 1).text}…${extension}`;
}

/** The receiving server's verdicts (SES writes Authentication-Results and X-SES-* headers). */
function authenticationVerdicts(headers: MessageHeaders): AuthenticationVerdicts {
  const results = headers.value('authentication-results') ?? '';
  const verdict = (method: string) => new RegExp(`\\b${method}=([a-z]+)`, 'i').exec(results)?.[1]?.toLowerCase();
  // The receiving server's verdict is the topmost header of that name; a sender may forge more below it.
  const header = (key: string) => headers.value(key)?.toUpperCase() || undefined;
  return { spf: verdict('spf'), dkim: verdict('dkim'), dmarc: verdict('dmarc'), spam: header('x-ses-spam-verdict'), virus: header('x-ses-virus-verdict') };
}
