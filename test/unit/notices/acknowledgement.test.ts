import { describe, expect, it } from 'vitest';
import { acknowledgementNotice, type AcknowledgementFacts } from '../../../shared/notices/acknowledgement';
import { salutation } from '../../../shared/notices/common';
import type { CaseRecord } from '../../../shared/cases/model';
import { officeByCode } from '../../../shared/offices/directory';
import { officeDirectory } from '../../../shared/offices/default-directory';
import { procedureCatalog } from '../../../shared/procedures/default-catalog';
import { procedureSettings } from '../../../shared/workflow/procedure-settings';

const kv1 = officeByCode(officeDirectory, 'HCMKV1')!;

const caseRecord: CaseRecord = {
  caseId: 'HCMKV1-2026-000001',
  office: 'HCMKV1',
  procedure: 'enforcement-request',
  status: 'awaiting-review',
  requester: { address: 'nguyenvanan.hcm@gmail.com', name: 'Nguyễn Văn An' },
  subject: 'Đơn yêu cầu thi hành án - Bản án số 123/2026/DS-PT',
  receivedAt: '2026-11-23T16:30:00+07:00',
  firstMessageId: '<CAHk3x9t+Qm7Lp0b2VnZ8Jm_1yWcRk4=uXo5s2PzA8dE@mail.gmail.com>',
  deadlines: {},
  breaches: [],
  lastSeq: 3,
  lastHash: 'a'.repeat(64),
  createdAt: '2026-11-23T16:30:02+07:00',
  updatedAt: '2026-11-23T16:30:03+07:00',
};

const facts: AcknowledgementFacts = {
  caseRecord,
  procedure: procedureSettings(procedureCatalog, 'enforcement-request'),
  office: kv1,
  reviewDueAt: '2026-11-24T16:30:00+07:00',
  attachmentNames: ['Bản án số 123-2026-DS-PT.pdf', 'Ảnh CCCD mặt trước.jpg'],
};

describe('the acknowledgement of a request for enforcement', () => {
  it('carries the case id as a tag in its subject, so that a reply finds the case', () => {
    // Prepare, Act
    const notice = acknowledgementNotice(facts);

    // Assess
    expect(notice.subject).toBe('Xác nhận đã nhận yêu cầu thi hành án [HCMKV1-2026-000001]');
  });

  it('greets the requester by name and gives the case id in the text', () => {
    // Prepare, Act
    const notice = acknowledgementNotice(facts);

    // Assess
    expect(notice.text.split('\n')[0]).toBe('Kính gửi Ông/Bà Nguyễn Văn An,');
    expect(notice.text).toContain('Mã hồ sơ của Ông/Bà là: HCMKV1-2026-000001.');
  });

  it('says when the request was received, in Vietnam time', () => {
    // Prepare, Act
    const notice = acknowledgementNotice(facts);

    // Assess
    expect(notice.text).toContain('Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh đã nhận được yêu cầu thi hành án của Ông/Bà gửi qua thư điện tử lúc 16:30 ngày 23/11/2026.');
  });

  it('states the review deadline as HH:MM ngày dd/mm/yyyy', () => {
    // Prepare, Act
    const notice = acknowledgementNotice(facts);

    // Assess
    expect(notice.text).toContain('trả lời Ông/Bà chậm nhất vào 16:30 ngày 24/11/2026.');
  });

  it('states a deadline given in UTC in Vietnam time, on the Vietnamese date', () => {
    // Prepare: 20:15 UTC on the 24th is 03:15 on the 25th in Vietnam
    const notice = acknowledgementNotice({ ...facts, reviewDueAt: '2026-11-24T20:15:00Z' });

    // Act
    const deadline = /chậm nhất vào (\d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4})\./.exec(notice.text)?.[1];

    // Assess
    expect(deadline).toBe('03:15 ngày 25/11/2026');
  });

  it('lists the attachments received, by name', () => {
    // Prepare, Act
    const notice = acknowledgementNotice(facts);

    // Assess
    expect(notice.text).toContain('Các tệp đính kèm chúng tôi đã nhận (2):\n  - Bản án số 123-2026-DS-PT.pdf\n  - Ảnh CCCD mặt trước.jpg');
  });

  it('tells a requester who attached nothing what the request needs', () => {
    // Prepare, Act
    const notice = acknowledgementNotice({ ...facts, attachmentNames: [] });

    // Assess
    expect(notice.text).toContain('Thư của Ông/Bà không có tệp đính kèm.');
    expect(notice.text).toContain('cần kèm theo bản án, quyết định của Tòa án');
    expect(notice.text).not.toContain('Các tệp đính kèm chúng tôi đã nhận');
  });

  it('says what happens next: the review, a request for what is missing, an appointment at the office', () => {
    // Prepare, Act
    const notice = acknowledgementNotice(facts);

    // Assess
    const next = notice.text.slice(notice.text.indexOf('Bước tiếp theo:'));
    expect(next).toMatch(/^Bước tiếp theo:\n {2}1\. Công chức Bộ phận một cửa sẽ kiểm tra yêu cầu/);
    expect(next).toContain('  2. Nếu hồ sơ cần bổ sung, chúng tôi sẽ hướng dẫn cụ thể những gì còn thiếu.');
    expect(next).toContain('  3. Nếu hồ sơ hợp lệ, chúng tôi sẽ hẹn ngày giờ Ông/Bà đến nộp bản chính tại Số 10 đường Nguyễn Huệ, phường Sài Gòn, Thành phố Hồ Chí Minh.');
  });

  it('says plainly that the result is a decision of the agency, not the money of the judgment', () => {
    // Prepare, Act
    const notice = acknowledgementNotice(facts);

    // Assess
    expect(notice.text).toContain('Lưu ý: Kết quả của thủ tục là Quyết định thi hành án theo yêu cầu do cơ quan thi hành án dân sự ban hành');
    expect(notice.text).toContain('không phải là khoản tiền hay tài sản mà Ông/Bà được nhận theo bản án');
  });

  it('is signed by the office’s one-stop desk, with its address, phone and mailbox', () => {
    // Prepare, Act
    const notice = acknowledgementNotice(facts);

    // Assess
    expect(notice.text).toContain(
      [
        'Trân trọng,',
        'Bộ phận một cửa - Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh',
        'Địa chỉ: Số 10 đường Nguyễn Huệ, phường Sài Gòn, Thành phố Hồ Chí Minh',
        'Điện thoại: 028 3822 0101',
        'Thư điện tử: kv1@hcm.thads.example',
      ].join('\n'),
    );
  });

  it('is written in composed Unicode (NFC) throughout', () => {
    // Prepare, Act
    const notice = acknowledgementNotice(facts);

    // Assess
    expect(notice.subject).toBe(notice.subject.normalize('NFC'));
    expect(notice.text).toBe(notice.text.normalize('NFC'));
  });
});

describe('the salutation', () => {
  it.each([
    ['a requester with a name', 'Nguyễn Văn An', 'Kính gửi Ông/Bà Nguyễn Văn An,'],
    ['a requester whose name has stray spaces', '  Trần Thị Bích ', 'Kính gửi Ông/Bà Trần Thị Bích,'],
    ['a requester without a name', undefined, 'Kính gửi Ông/Bà,'],
    ['a requester whose name is blank', '   ', 'Kính gửi Ông/Bà,'],
  ])('greets %s', (_story, name, expected) => {
    // Prepare, Act
    const greeting = salutation(name);

    // Assess
    expect(greeting).toBe(expected);
  });

  it('an acknowledgement to a requester without a name greets Ông/Bà', () => {
    // Prepare, Act
    const notice = acknowledgementNotice({ ...facts, caseRecord: { ...caseRecord, requester: { address: 'an@example.net' } } });

    // Assess
    expect(notice.text.split('\n')[0]).toBe('Kính gửi Ông/Bà,');
  });
});
