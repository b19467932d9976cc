import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../shared/reports/csv';
import { buildOfficialReport, type OfficialReport } from '../../../shared/reports/official-report';
import { officialReportCsv, officialReportXlsx } from '../../../shared/reports/official-report-xlsx';
import { parsePeriod } from '../../../shared/reports/period';
import { HCM_OFFICE_H1, HCM_PROVINCE_H1, HCMKV1_OFFICE_H1, HCMKV2_OFFICE_H1, type Line } from './expected';
import { directory, firstHalf2026Files } from './fixtures';

const NUMBER_COLUMNS = ['C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M'];

/** The heading block of the form, as it must read, cell by cell, with the range each merged cell covers. */
const FORM_HEADINGS: Array<[range: string, text: string]> = [
  ['A6:A9', 'STT'],
  ['B6:B9', 'Tên TTHC giải quyết theo cấp'],
  ['C6:E6', 'Số hồ sơ nhận giải quyết theo cơ chế một cửa'],
  ['C7:C9', 'Tổng số'],
  ['D7:E7', 'Trong đó'],
  ['D8:D9', 'Số kỳ trước chuyển qua'],
  ['E8:E9', 'Số mới tiếp nhận'],
  ['F6:I6', 'Số kỳ trước chuyển qua'],
  ['F7:G8', 'Đã giải quyết xong'],
  ['H7:I8', 'Đang giải quyết (chuyển kỳ sau)'],
  ['F9', 'Đúng hạn'],
  ['G9', 'Quá hạn'],
  ['H9', 'Chưa tới hạn'],
  ['I9', 'Quá hạn'],
  ['J6:M6', 'Số mới tiếp nhận'],
  ['J7:K8', 'Đã giải quyết xong'],
  ['L7:M8', 'Đang giải quyết (chuyển kỳ sau)'],
  ['J9', 'Đúng hạn'],
  ['K9', 'Quá hạn'],
  ['L9', 'Chưa tới hạn'],
  ['M9', 'Quá hạn'],
];

const CSV_HEADER = [
  'Bảng',
  'Đơn vị',
  'STT',
  'Tên TTHC giải quyết theo cấp',
  'Số hồ sơ nhận giải quyết theo cơ chế một cửa - Tổng số',
  'Số hồ sơ nhận giải quyết theo cơ chế một cửa - Trong đó - Số kỳ trước chuyển qua',
  'Số hồ sơ nhận giải quyết theo cơ chế một cửa - Trong đó - Số mới tiếp nhận',
  'Số kỳ trước chuyển qua - Đã giải quyết xong - Đúng hạn',
  'Số kỳ trước chuyển qua - Đã giải quyết xong - Quá hạn',
  'Số kỳ trước chuyển qua - Đang giải quyết (chuyển kỳ sau) - Chưa tới hạn',
  'Số kỳ trước chuyển qua - Đang giải quyết (chuyển kỳ sau) - Quá hạn',
  'Số mới tiếp nhận - Đã giải quyết xong - Đúng hạn',
  'Số mới tiếp nhận - Đã giải quyết xong - Quá hạn',
  'Số mới tiếp nhận - Đang giải quyết (chuyển kỳ sau) - Chưa tới hạn',
  'Số mới tiếp nhận - Đang giải quyết (chuyển kỳ sau) - Quá hạn',
];

const HCM = 'Thi hành án dân sự Thành phố Hồ Chí Minh';
const KV1 = 'Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh';
const KV2 = 'Phòng Thi hành án dân sự khu vực 2 - Thành phố Hồ Chí Minh';

/** exceljs types its input as an ArrayBuffer; at run time it takes the Node Buffer it wrote. */
const readable = (buffer: Buffer) => buffer as unknown as ExcelJS.Buffer;

let provinceReport: OfficialReport;
let workbook: ExcelJS.Workbook;

beforeAll(async () => {
  // Prepare, Act: the province's report for the first half of 2026, written and read back
  provinceReport = buildOfficialReport({ cases: firstHalf2026Files, directory, period: parsePeriod('2026-H1'), scope: { province: 'HCM' } });
  workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readable(await officialReportXlsx(provinceReport)));
});

const text = (ws: ExcelJS.Worksheet, address: string) => ws.getCell(address).value;

describe('the official report as a workbook', () => {
  it('has the roll-up sheet, a sheet per office, and the list of cases', () => {
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['Tổng hợp', 'HCM', 'HCMKV1', 'HCMKV2', 'Danh sách hồ sơ']);
  });

  it.each(['Tổng hợp', 'HCM', 'HCMKV1', 'HCMKV2'])('puts on sheet %s the form’s title, reference, period and headings in Vietnamese', (name) => {
    // Prepare
    const ws = workbook.getWorksheet(name)!;

    // Assess
    expect(text(ws, 'A1')).toBe('BÁO CÁO TÌNH HÌNH TIẾP NHẬN HỒ SƠ VÀ TRẢ KẾT QUẢ THEO CƠ CHẾ MỘT CỬA');
    expect(text(ws, 'A2')).toBe('(Theo biểu mẫu kèm theo Công văn số 1639/TCTHADS-NV3 ngày 11/5/2017 của Tổng cục Thi hành án dân sự)');
    expect(text(ws, 'A4')).toBe('Kỳ báo cáo: 6 tháng đầu năm 2026 (từ ngày 01/01/2026 đến ngày 30/06/2026)');
    expect(text(ws, 'A5')).toBe('Số liệu tính đến hết ngày 30/06/2026');
    for (const [range, heading] of FORM_HEADINGS) expect(text(ws, range.split(':')[0]!), range).toBe(heading);
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A1:M1', 'A2:M2', 'A3:M3', 'A4:M4', 'A5:M5', ...FORM_HEADINGS.map(([range]) => range).filter((r) => r.includes(':'))]));
  });

  it('names the reporting agency: the provincial agency on the roll-up, each office on its own sheet', () => {
    expect(text(workbook.getWorksheet('Tổng hợp')!, 'A3')).toBe(`Đơn vị báo cáo: ${HCM}`);
    expect(text(workbook.getWorksheet('HCM')!, 'A3')).toBe(`Đơn vị báo cáo: ${HCM}`);
    expect(text(workbook.getWorksheet('HCMKV1')!, 'A3')).toBe(`Đơn vị báo cáo: ${KV1}`);
    expect(text(workbook.getWorksheet('HCMKV2')!, 'A3')).toBe(`Đơn vị báo cáo: ${KV2}`);
  });

  it.each<[string, readonly Line[]]>([
    ['Tổng hợp', HCM_PROVINCE_H1],
    ['HCM', HCM_OFFICE_H1],
    ['HCMKV1', HCMKV1_OFFICE_H1],
    ['HCMKV2', HCMKV2_OFFICE_H1],
  ])('writes on sheet %s every line of the form, every cell a number', (name, expected) => {
    // Prepare
    const ws = workbook.getWorksheet(name)!;

    // Assess
    expected.forEach(([stt, label, counts], i) => {
      const row = 10 + i;
      expect(text(ws, `A${row}`) ?? '').toBe(stt);
      expect(text(ws, `B${row}`)).toBe(label);
      for (const [j, col] of NUMBER_COLUMNS.entries()) expect(text(ws, `${col}${row}`), `${name}!${col}${row}`).toBe(counts[j]);
    });
  });

  it('notes below the form the footnote, the withdrawn file and the file with no due date', () => {
    // Prepare
    const ws = workbook.getWorksheet('Tổng hợp')!;
    const notes: unknown[] = [];
    ws.eachRow((row, n) => {
      if (n > 22) notes.push(row.getCell(1).value);
    });

    // Assess
    expect(notes).toContain('⁽¹⁾ Thi hành án dân sự tỉnh, thành phố tổng hợp số liệu của các Phòng Thi hành án dân sự khu vực trực thuộc.');
    expect(notes).toContain('Không tính vào biểu: 1 hồ sơ người yêu cầu rút yêu cầu trong kỳ.');
    expect(notes).toContain('Hồ sơ chưa có thời hạn trả kết quả (tính là đúng hạn hoặc chưa tới hạn): HCMKV2-2026-000002.');
    expect(notes).toContain('Hồ sơ của đơn vị không có trong danh mục, không tính vào biểu: XYZ-2026-000001.');
  });

  it('prints on A4 landscape, one page wide, repeating the headings, with bordered cells', () => {
    // Prepare
    const ws = workbook.getWorksheet('Tổng hợp')!;

    // Assess
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.pageSetup.printTitlesRow).toBe('6:9');
    expect(ws.getColumn('B').width).toBeGreaterThan(30);
    for (const address of ['A6', 'M9', 'C10', 'M22']) expect(ws.getCell(address).border?.top?.style, address).toBe('thin');
    expect(ws.getCell('B22').font?.bold).toBe(true);
  });

  it('lists every counted case with the cell it counts in', () => {
    // Prepare
    const ws = workbook.getWorksheet('Danh sách hồ sơ')!;

    // Assess
    expect(ws.getRow(1).values).toEqual([undefined, 'Mã hồ sơ', 'Đơn vị', 'Cấp', 'Thủ tục', 'Nguồn', 'Tình trạng cuối kỳ', 'Thời điểm tiếp nhận trực tiếp', 'Thời hạn trả kết quả', 'Thời điểm có kết quả', 'Thời điểm trả kết quả']);
    expect(ws.rowCount).toBe(1 + provinceReport.ledger.length);
    expect(ws.getRow(2).values).toEqual([
      undefined,
      'HCM-2025-000101',
      'HCM',
      'Tỉnh, thành phố',
      'Quyết định thi hành án theo yêu cầu',
      'Kỳ trước chuyển qua',
      'Đã giải quyết xong - đúng hạn',
      '2025-12-29T09:00:00+07:00',
      '2026-01-06T09:00:00+07:00',
      '2026-01-05T15:00:00+07:00',
      '',
    ]);
  });

  it('writes a report of one office on one sheet named by its code, and says when figures are provisional', async () => {
    // Prepare
    const report = buildOfficialReport({ cases: firstHalf2026Files, directory, period: parsePeriod('2026-06'), scope: { office: 'HCMKV1' }, asOf: new Date('2026-06-05T05:00:00Z') });

    // Act
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readable(await officialReportXlsx(report)));

    // Assess
    expect(book.worksheets.map((ws) => ws.name)).toEqual(['HCMKV1', 'Danh sách hồ sơ']);
    const ws = book.getWorksheet('HCMKV1')!;
    expect(text(ws, 'A4')).toBe('Kỳ báo cáo: Tháng 6 năm 2026 (từ ngày 01/06/2026 đến ngày 30/06/2026)');
    expect(text(ws, 'A5')).toBe('Số liệu tạm tính đến 12:00 ngày 05/06/2026 (kỳ báo cáo chưa kết thúc)');
    expect(text(ws, 'C22')).toBe(1);
  });
});

describe('the official report as CSV', () => {
  it('starts with the UTF-8 byte order mark, so Excel reads the Vietnamese', () => {
    expect(officialReportCsv(provinceReport).startsWith('\uFEFFBảng,')).toBe(true);
  });

  it('reads back as the headings and one line per row of each form: the roll-up, then each office', () => {
    // Prepare, Act
    const [header, ...lines] = parseCsv(officialReportCsv(provinceReport));

    // Assess
    expect(header).toEqual(CSV_HEADER);
    const expected = [
      ...HCM_PROVINCE_H1.map((line) => ['Tổng hợp', HCM, line] as const),
      ...HCM_OFFICE_H1.map((line) => ['HCM', HCM, line] as const),
      ...HCMKV1_OFFICE_H1.map((line) => ['HCMKV1', KV1, line] as const),
      ...HCMKV2_OFFICE_H1.map((line) => ['HCMKV2', KV2, line] as const),
    ].map(([sheet, agency, [stt, label, counts]]) => [sheet, agency, stt, label, ...counts.map(String)]);
    expect(lines).toEqual(expected);
  });
});
