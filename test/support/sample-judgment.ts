/**
 * A judgment as courts lay it out (two-column heading, "NHÂN DANH…", parties, reasons, "QUYẾT ĐỊNH",
 * amounts in figures and words), as lines per page. The extractor's tests read it as text; the reader's
 * tests render it as scans and photos. Its facts are what a reading should find.
 */
export interface SampleJudgment {
  pages: string[][];
  facts: {
    court: string;
    number: string;
    date: string;
    plaintiff: string;
    defendant: string;
    amount: number;
    effectiveDate?: string;
  };
}

/** Page 1 with the heading and parties, page 2 with the operative part. `amountFigures` may be written with `,` or `.`. */
export function sampleJudgment(options: { amountFigures?: string; amountWords?: string; level?: 'ST' | 'PT' } = {}): SampleJudgment {
  const level = options.level ?? 'ST';
  const number = `15/2026/DS-${level}`;
  const figures = options.amountFigures ?? '150.000.000';
  const words = options.amountWords ?? 'Một trăm năm mươi triệu đồng';
  return {
    pages: [
      [
        'TÒA ÁN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'KHU VỰC 1 - TP. HỒ CHÍ MINH             Độc lập - Tự do - Hạnh phúc',
        `Bản án số: ${number}`,
        'Ngày: 10-01-2026',
        'V/v tranh chấp hợp đồng vay tài sản',
        'NHÂN DANH',
        'NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'TÒA ÁN NHÂN DÂN KHU VỰC 1 - THÀNH PHỐ HỒ CHÍ MINH',
        'Ngày 10 tháng 01 năm 2026, tại trụ sở Tòa án nhân dân Khu vực 1 xét xử',
        `${level === 'ST' ? 'sơ' : 'phúc'} thẩm công khai vụ án dân sự thụ lý số 201/2025/TLST-DS, giữa các đương sự:`,
        '- Nguyên đơn: Bà Phạm Thị Mai, sinh năm 1980; địa chỉ: 12 Lê Lợi, Phường Bến Thành.',
        '- Bị đơn: Ông Trần Văn Hùng, sinh năm 1975; địa chỉ: 8 Hai Bà Trưng, Phường Sài Gòn.',
        'NỘI DUNG VỤ ÁN:',
        'Ngày 05/3/2024 bà Mai cho ông Hùng vay số tiền 200.000.000 đồng, ông Hùng đã trả 50.000.000 đồng.',
      ],
      [
        'QUYẾT ĐỊNH:',
        'Chấp nhận yêu cầu khởi kiện của nguyên đơn.',
        `Buộc ông Trần Văn Hùng phải trả cho bà Phạm Thị Mai số tiền ${figures} đồng (${words}).`,
        'Kể từ ngày người được thi hành án có đơn yêu cầu thi hành án, nếu người phải thi hành án chưa',
        'thi hành thì hàng tháng còn phải chịu lãi suất theo Điều 357 Bộ luật Dân sự.',
        level === 'PT' ? 'Bản án phúc thẩm có hiệu lực pháp luật kể từ ngày tuyên án.' : 'Bản án có hiệu lực pháp luật kể từ ngày 26/01/2026.',
        'THẨM PHÁN - CHỦ TỌA PHIÊN TÒA',
        'Nguyễn Văn An',
      ],
    ],
    facts: {
      court: 'TÒA ÁN NHÂN DÂN KHU VỰC 1 - THÀNH PHỐ HỒ CHÍ MINH',
      number,
      date: '2026-01-10',
      plaintiff: 'Phạm Thị Mai',
      defendant: 'Trần Văn Hùng',
      amount: 150_000_000,
      effectiveDate: level === 'PT' ? '2026-01-10' : '2026-01-26',
    },
  };
}

/** The sample's pages as the reader gives them: text per page with a confidence. */
export const pagesOf = (sample: SampleJudgment, confidence = 1) => sample.pages.map((lines, i) => ({ page: i + 1, text: lines.join('\n'), confidence }));
