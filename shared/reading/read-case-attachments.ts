/**
 * The reading step of a case: every PDF or picture the request attached is read (text layer first,
 * OCR otherwise), the text read is kept beside the attachment, and what the judgment says is
 * extracted. Reading helps the officer and never blocks the case: a file that cannot be read, or
 * time that runs out, is said so and the case goes on.
 */
import { sha256Hex } from '../timeline/hash-chain';
import { extractJudgment, type JudgmentReading } from './extract-judgment';
import type { PageRecognizer } from './ocr';
import { readAttachment, type AttachmentReading } from './read-attachment';
import { searchWordsOf } from './search-words';

/** An attachment as stored by intake. */
export interface StoredAttachment {
  name: string;
  bucket: string;
  key: string;
  contentType?: string;
  size?: number;
}

export interface ReadingPorts {
  /** The attachments of the case's first message, as stored. */
  attachmentsOf(caseId: string): Promise<StoredAttachment[]>;
  readObject(ref: { bucket: string; key: string }): Promise<Uint8Array>;
  storeText(key: string, text: string): Promise<{ bucket: string; key: string }>;
  recognizer(): Promise<PageRecognizer>;
}

/** What was read of one attachment: small enough to travel in the workflow's state (the text stays in S3). */
export interface AttachmentSummary {
  name: string;
  status: AttachmentReading['status'];
  pageCount: number;
  pagesRead: number[];
  method: 'text-layer' | 'ocr' | 'mixed' | 'none';
  /** 0..1, the lowest of the pages read. */
  confidence?: number;
  problem?: string;
  notRead: AttachmentReading['notRead'];
  /** The text read, kept beside the attachment; its SHA-256 goes on the timeline like any document's. */
  text?: { name: string; contentType: string; bucket: string; key: string; sha256: string; size: number };
}

export interface CaseReading {
  attachments: AttachmentSummary[];
  /** What the attachment that reads most like a judgment says (the one with a number, else the one with most found). */
  judgment?: (JudgmentReading & { attachment: string }) | null;
  /** The words of all the text read, for the staff search (shared/reading/search-words.ts); '' when nothing was read. */
  searchWords?: string;
}

/** Bigger than this, an attachment is not read (a 25 MB mail limit allows a few of these). */
export const MAX_READ_BYTES = 20 * 1024 * 1024;
const READABLE = /\.(pdf|jpe?g|png|heic|heif)$/i;
/** Bounds on what travels in the workflow's state (256 KB for all of it). */
const MAX_LISTED = { parties: 20, amounts: 20, obligations: 10 };

export const isReadable = (a: StoredAttachment) => READABLE.test(a.name) || /^(application\/pdf|image\/(jpeg|png|heic|heif))/i.test(a.contentType ?? '');

/** The key of the text read of an attachment: beside it. */
export const textKeyOf = (attachmentKey: string) => `${attachmentKey}.read.txt`;

/** The text read, as kept: each page headed by its number and how it was read, so "page, line" can be found in it. */
export function textFileOf(reading: AttachmentReading): string {
  return reading.pages.map((p) => `--- trang ${p.page} (${p.method === 'ocr' ? `OCR, độ tin cậy ${Math.round(p.confidence * 100)}%` : 'lớp chữ của PDF'}) ---\n${p.text.trim()}\n`).join('\n');
}

export async function readCaseAttachments(caseId: string, ports: ReadingPorts, options: { deadline?: number; now?: () => number } = {}): Promise<CaseReading> {
  const attachments = (await ports.attachmentsOf(caseId)).filter(isReadable);
  const summaries: AttachmentSummary[] = [];
  const texts: string[] = [];
  let best: { score: number; judgment: JudgmentReading; name: string } | undefined;
  for (const attachment of attachments) {
    if ((attachment.size ?? 0) > MAX_READ_BYTES) {
      summaries.push({ name: attachment.name, status: 'unreadable', pageCount: 0, pagesRead: [], method: 'none', problem: `tệp quá lớn để đọc tự động (trên ${MAX_READ_BYTES / 1024 / 1024} MB)`, notRead: [] });
      continue;
    }
    const reading = await readAttachment(await ports.readObject(attachment), { recognizer: ports.recognizer, ...options });
    const summary: AttachmentSummary = {
      name: attachment.name,
      status: reading.status,
      pageCount: reading.pageCount,
      pagesRead: reading.pages.map((p) => p.page),
      method: methodOf(reading),
      ...(reading.pages.length ? { confidence: Math.min(...reading.pages.map((p) => p.confidence)) } : {}),
      ...(reading.problem ? { problem: reading.problem } : {}),
      notRead: reading.notRead,
    };
    if (reading.pages.length) {
      const text = textFileOf(reading);
      texts.push(...reading.pages.map((p) => p.text));
      const stored = await ports.storeText(textKeyOf(attachment.key), text);
      summary.text = { name: `${attachment.name} (văn bản đọc được).txt`, contentType: 'text/plain; charset=utf-8', ...stored, sha256: sha256Hex(Buffer.from(text, 'utf8')), size: Buffer.byteLength(text) };
      const judgment = extractJudgment(reading.pages);
      const score = (judgment.number ? 10 : 0) + (judgment.court ? 2 : 0) + judgment.parties.length + judgment.obligations.length;
      if (score > 0 && (!best || score > best.score)) best = { score, judgment, name: attachment.name };
    }
    summaries.push(summary);
  }
  return { attachments: summaries, searchWords: searchWordsOf(texts), ...(best ? { judgment: { ...bounded(best.judgment), attachment: best.name } } : {}) };
}

function methodOf(reading: AttachmentReading): AttachmentSummary['method'] {
  const methods = new Set(reading.pages.map((p) => p.method));
  return methods.size === 0 ? 'none' : methods.size > 1 ? 'mixed' : [...methods][0]!;
}

function bounded(judgment: JudgmentReading): JudgmentReading {
  return {
    ...judgment,
    parties: judgment.parties.slice(0, MAX_LISTED.parties),
    amounts: judgment.amounts.slice(0, MAX_LISTED.amounts),
    obligations: judgment.obligations.slice(0, MAX_LISTED.obligations),
  };
}
