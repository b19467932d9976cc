/**
 * Optical character recognition of a page: tesseract.js with the Vietnamese LSTM model, fully offline.
 * Findings of the spike (issue 13): the model is loaded from a local folder (without `langPath` it tries
 * a CDN and never becomes ready), gzip true and cacheMethod 'none' (Lambda's file system is read-only);
 * `rotateAuto` straightens a skewed photo (without it whole blocks were dropped). A quarter turn or
 * a page upside down is not a skew: it is found by reading the page turned, and keeping the best reading.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { flattenLighting, limitSize, rotate, toPgm, type Raster } from './raster';

export interface Recognized {
  text: string;
  /** 0..1, tesseract's mean word confidence. */
  confidence: number;
}

/** Reads the text of one picture of a page (a port: the tests' fakes implement it too). */
export interface PageRecognizer {
  recognize(pgm: Uint8Array): Promise<Recognized>;
  close(): Promise<void>;
}

/** Where a Lambda bundle carries the OCR worker, its WebAssembly core and the Vietnamese model (infra/bundling.ts). */
export const OCR_DIR_ENV = 'MOTCUA_OCR_DIR';
/** The model folder of @tesseract.js-data/vie: the "best" LSTM, integerised (smaller and faster than float). */
const MODEL_FOLDER = '4.0.0_best_int';

export interface OcrAssets {
  langPath: string;
  workerPath?: string;
}

/** The OCR files: from MOTCUA_OCR_DIR when set (a bundle), else from node_modules. */
export function ocrAssets(): OcrAssets {
  const dir = process.env[OCR_DIR_ENV]?.trim();
  if (dir) return { langPath: join(dir, 'vie'), workerPath: join(dir, 'worker.cjs') };
  const require = createRequire(import.meta.url);
  return { langPath: join(dirname(require.resolve('@tesseract.js-data/vie/package.json')), MODEL_FOLDER) };
}

/** A recognizer on one tesseract worker (a worker thread: the caller's event loop is not blocked while it reads). */
export async function tesseractRecognizer(assets: OcrAssets = ocrAssets()): Promise<PageRecognizer> {
  const { createWorker, OEM } = await import('tesseract.js');
  const worker = await createWorker('vie', OEM.LSTM_ONLY, {
    langPath: assets.langPath,
    gzip: true,
    cacheMethod: 'none',
    ...(assets.workerPath ? { workerPath: assets.workerPath } : {}),
  });
  return {
    async recognize(pgm) {
      const { data } = await worker.recognize(Buffer.from(pgm), { rotateAuto: true });
      return { text: data.text, confidence: data.confidence / 100 };
    },
    close: async () => void (await worker.terminate()),
  };
}

/** Below this, a reading may be of a page turned a quarter or upside down: the other turns are tried. */
export const UPRIGHT_CONFIDENCE = 0.7;
/** The longer side of a page given to OCR: an A4 page at about 200 dpi (the spike's resolution). */
export const MAX_SIDE = 2400;

/**
 * The page read upright. Read as it is first; when that reads poorly, the page may be turned (a phone
 * held sideways, a page scanned upside down): the other turns are tried on a half-size copy (a quarter
 * of the work each), and the page is read again in full the way the best of them read.
 */
export async function readUpright(raster: Raster, recognizer: PageRecognizer, stillTime: () => boolean = () => true): Promise<Recognized & { quarters: number }> {
  const page = flattenLighting(limitSize(raster, MAX_SIDE));
  const asIs = { ...(await recognizer.recognize(toPgm(page))), quarters: 0 };
  if (asIs.confidence >= UPRIGHT_CONFIDENCE) return asIs;
  const small = limitSize(page, MAX_SIDE / 2);
  let probe = { quarters: 0, confidence: 0 };
  for (const quarters of [2, 1, 3]) {
    if (!stillTime()) break;
    const { confidence } = await recognizer.recognize(toPgm(rotate(small, quarters)));
    if (confidence > probe.confidence) probe = { quarters, confidence };
    if (confidence >= UPRIGHT_CONFIDENCE) break;
  }
  // A turn is taken only when it reads clearly better, even at half size, than the page as it is.
  if (probe.confidence <= asIs.confidence || !stillTime()) return asIs;
  const turned = { ...(await recognizer.recognize(toPgm(rotate(page, probe.quarters)))), quarters: probe.quarters };
  return turned.confidence > asIs.confidence ? turned : asIs;
}
