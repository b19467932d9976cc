import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * The fonts of the agency's documents. DejaVu Serif covers every Vietnamese letter as a precomposed glyph
 * (ặ, ữ, ỡ...); the PDF standard fonts cover none of them, so the fonts are embedded (as subsets).
 */
export const DOCUMENT_FONTS = ['DejaVuSerif', 'DejaVuSerif-Bold', 'DejaVuSerif-Italic'] as const;
export type DocumentFont = (typeof DOCUMENT_FONTS)[number];

/**
 * Where the fonts are when they are not in node_modules: a Lambda bundle ships the files of
 * DOCUMENT_FONTS (as <name>.ttf) in a folder and names it here.
 */
export const FONT_DIR_ENV = 'MOTCUA_FONT_DIR';

/** The TrueType file of a document font: from MOTCUA_FONT_DIR when set, else from the dejavu-fonts-ttf package. */
export function fontPath(name: DocumentFont): string {
  const dir = process.env[FONT_DIR_ENV]?.trim();
  if (dir) return join(dir, `${name}.ttf`);
  return createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`);
}

export type PdfWriter = PDFKit.PDFDocument;

/** The font names a drawing uses: doc.font(FONT.bold). */
export const FONT = { regular: 'regular', bold: 'bold', italic: 'italic' } as const;

export interface PdfMetadata {
  title: string;
  subject?: string;
  author?: string;
  keywords?: string;
  /** The document's own date (a receipt's time of receipt, a letter's date): the PDF's CreationDate and the seed of its file ID. */
  createdAt: string | Date;
}

/** A4 with the margins of an administrative document (left 30 mm, right 15 mm, top and bottom 20 mm). */
const MM = 72 / 25.4;
export const PAGE = { size: 'A4' as const, margins: { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM } };

/**
 * Renders a document to a PDF. The same input gives the same bytes: CreationDate comes from the input
 * (pdfkit derives the file ID from the document information), nothing is read from the clock, and
 * pdfkit names font subsets after their order of use.
 */
export async function renderPdf(meta: PdfMetadata, draw: (doc: PdfWriter) => void): Promise<Buffer> {
  const createdAt = meta.createdAt instanceof Date ? meta.createdAt : new Date(meta.createdAt);
  if (Number.isNaN(createdAt.getTime())) throw new RangeError(`not a document date: ${String(meta.createdAt)}`);
  // Imported at the first document, not at load: PDFs are a rare path of the functions that render them
  // (a lazy chunk of their bundles, see infra/bundling.ts), and pdfkit with fontkit is most of their code.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: PAGE.size,
    margins: PAGE.margins,
    // The default font would otherwise be Helvetica, which has no Vietnamese letters.
    font: fontPath('DejaVuSerif'),
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: meta.title,
      ...(meta.subject ? { Subject: meta.subject } : {}),
      ...(meta.author ? { Author: meta.author } : {}),
      ...(meta.keywords ? { Keywords: meta.keywords } : {}),
      Creator: 'motcua',
      Producer: 'motcua (PDFKit)',
      CreationDate: createdAt,
    },
  });
  doc.registerFont(FONT.regular, fontPath('DejaVuSerif'));
  doc.registerFont(FONT.bold, fontPath('DejaVuSerif-Bold'));
  doc.registerFont(FONT.italic, fontPath('DejaVuSerif-Italic'));
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font(FONT.regular);
  draw(doc);
  doc.end();
  return finished;
}
