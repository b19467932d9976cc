import { describe, expect, it } from 'vitest';
import { extractJudgment, levelOf } from '../../../shared/reading/extract-judgment';
import { figureValue, wordsValue } from '../../../shared/reading/amount-words';
import { pagesOf, sampleJudgment } from '../../support/sample-judgment';

describe('amounts in words', () => {
  it.each([
    ['Một trăm năm mươi triệu đồng', 150_000_000],
    ['hai tỷ không trăm năm mươi triệu đồng', 2_050_000_000],
    ['một tỷ hai trăm triệu', 1_200_000_000],
    ['mười lăm triệu đồng', 15_000_000],
    ['Hai mươi mốt triệu năm trăm nghìn đồng', 21_500_000],
    ['một trăm linh năm nghìn đồng', 105_000],
    ['ba mươi tư triệu bảy trăm ngàn đồng chẵn', 34_700_000],
    ['hai nghìn tỷ đồng', 2_000_000_000_000],
    ['Bằng chữ: năm mươi lăm triệu đồng', 55_000_000],
  ])('"%s" is %d', (words, value) => {
    expect(wordsValue(words)).toBe(value);
  });

  it('is undefined for words that are not a number (misread, or another phrase in the parenthesis)', () => {
    expect(wordsValue('theo hợp đồng vay')).toBeUndefined();
    expect(wordsValue('')).toBeUndefined();
  });
});

describe('amounts in figures', () => {
  it('read "," and "." alike as thousands, and drop a decimal part', () => {
    expect(figureValue('150.000.000')).toEqual({ value: 150_000_000, mixedSeparators: false });
    expect(figureValue('150,000,000')).toEqual({ value: 150_000_000, mixedSeparators: false });
    expect(figureValue('1.500.000,5')).toEqual({ value: 1_500_000, mixedSeparators: false });
  });

  it('flag mixed separators, a mistake OCR makes ("150,000.000")', () => {
    expect(figureValue('150,000.000')).toEqual({ value: 150_000_000, mixedSeparators: true });
  });

  it('refuse what is not a figure', () => {
    expect(figureValue('15.00.000')).toBeUndefined();
    expect(figureValue('abc')).toBeUndefined();
  });
});

describe('reading a first-instance judgment', () => {
  const sample = sampleJudgment();
  const reading = extractJudgment(pagesOf(sample, 0.9));

  it('finds its number, kind and level (first instance) on the first page, with the line', () => {
    expect(reading.number).toMatchObject({ value: sample.facts.number, where: { page: 1, line: 3 } });
    expect(reading.number!.confidence).toBeGreaterThan(0.8);
    expect(reading.kind?.value).toBe('judgment');
    expect(reading.level).toBe('first-instance');
  });

  it('finds its date under the number, not the date of a loan in the facts', () => {
    expect(reading.date).toMatchObject({ value: sample.facts.date, where: { page: 1, line: 4 } });
  });

  it('finds the court by the line under "NHÂN DANH NƯỚC…"', () => {
    expect(reading.court).toMatchObject({ value: sample.facts.court, where: { page: 1, line: 8 } });
  });

  it('finds the parties and their roles, without titles and birth years', () => {
    expect(reading.parties.map((p) => p.value)).toEqual([
      { role: 'plaintiff', name: sample.facts.plaintiff },
      { role: 'defendant', name: sample.facts.defendant },
    ]);
  });

  it('finds the amount ordered, its words agreeing with its figures, and the amounts of the facts too', () => {
    const ordered = reading.amounts.find((a) => a.where.page === 2);
    expect(ordered).toMatchObject({ value: { value: 150_000_000, inWords: 150_000_000, wordsAgree: true }, where: { page: 2, line: 3 } });
    expect(ordered!.confidence).toBeGreaterThan(0.85);
    expect(reading.amounts.filter((a) => a.where.page === 1).map((a) => a.value.value)).toEqual([200_000_000, 50_000_000]);
  });

  it('finds the obligations of the operative part only, a sentence over two lines as one', () => {
    expect(reading.obligations.map((o) => o.where)).toEqual([
      { page: 2, line: 3 },
      { page: 2, line: 4 },
    ]);
    expect(reading.obligations[0]!.value).toContain('Buộc ông Trần Văn Hùng phải trả cho bà Phạm Thị Mai');
    expect(reading.obligations[1]!.value).toContain('hàng tháng còn phải chịu lãi suất');
  });

  it('finds the date it took effect', () => {
    expect(reading.effectiveDate).toMatchObject({ value: '2026-01-26', where: { page: 2, line: 6 } });
  });

  it('scales every confidence by the page\'s: a poor scan gives weaker hints', () => {
    const poor = extractJudgment(pagesOf(sample, 0.5));
    expect(poor.number!.confidence).toBeLessThan(reading.number!.confidence);
    expect(poor.number!.confidence).toBeLessThanOrEqual(0.5);
  });
});

describe('reading an appeal', () => {
  it('knows -PT as an appeal, in effect from the day it is pronounced', () => {
    const reading = extractJudgment(pagesOf(sampleJudgment({ level: 'PT' })));
    expect(reading.level).toBe('appeal');
    expect(reading.effectiveDate?.value).toBe('2026-01-10');
  });

  it.each([
    ['15/2026/DS-ST', 'first-instance'],
    ['7/2026/QĐST-DS', 'first-instance'],
    ['120/2025/KDTM-PT', 'appeal'],
    ['3/2026/QĐPT-DS', 'appeal'],
    ['2/2024/DS-GĐT', 'cassation'],
  ])('reads the level of %s as %s', (number, level) => {
    expect(levelOf(number)).toBe(level);
  });
});

describe('what OCR gets wrong is doubted, not trusted', () => {
  it('figures and words that disagree lower the confidence and say why', () => {
    const reading = extractJudgment(pagesOf(sampleJudgment({ amountFigures: '180.000.000' })));
    const ordered = reading.amounts.find((a) => a.where.page === 2)!;
    expect(ordered.value).toMatchObject({ value: 180_000_000, inWords: 150_000_000, wordsAgree: false });
    expect(ordered.confidence).toBeLessThan(0.5);
    expect(ordered.doubts?.join(' ')).toContain('khác số bằng số');
  });

  it('finds an amount whose figures end one line and whose "đồng" and words begin the next, as a PDF\'s text layer wraps them', () => {
    const sample = sampleJudgment();
    // the lines the test's own text-layer PDF gives for page 2 (test/support/page-images textPdf), wrapped at its width
    sample.pages[1] = ['QUYẾT ĐỊNH:', 'Chấp nhận yêu cầu khởi kiện của nguyên đơn.', 'Buộc ông Trần Văn Hùng phải trả cho bà Phạm Thị Mai số tiền 150.000.000', 'đồng (Một trăm năm mươi triệu', 'đồng).'];
    const ordered = extractJudgment(pagesOf(sample)).amounts.filter((a) => a.where.page === 2);
    expect(ordered).toHaveLength(1);
    expect(ordered[0]).toMatchObject({ value: { value: 150_000_000, inWords: 150_000_000, wordsAgree: true }, where: { page: 2, line: 3 } });
  });

  it('"150,000.000" is read as 150 000 000 and doubted', () => {
    const ordered = extractJudgment(pagesOf(sampleJudgment({ amountFigures: '150,000.000' }))).amounts.find((a) => a.where.page === 2)!;
    expect(ordered.value.value).toBe(150_000_000);
    expect(ordered.doubts?.join(' ')).toContain('dấu chấm và dấu phẩy');
  });

  it('a date whose year differs from the number\'s ("2028" for 2026) is doubted', () => {
    const sample = sampleJudgment();
    sample.pages[0]![3] = 'Ngày: 10-01-2028';
    const reading = extractJudgment(pagesOf(sample));
    expect(reading.date?.value).toBe('2028-01-10');
    expect(reading.date!.confidence).toBeLessThan(0.5);
    expect(reading.date!.doubts?.[0]).toContain('khác năm của số bản án');
  });

  it('an OCR\'d two-column heading joined on one line still gives the court without the right column', () => {
    const reading = extractJudgment([{ page: 1, text: 'TÒA ÁN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH BÌNH DƯƠNG Độc lập - Tự do - Hạnh phúc\nSố: 45/2025/KDTM-PT', confidence: 0.8 }]);
    expect(reading.court?.value).toBe('TÒA ÁN NHÂN DÂN TỈNH BÌNH DƯƠNG');
    expect(reading.number?.value).toBe('45/2025/KDTM-PT');
  });

  it('a page of something else finds nothing rather than guessing', () => {
    const reading = extractJudgment([{ page: 1, text: 'Căn cước công dân\nSố: 079080001234\nHọ và tên: PHẠM THỊ MAI', confidence: 0.9 }]);
    expect(reading).toEqual({ parties: [], amounts: [], obligations: [] });
  });

  it('a decision recognising an agreement is a decision', () => {
    const reading = extractJudgment([{ page: 1, text: 'TÒA ÁN NHÂN DÂN HUYỆN CỦ CHI\nQuyết định số: 07/2026/QĐST-DS\nNgày 20 tháng 02 năm 2026', confidence: 1 }]);
    expect(reading.kind?.value).toBe('decision');
    expect(reading.level).toBe('first-instance');
    expect(reading.date?.value).toBe('2026-02-20');
  });
});
