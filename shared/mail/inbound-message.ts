import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { detectAutomated, type AutomatedMessage } from './automated';
import { normalizeMessageId } from '../cases/keys';

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
  return {
    messageId: parsed.messageId ? normalizeMessageId(parsed.messageId) : undefined,
    subject: (parsed.subject ?? '').trim(),
    from: firstAddress(parsed.from),
    replyTo: firstAddress(parsed.replyTo)?.address,
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    senderDate: parsed.date?.toISOString(),
    receivedAt: received?.at,
    envelopeRecipient: received?.recipient,
    returnPath: returnPath === undefined ? undefined : returnPath.replace(/^<|>$/g, ''),
    inReplyTo: parsed.inReplyTo ? normalizeMessageId(parsed.inReplyTo) : undefined,
    references: referencesOf(parsed),
    text: bodyText(parsed),
    attachments: parsed.attachments
      .filter((a) => a.contentDisposition !== 'inline' || a.filename)
      .map((a, i) => ({
        filename: safeFilename(a.filename, i + 1, a.contentType),
        contentType: a.contentType,
        size: a.size,
        content: a.content,
      })),
    automated: detectAutomated(parsed.headers, returnPath, firstAddress(parsed.from)?.address, parsed.headerLines),
    authentication: authenticationVerdicts(parsed),
  };
}

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
  return objects.flatMap((o) => o.value.flatMap((v) => (v.group ? v.group.map((g) => g.address) : [v.address]))).filter((a): a is string => !!a).map((a) => a.toLowerCase());
}

function firstAddress(field: AddressObject | AddressObject[] | undefined): { address: string; name?: string } | undefined {
  const first = (Array.isArray(field) ? field[0] : field)?.value[0];
  if (!first?.address) return undefined;
  return { address: first.address.toLowerCase(), name: first.name || undefined };
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

/** Keeps the citizen's file name (Vietnamese included) but never a path, and names nameless parts. */
export function safeFilename(filename: string | undefined, index: number, contentType: string): string {
  const cleaned = (filename ?? '')
    .normalize('NFC')
    .replace(/[\\/]/g, '_')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, 200);
  if (cleaned && cleaned !== '.' && cleaned !== '..') return cleaned;
  return `tep-dinh-kem-${index}.${EXTENSIONS[contentType] ?? 'bin'}`;
}

/** The receiving server's verdicts (SES writes Authentication-Results and X-SES-* headers). */
function authenticationVerdicts(parsed: ParsedMail): AuthenticationVerdicts {
  const results = headerLine(parsed, 'authentication-results')?.replace(/\r?\n[ \t]+/g, ' ') ?? '';
  const verdict = (method: string) => new RegExp(`\\b${method}=([a-z]+)`, 'i').exec(results)?.[1]?.toLowerCase();
  // The receiving server's verdict is the topmost header of that name; a sender may forge more below it.
  const header = (key: string) => headerLine(parsed, key)?.slice(key.length + 1).trim().toUpperCase() || undefined;
  return { spf: verdict('spf'), dkim: verdict('dkim'), dmarc: verdict('dmarc'), spam: header('x-ses-spam-verdict'), virus: header('x-ses-virus-verdict') };
}
