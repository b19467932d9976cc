import { describe, expect, it } from 'vitest';
import { receiptSlipPdf, type ReceiptSlipInput } from '../../../shared/documents/receipt-slip';
import { AGENCY_NAME, CASE_ID, kv1, pdfText, procedure } from './lifecycle-fixtures';

/** A due date over a year without an official schedule of days off is a forecast, and the slip says so. */
const slip: ReceiptSlipInput = {
  caseId: CASE_ID,
  office: kv1,
  agencyName: AGENCY_NAME,
  requester: { name: 'Phạm Thị Mai', address: 'số 3 đường Pasteur, phường Sài Gòn' },
  procedureName: 'Yêu cầu thi hành án',
  documentsReceived: [{ name: 'Đơn yêu cầu thi hành án', copies: 1, kind: 'original' }],
  receivedAt: '2027-02-01T10:00:00+07:00',
  resultDueAt: '2027-02-15T17:00:00+07:00',
  resultCollection: 'at-desk',
  officer: { name: 'Trần Thị Lan' },
  workingDays: 5,
  resultExplanation: procedure.resultExplanation,
};

describe('a provisional due date on the receipt slip', () => {
  it('prints "(dự kiến)" beside a date computed over a provisional year', async () => {
    const { text } = await pdfText(await receiptSlipPdf({ ...slip, resultDueProvisional: true }));
    expect(text).toContain('Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 15 tháng 02 năm 2027 (dự kiến)');
  });
  it('prints the date alone when the year has its official schedule', async () => {
    const { text } = await pdfText(await receiptSlipPdf(slip));
    expect(text).toContain('ngày 15 tháng 02 năm 2027');
    expect(text).not.toContain('dự kiến');
  });
});
