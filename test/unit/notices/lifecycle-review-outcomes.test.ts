import { describe, expect, it } from 'vitest';
import { closingNotice, type ClosingFacts } from '../../../shared/notices/closing';
import { complaintGuidanceNotice } from '../../../shared/notices/complaint-guidance';
import { resultNote } from '../../../shared/notices/common';
import { guidanceNotice, type GuidanceFacts } from '../../../shared/notices/guidance';
import { referralNotice } from '../../../shared/notices/referral';
import { refusalNotice, type RefusalFacts } from '../../../shared/notices/refusal';
import { CASE_ID, caseRecord, kv1, kv2, mondayMorning, opaquePdf, provincial, thursdayMorning } from '../documents/lifecycle-fixtures';
import { citation, procedure, procedureOf } from '../documents/lifecycle-fixtures';

const complaint = procedureOf('complaint');

/** The lines of a section: from its heading to the next blank line. */
function section(text: string, heading: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(heading);
  expect(start, `the notice has a section "${heading}"`).toBeGreaterThanOrEqual(0);
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

describe('the guidance asking for what is missing', () => {
  const facts: GuidanceFacts = {
    caseRecord,
    procedure,
    office: kv1,
    missingItems: ['Ảnh chụp rõ nét trang 3 của Bản án số 123/2026/DS-PT (có chữ ký và dấu của Tòa án)', 'Đơn yêu cầu thi hành án có chữ ký của Ông/Bà'],
    replyBy: '2026-12-01T16:30:00+07:00',
  };

  it('is titled as a request to complete the file, tagged with the case id', () => {
    // Prepare, Act
    const notice = guidanceNotice(facts);

    // Assess
    expect(notice.subject).toBe('Đề nghị bổ sung hồ sơ yêu cầu thi hành án [HCMKV1-2026-000001]');
  });

  it('lists exactly the missing items it is given, in order, and nothing else', () => {
    // Prepare, Act
    const notice = guidanceNotice(facts);

    // Assess
    const lines = notice.text.split('\n');
    const intro = lines.findIndex((l) => l.endsWith('hồ sơ cần bổ sung những giấy tờ, thông tin sau:'));
    expect(lines.slice(intro + 1, intro + 4)).toEqual([
      '  1. Ảnh chụp rõ nét trang 3 của Bản án số 123/2026/DS-PT (có chữ ký và dấu của Tòa án)',
      '  2. Đơn yêu cầu thi hành án có chữ ký của Ông/Bà',
      '',
    ]);
    expect(notice.text.match(/^ {2}\d+\. /gm)).toHaveLength(2);
  });

  it('says how to reply: answer this e-mail keeping the tag, with photos or scans', () => {
    // Prepare, Act
    const how = section(guidanceNotice(facts).text, 'Cách bổ sung:');

    // Assess
    expect(how).toEqual([
      '  - Trả lời thư này và giữ nguyên mã hồ sơ [HCMKV1-2026-000001] trong tiêu đề thư.',
      '  - Đính kèm ảnh chụp hoặc bản quét các giấy tờ nêu trên. Ảnh chụp bằng điện thoại được chấp nhận nếu đọc rõ toàn bộ nội dung; không cần gửi lại các giấy tờ Ông/Bà đã gửi trước đó.',
    ]);
  });

  it('gives the reply deadline in Vietnam time, even when it is stored in UTC', () => {
    // Prepare: 09:30Z is 16:30 in Vietnam
    const notice = guidanceNotice({ ...facts, replyBy: '2026-12-01T09:30:00Z' });

    // Act, Assess
    expect(notice.text).toContain('Thời hạn bổ sung: chậm nhất vào 16:30 ngày 01/12/2026.');
  });

  it('says the agency’s clock is paused meanwhile, and what happens without a reply', () => {
    // Prepare, Act
    const notice = guidanceNotice(facts);

    // Assess
    expect(notice.text).toContain('Trong thời gian chờ Ông/Bà bổ sung, thời hạn giải quyết của cơ quan thi hành án tạm dừng và được tính tiếp từ khi chúng tôi nhận được thư bổ sung của Ông/Bà.');
    expect(notice.text).toContain('Nếu đến thời hạn trên chúng tôi chưa nhận được thư bổ sung, hồ sơ trực tuyến này sẽ được đóng');
    expect(notice.text).toContain('Việc đóng hồ sơ trực tuyến không làm mất quyền yêu cầu thi hành án');
  });

  it('passes on the officer’s note when there is one', () => {
    // Prepare, Act
    const notice = guidanceNotice({ ...facts, officerNote: 'Xin chụp cả trang cuối có dấu đỏ.' });

    // Assess
    expect(notice.text).toContain('Ghi chú của công chức tiếp nhận: Xin chụp cả trang cuối có dấu đỏ.');
    expect(guidanceNotice(facts).text).not.toContain('Ghi chú của công chức');
  });

  it('refuses to ask for nothing', () => {
    // Prepare, Act, Assess
    expect(() => guidanceNotice({ ...facts, missingItems: ['  '] })).toThrow(RangeError);
  });
});

describe('the refusal', () => {
  const facts: RefusalFacts = {
    caseRecord,
    procedure,
    refusalProvision: citation('refusal'),
    complaintOffice: provincial,
    office: kv1,
    reason: 'Ông/Bà không phải là đương sự trong Bản án số 123/2026/DS-PT và không có giấy ủy quyền của đương sự',
    legalBasis: 'Điều 7 và Điều 31 Luật Thi hành án dân sự',
  };

  it('states the reason and the legal basis', () => {
    // Prepare, Act
    const notice = refusalNotice(facts);

    // Assess
    expect(notice.subject).toBe('Thông báo từ chối tiếp nhận yêu cầu thi hành án [HCMKV1-2026-000001]');
    expect(notice.text).toContain('Sau khi kiểm tra, Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh từ chối tiếp nhận yêu cầu thi hành án của Ông/Bà (mã hồ sơ HCMKV1-2026-000001; thủ tục: Yêu cầu thi hành án (Quyết định thi hành án theo yêu cầu)).');
    expect(notice.text).toContain('Lý do: Ông/Bà không phải là đương sự trong Bản án số 123/2026/DS-PT và không có giấy ủy quyền của đương sự.');
    expect(notice.text).toContain('Căn cứ pháp lý: Luật Thi hành án dân sự số 106/2025/QH15, quy định về từ chối yêu cầu thi hành án; Điều 7 và Điều 31 Luật Thi hành án dân sự.');
  });

  it('tells the requester of the right to complain, to the head of the office one level up', () => {
    // Prepare, Act
    const rights = section(refusalNotice(facts).text, 'Quyền khiếu nại:');

    // Assess
    expect(rights[0]).toBe(
      '  Nếu không đồng ý với việc từ chối này, Ông/Bà có quyền khiếu nại theo quy định của pháp luật về thi hành án dân sự. Đơn khiếu nại gửi Thủ trưởng cơ quan thi hành án dân sự cấp trên trực tiếp: Trưởng Thi hành án dân sự Thành phố Trần Quốc Hùng, Thi hành án dân sự Thành phố Hồ Chí Minh, Số 1 đường Lý Tự Trọng, phường Sài Gòn, Thành phố Hồ Chí Minh, thư điện tử motcua@hcm.thads.example. Xin ghi rõ mã hồ sơ [HCMKV1-2026-000001] trên đơn.',
    );
  });

  it('attaches the signed refusal letter when the office sends one', () => {
    // Prepare
    const letter = { filename: 'Văn bản từ chối HCMKV1-2026-000001.pdf', content: opaquePdf, contentType: 'application/pdf' };

    // Act
    const withLetter = refusalNotice({ ...facts, letter });
    const without = refusalNotice(facts);

    // Assess
    expect(withLetter.attachments).toEqual([letter]);
    expect(withLetter.text).toContain('được đính kèm thư này (Văn bản từ chối HCMKV1-2026-000001.pdf).');
    expect(without.attachments).toBeUndefined();
  });

  it('is not sent without a legal basis', () => {
    // Prepare, Act, Assess
    expect(() => refusalNotice({ ...facts, legalBasis: '' })).toThrow(RangeError);
  });
});

describe('the referral to the competent office', () => {
  it('names the competent office from the directory, with its address, mailbox and phone', () => {
    // Prepare, Act
    const notice = referralNotice({ caseRecord, procedure, competenceProvision: citation('competence'), office: kv1, competentOffice: kv2, reason: 'người phải thi hành án cư trú tại phường Thủ Đức' });

    // Assess
    expect(notice.subject).toBe('Hướng dẫn gửi yêu cầu thi hành án đến cơ quan có thẩm quyền [HCMKV1-2026-000001]');
    expect(notice.text).toContain(
      'không thuộc thẩm quyền giải quyết của Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh (người phải thi hành án cư trú tại phường Thủ Đức).',
    );
    expect(notice.text).toContain(
      [
        'Cơ quan có thẩm quyền giải quyết yêu cầu của Ông/Bà là:',
        '  Phòng Thi hành án dân sự khu vực 2 - Thành phố Hồ Chí Minh',
        '  Địa chỉ: Số 20 đường Võ Văn Ngân, phường Thủ Đức, Thành phố Hồ Chí Minh',
        '  Thư điện tử: kv2@hcm.thads.example',
        '  Điện thoại: 028 3822 0202',
      ].join('\n'),
    );
  });

  it('says what to do next: send the request and the documents to that office', () => {
    // Prepare, Act
    const notice = referralNotice({ caseRecord, procedure, competenceProvision: citation('competence'), office: kv1, competentOffice: provincial });

    // Assess
    expect(notice.text).toContain('Bước tiếp theo: xin Ông/Bà gửi yêu cầu thi hành án, kèm bản án, quyết định và các giấy tờ đã gửi cho chúng tôi, đến địa chỉ thư điện tử motcua@hcm.thads.example');
    expect(notice.text).toContain('không thuộc thẩm quyền giải quyết của Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh.');
  });

  it('cannot refer a request to the office that received it', () => {
    // Prepare, Act, Assess
    expect(() => referralNotice({ caseRecord, procedure, competenceProvision: citation('competence'), office: kv1, competentOffice: kv1 })).toThrow(RangeError);
  });
});

describe('the closing of an online file', () => {
  const base = { caseRecord, procedure, office: kv1, closedAt: '2026-12-02T08:00:00+07:00' };

  it.each<[string, ClosingFacts['reason'], string]>([
    [
      'no reply came in time',
      { kind: 'no-reply', guidanceSentAt: '2026-11-24T10:00:00+07:00', replyDueAt: '2026-12-01T16:30:00+07:00' },
      'Ngày 24/11/2026, chúng tôi đã đề nghị Ông/Bà bổ sung hồ sơ, với thời hạn bổ sung đến 16:30 ngày 01/12/2026. Đến hết thời hạn này, chúng tôi chưa nhận được thư bổ sung của Ông/Bà.',
    ],
    [
      'the requester missed the appointment twice',
      { kind: 'missed-appointments', missed: [mondayMorning, thursdayMorning] },
      'Ông/Bà đã không đến theo các lịch hẹn nộp hồ sơ bản chính:\n  - buổi sáng Thứ Hai, từ 08:00 đến 11:30 ngày 30/11/2026\n  - buổi sáng Thứ Năm, từ 08:00 đến 11:30 ngày 03/12/2026',
    ],
    ['the request was withdrawn', { kind: 'withdrawn', withdrawnAt: '2026-11-25T09:00:00+07:00' }, 'Ngày 25/11/2026, Ông/Bà đã đề nghị rút yêu cầu thi hành án.'],
  ])('says why it is closed when %s', (_story, reason, why) => {
    // Prepare, Act
    const notice = closingNotice({ ...base, reason });

    // Assess
    expect(notice.subject).toBe('Thông báo kết thúc xử lý hồ sơ trực tuyến [HCMKV1-2026-000001]');
    expect(notice.text).toContain(why);
    expect(notice.text).toContain('Vì vậy, Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh kết thúc xử lý hồ sơ trực tuyến mã HCMKV1-2026-000001 từ 08:00 ngày 02/12/2026.');
  });

  it('tells the requester the right to enforcement is kept, and how to ask again', () => {
    // Prepare, Act
    const notice = closingNotice({ ...base, reason: { kind: 'withdrawn', withdrawnAt: '2026-11-25T09:00:00+07:00' } });

    // Assess
    expect(section(notice.text, 'Ông/Bà có thể:')).toEqual([
      '  - Gửi yêu cầu thi hành án mới qua thư điện tử kv1@hcm.thads.example hoặc nộp trực tiếp tại Số 10 đường Nguyễn Huệ, phường Sài Gòn, Thành phố Hồ Chí Minh, trong thời hiệu yêu cầu thi hành án theo quy định của pháp luật. Việc đóng hồ sơ trực tuyến không làm mất quyền yêu cầu thi hành án của Ông/Bà.',
      '  - Nếu Ông/Bà không đề nghị rút yêu cầu thi hành án, xin trả lời ngay thư này và giữ nguyên mã hồ sơ [HCMKV1-2026-000001] trong tiêu đề thư.',
    ]);
  });

  it('invites a requester whose reply went astray to answer this e-mail', () => {
    // Prepare, Act
    const notice = closingNotice({ ...base, reason: { kind: 'no-reply', guidanceSentAt: '2026-11-24T10:00:00+07:00', replyDueAt: '2026-12-01T16:30:00+07:00' } });

    // Assess
    expect(notice.text).toContain('  - Nếu Ông/Bà đã gửi thư bổ sung mà chưa được ghi nhận, xin trả lời thư này và giữ nguyên mã hồ sơ [HCMKV1-2026-000001] trong tiêu đề thư.');
  });
});

describe('the guidance on complaints and denunciations', () => {
  it('explains how complaints and denunciations are handled and the registration time the agency publishes', () => {
    // Prepare, Act
    const notice = complaintGuidanceNotice({ caseRecord, procedure: complaint, office: kv1, registrationWorkingDays: 5 });

    // Assess
    expect(notice.subject).toBe('Hướng dẫn gửi đơn khiếu nại về thi hành án dân sự [HCMKV1-2026-000001]');
    expect(notice.text).toContain('  - Khiếu nại: người có quyền, lợi ích hợp pháp bị xâm phạm bởi quyết định, hành vi của Thủ trưởng cơ quan thi hành án dân sự hoặc Chấp hành viên có quyền khiếu nại theo quy định của pháp luật về thi hành án dân sự.');
    expect(notice.text).toContain('  - Trong thời hạn 05 ngày làm việc kể từ ngày nhận được đơn, người có thẩm quyền xem xét việc thụ lý đơn để giải quyết và thông báo việc thụ lý hoặc không thụ lý cho người gửi đơn.');
  });

  it('takes the registration time as data: a new law changes a number, not the code', () => {
    // Prepare, Act
    const notice = complaintGuidanceNotice({ caseRecord, procedure: complaint, office: kv1, registrationWorkingDays: 7 });

    // Assess
    expect(notice.text).toContain('Trong thời hạn 07 ngày làm việc kể từ ngày nhận được đơn');
  });

  it('says where to send the signed original, and to quote the case id to track it', () => {
    // Prepare, Act
    const notice = complaintGuidanceNotice({ caseRecord, procedure: complaint, office: kv1, registrationWorkingDays: 5, sendOriginalsTo: provincial });

    // Assess
    expect(notice.text).toContain('  - Gửi bản chính đơn đến: Thi hành án dân sự Thành phố Hồ Chí Minh, Số 1 đường Lý Tự Trọng, phường Sài Gòn, Thành phố Hồ Chí Minh, hoặc nộp trực tiếp tại Bộ phận một cửa của cơ quan này (hoặc đến cơ quan cấp trên nêu trên, nếu khiếu nại quyết định, hành vi của Thủ trưởng cơ quan).');
    expect(notice.text).toContain(`  - Xin ghi mã hồ sơ ${CASE_ID} trên đơn; mọi thư trao đổi về việc này xin giữ nguyên mã [${CASE_ID}] trong tiêu đề thư để chúng tôi theo dõi.`);
  });

  it('says what the result of a complaint is, instead of the enforcement-decision sentence', () => {
    // Prepare, Act
    const notice = complaintGuidanceNotice({ caseRecord, procedure: complaint, office: kv1, registrationWorkingDays: 5 });

    // Assess
    expect(notice.text).toContain(resultNote(complaint));
    expect(notice.text).not.toContain(resultNote(procedure));
  });
});
