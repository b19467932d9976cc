/**
 * Where intake keeps a case's attachments (shared/intake/receive-message.ts): under
 * `cases/<case>/messages/<message folder>/<n>-<file name>`. The reading step finds them there, so
 * it reads nothing from the case table (the receipt, which reads the case anyway, records the reading).
 */
import { textKeyOf, type StoredAttachment } from './read-case-attachments';

export const caseAttachmentsPrefix = (caseId: string) => `cases/${caseId}/messages/`;

/** An object of the prefix as an attachment; undefined for the texts read (kept beside) and anything else. */
export function storedAttachmentOf(bucket: string, key: string, size?: number): StoredAttachment | undefined {
  if (key.endsWith(textKeyOf(''))) return undefined;
  const match = key.match(/^cases\/[^/]+\/messages\/[^/]+\/\d+-(.+)$/);
  if (!match) return undefined;
  return { name: match[1]!, bucket, key, ...(size === undefined ? {} : { size }) };
}
