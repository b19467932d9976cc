import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../shared/checks/run-checks';
import { procedureCatalog as catalog } from '../../../shared/procedures/default-catalog';
import { message, pdf } from './support';

const likely = (subject: string, text: string, attachments = [] as ReturnType<typeof pdf>[]) =>
  runChecks({ message: message({ subject, text, attachments }), catalog, openCasesOfRequester: [] }).likelyProcedure;

describe('the procedure a message is likely about', () => {
  it('is a complaint when the subject says "khiếu nại", although the text speaks of a request for enforcement', () => {
    // Prepare
    const text =
      'Kính gửi Thủ trưởng Phòng Thi hành án dân sự khu vực 2. Tôi là Võ Văn Tám, trú tại ấp 3, xã Tân Phú. Ngày 02/10/2026 tôi đã nộp đơn yêu cầu thi hành án Bản án số 30/2026/DS-ST ' +
      'nhưng đến nay chưa nhận được quyết định thi hành án. Tôi khiếu nại việc chậm ra quyết định và đề nghị Thủ trưởng xem xét, giải quyết.';

    // Act
    const result = likely('Khiếu nại việc chậm ra quyết định thi hành án', text);

    // Assess
    expect(result.code).toBe('complaint');
    expect(result.confidence).toBe('high');
    expect(result.evidence[0]).toMatch(/^tiêu đề có “Khiếu nại”: Khiếu nại việc chậm ra quyết định/);
  });

  it('is a complaint typed without diacritics', () => {
    // Prepare, Act
    const result = likely('khieu nai chap hanh vien', 'Toi khieu nai chap hanh vien Nguyen Van C vi khong giao quyet dinh cho toi.');

    // Assess
    expect(result.code).toBe('complaint');
  });

  it('is a denunciation when an officer is accused', () => {
    // Prepare, Act
    const result = likely('Đơn tố cáo cán bộ thi hành án', 'Tôi tố cáo ông Nguyễn Văn D, chấp hành viên, đã nhận tiền của người phải thi hành án.');

    // Assess
    expect(result.code).toBe('denunciation');
  });

  it('tells the reduction of the enforcement fee from the reduction of coercion costs', () => {
    // Prepare, Act
    const fee = likely('Đơn đề nghị miễn, giảm phí thi hành án', 'Gia đình tôi thuộc hộ nghèo.');
    const coercion = likely('Đề nghị miễn giảm chi phí cưỡng chế', 'Tôi là người phải thi hành án, hoàn cảnh khó khăn.');

    // Assess
    expect([fee.code, fee.confidence]).toEqual(['fee-reduction', 'high']);
    expect([coercion.code, coercion.confidence]).toEqual(['coercion-cost-reduction', 'high']);
  });

  it('recognises a confirmation of the result and a change of enforcement officer', () => {
    // Prepare, Act, Assess
    expect(likely('Xin xác nhận kết quả thi hành án', 'Tôi đã nộp đủ tiền theo bản án.').code).toBe('result-confirmation');
    expect(likely('Đơn yêu cầu thay đổi Chấp hành viên', 'Chấp hành viên là người thân của bên phải thi hành án.').code).toBe('officer-change');
  });

  it('finds the procedure in a file name when subject and text say nothing', () => {
    // Prepare, Act
    const result = likely('Gửi hồ sơ', 'Em gửi hồ sơ ạ.', [pdf('Don de nghi mien giam phi thi hanh an.pdf')]);

    // Assess
    expect([result.code, result.confidence]).toEqual(['fee-reduction', 'medium']);
  });

  it('keeps a request for enforcement whose text mentions a complaint in passing, with medium confidence and the rival named', () => {
    // Prepare, Act
    const result = likely('Đơn yêu cầu thi hành án', 'Tôi yêu cầu thi hành Bản án số 12/2026/DS-ST. Nếu không được giải quyết, tôi sẽ khiếu nại.');

    // Assess
    expect([result.code, result.confidence]).toEqual(['enforcement-request', 'medium']);
    expect(result.evidence.at(-1)).toContain('cũng có dấu hiệu của “Khiếu nại về thi hành án dân sự (hướng dẫn trực tuyến)”');
  });

  it('falls back to a request for enforcement, with low confidence, when nothing names a procedure', () => {
    // Prepare, Act
    const result = likely('Kính gửi quý cơ quan', 'Nhờ anh chị xem giúp hồ sơ của tôi.');

    // Assess
    expect(result).toEqual({
      code: 'enforcement-request',
      confidence: 'low',
      evidence: ['không thấy từ khóa của thủ tục nào; mặc định là “Yêu cầu thi hành án (Quyết định thi hành án theo yêu cầu)”'],
    });
  });

  it('does not read the words of a quoted earlier message', () => {
    // Prepare
    const reply = ['Tôi xin bổ sung số điện thoại: 0903 654 321.', '', '> Khiếu nại, tố cáo: xem hướng dẫn tại trang của cơ quan.'].join('\n');

    // Act
    const result = likely('Re: Đơn yêu cầu thi hành án', reply);

    // Assess
    expect([result.code, result.confidence]).toEqual(['enforcement-request', 'high']);
  });
});
