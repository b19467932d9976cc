/** The official one-stop report (Công văn 1639/TCTHADS-NV3) and the period exports for auditors. See ./README.md. */
export * from './period';
export * from './procedures';
export * from './report-case';
export * from './official-report';
export * from './questions';
export { officialReportCsv, officialReportXlsx, CSV_COLUMN_HEADINGS, CSV_LEADING_HEADINGS, HEADING_CELLS, LEDGER_SHEET, ROLL_UP_SHEET, SATISFACTION_SHEET, SHEET_LAYOUT } from './official-report-xlsx';
export * from './period-export';
export { csvField, parseCsv, toCsv, InvalidCsv, UTF8_BOM, type CsvOptions, type CsvValue } from './csv';
