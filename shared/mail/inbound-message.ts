import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { detectAutomated, type AutomatedMessage } from './automated';
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

export async function parseInboundMessage(raw: Buffer): Promise<InboundMessage> {
  if (raw.length === 0) throw new MalformedMessage('the stored message is empty');
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(raw, { skipHtmlToText: false, skipTextLinks: true });
  } catch (error) {
    throw new MalformedMessage(`the message could not be parsed as MIME: ${(error as Error).message}`);
  }
  if (!parsed.headerLines.some((h) => h.key)) throw new MalformedMessage('the message has no headers');
  const received = topReceived(parsed);
  const returnPath = headerLine(parsed, 'return-path')?.replace(/^return-path:\s*/i, '').trim();
  const rawSubject = (parsed.subject ?? '').trim();
  const subject = displayText(rawSubject, MESSAGE_BOUNDS.subject);
  const to = addresses(parsed.to);
  const cc = addresses(parsed.cc);
  const attachments = parsed.attachments.filter((a) => a.contentDisposition !== 'inline' || a.filename);
  const from = firstAddress(parsed.from);
  const cut: MessageCut = {
    ...(subject !== rawSubject && truncateGraphemes(rawSubject, MESSAGE_BOUNDS.subject).truncated ? { subjectLength: [...rawSubject].length } : {}),
    ...(to.length > MESSAGE_BOUNDS.recipients ? { toOmitted: to.length - MESSAGE_BOUNDS.recipients } : {}),
    ...(cc.length > MESSAGE_BOUNDS.recipients ? { ccOmitted: cc.length - MESSAGE_BOUNDS.recipients } : {}),
    ...(attachments.length > MESSAGE_BOUNDS.attachments ? { attachmentsOmitted: attachments.length - MESSAGE_BOUNDS.attachments } : {}),
  };
  const report = reportOf(parsed);
  return {
    messageId: parsed.messageId ? normalizeMessageId(bounded(parsed.messageId)) : undefined,
    subject,
    from,
    replyTo: firstAddress(parsed.replyTo)?.address,
    to: to.slice(0, MESSAGE_BOUNDS.recipients),
    cc: cc.slice(0, MESSAGE_BOUNDS.recipients),
    senderDate: parsed.date?.toISOString(),
    receivedAt: received?.at,
    envelopeRecipient: received?.recipient,
    returnPath: returnPath === undefined ? undefined : bounded(returnPath.replace(/^<|>$/g, '')),
    inReplyTo: parsed.inReplyTo ? normalizeMessageId(bounded(parsed.inReplyTo)) : undefined,
    references: referencesOf(parsed).slice(-MESSAGE_BOUNDS.recipients),
    text: bodyText(parsed),
    attachments: attachments.slice(0, MESSAGE_BOUNDS.attachments).map((a, i) => ({
      filename: safeFilename(a.filename, i + 1, a.contentType),
      contentType: bounded(a.contentType),
      size: a.size,
      content: a.content,
    })),
    automated: detectAutomated(parsed.headers, returnPath, from?.address, parsed.headerLines),
    authentication: authenticationVerdicts(parsed),
    ...(report ? { report } : {}),
    ...(Object.keys(cut).length > 0 ? { cut } : {}),
  };
}

/** A header value as stored: at most one header line's worth (RFC 5322: 998 characters). */
const bounded = (value: string) => truncateGraphemes(value, MESSAGE_BOUNDS.headerValue).text;

function headerLine(parsed: ParsedMail, key: string): string | undefined {
  return parsed.headerLines.find((h) => h.key === key)?.line;
}

/**
 * The receiving server prepends its Received header above any the sender wrote, so the topmost
 * one is the server's own: its date is the receipt time, its "for" clause the envelope recipient.
 */
function topReceived(parsed: ParsedMail): { at?: Date; recipient?: string } | undefined {
  const line = headerLine(parsed, 'received');
  if (!line) return undefined;
  const unfolded = line.replace(/\r?\n[ \t]+/g, ' ');
  const semicolon = unfolded.lastIndexOf(';');
  const at = semicolon >= 0 ? new Date(unfolded.slice(semicolon + 1).trim()) : undefined;
  const recipient = /\bfor\s+<?([^\s<>;]+@[^\s<>;]+)>?/i.exec(unfolded)?.[1];
  return { at: at && !Number.isNaN(at.getTime()) ? at : undefined, recipient: recipient?.toLowerCase() };
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return objects.flatMap((o) => o.value.flatMap((v) => (v.group ? v.group.map((g) => g.address) : [v.address]))).filter((a): a is string => !!a).map((a) => bounded(a.toLowerCase()));
}

function firstAddress(field: AddressObject | AddressObject[] | undefined): { address: string; name?: string } | undefined {
  const first = (Array.isArray(field) ? field[0] : field)?.value[0];
  if (!first?.address) return undefined;
  const name = first.name ? displayText(first.name, MESSAGE_BOUNDS.displayName) : '';
  return { address: bounded(first.address.toLowerCase()), name: name || undefined };
}

function referencesOf(parsed: ParsedMail): string[] {
  const refs = parsed.references === undefined ? [] : Array.isArray(parsed.references) ? parsed.references : parsed.references.split(/\s+/);
  return refs.filter(Boolean).map(normalizeMessageId);
}

function bodyText(parsed: ParsedMail): string {
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
function authenticationVerdicts(parsed: ParsedMail): AuthenticationVerdicts {
  const results = headerLine(parsed, 'authentication-results')?.replace(/\r?\n[ \t]+/g, ' ') ?? '';
  const verdict = (method: string) => new RegExp(`\\b${method}=([a-z]+)`, 'i').exec(results)?.[1]?.toLowerCase();
  // The receiving server's verdict is the topmost header of that name; a sender may forge more below it.
  const header = (key: string) => headerLine(parsed, key)?.slice(key.length + 1).trim().toUpperCase() || undefined;
  return { spf: verdict('spf'), dkim: verdict('dkim'), dmarc: verdict('dmarc'), spam: header('x-ses-spam-verdict'), virus: header('x-ses-virus-verdict') };
}
