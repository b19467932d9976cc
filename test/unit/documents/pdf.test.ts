import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocumentProxy, getMeta } from 'unpdf';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DOCUMENT_FONTS, FONT, FONT_DIR_ENV, fontPath, renderPdf } from '../../../shared/documents/pdf';
import { pdfText } from './lifecycle-fixtures';

const letter = (line: string) => (doc: PDFKit.PDFDocument) => {
  doc.font(FONT.bold).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  doc.font(FONT.italic).text('Độc lập - Tự do - Hạnh phúc');
  doc.font(FONT.regular).text(line);
};

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the document fonts', () => {
  it('come from the dejavu-fonts-ttf package when no font folder is set', () => {
    // Prepare
    vi.stubEnv(FONT_DIR_ENV, '');

    // Act
    const paths = DOCUMENT_FONTS.map(fontPath);

    // Assess
    expect(paths.map((p) => p.split(/[\\/]/).slice(-3).join('/'))).toEqual([
      'dejavu-fonts-ttf/ttf/DejaVuSerif.ttf',
      'dejavu-fonts-ttf/ttf/DejaVuSerif-Bold.ttf',
      'dejavu-fonts-ttf/ttf/DejaVuSerif-Italic.ttf',
    ]);
    expect(paths.every((p) => existsSync(p))).toBe(true);
  });

  it('come from MOTCUA_FONT_DIR when the Lambda bundle ships them next to the code', () => {
    // Prepare
    vi.stubEnv(FONT_DIR_ENV, '/var/task/fonts');

    // Act
    const path = fontPath('DejaVuSerif-Bold');

    // Assess
    expect(path).toBe(join('/var/task/fonts', 'DejaVuSerif-Bold.ttf'));
  });

  it('render a document from a font folder holding only the document fonts', async () => {
    // Prepare: the folder a bundle would ship
    vi.stubEnv(FONT_DIR_ENV, '');
    const folder = mkdtempSync(join(tmpdir(), 'motcua-fonts-'));
    try {
      for (const name of DOCUMENT_FONTS) copyFileSync(fontPath(name), join(folder, `${name}.ttf`));
      vi.stubEnv(FONT_DIR_ENV, folder);

      // Act
      const pdf = await renderPdf({ title: 'Thử phông chữ', createdAt: '2026-11-30T09:15:00+07:00' }, letter('Nguyễn Thị Bích Ngọc'));

      // Assess
      expect((await pdfText(pdf)).text).toContain('Nguyễn Thị Bích Ngọc');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('fail loudly when MOTCUA_FONT_DIR names a folder without them', async () => {
    // Prepare
    const empty = mkdtempSync(join(tmpdir(), 'motcua-nofonts-'));
    vi.stubEnv(FONT_DIR_ENV, empty);

    // Act, Assess
    try {
      await expect(renderPdf({ title: 'x', createdAt: '2026-11-30T09:15:00+07:00' }, letter('x'))).rejects.toThrow(/DejaVuSerif/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('a rendered PDF', () => {
  it('keeps every Vietnamese letter: the fonts are embedded', async () => {
    // Prepare
    const pangram = 'Trăm năm trong cõi người ta, chữ tài chữ mệnh khéo là ghét nhau; ặ ẫ ỡ ữ ự ỷ Đ đ';

    // Act
    const { text } = await pdfText(await renderPdf({ title: 'Thử', createdAt: '2026-11-30T09:15:00+07:00' }, letter(pangram)));

    // Assess
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain(pangram);
  });

  it('is the same bytes for the same input, and differs when its date differs', async () => {
    // Prepare
    const meta = { title: 'Giấy tiếp nhận', createdAt: '2026-11-30T09:15:00+07:00' };

    // Act
    const first = await renderPdf(meta, letter('Nguyễn Văn An'));
    const second = await renderPdf(meta, letter('Nguyễn Văn An'));
    const later = await renderPdf({ ...meta, createdAt: '2026-12-01T09:15:00+07:00' }, letter('Nguyễn Văn An'));

    // Assess
    expect(first.equals(second)).toBe(true);
    expect(first.equals(later)).toBe(false);
  });

  it('is dated and titled from its input', async () => {
    // Prepare, Act
    const pdf = await renderPdf({ title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', author: 'Phòng Thi hành án dân sự khu vực 1', createdAt: '2026-11-30T09:15:00+07:00' }, letter('x'));
    const { info } = await getMeta(await getDocumentProxy(new Uint8Array(pdf)));

    // Assess
    expect(info).toMatchObject({ Title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', Author: 'Phòng Thi hành án dân sự khu vực 1' });
    expect(String(info.CreationDate)).toMatch(/^D:20261130021500Z/);
  });

  it('refuses a document date that is not an instant', async () => {
    // Prepare, Act, Assess
    await expect(renderPdf({ title: 'x', createdAt: 'ngày 30 tháng 11' }, letter('x'))).rejects.toThrow(RangeError);
  });
});
