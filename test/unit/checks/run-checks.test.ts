import { describe, expect, it } from 'vitest';
import { foldDiacritics } from '../../../shared/checks/fold';
import { runChecks } from '../../../shared/checks/run-checks';
import type { ChecksInput, ItemStatus } from '../../../shared/checks/types';
import { procedureCatalog as catalog } from '../../../shared/procedures/default-catalog';
import { parsedFixture } from '../mail/fixtures';
import { COMPLETE_REQUEST, jpeg, message, pdf } from './support';

const checks = (input: Partial<ChecksInput> & Pick<ChecksInput, 'message'>) => runChecks({ catalog, openCasesOfRequester: [], ...input });
const statuses = (items: ReadonlyArray<{ id: string; status: ItemStatus }>) => Object.fromEntries(items.map((i) => [i.id, i.status]));

describe('the checks of a complete request for enforcement with the judgment as a PDF', () => {
  const request = message({
    subject: 'Đơn yêu cầu thi hành án - Bản án số 12/2026/DS-ST',
    text: COMPLETE_REQUEST,
    attachments: [pdf('Ban an 12-2026-DS-ST.pdf')],
  });

  it('find every item of art. 31, the debtor’s assets included', () => {
    // Prepare, Act
    const checklist = checks({ message: request });

    // Assess
    expect(checklist.checkedProcedure).toBe('enforcement-request');
    expect(checklist.items.filter((i) => i.status !== 'found')).toEqual([]);
    expect(checklist.items.find((i) => i.id === 'date')?.evidence).toBe('Thành phố Hồ Chí Minh, ngày 20 tháng 11 năm 2026');
    expect(checklist.items.find((i) => i.id === 'judgment')?.evidence).toBe('Tệp đính kèm: “Ban an 12-2026-DS-ST.pdf”');
  });

  it('say so in one line that leaves the decision to the officer', () => {
    // Prepare
    const now = new Date('2026-11-23T09:31:00Z');

    // Act
    const checklist = checks({ message: request, now });

    // Assess
    expect(checklist.generatedAt).toBe('2026-11-23T09:31:00.000Z');
    expect(checklist.judgmentRefs).toEqual(['12/2026/DS-ST']);
    expect(checklist.summary).toBe(
      'Có vẻ là: Yêu cầu thi hành án (Quyết định thi hành án theo yêu cầu) — độ tin cậy cao. Tệp đính kèm: 1 bản án, quyết định. ' +
        'Đơn: thấy 10/10 mục bắt buộc. Người gửi: đã xác thực địa chỉ. Kết quả kiểm tra tự động chỉ để hỗ trợ, công chức xem xét và quyết định.',
    );
    expect(checklist.summary).not.toContain('\n');
  });

  it('find the same items in the same request typed without diacritics', () => {
    // Prepare
    const unaccented = message({
      subject: 'Don yeu cau thi hanh an',
      text: foldDiacritics(COMPLETE_REQUEST),
      attachments: [pdf('Ban an 12-2026-DS-ST.pdf')],
    });

    // Act
    const checklist = checks({ message: unaccented });

    // Assess
    expect(checklist.likelyProcedure.code).toBe('enforcement-request');
    expect(checklist.items.filter((i) => i.status !== 'found').map((i) => i.id)).toEqual([]);
    expect(checklist.judgmentRefs).toEqual(['12/2026/DS-ST']);
  });
});

describe('the checks of a one-line e-mail with two phone photos', () => {
  const photos = message({
    subject: 'gui don',
    text: 'Em gửi đơn và bản án nhờ anh chị xem giúp ạ',
    attachments: [jpeg('IMG_4521.JPG'), jpeg('IMG_4522.JPG', 2_150_000)],
  });

  it('call every item unclear, not missing: the handwritten form may be in the photos', () => {
    // Prepare, Act
    const checklist = checks({ message: photos });

    // Assess
    expect(new Set(checklist.items.map((i) => i.status))).toEqual(new Set(['unclear']));
    expect(checklist.items.find((i) => i.id === 'signature')?.evidence).toBe(
      'Không thấy trong thư; có thể nằm trong tệp “IMG_4521.JPG”, “IMG_4522.JPG” — cần xem',
    );
    expect(checklist.items.find((i) => i.id === 'judgment')?.evidence).toBe('Có thể là tệp “IMG_4521.JPG”, “IMG_4522.JPG” — cần xem');
  });

  it('classify the photos as possible pages of the judgment, and tell the officer to look', () => {
    // Prepare, Act
    const checklist = checks({ message: photos });

    // Assess
    expect(checklist.attachments).toEqual([
      { filename: 'IMG_4521.JPG', kind: 'judgment-photo', reason: 'Ảnh chụp, tên tệp không nói rõ: có thể là bản án — cần xem' },
      { filename: 'IMG_4522.JPG', kind: 'judgment-photo', reason: 'Ảnh chụp, tên tệp không nói rõ: có thể là bản án — cần xem' },
    ]);
    expect(checklist.likelyProcedure.confidence).toBe('low');
    expect(checklist.summary).toContain('Tệp đính kèm: 2 tệp có thể là bản án (chưa chắc)');
    expect(checklist.summary).toContain('Đơn: thấy 0/10 mục bắt buộc, 10 mục chưa rõ');
    expect(checklist.summary).toContain('Công chức cần xem tệp đính kèm và nội dung thư để xác định các mục chưa rõ');
  });

  it('call items unclear when the e-mail is too short to judge, even without attachments', () => {
    // Prepare, Act
    const checklist = checks({ message: message({ subject: 'Yêu cầu thi hành án', text: 'Tôi muốn yêu cầu thi hành án, xin hướng dẫn.' }) });

    // Assess
    expect(checklist.items.find((i) => i.id === 'debtor-name')).toMatchObject({ status: 'unclear', evidence: 'Thư quá ngắn để đánh giá — cần xem' });
    expect(checklist.items.find((i) => i.id === 'judgment')?.status).toBe('missing');
  });
});

describe('the checks of real messages (test/fixtures/mail)', () => {
  it('point at what the Gmail request lacks: the debtor’s address, a signature, and a date that is the judgment’s', async () => {
    // Prepare
    const stored = await parsedFixture('request-gmail-pdf.eml');

    // Act
    const checklist = checks({ message: stored });

    // Assess
    expect(statuses(checklist.items)).toEqual({
      'requester-name': 'found',
      'requester-address': 'found',
      agency: 'found',
      creditor: 'found',
      'debtor-name': 'found',
      'debtor-address': 'missing',
      'request-content': 'found',
      'debtor-assets': 'missing',
      date: 'unclear',
      signature: 'missing',
      judgment: 'found',
    });
    expect(checklist.items.find((i) => i.id === 'date')?.evidence).toContain('Bản án số 123/2026/DS-PT ngày 15/10/2026');
    expect(checklist.attachments).toEqual([
      { filename: 'Bản án số 123-2026-DS-PT.pdf', kind: 'judgment-pdf', reason: 'PDF, tên tệp có số 123/2026/DS-PT: có thể là bản án, quyết định' },
    ]);
    expect(checklist.judgmentRefs).toEqual(['123/2026/DS-PT']);
    expect(checklist.summary).toContain('thiếu địa chỉ của người phải thi hành án; chữ ký hoặc điểm chỉ của người yêu cầu, 1 mục chưa rõ');
  });

  it('read the iPhone photos by their names: the ID card (decomposed name) and a camera image too small to be a page', async () => {
    // Prepare
    const stored = await parsedFixture('request-phone-photos.eml');

    // Act
    const checklist = checks({ message: stored });

    // Assess
    expect(checklist.attachments.map((a) => a.kind)).toEqual(['other', 'id-document']);
    expect(checklist.attachments[0]?.reason).toContain('Ảnh rất nhỏ (171 byte)');
    expect(checklist.items.find((i) => i.id === 'judgment')).toMatchObject({
      status: 'unclear',
      evidence: 'Thư nhắc tới: Gửi ảnh bản án và CCCD để yêu cầu thi hành án — nhưng không thấy tệp đính kèm tương ứng',
    });
  });
});

describe('the checks of other procedures', () => {
  it('check a fee reduction request against the items of that procedure', () => {
    // Prepare
    const text = [
      'Kính gửi Phòng Thi hành án dân sự khu vực 2,',
      'Tôi là Đinh Thị Lan, thường trú tại ấp Bình Hòa, xã Tân Phú. Tôi là người được thi hành án theo Bản án số 5/2025/DS-ST của Tòa án nhân dân huyện.',
      'Gia đình tôi thuộc hộ nghèo, hoàn cảnh đặc biệt khó khăn, nên tôi đề nghị được miễn phí thi hành án.',
      'Kèm theo giấy chứng nhận hộ nghèo do UBND xã Tân Phú cấp.',
      'Tân Phú, ngày 3 tháng 12 năm 2026',
      'Người đề nghị (ký, ghi rõ họ tên)',
      'Đinh Thị Lan',
    ].join('\n');

    // Act
    const checklist = checks({ message: message({ subject: 'Đơn đề nghị miễn, giảm phí thi hành án', text }) });

    // Assess
    expect(checklist.likelyProcedure).toMatchObject({ code: 'fee-reduction', confidence: 'high' });
    expect(statuses(checklist.items)).toEqual({
      'requester-name': 'found',
      'requester-address': 'found',
      'case-reference': 'found',
      'reduction-reason': 'found',
      'reduction-proof': 'found',
      date: 'found',
      signature: 'found',
    });
    expect(checklist.summary).toContain('Có vẻ là: Đề nghị miễn, giảm phí thi hành án — độ tin cậy cao');
  });

  it('check a complaint against what a complaint must say', () => {
    // Prepare
    const text = 'Tôi là Võ Văn Tám, trú tại ấp 3, xã Tân Phú. Tôi khiếu nại việc Chấp hành viên chậm ra quyết định thi hành án và đề nghị xem xét giải quyết.';

    // Act
    const checklist = checks({ message: message({ subject: 'Đơn khiếu nại', text }) });

    // Assess
    expect(checklist.checkedProcedure).toBe('complaint');
    expect(checklist.items.map((i) => i.id)).toEqual(['requester-name', 'requester-address', 'complained-act', 'complaint-content', 'date', 'signature']);
    expect(checklist.items.find((i) => i.id === 'complained-act')?.status).toBe('found');
  });

  it('check the items of the case’s own procedure when the caller names it, and say the message looks like another', () => {
    // Prepare
    const complaint = message({ subject: 'Đơn khiếu nại', text: 'Tôi khiếu nại quyết định cưỡng chế.' });

    // Act
    const checklist = checks({ message: complaint, procedure: 'enforcement-request' });

    // Assess
    expect(checklist.likelyProcedure.code).toBe('complaint');
    expect(checklist.checkedProcedure).toBe('enforcement-request');
    expect(checklist.items[0]?.id).toBe('requester-name');
    expect(checklist.summary).toContain('hồ sơ đang theo thủ tục: Yêu cầu thi hành án (Quyết định thi hành án theo yêu cầu)');
  });
});

describe('the checks against the requester’s open cases and the mail server’s verdicts', () => {
  it('flag a likely duplicate when an open case names the same judgment', () => {
    // Prepare
    const resent = message({ subject: 'Gửi lại đơn yêu cầu', text: COMPLETE_REQUEST, attachments: [pdf('Ban an 12-2026-DS-ST.pdf')], receivedAt: '2026-11-23T09:30:00Z' });
    const open = [{ caseId: 'HCMKV1-2026-000042', subject: 'Đơn yêu cầu thi hành án', receivedAt: '2026-11-20T02:00:00Z', judgmentRefs: ['12/2026/DS-ST'] }];

    // Act
    const checklist = checks({ message: resent, openCasesOfRequester: open });

    // Assess
    expect(checklist.duplicates).toEqual([
      {
        caseId: 'HCMKV1-2026-000042',
        likelihood: 'likely',
        reason: 'Nhiều khả năng trùng: cùng người gửi, cùng bản án 12/2026/DS-ST với hồ sơ HCMKV1-2026-000042 đang mở (nhận ngày 20/11/2026)',
      },
    ]);
    expect(checklist.summary).toContain('Nhiều khả năng trùng hồ sơ HCMKV1-2026-000042');
  });

  it('count the 30 days of a similar subject from now when the message carries no receipt time', () => {
    // Prepare
    const again = message({ subject: 'Đơn yêu cầu thi hành án', text: 'Tôi gửi lại đơn.' });
    const open = [{ caseId: 'HCMKV1-2026-000043', subject: 'Đơn yêu cầu thi hành án', receivedAt: '2026-09-01T02:00:00Z', judgmentRefs: [] }];

    // Act
    const soon = checks({ message: again, openCasesOfRequester: open, now: new Date('2026-09-20T02:00:00Z') });
    const late = checks({ message: again, openCasesOfRequester: open, now: new Date('2026-11-20T02:00:00Z') });

    // Assess
    expect(soon.duplicates.map((d) => d.likelihood)).toEqual(['possible']);
    expect(late.duplicates).toEqual([]);
  });

  it('mark the sender failed when DMARC fails, and say it in the summary', () => {
    // Prepare
    const forged = message({
      subject: 'Đơn yêu cầu thi hành án',
      text: COMPLETE_REQUEST,
      authentication: { spf: 'pass', dkim: 'none', dmarc: 'fail', spam: 'PASS', virus: 'PASS' },
    });

    // Act
    const checklist = checks({ message: forged });

    // Assess
    expect(checklist.sender.status).toBe('failed');
    expect(checklist.summary).toContain('Người gửi: KHÔNG ĐẠT xác thực (có thể giả mạo)');
  });
});
