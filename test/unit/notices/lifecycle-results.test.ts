import { describe, expect, it } from 'vitest';
import { apologyLetterPdf } from '../../../shared/documents/apology-letter';
import { parseInboundMessage } from '../../../shared/mail/inbound-message';
import { composeRawMessage } from '../../../shared/mail/outbound-message';
import { apologyNotice, type ApologyNoticeFacts } from '../../../shared/notices/apology';
import { appointmentNotice } from '../../../shared/notices/appointment';
import type { Notice } from '../../../shared/notices/common';
import { decisionReleasedNotice, type DecisionReleasedFacts } from '../../../shared/notices/decision';
import { procuracyDispatchNotice } from '../../../shared/notices/procuracy-copy';
import { AGENCY_NAME, MAIL_DOMAIN, bring, caseRecord, decision, kv1, mondayMorning, opaquePdf, pdfText } from '../documents/lifecycle-fixtures';
import { citation, procedure } from '../documents/lifecycle-fixtures';

const released: DecisionReleasedFacts = { caseRecord, procedure, office: kv1, decision, pdf: opaquePdf, collection: { kind: 'at-desk', from: '2026-12-04T13:30:00+07:00' } };

const late = {
  caseRecord,
  office: kv1,
  procedure,
  timing: 'after-breach' as const,
  signer: { title: 'Trưởng phòng', name: 'Lê Văn Minh' },
  receivedAt: '2026-11-30T09:15:00+07:00',
  originalDueAt: '2026-12-07T09:15:00+07:00',
  newDueAt: '2026-12-10T16:00:00+07:00',
  reason: 'Cần xác minh thêm nội dung bản án với Tòa án nhân dân Thành phố Hồ Chí Minh',
};

describe('the release of the decision', () => {
  it('gives the decision’s number, date and signer', () => {
    // Prepare, Act
    const notice = decisionReleasedNotice(released);

    // Assess
    expect(notice.subject).toBe('Đã ban hành Quyết định thi hành án số 15/QĐ-THADS [HCMKV1-2026-000001]');
    expect(notice.text).toContain(
      'Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh đã ban hành Quyết định thi hành án số 15/QĐ-THADS ngày 04/12/2026 giải quyết yêu cầu thi hành án của Ông/Bà (mã hồ sơ HCMKV1-2026-000001). Văn bản do Trưởng phòng Lê Văn Minh ký.',
    );
  });

  it('attaches the decision as a PDF named after its number', () => {
    // Prepare, Act
    const notice = decisionReleasedNotice(released);

    // Assess
    expect(notice.attachments).toEqual([{ filename: 'Quyết định thi hành án số 15-QĐ-THADS.pdf', content: opaquePdf, contentType: 'application/pdf' }]);
    expect(notice.text).toContain('Bản điện tử được đính kèm thư này (tệp Quyết định thi hành án số 15-QĐ-THADS.pdf) để Ông/Bà biết.');
  });

  it('tells a requester who collects at the desk when and where, and that the hand-over is recorded', () => {
    // Prepare, Act
    const notice = decisionReleasedNotice(released);

    // Assess
    expect(notice.text).toContain(
      'Nhận bản chính: tại Bộ phận một cửa - Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh, Số 10 đường Nguyễn Huệ, phường Sài Gòn, Thành phố Hồ Chí Minh, trong giờ làm việc từ 13:30 ngày 04/12/2026.',
    );
    expect(notice.text).toContain('Việc giao kết quả tại Bộ phận một cửa được ghi vào hồ sơ thi hành án, để Chấp hành viên không phải giao lại văn bản này.');
  });

  it('tells a requester who registered an address that the original is posted there', () => {
    // Prepare, Act
    const notice = decisionReleasedNotice({ ...released, collection: { kind: 'by-post', postalAddress: 'Ấp Phú Hòa, xã Tân Thành, tỉnh Cà Mau', postedAt: '2026-12-05T09:00:00+07:00' } });

    // Assess
    expect(notice.text).toContain('Nhận bản chính: qua dịch vụ bưu chính, đến địa chỉ Ông/Bà đã đăng ký: Ấp Phú Hòa, xã Tân Thành, tỉnh Cà Mau (gửi ngày 05/12/2026).');
    expect(notice.text).not.toContain('Nhận bản chính: tại Bộ phận một cửa');
  });

  it('is not sent with an empty PDF', () => {
    // Prepare, Act, Assess
    expect(() => decisionReleasedNotice({ ...released, pdf: Buffer.alloc(0) })).toThrow(RangeError);
  });
});

describe('the apology with a new date, by e-mail', () => {
  const facts: ApologyNoticeFacts = { ...late, pdf: opaquePdf };

  it('carries the content of form 04 in its body, with the dates in Vietnam time', () => {
    // Prepare, Act
    const notice = apologyNotice(facts);

    // Assess
    expect(notice.subject).toBe('Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết [HCMKV1-2026-000001]');
    expect(notice.text).toContain(
      [
        'Ngày 30/11/2026, Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh tiếp nhận hồ sơ đề nghị giải quyết thủ tục “Yêu cầu thi hành án (Quyết định thi hành án theo yêu cầu)” của Ông/Bà Nguyễn Văn An.',
        'Mã hồ sơ: HCMKV1-2026-000001.',
        'Thời hẹn trả kết quả giải quyết hồ sơ: 09:15 ngày 07/12/2026.',
        'Tuy nhiên đến nay, Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh chưa trả kết quả giải quyết hồ sơ của Ông/Bà Nguyễn Văn An đúng hẹn ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.',
        'Lý do: Cần xác minh thêm nội dung bản án với Tòa án nhân dân Thành phố Hồ Chí Minh.',
        'Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh xin lỗi Ông/Bà Nguyễn Văn An vì sự chậm trễ này và đề nghị Ông/Bà Nguyễn Văn An gia hạn thời gian giải quyết hồ sơ đến 16:00 ngày 10/12/2026.',
        'Xin trân trọng cảm ơn sự hợp tác của Ông/Bà Nguyễn Văn An.',
      ].join('\n'),
    );
  });

  it('attaches the signed letter', () => {
    // Prepare, Act
    const notice = apologyNotice(facts);

    // Assess
    expect(notice.attachments).toEqual([{ filename: 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết - HCMKV1-2026-000001.pdf', content: opaquePdf, contentType: 'application/pdf' }]);
  });

  it('refuses a "new" date that is not later than the one promised', () => {
    // Prepare, Act, Assess
    expect(() => apologyNotice({ ...facts, newDueAt: late.originalDueAt })).toThrow(/later than the date first promised/);
  });
});

describe('notices composed for SES with their attachments', () => {
  const compose = (notice: Notice) =>
    composeRawMessage({
      messageId: '<HCMKV1-2026-000001.test@hcm.thads.example>',
      from: { name: kv1.name, address: 'motcua@hcm.thads.example' },
      replyTo: kv1.email,
      to: caseRecord.requester.address!,
      subject: notice.subject,
      text: notice.text,
      autoSubmitted: 'auto-generated',
      attachments: notice.attachments,
      date: new Date('2026-12-04T03:00:00Z'),
    });
  const roundTrip = async (notice: Notice) => parseInboundMessage(await compose(notice));
  /** The bytes of the raw message's only base64 part, decoded without a parser (which reads a calendar file as text). */
  const onlyFileBytes = (raw: Buffer) => Buffer.from(/Content-Transfer-Encoding: base64\r\n\r\n([A-Za-z0-9+/=\r\n]+?)\r\n--/.exec(raw.toString('ascii'))![1]!, 'base64');

  it('keeps the invitation’s name and bytes', async () => {
    // Prepare
    const notice = await appointmentNotice({ caseRecord, procedure, office: kv1, mailDomain: MAIL_DOMAIN, appointment: mondayMorning, bring, issuedAt: '2026-11-24T10:00:00+07:00' });

    // Act
    const parsed = await roundTrip(notice);

    // Assess
    expect(parsed.subject).toBe(notice.subject);
    expect(parsed.text).toBe(notice.text);
    expect(parsed.attachments.map((a) => a.filename)).toEqual(['lich-hen-HCMKV1-2026-000001.ics']);
    expect(parsed.attachments[0]!.contentType).toBe('text/calendar');
    expect(onlyFileBytes(await compose(notice)).equals(notice.attachments![0]!.content)).toBe(true);
  });

  it('keeps the decision’s Vietnamese file name and every byte of the PDF', async () => {
    // Prepare
    const notice = decisionReleasedNotice(released);

    // Act
    const parsed = await roundTrip(notice);

    // Assess
    expect(parsed.attachments).toHaveLength(1);
    expect(parsed.attachments[0]!.filename).toBe('Quyết định thi hành án số 15-QĐ-THADS.pdf');
    expect(parsed.attachments[0]!.content.equals(opaquePdf)).toBe(true);
  });

  it('keeps a real apology letter readable after the trip: Vietnamese text, case id and new date', async () => {
    // Prepare
    const pdf = await apologyLetterPdf({
      ...late,
      procedureName: procedure.name,
      caseId: caseRecord.caseId,
      requester: { name: 'Nguyễn Văn An' },
      agencyName: AGENCY_NAME,
      issuedAt: '2026-12-07T08:00:00+07:00',
      signer: { title: 'Trưởng phòng', name: 'Lê Văn Minh' },
    });
    const notice = apologyNotice({ ...late, pdf });

    // Act
    const parsed = await roundTrip(notice);
    const { text } = await pdfText(parsed.attachments[0]!.content);

    // Assess
    expect(parsed.attachments[0]!.filename).toBe('Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết - HCMKV1-2026-000001.pdf');
    expect(parsed.attachments[0]!.content.equals(pdf)).toBe(true);
    expect(text).toContain('VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT');
    expect(text).toContain('Mã hồ sơ: HCMKV1-2026-000001.');
    expect(text).toContain('gia hạn thời gian giải quyết hồ sơ đến 16 giờ 00 phút, ngày 10 tháng 12 năm 2026.');
  });

  it('keeps the decisions of a dispatch to the procuracy intact, each its own attachment', async () => {
    // Prepare
    const other = Buffer.concat([opaquePdf, Buffer.from([0, 1, 2, 255])]);
    const decisions = [
      { caseId: caseRecord.caseId, procedure, decision, provision: citation('procuracy-copy'), pdf: opaquePdf },
      { caseId: 'HCMKV1-2026-000002', procedure, decision: { ...decision, number: '16/QĐ-THADS' }, provision: citation('procuracy-copy'), pdf: other },
    ];
    const notice = procuracyDispatchNotice({ office: kv1, procuracyName: 'Viện kiểm sát nhân dân khu vực 1 - Thành phố Hồ Chí Minh', decisions, issuedAt: '2026-12-04T16:30:00+07:00' });

    // Act
    const parsed = await roundTrip(notice);

    // Assess
    expect(parsed.subject).toBe('V/v gửi 02 quyết định về thi hành án - Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh - ngày 04/12/2026');
    expect(parsed.attachments.map((a) => a.filename)).toEqual(['HCMKV1-2026-000001 - Quyết định thi hành án số 15-QĐ-THADS.pdf', 'HCMKV1-2026-000002 - Quyết định thi hành án số 16-QĐ-THADS.pdf']);
    expect(parsed.attachments[0]!.content.equals(opaquePdf)).toBe(true);
    expect(parsed.attachments[1]!.content.equals(other)).toBe(true);
  });
});
