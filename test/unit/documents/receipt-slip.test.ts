import { describe, expect, it } from 'vitest';
import { InvalidReceiptSlip, receiptSlipPdf, type ReceiptSlipInput } from '../../../shared/documents/receipt-slip';
import { AGENCY_NAME, CASE_ID, kv1, pdfText, procedure } from './lifecycle-fixtures';

const slip: ReceiptSlipInput = {
  caseId: CASE_ID,
  office: kv1,
  agencyName: AGENCY_NAME,
  requester: { name: 'Nguyễn Văn An', address: 'Số 45 đường Lê Lợi, phường Bến Thành, Thành phố Hồ Chí Minh', phone: '0903 123 456' },
  procedureName: 'Quyết định thi hành án theo yêu cầu',
  documentsReceived: [
    { name: 'Đơn yêu cầu thi hành án', copies: 1, kind: 'original' },
    { name: 'Bản án số 123/2026/DS-PT của Tòa án nhân dân Thành phố Hồ Chí Minh', copies: 1, kind: 'copy' },
    { name: 'Căn cước công dân của người yêu cầu', copies: 2, kind: 'copy' },
  ],
  receivedAt: '2026-11-30T09:15:00+07:00',
  resultDueAt: '2026-12-07T09:15:00+07:00',
  resultCollection: 'at-desk',
  officer: { name: 'Trần Thị Hồng Nhung' },
  workingDays: 5,
  resultExplanation: procedure.resultExplanation,
  legalBasis: 'Điều 36 Luật Thi hành án dân sự năm 2008 (sửa đổi, bổ sung năm 2014, 2022) về ra quyết định thi hành án theo yêu cầu',
};

/** The usual slip, rendered once for the tests that only read it. */
let usualRendering: Promise<{ text: string; pages: number }> | undefined;
const rendered = () => (usualRendering ??= receiptSlipPdf(slip).then(pdfText));

describe('the receipt and appointment slip (form 01)', () => {
  it('has the national name and motto, the agency and office, and the place and date of receipt', async () => {
    // Prepare, Act
    const { text } = await rendered();

    // Assess
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('THI HÀNH ÁN DÂN SỰ THÀNH PHỐ HỒ CHÍ MINH');
    expect(text).toContain('PHÒNG THI HÀNH ÁN DÂN SỰ KHU VỰC 1 - THÀNH PHỐ HỒ CHÍ MINH');
    expect(text).toContain('BỘ PHẬN MỘT CỬA');
    expect(text).toContain('Thành phố Hồ Chí Minh, ngày 30 tháng 11 năm 2026');
  });

  it('is titled as form 01 and carries the case id as the file code', async () => {
    // Prepare, Act
    const { text } = await rendered();

    // Assess
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ Mã hồ sơ: HCMKV1-2026-000001');
  });

  it('names who submitted the file, what was asked, and each document with its form and count', async () => {
    // Prepare, Act
    const { text } = await rendered();

    // Assess
    expect(text).toContain('Tiếp nhận hồ sơ của: Nguyễn Văn An');
    expect(text).toContain('Địa chỉ: Số 45 đường Lê Lợi, phường Bến Thành, Thành phố Hồ Chí Minh');
    expect(text).toContain('Số điện thoại: 0903 123 456');
    expect(text).toContain('Nội dung yêu cầu giải quyết: Quyết định thi hành án theo yêu cầu');
    expect(text).toContain('1 Đơn yêu cầu thi hành án Bản chính 01');
    expect(text).toContain('2 Bản án số 123/2026/DS-PT của Tòa án nhân dân Thành phố Hồ Chí Minh Bản sao 01');
    expect(text).toContain('3 Căn cước công dân của người yêu cầu Bản sao 02');
  });

  it('states the time of receipt and the date the decision is due, in Vietnam time', async () => {
    // Prepare: the due instant given in UTC (02:15Z is 09:15 in Vietnam)
    const { text } = await pdfText(await receiptSlipPdf({ ...slip, resultDueAt: '2026-12-07T02:15:00Z' }));

    // Assess
    expect(text).toContain('3. Thời gian giải quyết hồ sơ theo quy định là: 05 ngày làm việc');
    expect(text).toContain('- Thời gian giải quyết theo Điều 36 Luật Thi hành án dân sự năm 2008 (sửa đổi, bổ sung năm 2014, 2022) về ra quyết định thi hành án theo yêu cầu.');
    expect(text).toContain('4. Thời gian nhận hồ sơ: 09 giờ 15 phút, ngày 30 tháng 11 năm 2026');
    expect(text).toContain('5. Thời gian trả kết quả giải quyết hồ sơ: 09 giờ 15 phút, ngày 07 tháng 12 năm 2026');
  });

  it('numbers the items without a gap when the agency publishes no time limit', async () => {
    // Prepare
    const { workingDays: _omitted, ...withoutLimit } = slip;

    // Act
    const { text } = await pdfText(await receiptSlipPdf(withoutLimit));

    // Assess
    expect(text).not.toContain('Thời gian giải quyết hồ sơ theo quy định');
    expect(text).toContain('3. Thời gian nhận hồ sơ:');
    expect(text).toContain('5. Đăng ký nhận kết quả tại:');
  });

  it('records a choice to collect the decision at the desk', async () => {
    // Prepare, Act
    const { text } = await rendered();

    // Assess
    expect(text).toContain('6. Đăng ký nhận kết quả tại: Bộ phận một cửa - Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh, Số 10 đường Nguyễn Huệ, phường Sài Gòn, Thành phố Hồ Chí Minh');
  });

  it('records a choice to receive it by post, at the registered address', async () => {
    // Prepare, Act
    const { text } = await pdfText(await receiptSlipPdf({ ...slip, resultCollection: 'by-post', postalAddress: 'Ấp Phú Hòa, xã Tân Thành, tỉnh Cà Mau' }));

    // Assess
    expect(text).toContain('6. Đăng ký nhận kết quả tại: địa chỉ của người nộp hồ sơ, qua dịch vụ bưu chính: Ấp Phú Hòa, xã Tân Thành, tỉnh Cà Mau');
  });

  it('says that the result is an enforcement decision, not the money of the judgment', async () => {
    // Prepare, Act
    const { text } = await rendered();

    // Assess
    expect(text).toContain(`Lưu ý: ${procedure.resultExplanation}`);
  });

  it('is signed by the submitter and the receiving officer, by name', async () => {
    // Prepare, Act
    const { text } = await pdfText(await receiptSlipPdf({ ...slip, register: { book: '03/2026', entry: '157' } }));

    // Assess
    expect(text).toContain('Vào Sổ theo dõi hồ sơ, Quyển số: 03/2026, Số thứ tự: 157');
    expect(text).toContain('NGƯỜI NỘP HỒ SƠ (Ký và ghi rõ họ tên) Nguyễn Văn An');
    expect(text).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ (Ký và ghi rõ họ tên) Trần Thị Hồng Nhung');
  });

  it('fits on one page for a usual file, and carries a long list onto the next page', async () => {
    // Prepare
    const many = Array.from({ length: 30 }, (_, i) => ({ name: `Ảnh chụp trang ${i + 1} của bản án`, copies: 1, kind: 'copy' as const }));

    // Act
    const usual = await rendered();
    const long = await pdfText(await receiptSlipPdf({ ...slip, documentsReceived: many }));

    // Assess
    expect(usual.pages).toBe(1);
    expect(long.pages).toBeGreaterThan(1);
    expect(long.text).toContain('30 Ảnh chụp trang 30 của bản án Bản sao 01');
    expect(long.text).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ (Ký và ghi rõ họ tên) Trần Thị Hồng Nhung');
  });

  it('is the same file when rendered twice', async () => {
    // Prepare, Act
    const [first, second] = await Promise.all([receiptSlipPdf(slip), receiptSlipPdf(slip)]);

    // Assess
    expect(first.equals(second)).toBe(true);
  });

  it.each([
    ['lists no document', { documentsReceived: [] }],
    ['counts zero copies', { documentsReceived: [{ name: 'Đơn yêu cầu', copies: 0, kind: 'original' as const }] }],
    ['is due before it is received', { resultDueAt: '2026-11-29T09:15:00+07:00' }],
    ['is to be posted with no address', { resultCollection: 'by-post' as const }],
    ['names no officer', { officer: { name: ' ' } }],
  ])('refuses a slip that %s', async (_story, change) => {
    // Prepare, Act, Assess
    await expect(receiptSlipPdf({ ...slip, ...change })).rejects.toThrow(InvalidReceiptSlip);
  });
});
