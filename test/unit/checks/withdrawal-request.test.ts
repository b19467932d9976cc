import { describe, expect, it } from 'vitest';
import { asksToWithdraw } from '../../../shared/checks/withdrawal-request';

describe('a reply asking to withdraw the request (a hint for the desk, never acted on)', () => {
  it.each([
    ['Tôi xin rút đơn yêu cầu thi hành án vì hai bên đã thỏa thuận.', 'rút đơn'],
    ['Kính đề nghị cơ quan cho tôi rút lại yêu cầu.', 'rút lại yêu cầu'],
    ['Toi xin rut don yeu cau thi hanh an', 'rút đơn'],
    ['Nay tôi không yêu cầu thi hành án nữa.', 'không yêu cầu thi hành án nữa'],
    ['Ngân hàng đề nghị rút hồ sơ mã HCMKV1-2026-000001.', 'rút hồ sơ'],
  ])('finds it in "%s"', (text, phrase) => {
    expect(asksToWithdraw('Re: Xác nhận đã nhận yêu cầu thi hành án [HCMKV1-2026-000001]', text)?.phrase).toBe(phrase);
  });

  it('finds it in the subject', () => {
    expect(asksToWithdraw('Xin rút đơn [HCMKV1-2026-000001]', 'Kính gửi Quý cơ quan.')?.phrase).toBe('rút đơn');
  });

  it.each([
    ['a denial', 'Tôi không rút đơn, đề nghị cơ quan tiếp tục giải quyết.'],
    ['a question that is not yet a withdrawal', 'Tôi chưa rút yêu cầu, xin hỏi thủ tục.'],
    ['a reply sending the missing items', 'Tôi gửi bổ sung bản sao bản án có chứng thực.'],
    ['words that only look alike once folded ("rụt", "đón")', 'Con tôi rụt rè nên tôi đi đón cháu.'],
    ['the agency\'s own words quoted below the reply', 'Tôi gửi bổ sung giấy tờ.\n\n> Nếu Ông/Bà không đề nghị rút yêu cầu thi hành án, xin trả lời ngay thư này.'],
    ['the quoted message after "Vào … đã viết:"', 'Đã nhận.\nVào 10:00 ngày 02/03/2026, Bộ phận một cửa đã viết:\nNếu Ông/Bà muốn rút đơn, xin gửi văn bản.'],
  ])('does not find it in %s', (_what, text) => {
    expect(asksToWithdraw('Re: [HCMKV1-2026-000001]', text)).toBeUndefined();
  });

  it('quotes the words around it for the desk, bounded', () => {
    const hint = asksToWithdraw('', `${'Kính gửi Quý cơ quan. '.repeat(20)}Tôi xin rút đơn yêu cầu thi hành án. ${'Trân trọng. '.repeat(40)}`)!;
    expect(hint.excerpt).toContain('xin rút đơn yêu cầu thi hành án');
    expect(hint.excerpt.length).toBeLessThanOrEqual(160);
  });

  it('reads a 100,000-character body to the end without finding what is not there', () => {
    expect(asksToWithdraw('a'.repeat(100_000), 'rú '.repeat(33_000))).toBeUndefined();
  });
});
