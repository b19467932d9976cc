/**
 * Reads an attachment: a PDF's own text where it has one, OCR of its scan or of a photo otherwise.
 * Long documents are read at both ends within a bound: the first pages (court, number, parties) and the
 * last ones (where "QUYẾT ĐỊNH" stands). What could not be read says why, for the officer.
 */
import { decodePhoto, imageKindOf, UnreadableImage, type ImageKind } from './raster';
import { letterCount, openPdf, TEXT_LAYER_MIN_LETTERS } from './pdf-pages';
import { readUpright, type PageRecognizer } from './ocr';

export interface ReadPage {
  page: number;
  text: string;
  /** 0..1: 1 for a text layer, OCR's own confidence otherwise. */
  confidence: number;
  method: 'text-layer' | 'ocr';
  /** Quarter turns clockwise the page needed to be read (a photo taken sideways, a scan upside down). */
  quarters?: number;
}

export interface AttachmentReading {
  status: 'read' | 'partly-read' | 'unreadable';
  kind: ImageKind;
  pageCount: number;
  pages: ReadPage[];
  /** Pages left unread, and why (in Vietnamese). */
  notRead: Array<{ pages: number[]; why: string }>;
  /** Why nothing could be read, in Vietnamese. */
  problem?: string;
}

export interface ReadOptions {
  /** The OCR engine, started on first need (a text-layer PDF needs none). */
  recognizer: () => Promise<PageRecognizer>;
  firstPages?: number;
  lastPages?: number;
  /** Epoch milliseconds after which no page is started. */
  deadline?: number;
  now?: () => number;
}

/** The bound on long documents: the first pages and the last pages (issue 13). */
export const FIRST_PAGES = 3;
export const LAST_PAGES = 2;

/** Pages 1..first and the last `last`, each once, in order. */
export function pagesToRead(count: number, first = FIRST_PAGES, last = LAST_PAGES): number[] {
  const pages = new Set<number>();
  for (let p = 1; p <= Math.min(first, count); p++) pages.add(p);
  for (let p = Math.max(1, count - last + 1); p <= count; p++) pages.add(p);
  return [...pages].sort((a, b) => a - b);
}

const OUT_OF_TIME = 'hết thời gian đọc cho phép';

export async function readAttachment(bytes: Uint8Array, options: ReadOptions): Promise<AttachmentReading> {
  const kind = imageKindOf(bytes);
  const now = options.now ?? Date.now;
  const stillTime = () => options.deadline === undefined || now() < options.deadline;
  try {
    if (kind === 'pdf') return await readPdf(bytes, kind, options, stillTime);
    if (kind === 'unknown') return unreadable(kind, 'không phải ảnh JPEG, PNG, HEIC hay tệp PDF');
    const raster = await decodePhoto(bytes);
    const read = await readUpright(raster, await options.recognizer(), stillTime);
    return { status: 'read', kind, pageCount: 1, pages: [{ page: 1, text: read.text, confidence: read.confidence, method: 'ocr', quarters: read.quarters }], notRead: [] };
  } catch (error) {
    if (error instanceof UnreadableImage) return unreadable(kind, error.message);
    if (/password|encrypt/i.test((error as Error).name + (error as Error).message)) return unreadable(kind, 'tệp PDF có mật khẩu');
    if (/Invalid PDF|InvalidPDF|FormatError/i.test((error as Error).name + (error as Error).message)) return unreadable(kind, `tệp PDF hỏng (${(error as Error).message})`);
    throw error;
  }
}

const unreadable = (kind: ImageKind, problem: string): AttachmentReading => ({ status: 'unreadable', kind, pageCount: 0, pages: [], notRead: [], problem });

async function readPdf(bytes: Uint8Array, kind: ImageKind, options: ReadOptions, stillTime: () => boolean): Promise<AttachmentReading> {
  const pdf = await openPdf(bytes);
  try {
    const wanted = pagesToRead(pdf.pageCount, options.firstPages, options.lastPages);
    const pages: ReadPage[] = [];
    const blank: number[] = [];
    const late: number[] = [];
    for (const page of wanted) {
      if (!stillTime()) {
        late.push(page);
        continue;
      }
      const text = await pdf.textOf(page);
      if (letterCount(text) >= TEXT_LAYER_MIN_LETTERS) {
        pages.push({ page, text, confidence: 1, method: 'text-layer' });
        continue;
      }
      const scan = await pdf.scanOf(page);
      if (!scan) {
        blank.push(page);
        continue;
      }
      const read = await readUpright(scan, await options.recognizer(), stillTime);
      pages.push({ page, text: read.text, confidence: read.confidence, method: 'ocr', quarters: read.quarters });
    }
    const skipped = Array.from({ length: pdf.pageCount }, (_, i) => i + 1).filter((p) => !wanted.includes(p));
    const notRead = [
      ...(skipped.length ? [{ pages: skipped, why: `tài liệu dài: chỉ đọc ${options.firstPages ?? FIRST_PAGES} trang đầu và ${options.lastPages ?? LAST_PAGES} trang cuối` }] : []),
      ...(blank.length ? [{ pages: blank, why: 'trang không có chữ hay hình ảnh đọc được' }] : []),
      ...(late.length ? [{ pages: late, why: OUT_OF_TIME }] : []),
    ];
    const status = pages.length === 0 ? 'unreadable' : late.length || blank.length ? 'partly-read' : 'read';
    return { status, kind, pageCount: pdf.pageCount, pages, notRead, ...(pages.length === 0 ? { problem: late.length ? OUT_OF_TIME : 'không trang nào có chữ đọc được' } : {}) };
  } finally {
    await pdf.close();
  }
}
