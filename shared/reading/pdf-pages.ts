/**
 * The pages of a PDF: their own text where they have a text layer, else the scan drawn on them.
 * pdf.js is the full legacy build of pdfjs-dist, with its WebAssembly decoders: unpdf's bundled
 * pdf.js lacks the CCITT G4, JBIG2 and JPEG 2000 decoders and gives such scans blank, without an
 * error (issue 13). The scan is taken as the page's largest image, decoded by pdf.js (no canvas, no
 * native code): a scanner draws one image per page.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rotate, toGrey, type Raster } from './raster';

/** Where a Lambda bundle carries pdf.js's WebAssembly decoders (infra/bundling.ts). */
export const PDF_WASM_DIR_ENV = 'MOTCUA_PDF_WASM_DIR';

/** A page with fewer letters than this in its text layer is taken for a scan (a scanner may add a page number or a stamp as text). */
export const TEXT_LAYER_MIN_LETTERS = 40;

export interface PdfPages {
  pageCount: number;
  /** The page's own text, lines kept; '' when it has none. */
  textOf(page: number): Promise<string>;
  /** The scan drawn on the page, upright by the page's /Rotate; undefined when it has no image. */
  scanOf(page: number): Promise<Raster | undefined>;
  close(): Promise<void>;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let loaded: Promise<PdfJs> | undefined;

/** pdf.js, with its worker's code run in this thread (Node has no web worker; the reading function does one thing at a time). */
function pdfjs(): Promise<PdfJs> {
  loaded ??= (async () => {
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return loaded;
}

function wasmDir(): string {
  const dir = process.env[PDF_WASM_DIR_ENV]?.trim();
  if (dir) return dir;
  return join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'wasm');
}

export const letterCount = (text: string) => (text.match(/[A-Za-zÀ-ỹĐđ]/g) ?? []).length;

export async function openPdf(bytes: Uint8Array): Promise<PdfPages> {
  const lib = await pdfjs();
  const document = await lib.getDocument({
    data: new Uint8Array(bytes), // pdf.js takes ownership of (detaches) the buffer it is given
    wasmUrl: `${pathToFileURL(wasmDir()).href}/`,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  return {
    pageCount: document.numPages,
    async textOf(number) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      return content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
    },
    async scanOf(number) {
      const page = await document.getPage(number);
      const operators = await page.getOperatorList();
      const { OPS } = lib;
      let largest: Raster | undefined;
      for (let i = 0; i < operators.fnArray.length; i++) {
        const op = operators.fnArray[i];
        if (op !== OPS.paintImageXObject && op !== OPS.paintInlineImageXObject) continue;
        const arg = operators.argsArray[i]?.[0];
        const image = typeof arg === 'string' ? await objectOf(page, arg) : arg;
        const raster = image ? rasterOf(image as PdfImage) : undefined;
        if (raster && raster.width * raster.height > (largest ? largest.width * largest.height : 0)) largest = raster;
      }
      return largest && rotate(largest, Math.round((page.rotate ?? 0) / 90));
    },
    close: () => document.destroy(),
  };
}

interface PdfImage {
  width: number;
  height: number;
  /** pdf.js ImageKind: 1 one bit per pixel (CCITT, JBIG2 scans), 2 RGB, 3 RGBA. */
  kind: number;
  data?: Uint8Array | Uint8ClampedArray;
}

function objectOf(page: { objs: { get(id: string, callback: (v: unknown) => void): void }; commonObjs: { get(id: string, callback: (v: unknown) => void): void } }, id: string): Promise<unknown> {
  const objects = id.startsWith('g_') ? page.commonObjs : page.objs;
  return new Promise((resolve) => objects.get(id, resolve));
}

function rasterOf(image: PdfImage): Raster | undefined {
  const { width, height, kind, data } = image;
  if (!data || !width || !height) return undefined;
  if (kind === 1) {
    // One bit per pixel, rows padded to a byte; pdf.js has already applied the decode array: a set bit is white.
    const rowBytes = (width + 7) >> 3;
    const grey = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) grey[y * width + x] = data[y * rowBytes + (x >> 3)]! & (0x80 >> (x & 7)) ? 255 : 0;
    return { width, height, channels: 1, data: grey };
  }
  const channels = kind === 2 ? 3 : kind === 3 ? 4 : undefined;
  if (!channels || data.length < width * height * channels) return undefined;
  return toGrey({ width, height, channels, data: new Uint8Array(data.buffer, data.byteOffset, width * height * channels) });
}
