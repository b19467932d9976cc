import { normalizeMessageId } from '../cases/keys';
import type { MessageHeaders } from './message-headers';

/**
 * A report about other mail: a delivery status notification (RFC 3464, a bounce) or a feedback
 * report (RFC 5965, ARF: someone marked a message as abuse). Both carry the reported message, or
 * its headers, in a part of their own; its Message-ID says which case's message is meant.
 */
export interface MessageReport {
  type: 'delivery-status' | 'feedback-report' | 'other';
  /** Message-IDs found in the reported message's headers (a `message/rfc822` or `text/rfc822-headers` part). */
  reportedMessageIds: string[];
}

const REPORTED_MESSAGE_TYPES = new Set(['message/rfc822', 'text/rfc822-headers', 'message/rfc822-headers', 'message/global', 'message/global-headers']);

/** The header block of an embedded message is short; more than this is body, which is not read. */
const HEADER_BLOCK_LIMIT = 64 * 1024;

/** A part of the message that is not its text, with its decoded bytes. */
export interface MessagePart {
  contentType: string;
  content: Buffer;
}

export function reportOf(headers: MessageHeaders, parts: readonly MessagePart[]): MessageReport | undefined {
  const contentType = headers.contentType();
  const isReport = contentType?.type === 'multipart/report';
  const reportType = contentType?.params['report-type']?.toLowerCase();
  const embedded = parts.filter((a) => REPORTED_MESSAGE_TYPES.has(a.contentType.toLowerCase()));
  // An auto-reply that quotes the original as message/rfc822 is read the same way.
  if (!isReport && embedded.length === 0) return undefined;
  const reportedMessageIds = [...new Set(embedded.flatMap((a) => messageIdsInHeaders(a.content.subarray(0, HEADER_BLOCK_LIMIT).toString('utf8'))))];
  const type = reportType === 'delivery-status' || reportType === 'feedback-report' ? reportType : 'other';
  if (!isReport && reportedMessageIds.length === 0) return undefined;
  return { type, reportedMessageIds };
}

/** The Message-ID of a header block (unfolded), ignoring the body after the first empty line. */
export function messageIdsInHeaders(text: string): string[] {
  const headerBlock = text.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const unfolded = headerBlock.replace(/\r?\n[ \t]+/g, ' ');
  const ids: string[] = [];
  for (const line of unfolded.split(/\r?\n/)) {
    const match = /^message-id:\s*(<[^<>\s]{1,990}>)/i.exec(line);
    if (match) ids.push(normalizeMessageId(match[1]!));
  }
  return ids;
}
