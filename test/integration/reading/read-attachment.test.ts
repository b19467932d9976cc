import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAttachment, pagesToRead, type AttachmentReading } from '../../../shared/reading/read-attachment';
import { tesseractRecognizer, type PageRecognizer } from '../../../shared/reading/ocr';
import { extractJudgment } from '../../../shared/reading/extract-judgment';
import { jpegWithOrientation, photographed, png, jpeg, renderPage, scannedPdf, textPdf, turned } from '../../support/page-images';
import { sampleJudgment } from '../../support/sample-judgment';

/**
 * The reader on pages the test makes (Tinos at 200 dpi, seal and signature, two-column heading), with
 * the real OCR engine: a handful of pages only (OCR takes seconds a page), the fields asserted, not the text.
 */
const sample = sampleJudgment();
let recognizer: PageRecognizer;
let ocrCalls = 0;
const options = () => ({
  recognizer: async () => ({
    recognize: (pgm: Uint8Array) => {
      ocrCalls++;
      return recognizer.recognize(pgm);
    },
    close: async () => {},
  }),
});

beforeAll(async () => {
  recognizer = await tesseractRecognizer();
}, 60_000);

afterAll(async () => {
  await recognizer?.close();
});

const fieldsOf = (reading: AttachmentReading) => extractJudgment(reading.pages);

describe('a scanned judgment (a PDF of images, no text layer)', () => {
  it('is read by OCR, page by page, and gives the number, court, date, parties and the amount ordered', async () => {
    // Prepare: page 1 as a lossless scan, page 2 as a JPEG scan.
    const pdf = await scannedPdf([png(renderPage(sample.pages[0]!)), jpeg(renderPage(sample.pages[1]!), 85)]);

    // Act
    const reading = await readAttachment(pdf, options());
    const fields = fieldsOf(reading);

    // Assess
    expect(reading).toMatchObject({ status: 'read', kind: 'pdf', pageCount: 2, notRead: [] });
    expect(reading.pages.map((p) => p.method)).toEqual(['ocr', 'ocr']);
    expect(reading.pages.every((p) => p.confidence > 0.8)).toBe(true);
    expect(fields.number?.value).toBe(sample.facts.number);
    expect(fields.date?.value).toBe(sample.facts.date);
    expect(fields.court?.value).toBe(sample.facts.court);
    expect(fields.parties.map((p) => p.value)).toEqual([
      { role: 'plaintiff', name: sample.facts.plaintiff },
      { role: 'defendant', name: sample.facts.defendant },
    ]);
    expect(fields.amounts.find((a) => a.where.page === 2)?.value).toEqual({ value: sample.facts.amount, inWords: sample.facts.amount, wordsAgree: true });
    expect(fields.effectiveDate?.value).toBe(sample.facts.effectiveDate);
  });
});

describe('a phone photo', () => {
  it('taken sideways (EXIF orientation 6), tilted, unevenly lit, blurred and grainy, is turned upright by its EXIF and read', async () => {
    const photo = jpegWithOrientation(photographed(renderPage(sample.pages[1]!)), 6);
    const calls = ocrCalls;

    const reading = await readAttachment(photo, options());

    expect(reading).toMatchObject({ status: 'read', kind: 'jpeg', pageCount: 1 });
    expect(reading.pages[0]!.quarters).toBe(0); // upright from its EXIF: no turn had to be tried
    expect(ocrCalls - calls).toBe(1);
    const fields = fieldsOf(reading);
    expect(fields.amounts[0]?.value.value).toBe(sample.facts.amount);
    expect(fields.obligations[0]?.value).toMatch(/Buộc ông Trần Văn Hùng phải trả cho bà Phạm Thị Mai/);
  });

  // A few lines each: a page read the wrong way up is slow to read (OCR finds only noise in it).
  it('upside down with no EXIF (the top of a page), is found upside down and read', async () => {
    const top = renderPage(sample.pages[0]!.slice(2, 4), { height: 330, stamp: false });

    const reading = await readAttachment(png(turned(top, 2)), options());

    expect(reading.pages[0]!.quarters).toBe(2);
    expect(fieldsOf(reading).number?.value).toBe(sample.facts.number);
  });

  it('a quarter turned (a scan fed sideways), is found and read', async () => {
    const top = renderPage(sample.pages[0]!.slice(5, 8), { height: 390, stamp: false });

    const reading = await readAttachment(png(turned(top, 3)), options());

    expect(reading.pages[0]!.quarters).toBe(1);
    expect(fieldsOf(reading).court?.value).toBe(sample.facts.court);
  });
});

describe('what is not read by OCR', () => {
  it('a PDF with its own text is read from its text layer, without OCR', async () => {
    const calls = ocrCalls;
    const reading = await readAttachment(await textPdf(sample.pages), options());
    expect(ocrCalls).toBe(calls);
    expect(reading.pages.map((p) => [p.method, p.confidence])).toEqual([
      ['text-layer', 1],
      ['text-layer', 1],
    ]);
    expect(fieldsOf(reading).number?.value).toBe(sample.facts.number);
  });

  it('a long document is read at both ends, within the bound, and says which pages it left', async () => {
    const pages = Array.from({ length: 9 }, (_, i) => (i === 8 ? sample.pages[1]! : i === 0 ? sample.pages[0]! : [`Trang ${i + 1}: nhận định của Tòa án về các chứng cứ và lời khai của các đương sự trong vụ án.`]));
    const reading = await readAttachment(await textPdf(pages), options());
    expect(reading.pages.map((p) => p.page)).toEqual([1, 2, 3, 8, 9]);
    expect(reading.notRead).toEqual([{ pages: [4, 5, 6, 7], why: 'tài liệu dài: chỉ đọc 3 trang đầu và 2 trang cuối' }]);
    expect(fieldsOf(reading).effectiveDate?.value).toBe(sample.facts.effectiveDate);
    expect(pagesToRead(2)).toEqual([1, 2]);
  });

  it('a scan past the deadline is not started: "out of time", nothing guessed', async () => {
    const calls = ocrCalls;
    const pdf = await scannedPdf([png(renderPage(['Trang trắng'], { height: 400, stamp: false }))]);
    const reading = await readAttachment(pdf, { ...options(), deadline: Date.now() - 1 });
    expect(ocrCalls).toBe(calls);
    expect(reading).toMatchObject({ status: 'unreadable', problem: 'hết thời gian đọc cho phép', notRead: [{ pages: [1], why: 'hết thời gian đọc cho phép' }] });
  });

  it('a HEIC photo that cannot be decoded, a file of another kind, and a broken PDF each say why', async () => {
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic', 'latin1'), Buffer.alloc(64, 1)]);
    expect(await readAttachment(heic, options())).toMatchObject({ status: 'unreadable', kind: 'heic', problem: expect.stringContaining('ảnh HEIC không giải mã được') });
    expect(await readAttachment(Buffer.from('PK\x03\x04 a zip file'), options())).toMatchObject({ status: 'unreadable', kind: 'unknown', problem: 'không phải ảnh JPEG, PNG, HEIC hay tệp PDF' });
    expect(await readAttachment(Buffer.from('%PDF-1.7\n garbage'), options())).toMatchObject({ status: 'unreadable', kind: 'pdf', problem: expect.stringContaining('tệp PDF hỏng') });
  });
});
