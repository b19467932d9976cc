import { describe, expect, it } from 'vitest';
import { resultNote } from '../../../shared/notices/common';
import { procuracyDispatchNotice } from '../../../shared/notices/procuracy-copy';
import { breachNotice, newCaseForDeskNotice, stepEscalationNotice, stepLabel, stepWarningNotice } from '../../../shared/notices/staff';
import { caseRecord, decision, kv1, opaquePdf } from '../documents/lifecycle-fixtures';
import { citation, procedure } from '../documents/lifecycle-fixtures';

describe('the new case, to the desk', () => {
  const facts = {
    caseRecord,
    procedure,
    office: kv1,
    reviewDueAt: '2026-11-24T16:30:00+07:00',
    attachmentNames: ['Bản án số 123-2026-DS-PT.pdf', 'Ảnh CCCD mặt trước.jpg'],
  };

  it('says by when the requester must be answered, in the subject and the text', () => {
    // Prepare, Act
    const notice = newCaseForDeskNotice(facts);

    // Assess
    expect(notice.subject).toBe('Hồ sơ mới cần kiểm tra trước 16:30 ngày 24/11/2026 [HCMKV1-2026-000001]');
    expect(notice.text).toContain('Hạn trả lời người yêu cầu: 16:30 ngày 24/11/2026.');
  });

  it('names the sender, the subject and the files received', () => {
    // Prepare, Act
    const notice = newCaseForDeskNotice(facts);

    // Assess
    expect(notice.text.split('\n')[0]).toBe('Kính gửi: Bộ phận một cửa - Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh,');
    expect(notice.text).toContain(
      [
        'Hồ sơ mới HCMKV1-2026-000001 đã được tiếp nhận qua thư điện tử lúc 16:30 ngày 23/11/2026.',
        '  Người gửi: Nguyễn Văn An <nguyenvanan.hcm@gmail.com>',
        '  Tiêu đề thư: Đơn yêu cầu thi hành án - Bản án số 123/2026/DS-PT',
        '  Thủ tục (theo kiểm tra tự động; công chức xác nhận khi kiểm tra): Yêu cầu thi hành án (Quyết định thi hành án theo yêu cầu)',
        '  Tệp đính kèm (2):',
        '    - Bản án số 123-2026-DS-PT.pdf',
        '    - Ảnh CCCD mặt trước.jpg',
      ].join('\n'),
    );
  });

  it('says what is to be decided', () => {
    // Prepare, Act
    const notice = newCaseForDeskNotice({ ...facts, attachmentNames: [], caseUrl: 'https://motcua.hcm.thads.example/ho-so/HCMKV1-2026-000001' });

    // Assess
    expect(notice.text).toContain('  Tệp đính kèm (0):\n    (không có tệp đính kèm)');
    expect(notice.text).toContain('chọn: hẹn nộp hồ sơ bản chính, đề nghị bổ sung, từ chối, hoặc hướng dẫn gửi đến cơ quan có thẩm quyền.');
    expect(notice.text).toContain('Mở hồ sơ: https://motcua.hcm.thads.example/ho-so/HCMKV1-2026-000001');
  });

  it('is not written as a message to a requester', () => {
    // Prepare, Act
    const notice = newCaseForDeskNotice(facts);

    // Assess
    expect(notice.text).not.toContain(resultNote(procedure));
    expect(notice.text).not.toContain('Kính gửi Ông/Bà');
  });
});

describe('the warning before a step is due', () => {
  const facts = { caseRecord, procedure, office: kv1, step: 'review', dueAt: '2026-11-24T16:30:00+07:00', remainingWorkingMinutes: 90 };

  it('goes to the desk when no one is assigned, with the step, the due time and the working time left', () => {
    // Prepare, Act
    const notice = stepWarningNotice(facts);

    // Assess
    expect(notice.subject).toBe('Sắp đến hạn: Kiểm tra yêu cầu và trả lời người yêu cầu - còn 1 giờ 30 phút làm việc [HCMKV1-2026-000001]');
    expect(notice.text.split('\n')[0]).toBe('Kính gửi: Bộ phận một cửa - Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh,');
    expect(notice.text).toContain('Hồ sơ HCMKV1-2026-000001 (người yêu cầu: Nguyễn Văn An <nguyenvanan.hcm@gmail.com>) đang chờ bước: Kiểm tra yêu cầu và trả lời người yêu cầu.');
    expect(notice.text).toContain('Hạn hoàn thành: 16:30 ngày 24/11/2026; thời gian còn lại: 1 giờ 30 phút làm việc.');
  });

  it('goes to the assignee by name when the case is assigned', () => {
    // Prepare, Act
    const notice = stepWarningNotice({ ...facts, step: 'decision', assignee: 'Trần Thị Hồng Nhung', remainingWorkingMinutes: 45 });

    // Assess
    expect(notice.text.split('\n')[0]).toBe('Kính gửi: Trần Thị Hồng Nhung,');
    expect(notice.subject).toBe('Sắp đến hạn: Ban hành kết quả giải quyết (Quyết định thi hành án) - còn 45 phút làm việc [HCMKV1-2026-000001]');
  });

  it.each([
    [45, '45 phút'],
    [120, '2 giờ'],
    [600, '10 giờ'],
    [61.4, '1 giờ 1 phút'],
    [-5, '0 phút'],
  ])('writes %s working minutes as "%s"', (minutes, words) => {
    // Prepare, Act
    const notice = stepWarningNotice({ ...facts, remainingWorkingMinutes: minutes });

    // Assess
    expect(notice.text).toContain(`thời gian còn lại: ${words} làm việc.`);
  });
});

describe('the escalation of a late step, to the head of office', () => {
  const facts = { caseRecord, procedure, office: kv1, step: 'review', dueAt: '2026-11-24T16:30:00+07:00', lateWorkingMinutes: 135, assignee: 'Trần Thị Hồng Nhung' };

  it('gives the step, the due time, how late and who has the case', () => {
    // Prepare, Act
    const notice = stepEscalationNotice(facts);

    // Assess
    expect(notice.subject).toBe('Quá hạn: Kiểm tra yêu cầu và trả lời người yêu cầu - trễ 2 giờ 15 phút làm việc [HCMKV1-2026-000001]');
    expect(notice.text.split('\n')[0]).toBe('Kính gửi: Thủ trưởng Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh,');
    expect(notice.text).toContain('Hạn hoàn thành: 16:30 ngày 24/11/2026; đã quá hạn 2 giờ 15 phút làm việc.');
    expect(notice.text).toContain('Người được giao: Trần Thị Hồng Nhung.');
  });

  it('says the case is unassigned when no one has it, and reports the deadline itself as reached', () => {
    // Prepare
    const { assignee: _nobody, ...unassigned } = facts;

    // Act
    const notice = stepEscalationNotice({ ...unassigned, lateWorkingMinutes: 0 });

    // Assess
    expect(notice.subject).toBe('Quá hạn: Kiểm tra yêu cầu và trả lời người yêu cầu - đã đến hạn [HCMKV1-2026-000001]');
    expect(notice.text).toContain('Hạn hoàn thành: 16:30 ngày 24/11/2026; thời hạn vừa hết.');
    expect(notice.text).toContain('Người được giao: chưa phân công (Bộ phận một cửa - Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh).');
  });

  it('is the breach notice too: one template for the deadline passing and later reminders', () => {
    // Prepare, Act, Assess
    expect(breachNotice).toBe(stepEscalationNotice);
  });

  it('names a step it does not know by its code', () => {
    // Prepare, Act, Assess
    expect(stepLabel('archive')).toBe('archive');
    expect(stepLabel('handover', procedure)).toBe('Trả kết quả (Quyết định thi hành án)');
    expect(stepLabel('decision')).toBe('Ban hành kết quả giải quyết');
  });
});

describe('the daily dispatch of decisions to the procuracy', () => {
  const procuracyName = 'Viện kiểm sát nhân dân khu vực 1 - Thành phố Hồ Chí Minh';
  const second = { caseId: 'HCMKV1-2026-000007', procedure, decision: { number: '21/QĐ-THADS', issuedAt: '2026-12-03', signer: { name: 'Nguyễn Văn Bình', title: 'Phó Trưởng phòng' } }, provision: citation('procuracy-copy'), pdf: opaquePdf };
  const facts = { office: kv1, procuracyName, issuedAt: '2026-12-04T16:30:00+07:00', decisions: [{ caseId: caseRecord.caseId, procedure, decision, provision: citation('procuracy-copy'), pdf: opaquePdf }, second] };

  it('is one covering letter listing each decision (case, number, date, signer), citing the law once, recipients under "Nơi nhận" and no "sao gửi"', () => {
    // Prepare, Act
    const notice = procuracyDispatchNotice(facts);

    // Assess
    expect(notice.text.split('\n')[0]).toBe(`Kính gửi: ${procuracyName},`);
    expect(notice.text).toContain(
      `Căn cứ Luật Thi hành án dân sự số 106/2025/QH15, quy định về gửi quyết định về thi hành án cho Viện kiểm sát, Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh gửi ${procuracyName} 02 quyết định về thi hành án dưới đây:`,
    );
    expect(notice.text).toContain('  1. Quyết định thi hành án số 15/QĐ-THADS ngày 04/12/2026, do Trưởng phòng Lê Văn Minh ký; mã hồ sơ HCMKV1-2026-000001; tệp đính kèm: HCMKV1-2026-000001 - Quyết định thi hành án số 15-QĐ-THADS.pdf.');
    expect(notice.text).toContain('  2. Quyết định thi hành án số 21/QĐ-THADS ngày 03/12/2026, do Phó Trưởng phòng Nguyễn Văn Bình ký; mã hồ sơ HCMKV1-2026-000007; tệp đính kèm: HCMKV1-2026-000007 - Quyết định thi hành án số 21-QĐ-THADS.pdf.');
    expect(notice.subject + notice.text).not.toMatch(/sao gửi/i);
    expect(notice.text).toContain(`Nơi nhận:\n  - ${procuracyName} (để kiểm sát);\n  - Lưu: hồ sơ HCMKV1-2026-000001, HCMKV1-2026-000007.`);
    expect(notice.text).toBe(notice.text.normalize('NFC'));
    expect(notice.attachments!.map((a) => a.filename)).toEqual(['HCMKV1-2026-000001 - Quyết định thi hành án số 15-QĐ-THADS.pdf', 'HCMKV1-2026-000007 - Quyết định thi hành án số 21-QĐ-THADS.pdf']);
  });

  it('says which e-mail of the day it is when the decisions did not fit in one', () => {
    // Prepare, Act
    const notice = procuracyDispatchNotice({ ...facts, part: { part: 2, parts: 3 } });

    // Assess
    expect(notice.subject).toMatch(/ \(thư 2\/3\)$/);
    expect(notice.text).toContain('dưới đây (thư 2/3):');
    expect(procuracyDispatchNotice({ ...facts, part: { part: 1, parts: 1 } }).subject).not.toContain('thư');
  });

  it('refuses an addressee that is not a procuracy, and an empty dispatch', () => {
    // Prepare, Act, Assess
    expect(() => procuracyDispatchNotice({ ...facts, procuracyName: 'Tòa án nhân dân Thành phố Hồ Chí Minh' })).toThrow(RangeError);
    expect(() => procuracyDispatchNotice({ ...facts, decisions: [] })).toThrow(RangeError);
  });
});
