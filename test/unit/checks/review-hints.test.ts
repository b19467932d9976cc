import { describe, expect, it } from 'vitest';
import { judgmentDateIn, reviewHints, type ReviewHintInput } from '../../../shared/checks/review-hints';
import { judgmentRefsOf } from '../../../shared/checks/judgment-refs';

function hintsFor(procedure: string, text: string, extra: Partial<ReviewHintInput> = {}) {
  const subject = extra.subject ?? 'Đơn yêu cầu thi hành án';
  return reviewHints({
    procedure,
    subject,
    text,
    attachmentNames: [],
    judgmentRefs: judgmentRefsOf({ subject, text, attachments: [] }),
    receivedAt: new Date('2026-03-02T09:00:00+07:00'),
    limitationYears: procedure === 'enforcement-request' ? 5 : undefined,
    ...extra,
  });
}

describe('the limitation period', () => {
  it('is flagged when the judgment took effect more than 5 years before the request, citing the law of the day of receipt', () => {
    // Prepare
    const text = 'Tôi là Trần Văn Bình, yêu cầu thi hành Bản án số 45/2019/DS-PT ngày 12/11/2019 của Tòa án nhân dân Thành phố Hồ Chí Minh.\nBản án có hiệu lực pháp luật từ ngày 12/11/2019.';

    // Act
    const [hint] = hintsFor('enforcement-request', text).filter((h) => h.kind === 'limitation');

    // Assess
    expect(hint?.message).toContain('có hiệu lực từ ngày 12/11/2019: đã quá 5 năm');
    expect(hint?.legalBasis).toEqual({ text: 'Điều 30 Luật Thi hành án dân sự năm 2008 (sửa đổi, bổ sung năm 2014, 2022) về thời hiệu yêu cầu thi hành án', verify: true });
  });

  it('warns when it is about to lapse, reading a date typed without diacritics', () => {
    // Prepare
    const text = 'Toi yeu cau thi hanh ban an so 7/2021/KDTM-PT ngay 20 thang 7 nam 2021 cua Toa an nhan dan tinh Binh Duong.';

    // Act
    const hints = hintsFor('enforcement-request', text);

    // Assess
    expect(hints.find((h) => h.kind === 'limitation')?.message).toContain('sắp hết 5 năm (đến 20/07/2026)');
  });

  it('is silent for a recent judgment, and takes no birth date or ID card date for the judgment’s', () => {
    // Prepare
    const text = 'Tôi sinh ngày 03/02/1960, CCCD cấp ngày 10/10/2015.\nYêu cầu thi hành Bản án số 12/2025/DS-PT ngày 15/10/2025.';

    // Act, Assess
    expect(hintsFor('enforcement-request', text).filter((h) => h.kind === 'limitation')).toEqual([]);
    expect(judgmentDateIn(text)?.written).toBe('ngay 15/10/2025');
  });

  it('prefers the date the judgment took effect over the date it was given', () => {
    // Prepare, Act
    const found = judgmentDateIn('Bản án số 3/2020/DS-ST ngày 02/01/2020, có hiệu lực pháp luật kể từ ngày 05/03/2020.');

    // Assess
    expect(found?.tookEffect).toBe(true);
    expect(found?.date.toISOString()).toBe('2020-03-04T17:00:00.000Z');
  });
});

describe('a first-instance judgment', () => {
  it.each([['12/2025/DS-ST'], ['8/2025/HNGĐ-ST'], ['15/2025/QĐST-DS']])('%s may not be final yet', (ref) => {
    // Prepare, Act
    const hint = hintsFor('enforcement-request', `Kính gửi Phòng Thi hành án, tôi yêu cầu thi hành Bản án số ${ref} của Tòa án nhân dân khu vực 1.`).find((h) => h.kind === 'first-instance');

    // Assess
    expect(hint?.message).toContain(`${ref} là bản án, quyết định sơ thẩm: có thể chưa có hiệu lực pháp luật`);
  });

  it('is not flagged for an appeal judgment', () => {
    // Prepare, Act, Assess
    expect(hintsFor('enforcement-request', 'Yêu cầu thi hành Bản án số 123/2025/DS-PT.').some((h) => h.kind === 'first-instance')).toBe(false);
  });
});

describe('a sender who is not a party', () => {
  it('is flagged when they write for someone else with no power of attorney', () => {
    // Prepare
    const text = 'Tôi là Nguyễn Thị Mai, con gái bà Lê Thị Hoa. Tôi gửi thay mẹ tôi đơn yêu cầu thi hành Bản án số 45/2025/DS-PT vì mẹ tôi đã già yếu.';

    // Act
    const hint = hintsFor('enforcement-request', text).find((h) => h.kind === 'not-a-party');

    // Assess
    expect(hint?.message).toContain('Người gửi có vẻ gửi thay người khác ("gui thay")');
    expect(hint?.message).toContain('không thấy giấy ủy quyền');
  });

  it('is not flagged when the power of attorney is mentioned or attached', () => {
    // Prepare
    const text = 'Tôi nộp thay ông Phạm Văn Tâm theo giấy ủy quyền có công chứng gửi kèm.';

    // Act, Assess
    expect(hintsFor('enforcement-request', text).some((h) => h.kind === 'not-a-party')).toBe(false);
    expect(hintsFor('enforcement-request', 'Tôi đại diện cho công ty gửi đơn.', { attachmentNames: ['Giay_uy_quyen.pdf'] }).some((h) => h.kind === 'not-a-party')).toBe(false);
  });
});

describe('slowness as the ground for changing the enforcement officer', () => {
  it('is pointed out, with the provision on changing the officer (to verify)', () => {
    // Prepare
    const text = 'Chấp hành viên Nguyễn Văn Hải chậm trễ, đã 8 tháng không tổ chức thi hành Quyết định thi hành án số 112/QĐ-THADS. Tôi đề nghị thay đổi Chấp hành viên.';

    // Act
    const hint = hintsFor('officer-change', text, { subject: 'Đơn yêu cầu thay đổi Chấp hành viên' }).find((h) => h.kind === 'officer-change-delay');

    // Assess
    expect(hint?.message).toContain('Lý do nêu là sự chậm trễ ("cham tre")');
    expect(hint?.legalBasis).toEqual({ text: 'Điều 10 Nghị định 62/2015/NĐ-CP (sửa đổi, bổ sung) về thay đổi Chấp hành viên', verify: true });
  });

  it('is not raised for a request for enforcement that mentions a delay', () => {
    // Prepare, Act, Assess
    expect(hintsFor('enforcement-request', 'Bên phải thi hành án chậm trễ trả tiền. Yêu cầu thi hành Bản án số 9/2025/DS-PT.').some((h) => h.kind === 'officer-change-delay')).toBe(false);
  });
});
