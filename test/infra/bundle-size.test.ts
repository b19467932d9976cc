import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_BUDGET_BYTES, bundleBudget, bundleLambda, bundleSizes, entryOutput, LAMBDA_SERVICES, OCR_FOLDER, OVER_BUDGET, PDF_WASM_FOLDER, READING_PACKAGE_BUDGET_BYTES, type LambdaService } from '../../infra/bundling';

/**
 * The size budget of issue 12: each Lambda bundle, built with the esbuild options infra ships
 * (infra/bundling.ts, which AppFunction bundles with), loads at most 500 KB of minified JavaScript at start.
 */
const RENDERS_PDF: ReadonlySet<string> = new Set(['workflow', 'notify']);

/** The source files in what a cold start loads: the entry file and the chunks it imports statically. */
function initialInputs(metafile: Metafile): string[] {
  const [entryFile] = entryOutput(metafile);
  const files = [entryFile];
  for (const file of files) {
    for (const imported of metafile.outputs[file]?.imports ?? []) {
      if (imported.kind === 'import-statement' && !imported.external && !files.includes(imported.path)) files.push(imported.path);
    }
  }
  return files.flatMap((file) => Object.keys(metafile.outputs[file]!.inputs));
}

describe('Lambda bundle sizes', () => {
  const bundles = new Map<LambdaService, { dir: string; metafile: Metafile }>();

  beforeAll(() => {
    for (const service of LAMBDA_SERVICES) {
      const dir = mkdtempSync(path.join(os.tmpdir(), `motcua-size-${service}-`));
      bundles.set(service, { dir, metafile: bundleLambda(service, dir, { metafile: true, documentFonts: RENDERS_PDF.has(service) })! });
    }
  }, 120_000);

  it.each(LAMBDA_SERVICES)('%s loads no more than its budget of minified JavaScript at start', (service) => {
    const { initialBytes } = bundleSizes(bundles.get(service)!.metafile);
    expect(initialBytes, `${service}: ${initialBytes} bytes at start`).toBeLessThanOrEqual(bundleBudget(service));
  });

  it('keeps an over-budget ceiling only for a bundle that is still over the budget', () => {
    const stale = Object.keys(OVER_BUDGET).filter((service) => bundleSizes(bundles.get(service as LambdaService)!.metafile).initialBytes <= BUNDLE_BUDGET_BYTES);
    expect(stale, 'these are within 500 KB now: remove their OVER_BUDGET entries').toEqual([]);
  });

  it('keeps pdfkit, exceljs and ics out of what a cold start loads: they are lazy chunks', () => {
    for (const service of ['api', 'workflow', 'notify'] as const) {
      const { metafile } = bundles.get(service)!;
      const [, entry] = entryOutput(metafile);
      const eager = Object.keys(entry.inputs);
      expect(eager.filter((input) => /node_modules\/(pdfkit|fontkit|exceljs|ics|yup)\//.test(input)), service).toEqual([]);
    }
    expect(Object.keys(bundleSizes(bundles.get('api')!.metafile).lazyChunks).some((chunk) => chunk.startsWith('excel'))).toBe(true);
    expect(Object.keys(bundleSizes(bundles.get('workflow')!.metafile).lazyChunks).some((chunk) => chunk.startsWith('pdfkit'))).toBe(true);
    // still bundled for notify (in a chunk loaded with the first invitation), not left out
    expect(Object.keys(bundles.get('notify')!.metafile.inputs).some((input) => input.includes('node_modules/ics/'))).toBe(true);
  });

  it('keeps the reports and exports and the citizen’s routes out of what the API loads at start: chunks loaded by the first request for them', () => {
    const { metafile } = bundles.get('api')!;
    const initial = initialInputs(metafile);
    expect(initial.filter((input) => input.startsWith('shared/reports/') || /shared\/(staff\/exports|citizen\/(public-access|case-status))\.ts$/.test(input))).toEqual([]);
    const lazy = Object.keys(bundleSizes(metafile).lazyChunks);
    expect(lazy.some((chunk) => chunk.startsWith('exports-'))).toBe(true);
    expect(lazy.some((chunk) => chunk.startsWith('public-access-'))).toBe(true);
  });

  it('reads and writes mail with no general-purpose mail library and no legacy charset tables (postal-mime and Node’s own decoders)', () => {
    for (const service of LAMBDA_SERVICES) {
      const inputs = Object.keys(bundles.get(service)!.metafile.inputs);
      expect(inputs.filter((input) => /node_modules\/(mailparser|nodemailer|iconv-lite|libmime|encoding-japanese|html-to-text)\//.test(input)), service).toEqual([]);
    }
  });

  it('bundles no font files and no JavaScript Brotli decoder; the PDF functions carry the fonts as files beside the code', () => {
    for (const service of LAMBDA_SERVICES) {
      const inputs = Object.keys(bundles.get(service)!.metafile.inputs);
      expect(inputs.filter((input) => /\.(ttf|otf|woff2?|afm)$/i.test(input) || input.includes('node_modules/brotli/')), service).toEqual([]);
      const fonts = path.join(bundles.get(service)!.dir, 'fonts');
      expect(existsSync(fonts), service).toBe(RENDERS_PDF.has(service));
    }
    expect(readdirSync(path.join(bundles.get('workflow')!.dir, 'fonts')).sort()).toEqual(['DejaVuSerif-Bold.ttf', 'DejaVuSerif-Italic.ttf', 'DejaVuSerif.ttf']);
  });

  // infra/bundle-shims/semver-gte.ts gives the bundled code semver's gte alone: it holds only while nothing bundled calls another function of semver.
  it("carries semver's gte alone, and only code that calls nothing else of semver imports it", () => {
    for (const service of LAMBDA_SERVICES) {
      const { inputs } = bundles.get(service)!.metafile;
      const semverFiles = Object.keys(inputs).filter((input) => input.includes('node_modules/semver/'));
      expect(semverFiles.filter((file) => !/semver\/(functions\/(gte|compare)|classes\/semver|internal\/[a-z-]+)\.js$/.test(file)), service).toEqual([]);
      const importers = Object.entries(inputs).filter(([, input]) => input.imports.some((i) => i.original === 'semver')).map(([file]) => file);
      expect(importers.length, `${service}: nothing imports semver`).toBeGreaterThan(0); // the X-Ray SDK under the Tracer does, in every function
      for (const file of importers) {
        const calls = [...readFileSync(file, 'utf8').matchAll(/\bsemver\.(\w+)/g)].map((m) => m[1]);
        expect(new Set(calls), `${service}: ${file}`).toEqual(new Set(['gte']));
      }
    }
  });

  it('writes a source map beside each file of code, without the sources', () => {
    for (const service of LAMBDA_SERVICES) {
      const { dir } = bundles.get(service)!;
      const code = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.mjs'));
      for (const file of code) {
        const map = JSON.parse(readFileSync(path.join(dir, `${file}.map`), 'utf8')) as { sources: string[]; sourcesContent?: unknown };
        expect(map.sourcesContent, file).toBeUndefined();
        if (file === 'index.mjs') expect(map.sources.some((source) => source.endsWith(`functions/${service}/handler.ts`)), service).toBe(true);
      }
      expect(code, service).toContain('index.mjs');
    }
  });
});

describe('the reading function’s package (issue 13)', () => {
  let dir: string;
  let metafile: Metafile;

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-size-reading-ocr-'));
    metafile = bundleLambda('reading', dir, { metafile: true, ocrAssets: true })!;
  }, 120_000);

  const filesOf = (folder: string) => readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((file) => statSync(path.join(folder, file)).isFile());

  it('stays within its own budget, unzipped, with the OCR worker, its cores, the Vietnamese model and pdf.js’s decoders', () => {
    const files = filesOf(dir);
    const total = files.reduce((sum, file) => sum + statSync(path.join(dir, file)).size, 0);
    expect(total, `${total} bytes`).toBeLessThanOrEqual(READING_PACKAGE_BUDGET_BYTES);
    expect(files).toEqual(
      expect.arrayContaining([
        path.join(OCR_FOLDER, 'worker.cjs'),
        path.join(OCR_FOLDER, 'vie', 'vie.traineddata.gz'),
        path.join(OCR_FOLDER, 'tesseract-core-simd-lstm.wasm'),
        path.join(PDF_WASM_FOLDER, 'jbig2.wasm'),
        path.join(PDF_WASM_FOLDER, 'openjpeg.wasm'),
      ]),
    );
    // Only the LSTM engine's cores: the ones with the legacy engine too are 0.6 MB more each.
    expect(files.filter((file) => file.endsWith('.wasm') && file.startsWith(OCR_FOLDER)).every((file) => file.includes('-lstm'))).toBe(true);
  });

  it('loads pdf.js, tesseract.js and the HEIC decoder only when an attachment needs them', () => {
    const [, entry] = entryOutput(metafile);
    const eager = Object.keys(entry.inputs);
    expect(eager.filter((input) => /node_modules\/(pdfjs-dist|tesseract\.js|heic-decode|libheif-js)\//.test(input))).toEqual([]);
    const lazy = Object.keys(bundleSizes(metafile).lazyChunks);
    expect(lazy.some((chunk) => chunk.startsWith('pdf.worker'))).toBe(true);
    expect(lazy.some((chunk) => chunk.startsWith('heic-decode'))).toBe(true);
  });
});
