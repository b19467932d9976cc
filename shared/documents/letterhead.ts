import type { Office } from '../offices/directory';
import { toVietnamIso } from '../time/vietnam-time';
import { FONT, type PdfWriter } from './pdf';

/** An instant as the case stores it (ISO 8601, any offset) or as a Date. */
export type Instant = string | Date;

export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';

const BODY_SIZE = 11.5;

function wallClock(value: Instant) {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not an instant: ${String(value)}`);
  const iso = toVietnamIso(date);
  return { year: iso.slice(0, 4), month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)), hour: iso.slice(11, 13), minute: iso.slice(14, 16) };
}

/**
 * "ngày 05 tháng 3 năm 2026", in Vietnam time, as administrative documents write a date: a zero before
 * days under 10 and before months 1 and 2 (Nghị định 30/2020/NĐ-CP), none before the other months.
 */
export function officialDate(value: Instant): string {
  const { year, month, day } = wallClock(value);
  return `ngày ${String(day).padStart(2, '0')} tháng ${month <= 2 ? String(month).padStart(2, '0') : String(month)} năm ${year}`;
}

/** "16 giờ 30 phút, ngày 23 tháng 11 năm 2026": how form 01 states the times of receipt and of the result. */
export const officialDateTime = (value: Instant) => {
  const { hour, minute } = wallClock(value);
  return `${hour} giờ ${minute} phút, ${officialDate(value)}`;
};

/** The place a document is dated at: the province, the last part of the office's address. */
export function placeOf(office: Office): string {
  const parts = office.address.split(',').map((p) => p.trim()).filter(Boolean);
  return parts.at(-1) ?? office.address;
}

export const upper = (text: string) => text.toLocaleUpperCase('vi-VN');

export interface LetterheadInput {
  /** The governing body (cơ quan chủ quản), e.g. the provincial THADS above a regional office. */
  agencyName: string;
  /** The issuing office (cơ quan ban hành). */
  officeName: string;
  /** A unit of the office under its name, e.g. "Bộ phận một cửa". */
  unit?: string;
  /** "Số: 12/PXL-THADS". */
  number?: string;
  place: string;
  date: Instant;
}

/** Draws a centred line of text, shrinking it (down to 9 pt) rather than letting it wrap. */
function fittedLine(doc: PdfWriter, text: string, x: number, y: number, width: number, font: string, size: number): number {
  doc.font(font).fontSize(size);
  const natural = doc.widthOfString(text);
  const fitted = natural > width ? Math.max(9, Math.floor((size * width) / natural * 10) / 10) : size;
  doc.fontSize(fitted);
  doc.text(text, x, y, { width, align: 'center' });
  return doc.y;
}

function rule(doc: PdfWriter, centre: number, y: number, length: number) {
  doc.moveTo(centre - length / 2, y).lineTo(centre + length / 2, y).lineWidth(0.6).stroke();
}

/**
 * The two-column head of an administrative document: the agency and office (left), the national name and
 * motto with the place and date (right). Leaves doc.y under the taller column.
 */
export function drawLetterhead(doc: PdfWriter, head: LetterheadInput): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const top = doc.page.margins.top;
  const leftWidth = Math.round(width * 0.42);
  const gap = 8;
  const rightX = left + leftWidth + gap;
  const rightWidth = width - leftWidth - gap;

  // Left column: the governing body (regular), the office (bold), the unit (bold), a short rule, the number.
  let y = top;
  const sameBody = upper(head.agencyName.trim()) === upper(head.officeName.trim());
  if (!sameBody) {
    doc.font(FONT.regular).fontSize(10.5).text(upper(head.agencyName), left, y, { width: leftWidth, align: 'center' });
    y = doc.y;
  }
  doc.font(FONT.bold).fontSize(10.5).text(upper(head.officeName), left, y, { width: leftWidth, align: 'center' });
  y = doc.y;
  if (head.unit) {
    doc.font(FONT.bold).fontSize(10.5).text(upper(head.unit), left, y, { width: leftWidth, align: 'center' });
    y = doc.y;
  }
  rule(doc, left + leftWidth / 2, y + 3, Math.min(90, leftWidth * 0.5));
  y += 8;
  if (head.number) {
    doc.font(FONT.regular).fontSize(BODY_SIZE).text(head.number, left, y, { width: leftWidth, align: 'center' });
    y = doc.y;
  }
  const leftBottom = y;

  // Right column: the national name and motto, a rule as long as the motto, the place and date in italics.
  let r = fittedLine(doc, NATIONAL_NAME, rightX, top, rightWidth, FONT.bold, 11.5);
  r = fittedLine(doc, NATIONAL_MOTTO, rightX, r, rightWidth, FONT.bold, BODY_SIZE);
  doc.font(FONT.bold).fontSize(BODY_SIZE);
  rule(doc, rightX + rightWidth / 2, r + 3, doc.widthOfString(NATIONAL_MOTTO));
  r += 10;
  r = fittedLine(doc, `${head.place}, ${officialDate(head.date)}`, rightX, r, rightWidth, FONT.italic, BODY_SIZE);

  doc.x = left;
  doc.y = Math.max(leftBottom, r) + 12;
  doc.font(FONT.regular).fontSize(BODY_SIZE);
}

/** The document's name, centred and bold, with optional lines under it. */
export function drawTitle(doc: PdfWriter, title: string, ...under: Array<{ text: string; font?: keyof typeof FONT }>): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.font(FONT.bold).fontSize(13.5).text(title, left, doc.y, { width, align: 'center' });
  for (const line of under) doc.font(FONT[line.font ?? 'regular']).fontSize(BODY_SIZE).text(line.text, left, doc.y, { width, align: 'center' });
  doc.moveDown(0.5);
  doc.x = left;
  doc.font(FONT.regular).fontSize(BODY_SIZE);
}

/** A paragraph of the body, from the left margin, with an optional bold label ("Lý do: ..."). */
export function paragraph(doc: PdfWriter, text: string, options: { label?: string; indent?: number; font?: keyof typeof FONT; gap?: number } = {}): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.x = left;
  if (options.label) {
    doc.font(FONT.bold).fontSize(BODY_SIZE).text(options.label, left, doc.y, { width, continued: true, indent: options.indent ?? 0 });
    doc.font(FONT[options.font ?? 'regular']).text(` ${text}`);
  } else {
    doc.font(FONT[options.font ?? 'regular']).fontSize(BODY_SIZE).text(text, left, doc.y, { width, indent: options.indent ?? 0 });
  }
  doc.moveDown(options.gap ?? 0.15);
  doc.x = left;
  doc.font(FONT.regular).fontSize(BODY_SIZE);
}

export interface TableColumn {
  header: string;
  /** A share of the text width; the shares are scaled to fill it. */
  share: number;
  align?: 'left' | 'center' | 'right';
}

/** A ruled table that moves to a new page (repeating its header) when a row would not fit. */
export function drawTable(doc: PdfWriter, columns: readonly TableColumn[], rows: ReadonlyArray<readonly string[]>): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const total = columns.reduce((sum, c) => sum + c.share, 0);
  const widths = columns.map((c) => (c.share / total) * width);
  const pad = 4;
  const size = 10.5;

  const rowHeight = (cells: readonly string[], font: string) =>
    Math.max(...cells.map((cell, i) => doc.font(font).fontSize(size).heightOfString(cell, { width: widths[i]! - 2 * pad }))) + 2 * pad;

  const drawRow = (cells: readonly string[], font: string) => {
    const height = rowHeight(cells, font);
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      doc.y = doc.page.margins.top;
      if (font !== FONT.bold) drawRow(columns.map((c) => c.header), FONT.bold);
    }
    const y = doc.y;
    let x = left;
    cells.forEach((cell, i) => {
      const w = widths[i]!;
      doc.lineWidth(0.5).rect(x, y, w, height).stroke();
      doc.font(font).fontSize(size).text(cell, x + pad, y + pad, { width: w - 2 * pad, align: columns[i]!.align ?? 'left' });
      x += w;
    });
    doc.x = left;
    doc.y = y + height;
  };

  drawRow(columns.map((c) => c.header), FONT.bold);
  for (const row of rows) drawRow(row, FONT.regular);
  doc.moveDown(0.5);
  doc.x = left;
  doc.font(FONT.regular).fontSize(BODY_SIZE);
}

export interface SignatureBlock {
  /** "NGƯỜI NỘP HỒ SƠ", "TRƯỞNG PHÒNG". */
  heading: string;
  /** "(Ký và ghi rõ họ tên)". */
  note?: string;
  name?: string;
}

/** Signature blocks side by side, each centred in its share of the width, with room to sign above the name. */
export function drawSignatures(doc: PdfWriter, blocks: readonly SignatureBlock[], options: { leftText?: string[] } = {}): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const needed = 120;
  if (doc.y + needed > doc.page.height - doc.page.margins.bottom) {
    doc.addPage();
    doc.y = doc.page.margins.top;
  }
  doc.moveDown(0.5);
  const top = doc.y;
  const slots = options.leftText ? blocks.length + 1 : blocks.length;
  const slotWidth = width / slots;
  let bottom = top;
  if (options.leftText) {
    let y = top;
    options.leftText.forEach((line, i) => {
      doc.font(i === 0 ? FONT.italic : FONT.regular).fontSize(i === 0 ? 11 : 10).text(line, left, y, { width: slotWidth });
      y = doc.y;
    });
    bottom = Math.max(bottom, y);
  }
  blocks.forEach((block, i) => {
    const x = left + (i + (options.leftText ? 1 : 0)) * slotWidth;
    let y = top;
    doc.font(FONT.bold).fontSize(BODY_SIZE).text(block.heading, x, y, { width: slotWidth, align: 'center' });
    y = doc.y;
    if (block.note) {
      doc.font(FONT.italic).fontSize(11).text(block.note, x, y, { width: slotWidth, align: 'center' });
      y = doc.y;
    }
    y += 46;
    if (block.name) {
      doc.font(FONT.bold).fontSize(BODY_SIZE).text(block.name, x, y, { width: slotWidth, align: 'center' });
      y = doc.y;
    }
    bottom = Math.max(bottom, y);
  });
  doc.x = left;
  doc.y = bottom + 8;
  doc.font(FONT.regular).fontSize(BODY_SIZE);
}
