import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync } from 'node:zlib';
import { buildSync } from 'esbuild';
import { afterAll, describe, expect, it, vi } from 'vitest';
import brotliDecompressJs from 'brotli/decompress.js';
import decompress from '../../infra/bundle-shims/brotli-decompress';
import { esbuildOptionsForEntry, FONT_FOLDER } from '../../infra/bundling';
import { fromProjectRoot } from '../../infra/paths';
import { DOCUMENT_FONTS, FONT, FONT_DIR_ENV } from '../../shared/documents/pdf';
import { pdfText } from '../unit/documents/lifecycle-fixtures';

describe('the Brotli decoder the bundles use instead of the brotli package', () => {
  it('decodes what the brotli package decodes, to the same bytes', () => {
    for (const input of [Buffer.alloc(0), Buffer.from('Cục Thi hành án dân sự '.repeat(500)), randomBytes(70_000)]) {
      const compressed = brotliCompressSync(input);
      expect(Buffer.from(decompress(compressed, input.length))).toEqual(Buffer.from(brotliDecompressJs(compressed, input.length)));
      expect(Buffer.from(decompress(compressed))).toEqual(input);
    }
  });

  it('refuses more output than the caller sized for instead of cutting a font table short', () => {
    const compressed = brotliCompressSync(Buffer.alloc(4096, 1));
    expect(() => decompress(compressed, 1000)).toThrow(RangeError);
  });
});

describe('PDF rendering from a bundle built as infra builds them', () => {
  // Outside the project: the bundle must not find pdfkit, fontkit or the fonts in node_modules.
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'motcua-bundled-pdf-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('loads pdfkit from its lazy chunk and the fonts from the folder beside the code, with every Vietnamese letter', async () => {
    // Prepare: the PDF module bundled alone with the Lambda options, the fonts copied as AppFunction ships them
    buildSync(esbuildOptionsForEntry(fromProjectRoot('shared', 'documents', 'pdf.ts'), outdir));
    mkdirSync(path.join(outdir, FONT_FOLDER));
    for (const font of DOCUMENT_FONTS) copyFileSync(fromProjectRoot('node_modules', 'dejavu-fonts-ttf', 'ttf', `${font}.ttf`), path.join(outdir, FONT_FOLDER, `${font}.ttf`));
    vi.stubEnv(FONT_DIR_ENV, path.join(outdir, FONT_FOLDER));
    const bundled = (await import(pathToFileURL(path.join(outdir, 'index.mjs')).href)) as typeof import('../../shared/documents/pdf');

    // Act
    const pdf = await bundled.renderPdf({ title: 'Giấy biên nhận', createdAt: '2026-12-02T09:00:00+07:00' }, (doc) => {
      doc.font(FONT.bold).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      doc.font(FONT.regular).text('Đơn yêu cầu thi hành án đã được tiếp nhận; ặ ữ ỡ ỵ.');
    });

    // Assess
    expect((await pdfText(pdf)).text).toContain('Đơn yêu cầu thi hành án đã được tiếp nhận; ặ ữ ỡ ỵ.');
    vi.unstubAllEnvs();
  });
});
