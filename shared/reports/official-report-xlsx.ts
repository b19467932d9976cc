/**
 * The official report as a workbook an agency can print and sign, and as CSV. The sheet reproduces the form
 * of Công văn 1639/TCTHADS-NV3: title, reporting agency, period, the four rows of headings with their merged
 * cells, sections I and II with a line per procedure, and the total.
 */
// Only a type at load time: the workbook library is imported when a workbook is built (a lazy chunk of the
// API bundle, see infra/bundling.ts), so that the API's cold start does not evaluate it.
import type ExcelJS from 'exceljs';
import { vietnameseDateTime } from '../time/vietnam-time';
import { toCsv, type CsvValue } from './csv';
import { FORM_COLUMN_KEYS, FORM_COLUMNS, type OfficialReport, type ReportRow } from './official-report';
import { LEVEL_SHORT_NAMES, PROCEDURE_NAMES, REGIONAL_FOOTNOTE } from './procedures';
import type { SatisfactionResults } from '../citizen/satisfaction';
import { INTAKE_LABELS, ONLINE_OUTCOME_LABELS, ONLINE_OUTCOMES, OUTCOME_LABELS } from './report-case';
import { questionsNote } from './questions';

/** Where the form sits on its sheet. */
export const SHEET_LAYOUT = {
  titleRow: 1,
  referenceRow: 2,
  agencyRow: 3,
  periodRow: 4,
  observedRow: 5,
  headingRows: [6, 9] as const,
  firstDataRow: 10,
  /** STT, the procedure, then the form's eleven number columns C to M. */
  lastColumn: 'M',
} as const;

export const ROLL_UP_SHEET = 'Tổng hợp';
export const LEDGER_SHEET = 'Danh sách hồ sơ';
export const SATISFACTION_SHEET = 'Phụ lục - Mức độ hài lòng';

/**
 * The heading cells of the form and the ranges they cover. The number columns below them are those of
 * FORM_COLUMNS, in order, from C.
 */
export const HEADING_CELLS: ReadonlyArray<{ range: string; text: string }> = [
  { range: 'A6:A9', text: 'STT' },
  { range: 'B6:B9', text: 'Tên TTHC giải quyết theo cấp' },
  { range: 'C6:E6', text: 'Số hồ sơ nhận giải quyết theo cơ chế một cửa' },
  { range: 'C7:C9', text: 'Tổng số' },
  { range: 'D7:E7', text: 'Trong đó' },
  { range: 'D8:D9', text: 'Số kỳ trước chuyển qua' },
  { range: 'E8:E9', text: 'Số mới tiếp nhận' },
  { range: 'F6:I6', text: 'Số kỳ trước chuyển qua' },
  { range: 'F7:G8', text: 'Đã giải quyết xong' },
  { range: 'H7:I8', text: 'Đang giải quyết (chuyển kỳ sau)' },
  { range: 'F9', text: 'Đúng hạn' },
  { range: 'G9', text: 'Quá hạn' },
  { range: 'H9', text: 'Chưa tới hạn' },
  { range: 'I9', text: 'Quá hạn' },
  { range: 'J6:M6', text: 'Số mới tiếp nhận' },
  { range: 'J7:K8', text: 'Đã giải quyết xong' },
  { range: 'L7:M8', text: 'Đang giải quyết (chuyển kỳ sau)' },
  { range: 'J9', text: 'Đúng hạn' },
  { range: 'K9', text: 'Quá hạn' },
  { range: 'L9', text: 'Chưa tới hạn' },
  { range: 'M9', text: 'Quá hạn' },
];

const FONT = 'Times New Roman';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** A sheet per form: the roll-up of a province and each of its offices, or the one office reported. */
function formsOf(report: OfficialReport): Array<{ sheet: string; agencyName: string; rows: ReportRow[] }> {
  if (report.scope.kind === 'office') return [{ sheet: report.scope.office, agencyName: report.agencyName, rows: report.rows }];
  return [
    { sheet: ROLL_UP_SHEET, agencyName: report.agencyName, rows: report.rows },
    ...report.offices.map((o) => ({ sheet: o.office, agencyName: o.name, rows: o.rows })),
  ];
}

function observedLine(report: OfficialReport): string {
  if (report.provisional) return `Số liệu tạm tính đến ${vietnameseDateTime(new Date(report.observedAt))} (kỳ báo cáo chưa kết thúc)`;
  const d = report.period.lastDay;
  return `Số liệu tính đến hết ngày ${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
}

function periodLine(report: OfficialReport): string {
  const { period } = report;
  return period.kind === 'range' ? `Kỳ báo cáo: ${period.label}` : `Kỳ báo cáo: ${period.label} (${period.span})`;
}

function scopeNote(report: OfficialReport, sheet: string): string | undefined {
  if (report.scope.kind !== 'province') return undefined;
  return sheet === ROLL_UP_SHEET
    ? 'Tổng hợp số liệu của Thi hành án dân sự tỉnh, thành phố và các Phòng Thi hành án dân sự khu vực trực thuộc; số liệu từng đơn vị ở các bảng tiếp theo.'
    : `Số liệu của đơn vị, là một phần của bảng ${ROLL_UP_SHEET}.`;
}

function addForm(workbook: ExcelJS.Workbook, report: OfficialReport, form: { sheet: string; agencyName: string; rows: ReportRow[] }): void {
  const ws = workbook.addWorksheet(form.sheet, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${SHEET_LAYOUT.headingRows[0]}:${SHEET_LAYOUT.headingRows[1]}`,
    },
    views: [{ state: 'frozen', xSplit: 2, ySplit: SHEET_LAYOUT.headingRows[1] }],
  });
  ws.columns = [{ width: 6 }, { width: 44 }, ...FORM_COLUMNS.map(() => ({ width: 11 }))];
  const last = SHEET_LAYOUT.lastColumn;

  const line = (row: number, text: string, font: Partial<ExcelJS.Font>, align: ExcelJS.Alignment['horizontal'] = 'center') => {
    ws.mergeCells(`A${row}:${last}${row}`);
    const cell = ws.getCell(`A${row}`);
    cell.value = text;
    cell.font = { name: FONT, size: 12, ...font };
    cell.alignment = { horizontal: align, vertical: 'middle', wrapText: true };
  };
  line(SHEET_LAYOUT.titleRow, report.title, { bold: true, size: 14 });
  ws.getRow(SHEET_LAYOUT.titleRow).height = 24;
  line(SHEET_LAYOUT.referenceRow, `(${report.reference})`, { italic: true });
  line(SHEET_LAYOUT.agencyRow, `Đơn vị báo cáo: ${form.agencyName}`, { bold: true });
  line(SHEET_LAYOUT.periodRow, periodLine(report), {});
  line(SHEET_LAYOUT.observedRow, observedLine(report), { italic: true });

  for (const { range, text } of HEADING_CELLS) {
    if (range.includes(':')) ws.mergeCells(range);
    const cell = ws.getCell(range.split(':')[0]!);
    cell.value = text;
  }
  for (let r = SHEET_LAYOUT.headingRows[0]; r <= SHEET_LAYOUT.headingRows[1]; r += 1) {
    const row = ws.getRow(r);
    row.height = r === SHEET_LAYOUT.headingRows[0] ? 36 : 30;
    for (let c = 1; c <= 2 + FORM_COLUMNS.length; c += 1) {
      const cell = row.getCell(c);
      cell.font = { name: FONT, size: 11, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = THIN;
    }
  }

  form.rows.forEach((reportRow, i) => {
    const row = ws.getRow(SHEET_LAYOUT.firstDataRow + i);
    row.values = [reportRow.stt, reportRow.label, ...FORM_COLUMN_KEYS.map((k) => reportRow.counts[k])];
    const emphasis = reportRow.kind !== 'procedure';
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      if (col > 2 + FORM_COLUMNS.length) return;
      cell.font = { name: FONT, size: 11, bold: emphasis };
      cell.border = THIN;
      cell.alignment = { vertical: 'middle', horizontal: col === 2 ? 'left' : 'center', wrapText: col === 2 };
      if (col > 2) cell.numFmt = '0';
    });
  });

  const notes: string[] = [REGIONAL_FOOTNOTE];
  const scope = scopeNote(report, form.sheet);
  if (scope) notes.push(scope);
  notes.push(
    'Số hồ sơ nhận giải quyết: hồ sơ đã được tiếp nhận trực tiếp và cấp Giấy tiếp nhận hồ sơ và hẹn trả kết quả.',
    'Đúng hạn, quá hạn (đã giải quyết xong): so thời điểm có kết quả giải quyết với thời hạn ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả, tính theo ngày, giờ làm việc.',
    'Chưa tới hạn, quá hạn (đang giải quyết): so thời hạn ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả với thời điểm kết thúc kỳ báo cáo.',
  );
  if (form.sheet === ROLL_UP_SHEET || report.scope.kind === 'office') {
    const o = report.online.outcomes;
    const others = ONLINE_OUTCOMES.filter((k) => k !== 'received-in-person' && o[k] > 0).map((k) => `${ONLINE_OUTCOME_LABELS[k].toLowerCase()}: ${o[k]}`);
    notes.push(
      `Hỗ trợ trực tuyến (không tính vào biểu): ${report.online.received} yêu cầu gửi qua thư điện tử trong kỳ, trong đó ${o['received-in-person']} đã tiếp nhận trực tiếp${others.length ? `; ${others.join('; ')}` : ''}.`,
    );
  }
  if (form.sheet === ROLL_UP_SHEET || report.scope.kind === 'office') notes.push(questionsNote(report.questions));
  const withdrawn = form.rows.find((r) => r.kind === 'total')?.withdrawn ?? 0;
  if (withdrawn > 0) notes.push(`Không tính vào biểu: ${withdrawn} hồ sơ người yêu cầu rút yêu cầu trong kỳ.`);
  if (form.sheet === ROLL_UP_SHEET || report.scope.kind === 'office') {
    if (report.attention.withoutDueDate.length > 0) {
      notes.push(`Hồ sơ chưa có thời hạn trả kết quả (tính là đúng hạn hoặc chưa tới hạn): ${report.attention.withoutDueDate.join(', ')}.`);
    }
    if (report.attention.unknownOffice.length > 0) {
      notes.push(`Hồ sơ của đơn vị không có trong danh mục, không tính vào biểu: ${report.attention.unknownOffice.join(', ')}.`);
    }
  }
  const firstNote = SHEET_LAYOUT.firstDataRow + form.rows.length + 1;
  for (const [i, text] of notes.entries()) line(firstNote + i, text, { italic: true, size: 11 }, 'left');
}

/** The cases behind the figures, one line each, with the cell each counts in: how an auditor checks a number. */
function addLedger(workbook: ExcelJS.Workbook, report: OfficialReport): void {
  const ws = workbook.addWorksheet(LEDGER_SHEET, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [
    { header: 'Mã hồ sơ', width: 24 },
    { header: 'Đơn vị', width: 12 },
    { header: 'Cấp', width: 16 },
    { header: 'Thủ tục', width: 44 },
    { header: 'Nguồn', width: 20 },
    { header: 'Tình trạng cuối kỳ', width: 34 },
    { header: 'Thời điểm tiếp nhận trực tiếp', width: 26 },
    { header: 'Thời hạn trả kết quả', width: 26 },
    { header: 'Thời điểm có kết quả', width: 26 },
    { header: 'Thời điểm trả kết quả', width: 26 },
  ];
  ws.getRow(1).font = { name: FONT, bold: true };
  for (const e of report.ledger) {
    ws.addRow([e.caseId, e.office, LEVEL_SHORT_NAMES[e.level], PROCEDURE_NAMES[e.procedure], INTAKE_LABELS[e.intake], OUTCOME_LABELS[e.outcome], e.receivedAt, e.resultDueAt ?? '', e.resolvedAt ?? '', e.handedOverAt ?? '']);
  }
}

/** The annex: the requesters' satisfaction ratings of the period per office (shared/citizen/satisfaction.ts), and their comments. */
function addSatisfactionAnnex(workbook: ExcelJS.Workbook, results: SatisfactionResults): void {
  const ws = workbook.addWorksheet(SATISFACTION_SHEET, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [{ width: 34 }, { width: 14 }, { width: 16 }, { width: 18 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 10 }];
  ws.addRow(['PHỤ LỤC: KẾT QUẢ KHẢO SÁT MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI YÊU CẦU']).font = { name: FONT, bold: true, size: 13 };
  ws.addRow([`${results.period.label} (từ ngày ${results.period.firstDay.split('-').reverse().join('/')} đến ngày ${results.period.lastDay.split('-').reverse().join('/')})`]).font = { name: FONT, italic: true };
  ws.addRow([]);
  const heading = ws.addRow(['Đơn vị', 'Số lượt đánh giá', 'Điểm trung bình (1-5)', 'Tỷ lệ hài lòng (4-5 điểm, %)', '1 điểm', '2 điểm', '3 điểm', '4 điểm', '5 điểm']);
  heading.font = { name: FONT, bold: true };
  const figures = (f: SatisfactionResults['total']) => [f.ratings, f.average ?? '', f.satisfiedPercent ?? '', ...f.distribution];
  for (const office of results.offices) ws.addRow([office.officeName, ...figures(office)]);
  if (results.offices.length > 1) ws.addRow(['Tổng cộng', ...figures(results.total)]).font = { name: FONT, bold: true };
  const comments = results.offices.flatMap((o) => o.comments.map((c) => ({ ...c, office: o.office })));
  if (comments.length) {
    ws.addRow([]);
    ws.addRow(['Góp ý của người yêu cầu']).font = { name: FONT, bold: true };
    ws.addRow(['Mã hồ sơ', 'Đơn vị', 'Điểm', 'Thời điểm đánh giá', 'Góp ý']).font = { name: FONT, bold: true };
    for (const c of comments) ws.addRow([c.caseId, c.office, c.rating, vietnameseDateTime(new Date(c.ratedAt)), c.comment]);
  }
}

/**
 * The report as an XLSX workbook: the form (per office and rolled up, for a province), then the list of
 * cases, then (when given) the annex of the satisfaction survey.
 */
export async function officialReportXlsx(report: OfficialReport, annex: { satisfaction?: SatisfactionResults } = {}): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'motcua';
  workbook.title = `${report.title} - ${report.period.label}`;
  for (const form of formsOf(report)) addForm(workbook, report, form);
  addLedger(workbook, report);
  if (annex.satisfaction) addSatisfactionAnnex(workbook, annex.satisfaction);
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

/** The heading of each number column of the CSV: the form's headings above it, outermost first. */
export const CSV_COLUMN_HEADINGS: readonly string[] = FORM_COLUMNS.map((c) => c.headings.join(' - '));

export const CSV_LEADING_HEADINGS = ['Bảng', 'Đơn vị', 'STT', 'Tên TTHC giải quyết theo cấp'] as const;

/**
 * The report as CSV, one line per row of the form, in the form's order. For a province the roll-up comes
 * first ("Bảng": Tổng hợp), then each office (Bảng: its code), as the sheets of the workbook.
 */
export function officialReportCsv(report: OfficialReport): string {
  const lines: CsvValue[][] = [[...CSV_LEADING_HEADINGS, ...CSV_COLUMN_HEADINGS]];
  for (const form of formsOf(report)) {
    for (const row of form.rows) lines.push([form.sheet, form.agencyName, row.stt, row.label, ...FORM_COLUMN_KEYS.map((k) => row.counts[k])]);
  }
  return toCsv(lines);
}
