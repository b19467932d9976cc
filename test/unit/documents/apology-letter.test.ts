import { describe, expect, it } from 'vitest';
import { apologyLetterPdf, InvalidApology, type ApologyLetterInput } from '../../../shared/documents/apology-letter';
import { officialDate, officialDateTime } from '../../../shared/documents/letterhead';
import { AGENCY_NAME, CASE_ID, kv1, pdfText } from './lifecycle-fixtures';

const letter: ApologyLetterInput = {
  caseId: CASE_ID,
  office: kv1,
  agencyName: AGENCY_NAME,
  requester: { name: 'Nguyễn Văn An', address: 'Số 45 đường Lê Lợi, phường Bến Thành, Thành phố Hồ Chí Minh' },
  procedureName: 'Quyết định thi hành án theo yêu cầu',
  receivedAt: '2026-11-30T09:15:00+07:00',
  originalDueAt: '2026-12-07T09:15:00+07:00',
  newDueAt: '2026-12-10T16:00:00+07:00',
  reason: 'Cần xác minh thêm nội dung bản án với Tòa án nhân dân Thành phố Hồ Chí Minh',
  issuedAt: '2026-12-07T08:00:00+07:00',
  number: '12/PXL-THADS',
  signer: { title: 'Trưởng phòng', name: 'Lê Văn Minh' },
  timing: 'after-breach',
};

/** The usual letter, rendered once for the tests that only read it. */
let usualRendering: Promise<{ text: string; pages: number }> | undefined;
const rendered = () => (usualRendering ??= apologyLetterPdf(letter).then(pdfText));

describe('the apology and request for an extension (form 04)', () => {
  it('has the national name and motto, the office, its number, and the place and date of the letter', async () => {
    // Prepare, Act
    const { text } = await rendered();

    // Assess
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('PHÒNG THI HÀNH ÁN DÂN SỰ KHU VỰC 1 - THÀNH PHỐ HỒ CHÍ MINH');
    expect(text).toContain('Số: 12/PXL-THADS');
    expect(text).toContain('Thành phố Hồ Chí Minh, ngày 07 tháng 12 năm 2026');
  });

  it('is addressed to the requester by name and address', async () => {
    // Prepare, Act
    const { text } = await rendered();

    // Assess
    expect(text).toContain('VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT Kính gửi: Ông/Bà Nguyễn Văn An (Địa chỉ: Số 45 đường Lê Lợi, phường Bến Thành, Thành phố Hồ Chí Minh)');
  });

  it('recalls the file received, its code and the date first promised', async () => {
    // Prepare, Act
    const { text } = await rendered();

    // Assess
    expect(text).toContain(
      'Ngày 30 tháng 11 năm 2026, Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh tiếp nhận hồ sơ đề nghị giải quyết thủ tục “Quyết định thi hành án theo yêu cầu” của Ông/Bà Nguyễn Văn An.',
    );
    expect(text).toContain('Mã hồ sơ: HCMKV1-2026-000001.');
    expect(text).toContain('Thời hẹn trả kết quả giải quyết hồ sơ: 09 giờ 15 phút, ngày 07 tháng 12 năm 2026.');
  });

  it('says the result is late, why, apologises and gives the new date', async () => {
    // Prepare, Act
    const { text } = await rendered();

    // Assess
    expect(text).toContain('chưa trả kết quả giải quyết hồ sơ của Ông/Bà Nguyễn Văn An đúng hẹn ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.');
    expect(text).toContain('Lý do: Cần xác minh thêm nội dung bản án với Tòa án nhân dân Thành phố Hồ Chí Minh.');
    expect(text).toContain('xin lỗi Ông/Bà Nguyễn Văn An vì sự chậm trễ này và đề nghị Ông/Bà Nguyễn Văn An gia hạn thời gian giải quyết hồ sơ đến 16 giờ 00 phút, ngày 10 tháng 12 năm 2026.');
    expect(text).toContain('Xin trân trọng cảm ơn sự hợp tác của Ông/Bà Nguyễn Văn An./.');
  });

  it('is signed for the office by its head', async () => {
    // Prepare, Act
    const { text } = await rendered();

    // Assess
    expect(text).toContain('TRƯỞNG PHÒNG (Ký, ghi rõ họ tên và đóng dấu) Lê Văn Minh');
    expect(text).toContain('Nơi nhận: - Ông/Bà Nguyễn Văn An; - Lưu: VT, Bộ phận một cửa.');
  });

  it.each([
    ['a new date no later than the first', { newDueAt: letter.originalDueAt }],
    ['no reason', { reason: '  ' }],
    ['no signer', { signer: { title: 'Trưởng phòng', name: '' } }],
  ])('refuses a letter with %s', async (_story, change) => {
    // Prepare, Act, Assess
    await expect(apologyLetterPdf({ ...letter, ...change })).rejects.toThrow(InvalidApology);
  });
});

describe('official dates', () => {
  it.each([
    ['a day under 10 and a month after February', '2026-03-05T10:00:00+07:00', 'ngày 05 tháng 3 năm 2026'],
    ['January and February, with a zero', '2026-02-14T10:00:00+07:00', 'ngày 14 tháng 02 năm 2026'],
    ['a late evening in UTC, on the next Vietnamese day', '2026-12-31T17:30:00Z', 'ngày 01 tháng 01 năm 2027'],
  ])('write %s as Vietnamese documents do', (_story, instant, expected) => {
    // Prepare, Act, Assess
    expect(officialDate(instant)).toBe(expected);
  });

  it('give the time of day in hours and minutes, in Vietnam', () => {
    // Prepare, Act, Assess
    expect(officialDateTime('2026-12-07T02:15:00Z')).toBe('09 giờ 15 phút, ngày 07 tháng 12 năm 2026');
  });
});
