import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type BuildOptions, buildSync, type Metafile } from 'esbuild';
import { DOCUMENT_FONTS } from '../shared/documents/pdf';
import { fromProjectRoot } from './paths';

/**
 * How every Lambda bundle is built: one definition, read by AppFunction (as its local bundling)
 * and by the size budget test and the bench (through esbuild's API), so that what is measured is what ships.
 */

/** The folders under functions/ that hold a Lambda handler.ts (AppFunctionProps.service). */
export const LAMBDA_SERVICES = ['api', 'intake', 'workflow', 'notify', 'reconcile', 'digest', 'procuracy', 'reading'] as const;
export type LambdaService = (typeof LAMBDA_SERVICES)[number];

/** The most minified JavaScript a Lambda bundle may load at start (issue 12): what a cold start reads and evaluates. */
export const BUNDLE_BUDGET_BYTES = 500 * 1024;

/**
 * Bundles not yet within BUNDLE_BUDGET_BYTES: a ceiling each (their size when it was set, rounded up) so
 * that they cannot grow, and why they are over. The size budget test fails when one grows past its
 * ceiling, and when one is back under the budget (its entry must then go).
 */
export const OVER_BUDGET: Partial<Record<LambdaService, { ceilingBytes: number; why: string }>> = {
  // api had a ceiling of 522,000 bytes after issues 10 and 11 until the reports and exports, the citizen's routes and the desk's registration loaded lazily.
};

/**
 * The whole package of the reading function, unzipped: its code (pdf.js, tesseract.js and the HEIC decoder
 * in lazy chunks, so the start stays within BUNDLE_BUDGET_BYTES), source maps, the OCR worker, its three
 * WebAssembly cores, the Vietnamese model and pdf.js's decoders. Measured at 19.3 MB (December 2026); the
 * spike of issue 13 found 53 MB before trimming. Lambda allows 250 MB; a bigger package is a slower cold start.
 */
export const READING_PACKAGE_BUDGET_BYTES = 24 * 1024 * 1024;

/** The budget of a service's bundle: BUNDLE_BUDGET_BYTES, or its OVER_BUDGET ceiling. */
export const bundleBudget = (service: LambdaService): number => OVER_BUDGET[service]?.ceilingBytes ?? BUNDLE_BUDGET_BYTES;

export const ESBUILD_TARGET = 'node24';

/** ESM bundles have no `require`; some CommonJS dependencies still call it. */
export const CREATE_REQUIRE_BANNER =
  "import { createRequire as __motcuaCreateRequire } from 'node:module'; const require = __motcuaCreateRequire(import.meta.url);";

/**
 * Not bundled: the AWS SDK v3 of the Lambda Node.js runtime (CDK's default for Node 18 and later, with
 * the @smithy packages under the sdkV3ExcludeSmithyPackages flag of cdk.json). See infra/README.md for
 * the version this relies on.
 */
export const EXTERNAL_MODULES = ['@aws-sdk/*', '@smithy/*'];

/**
 * Dependencies replaced in the bundle by a smaller module with the same contract (paths from the
 * project root, where CDK runs esbuild).
 * - brotli/decompress.js: fontkit's pure-JavaScript Brotli decoder (about 475 KB with its dictionary),
 *   used only to open WOFF2 fonts; Node's zlib has the same decoder built in.
 * - semver: the whole package (about 28 KB) in every function, for the X-Ray SDK's one call to semver's
 *   `gte`; the stand-in gives it semver's own `gte` alone (about 9 KB).
 */
export const BUNDLE_ALIASES: Record<string, string> = {
  'brotli/decompress.js': './infra/bundle-shims/brotli-decompress.ts',
  semver: './infra/bundle-shims/semver-gte.ts',
};

/** The handler a service's function runs. */
export const lambdaEntry = (service: string): string => fromProjectRoot('functions', service, 'handler.ts');

/** The file Lambda starts (handler `index.handler`); lazily imported code goes to chunks/ beside it. */
export const BUNDLE_ENTRY_FILE = 'index.mjs';
const CHUNK_NAMES = 'chunks/[name]-[hash]';

/**
 * The esbuild options of a bundle. Code splitting puts what a handler only reaches through `await import()`
 * (pdfkit, exceljs) in chunks that a cold start does not read. The source maps are written beside the code
 * without their sources, and the function does not load them (no --enable-source-maps): they are there to
 * map a stack trace afterwards (README, operations).
 */
export function esbuildOptions(service: string, outdir: string): BuildOptions {
  return esbuildOptionsForEntry(lambdaEntry(service), outdir);
}

/** The options of esbuildOptions for any entry module (a test bundles a part of a handler with them). */
export function esbuildOptionsForEntry(entry: string, outdir: string): BuildOptions {
  return {
    entryPoints: { index: entry },
    outdir,
    entryNames: '[name]',
    chunkNames: CHUNK_NAMES,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: ESBUILD_TARGET,
    mainFields: ['module', 'main'],
    banner: { js: CREATE_REQUIRE_BANNER },
    minify: true,
    sourcemap: 'linked',
    sourcesContent: false,
    charset: 'utf8',
    external: EXTERNAL_MODULES,
    alias: BUNDLE_ALIASES,
    absWorkingDir: fromProjectRoot(),
    logLevel: 'warning',
  };
}

/** Where a bundle carries the document fonts (see shared/documents/pdf.ts MOTCUA_FONT_DIR). */
export const FONT_FOLDER = 'fonts';

export interface BundleOptions {
  /** The function renders PDF documents: copy the TrueType files of DOCUMENT_FONTS to fonts/ beside the code. */
  readonly documentFonts?: boolean;
  /** The function reads attachments: the OCR worker, its WebAssembly cores and the Vietnamese model in ocr/, pdf.js's decoders in pdfjs-wasm/. */
  readonly ocrAssets?: boolean;
  /** Also write esbuild's metafile (the size budget test and the bench read it). */
  readonly metafile?: boolean;
}

/** Where a reading bundle carries the OCR files (shared/reading/ocr.ts MOTCUA_OCR_DIR) and pdf.js's decoders (MOTCUA_PDF_WASM_DIR). */
export const OCR_FOLDER = 'ocr';
export const PDF_WASM_FOLDER = 'pdfjs-wasm';
/** The OCR cores of the LSTM engine (the only one used): with relaxed SIMD, with SIMD, and without, chosen at run time by the CPU. */
const OCR_CORES = ['tesseract-core-relaxedsimd-lstm.wasm', 'tesseract-core-simd-lstm.wasm', 'tesseract-core-lstm.wasm'];
const PDF_DECODERS = ['jbig2.wasm', 'openjpeg.wasm', 'qcms_bg.wasm'];

/**
 * The OCR files of the reading function: tesseract.js's worker script bundled on its own (it runs in a
 * worker thread, loaded from a file), the WebAssembly of its LSTM cores beside it (the cores find their
 * .wasm in their own folder), the Vietnamese model, and pdf.js's JBIG2, JPEG 2000 and colour decoders.
 */
function copyOcrAssets(outdir: string) {
  const ocr = path.join(outdir, OCR_FOLDER);
  mkdirSync(path.join(ocr, 'vie'), { recursive: true });
  buildSync({
    entryPoints: [fromProjectRoot('node_modules', 'tesseract.js', 'src', 'worker-script', 'node', 'index.js')],
    outfile: path.join(ocr, 'worker.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: ESBUILD_TARGET,
    minify: true,
    // Only the LSTM engine is used (OEM.LSTM_ONLY), but the worker may load its core before it knows the
    // engine: the cores with the legacy engine too (each 0.6 MB more of WebAssembly) are replaced by the LSTM ones.
    alias: {
      'tesseract.js-core/tesseract-core': 'tesseract.js-core/tesseract-core-lstm',
      'tesseract.js-core/tesseract-core-simd': 'tesseract.js-core/tesseract-core-simd-lstm',
      'tesseract.js-core/tesseract-core-relaxedsimd': 'tesseract.js-core/tesseract-core-relaxedsimd-lstm',
    },
    absWorkingDir: fromProjectRoot(),
    logLevel: 'warning',
  });
  for (const core of OCR_CORES) copyFileSync(fromProjectRoot('node_modules', 'tesseract.js-core', core), path.join(ocr, core));
  copyFileSync(fromProjectRoot('node_modules', '@tesseract.js-data', 'vie', '4.0.0_best_int', 'vie.traineddata.gz'), path.join(ocr, 'vie', 'vie.traineddata.gz'));
  mkdirSync(path.join(outdir, PDF_WASM_FOLDER), { recursive: true });
  for (const decoder of PDF_DECODERS) copyFileSync(fromProjectRoot('node_modules', 'pdfjs-dist', 'wasm', decoder), path.join(outdir, PDF_WASM_FOLDER, decoder));
}

/** Builds a service's bundle into outdir, as its Lambda function ships it. */
export function bundleLambda(service: string, outdir: string, options: BundleOptions = {}): Metafile | undefined {
  const result = buildSync({ ...esbuildOptions(service, outdir), metafile: options.metafile ?? false });
  if (options.ocrAssets) copyOcrAssets(outdir);
  if (options.documentFonts) {
    mkdirSync(path.join(outdir, FONT_FOLDER), { recursive: true });
    for (const font of DOCUMENT_FONTS) copyFileSync(fromProjectRoot('node_modules', 'dejavu-fonts-ttf', 'ttf', `${font}.ttf`), path.join(outdir, FONT_FOLDER, `${font}.ttf`));
  }
  return result.metafile;
}

export interface BundleSizes {
  /** The entry file and the chunks it imports statically: what a cold start reads and evaluates. */
  readonly initialBytes: number;
  /** All JavaScript of the bundle, lazy chunks included (source maps and fonts not counted). */
  readonly totalBytes: number;
  /** The lazy chunks, by file name, with their sizes. */
  readonly lazyChunks: Record<string, number>;
}

/** The file Lambda starts, from a bundle's metafile (chunks of dynamic imports are entry points too, in chunks/). */
export function entryOutput(metafile: Metafile): [string, Metafile['outputs'][string]] {
  const entry = Object.entries(metafile.outputs).find(([file]) => path.basename(file) === BUNDLE_ENTRY_FILE && path.basename(path.dirname(file)) !== 'chunks');
  if (!entry) throw new Error(`the metafile has no ${BUNDLE_ENTRY_FILE}`);
  return entry;
}

/** The sizes of a bundle from its metafile (paths in it are relative to the project root). */
export function bundleSizes(metafile: Metafile): BundleSizes {
  const code = Object.entries(metafile.outputs).filter(([file]) => file.endsWith('.mjs'));
  const [entry] = entryOutput(metafile);
  const initial = new Set<string>();
  const visit = (file: string) => {
    if (initial.has(file)) return;
    initial.add(file);
    for (const imported of metafile.outputs[file]?.imports ?? []) {
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
    }
  };
  visit(entry);
  const lazyChunks = Object.fromEntries(code.filter(([file]) => !initial.has(file)).map(([file, output]) => [path.basename(file), output.bytes]));
  return {
    initialBytes: code.filter(([file]) => initial.has(file)).reduce((sum, [, output]) => sum + output.bytes, 0),
    totalBytes: code.reduce((sum, [, output]) => sum + output.bytes, 0),
    lazyChunks,
  };
}
