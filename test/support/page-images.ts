/**
 * Pages as citizens send them, made by the tests themselves: a judgment's lines set in Tinos (metric
 * twin of Times New Roman, the courts' font) at 200 dpi, with the two-column heading, a red round
 * seal over the signature, then scanned (a PDF of images, no text layer), photographed (tilted,
 * unevenly lit, blurred, noisy, JPEG) or turned (a quarter, upside down, or by EXIF orientation).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCanvas, GlobalFonts, type Canvas } from '@napi-rs/canvas';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
const fontFiles = join(dirname(require.resolve('@fontsource/tinos/package.json')), 'files');
// Fontsource splits the font by script; each subset is a family of its own, and the canvas falls back from one to the
// next. The Vietnamese subset first: with Latin first, the shaper decomposes "ạ" into "a" and a combining dot from
// another font, drawn off its letter (and OCR then misses the marks).
const SUBSETS = ['vietnamese', 'latin', 'latin-ext'] as const;
for (const subset of SUBSETS) {
  for (const weight of ['400', '700']) GlobalFonts.registerFromPath(join(fontFiles, `tinos-${subset}-${weight}-normal.woff2`), `Tinos ${subset}`);
}
const FAMILY = SUBSETS.map((s) => `"Tinos ${s}"`).join(', ');

/** A4 at 200 dpi, the resolution of the spike. */
export const PAGE_WIDTH = 1654;
export const PAGE_HEIGHT = 2339;
const MARGIN = 190;
const LINE = 62;
const FONT_PX = 36; // 13 pt at 200 dpi

export interface PageOptions {
  /** Only the first lines (a photo of the top of the page): smaller, faster to read. */
  height?: number;
  stamp?: boolean;
}

/** A page of a judgment: lines of two columns (split at a run of spaces) are set as the heading's two columns. */
export function renderPage(lines: readonly string[], options: PageOptions = {}): Canvas {
  const height = options.height ?? PAGE_HEIGHT;
  const canvas = createCanvas(PAGE_WIDTH, height);
  const g = canvas.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, PAGE_WIDTH, height);
  g.fillStyle = '#111111';
  let y = 170;
  for (const line of lines) {
    const [left, right] = line.split(/\s{4,}/);
    const heading = right !== undefined || /^[A-ZÀ-ỸĐ\s:.-]+$/.test(line.normalize('NFC'));
    g.font = `${heading ? 'bold ' : ''}${FONT_PX}px ${FAMILY}`;
    if (right !== undefined) {
      g.textAlign = 'center';
      g.font = `bold ${FONT_PX - 4}px ${FAMILY}`;
      g.fillText(left!, MARGIN + 300, y);
      g.fillText(right, PAGE_WIDTH - MARGIN - 380, y);
      g.textAlign = 'left';
    } else {
      const parts = wrap(g, line, PAGE_WIDTH - 2 * MARGIN);
      for (const [i, part] of parts.entries()) g.fillText(part, MARGIN, y + i * LINE);
      y += (parts.length - 1) * LINE;
    }
    y += LINE;
  }
  if (options.stamp !== false) drawSealAndSignature(g, Math.min(y + 40, height - 320));
  return canvas;
}

type Context = ReturnType<Canvas['getContext']>;

function wrap(g: Context, text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const next = current ? `${current} ${word}` : word;
    if (g.measureText(next).width > width && current) {
      lines.push(current);
      current = word;
    } else current = next;
  }
  return [...lines, current];
}

/** A red round seal, half over a handwritten-looking signature, at the bottom right. */
function drawSealAndSignature(g: Context, top: number) {
  const cx = PAGE_WIDTH - MARGIN - 260;
  const cy = top + 150;
  g.strokeStyle = '#1a237e';
  g.lineWidth = 4;
  g.beginPath();
  g.moveTo(cx - 200, cy + 30);
  for (let i = 0; i < 12; i++) g.bezierCurveTo(cx - 180 + i * 30, cy - 60, cx - 160 + i * 30, cy + 80, cx - 140 + i * 32, cy + 10);
  g.stroke();
  g.strokeStyle = 'rgba(200, 20, 20, 0.75)';
  g.fillStyle = 'rgba(200, 20, 20, 0.75)';
  g.lineWidth = 7;
  for (const r of [150, 128]) {
    g.beginPath();
    g.arc(cx - 90, cy, r, 0, Math.PI * 2);
    g.stroke();
  }
  g.font = `bold 30px ${FAMILY}`;
  g.textAlign = 'center';
  g.fillText('★', cx - 90, cy + 10);
  g.font = `bold 22px ${FAMILY}`;
  g.fillText('TÒA ÁN NHÂN DÂN', cx - 90, cy - 50);
  g.fillText('KHU VỰC 1', cx - 90, cy + 60);
  g.textAlign = 'left';
  g.fillStyle = '#111111';
}

/** The page turned a quarter clockwise `quarters` times, as a sideways phone or an upside-down scan stores it. */
export function turned(page: Canvas, quarters: number): Canvas {
  const sideways = quarters % 2 === 1;
  const out = createCanvas(sideways ? page.height : page.width, sideways ? page.width : page.height);
  const g = out.getContext('2d');
  g.translate(out.width / 2, out.height / 2);
  g.rotate((quarters * Math.PI) / 2);
  g.drawImage(page, -page.width / 2, -page.height / 2);
  return out;
}

/** A phone photo of the page: tilted 1.5°, lit unevenly, slightly blurred, grainy, JPEG at quality 70. */
export function photographed(page: Canvas): Canvas {
  // Grain first, as a sensor makes it, then the lens's softness and the phone's smoothing over it.
  const grainy = createCanvas(page.width, page.height);
  const gg = grainy.getContext('2d');
  gg.drawImage(page, 0, 0);
  const pixels = gg.getImageData(0, 0, page.width, page.height);
  let seed = 7;
  for (let i = 0; i < pixels.data.length; i += 4) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const noise = (seed % 41) - 20;
    for (let c = 0; c < 3; c++) pixels.data[i + c] = Math.max(0, Math.min(255, pixels.data[i + c]! + noise));
  }
  gg.putImageData(pixels, 0, 0);
  const out = createCanvas(page.width, page.height);
  const g = out.getContext('2d');
  g.fillStyle = '#d8d2c4';
  g.fillRect(0, 0, out.width, out.height);
  g.translate(out.width / 2, out.height / 2);
  g.rotate((1.5 * Math.PI) / 180);
  g.filter = 'blur(1.2px)';
  g.drawImage(grainy, -page.width / 2, -page.height / 2);
  g.setTransform(1, 0, 0, 1, 0, 0);
  g.filter = 'none';
  const light = g.createLinearGradient(0, 0, out.width, out.height);
  light.addColorStop(0, 'rgba(255,255,240,0.0)');
  light.addColorStop(1, 'rgba(60,50,30,0.35)');
  g.fillStyle = light;
  g.fillRect(0, 0, out.width, out.height);
  return out;
}

export const png = (canvas: Canvas): Buffer => canvas.toBuffer('image/png');
export const jpeg = (canvas: Canvas, quality = 70): Buffer => canvas.toBuffer('image/jpeg', quality);

/**
 * A phone's JPEG: the sensor's pixels stored as they were taken (turned), with the EXIF orientation
 * that tells viewers how to show them (6: turn clockwise a quarter to view).
 */
export function jpegWithOrientation(upright: Canvas, orientation: 3 | 6 | 8, quality = 80): Buffer {
  const stored = turned(upright, orientation === 6 ? 3 : orientation === 8 ? 1 : 2);
  const plain = jpeg(stored, quality);
  // APP1 "Exif", a little-endian TIFF header, one IFD with one entry: 0x0112 Orientation, SHORT, 1, value.
  const tiff = Buffer.from([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, 0x01, 0x00, 0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, orientation, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload]);
  return Buffer.concat([plain.subarray(0, 2), app1, plain.subarray(2)]);
}

/** A scanner's PDF: one image per page, no text layer. */
export function scannedPdf(pages: readonly Buffer[]): Promise<Buffer> {
  return pdfOf((doc) => {
    pages.forEach((image, i) => {
      if (i > 0) doc.addPage({ size: 'A4', margin: 0 });
      doc.image(image, 0, 0, { width: doc.page.width, height: doc.page.height });
    });
  });
}

/** A PDF with a text layer (a court's own electronic copy): each page's lines as text. */
export function textPdf(pages: readonly (readonly string[])[]): Promise<Buffer> {
  return pdfOf((doc) => {
    doc.font(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf')).fontSize(12);
    pages.forEach((lines, i) => {
      if (i > 0) doc.addPage({ size: 'A4', margin: 50 });
      for (const line of lines) doc.text(line.replace(/\s{4,}/, '    '));
    });
  });
}

function pdfOf(draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: true, info: { CreationDate: new Date('2026-01-10T00:00:00Z') } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  draw(doc);
  doc.end();
  return done;
}
