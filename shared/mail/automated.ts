import type { MessageHeaders } from './message-headers';

/**
 * A message written by a robot: an out-of-office reply, a bounce, or list mail. Such a message
 * never gets an acknowledgement, so that two robots cannot answer each other for ever (RFC 3834).
 */
export interface AutomatedMessage {
  kind: 'auto-reply' | 'bounce' | 'list';
  evidence: string;
}

const BOUNCE_SENDERS = /^(mailer-daemon|postmaster)@/i;

export function detectAutomated(headers: MessageHeaders, returnPath: string | undefined, from: string | undefined): AutomatedMessage | undefined {
  const text = (key: string) => headers.value(key);
  const contentType = headers.contentType();
  // MIME types and their parameters compare case-insensitively (RFC 2045).
  if (contentType?.type === 'multipart/report' && contentType.params['report-type']?.toLowerCase() === 'delivery-status') {
    return { kind: 'bounce', evidence: 'Content-Type: multipart/report; report-type=delivery-status' };
  }
  if (returnPath !== undefined && /^<?\s*>?$/.test(returnPath.replace(/^return-path:\s*/i, ''))) {
    return { kind: 'bounce', evidence: 'empty Return-Path (<>)' };
  }
  if (from && BOUNCE_SENDERS.test(from)) return { kind: 'bounce', evidence: `From: ${from}` };
  const autoSubmitted = text('auto-submitted');
  if (autoSubmitted && autoSubmitted.toLowerCase() !== 'no') return { kind: 'auto-reply', evidence: `Auto-Submitted: ${autoSubmitted}` };
  const suppress = text('x-auto-response-suppress');
  if (suppress && /\b(all|oof|autoreply)\b/i.test(suppress)) return { kind: 'auto-reply', evidence: `X-Auto-Response-Suppress: ${suppress}` };
  for (const key of ['x-autoreply', 'x-autorespond']) {
    if (headers.has(key)) return { kind: 'auto-reply', evidence: `${key} header present` };
  }
  const precedence = text('precedence');
  if (precedence && /^(bulk|list|junk|auto_reply)$/i.test(precedence)) {
    return { kind: precedence.toLowerCase() === 'auto_reply' ? 'auto-reply' : 'list', evidence: `Precedence: ${precedence}` };
  }
  if (headers.has('list-id')) return { kind: 'list', evidence: 'List-Id header present' };
  if (headers.has('list-unsubscribe')) return { kind: 'list', evidence: 'List-Unsubscribe header present' };
  return undefined;
}
