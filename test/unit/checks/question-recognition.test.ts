import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../shared/checks/run-checks';
import { procedureCatalog as catalog } from '../../../shared/procedures/default-catalog';
import { COMPLETE_REQUEST, message, pdf } from './support';

const likely = (subject: string, text: string, attachments = [] as ReturnType<typeof pdf>[]) =>
  runChecks({ message: message({ subject, text, attachments }), catalog, openCasesOfRequester: [] }).likelyProcedure;

describe('a general question or feedback (hỏi đáp, phản ánh, kiến nghị)', () => {
  it('is a question when the subject asks, although the text names the request it asks about', () => {
    // Prepare
    const text = [
      'Kính gửi Phòng Thi hành án dân sự khu vực 1,',
      '',
      'Tôi có bản án ly hôn của Tòa án nhân dân Quận 3 xử năm 2024, chồng cũ của tôi chưa trả tiền cấp dưỡng nuôi con.',
      'Tôi muốn yêu cầu thi hành án thì cần chuẩn bị những giấy tờ gì ạ? Tôi có phải đến trực tiếp không?',
      '',
      'Xin cảm ơn anh chị.',
      'Trần Thị Mai',
    ].join('\n');

    // Act
    const result = likely('Hỏi về thủ tục yêu cầu thi hành án', text);

    // Assess
    expect(result.code).toBe('question');
    expect(result.evidence[0]).toMatch(/^tiêu đề có “Hỏi về”/);
    expect(result.evidence.join('\n')).toContain('cũng có dấu hiệu của “Yêu cầu thi hành án');
  });

  it('is a question typed without diacritics, subject and text', () => {
    // Prepare, Act
    const result = likely('xin hoi thu tuc', 'Chao anh chi, cho em hoi muon yeu cau thi hanh an ban an tranh chap dat dai thi nop o dau a? Em cam on.');

    // Assess
    expect(result.code).toBe('question');
  });

  it('is feedback when a citizen reports how the desk treated them', () => {
    // Prepare
    const text =
      'Ngày 25/11/2026 tôi đến Bộ phận một cửa để nộp hồ sơ nhưng phải chờ hơn 2 giờ mà không có ai hướng dẫn. ' +
      'Tôi đề nghị cơ quan bố trí thêm người tiếp dân vào buổi sáng.';

    // Act
    const result = likely('Phản ánh về việc tiếp dân tại Bộ phận một cửa', text);

    // Assess
    expect([result.code, result.confidence]).toEqual(['question', 'high']);
  });

  it('is a question when the subject says nothing and the text only asks, with medium confidence', () => {
    // Prepare
    const text = 'Dạ em chào anh chị. Bản án của em có hiệu lực từ năm 2020, giờ em yêu cầu thi hành án thì còn được không ạ? Nếu được thì nộp đơn ở đâu?';

    // Act
    const result = likely('Kính gửi quý cơ quan', text);

    // Assess
    expect([result.code, result.confidence]).toEqual(['question', 'medium']);
  });

  it('ignores the question quoted from an earlier message: the writer requests', () => {
    // Prepare: the writer forwards their own earlier question below the request they now send.
    const text = [
      'Tôi làm đơn này yêu cầu thi hành Bản án số 45/2026/DS-ST ngày 02/10/2026, buộc ông Lâm Văn Sơn trả tôi 80.000.000 đồng.',
      '',
      'Vào Th 2, 23 thg 11, 2026 lúc 09:12 Nguyễn Văn Hải <hai.nv@gmail.com> đã viết:',
      '> Xin hỏi thủ tục yêu cầu thi hành án như thế nào ạ?',
    ].join('\n');

    // Act
    const result = likely('Gửi Phòng Thi hành án', text);

    // Assess
    expect(result.code).toBe('enforcement-request');
  });
});

describe('a request that asks something is not a question', () => {
  it('keeps a complete request for enforcement that ends with a question mark', () => {
    // Prepare
    const text = `${COMPLETE_REQUEST}\n\nXin hỏi khi nào tôi được hẹn đến nộp bản chính? Tôi có cần mang theo bản án gốc không?`;

    // Act
    const result = likely('Đơn yêu cầu thi hành án', text, [pdf('Ban an 12-2026-DS-ST.pdf')]);

    // Assess
    expect(result.code).toBe('enforcement-request');
  });

  it('keeps a request whose subject says nothing, when the text requests before it asks', () => {
    // Prepare
    const text =
      'Kính gửi Chi cục. Tôi tên là Phạm Văn Đức, trú tại xã Bình Hưng. Tôi làm đơn yêu cầu thi hành án đối với Bản án số 30/2026/DS-ST. ' +
      'Vì sao đến nay ông Tùng vẫn chưa trả tiền cho tôi? Cho tôi hỏi bao giờ có quyết định?';

    // Act
    const result = likely('Gửi cơ quan thi hành án', text);

    // Assess
    expect(result.code).toBe('enforcement-request');
  });

  it('keeps a request typed without diacritics that asks a question', () => {
    // Prepare, Act
    const result = likely('Don yeu cau thi hanh an', 'Toi yeu cau thi hanh ban an so 7/2026/DS-ST. Cho toi hoi phi thi hanh an la bao nhieu?');

    // Assess
    expect(result.code).toBe('enforcement-request');
  });

  it('keeps a complaint that calls itself a "kiến nghị" too', () => {
    // Prepare, Act
    const inSubject = likely('Phản ánh, khiếu nại việc chấp hành viên không giao quyết định', 'Tôi khiếu nại chấp hành viên Nguyễn Văn C vì không giao quyết định cho tôi.');
    const inText = likely(
      'Kính gửi Thủ trưởng',
      'Tôi khiếu nại quyết định cưỡng chế ngày 10/11/2026 vì không đúng pháp luật. Tôi kiến nghị Thủ trưởng xem xét lại. Vì sao cơ quan không thông báo trước cho tôi?',
    );

    // Assess
    expect(inSubject.code).toBe('complaint');
    expect(inText.code).toBe('complaint');
  });

  it('keeps the procedure the subject names first: "Đơn đề nghị xác nhận kết quả thi hành án - xin hỏi thêm"', () => {
    // Prepare, Act
    const result = likely('Đơn đề nghị xác nhận kết quả thi hành án - xin hỏi thêm', 'Tôi đã nộp đủ tiền theo bản án. Xin hỏi bao lâu thì có văn bản xác nhận?');

    // Assess
    expect(result.code).toBe('result-confirmation');
  });

  it('does not take "hội" for "hỏi": a message of the Bar association is no question', () => {
    // Prepare, Act
    const result = likely('Hội Luật gia gửi đơn yêu cầu thi hành án', 'Hội Luật gia phường gửi đơn yêu cầu thi hành án thay cho bà Lê Thị Hoa, kèm bản án.');

    // Assess
    expect(result.code).toBe('enforcement-request');
  });
});

describe('the checklist of a question', () => {
  it('finds the question itself and asks for no form', () => {
    // Prepare, Act
    const checklist = runChecks({ message: message({ subject: 'Thắc mắc về phí thi hành án', text: 'Cho tôi hỏi phí thi hành án được tính thế nào ạ?' }), catalog, openCasesOfRequester: [] });

    // Assess
    expect(checklist.checkedProcedure).toBe('question');
    expect(checklist.items.find((i) => i.id === 'question-content')?.status).toBe('found');
  });
});
