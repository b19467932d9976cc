import { describe, expect, it } from 'vitest';
import { checkSender } from '../../../shared/checks/sender';

const from = { address: 'nguyenvanan.hcm@gmail.com' };

describe('the sender, as the receiving mail server judged it', () => {
  it('is verified when DMARC passes, without vouching for the person', () => {
    // Prepare, Act
    const sender = checkSender({ spf: 'pass', dkim: 'pass', dmarc: 'pass', spam: 'PASS', virus: 'PASS' }, from);

    // Assess
    expect(sender.status).toBe('verified');
    expect(sender.detail).toBe(
      'nguyenvanan.hcm@gmail.com: tên miền của địa chỉ người gửi xác thực thư (DKIM đạt, SPF đạt, DMARC đạt); đây không phải xác minh danh tính người yêu cầu.',
    );
  });

  it('is not verified on an SPF pass alone: SPF is about the envelope domain, not the From address', () => {
    // Prepare, Act
    const sender = checkSender({ spf: 'pass', dkim: 'none', dmarc: 'none' });

    // Assess
    expect(sender.status).toBe('unverified');
    expect(sender.detail).toContain('không chứng minh địa chỉ trong trường "Từ" (From) là của người gửi');
  });

  it('is not verified on a DKIM pass alone: the signature may be any domain\'s', () => {
    // Prepare, Act, Assess
    expect(checkSender({ spf: 'none', dkim: 'pass', dmarc: 'none' }).status).toBe('unverified');
  });

  it('fails when SPF and DKIM both fail and the domain publishes no DMARC', () => {
    // Prepare, Act
    const sender = checkSender({ spf: 'fail', dkim: 'fail', dmarc: 'none' });

    // Assess
    expect(sender.status).toBe('failed');
    expect(sender.detail).toContain('SPF và DKIM đều không đạt');
  });

  it('fails when DMARC fails, even though SPF passed: the From address may be forged', () => {
    // Prepare, Act
    const sender = checkSender({ spf: 'pass', dkim: 'fail', dmarc: 'fail', spam: 'PASS', virus: 'PASS' }, from);

    // Assess
    expect(sender.status).toBe('failed');
    expect(sender.detail).toContain('DMARC không đạt: địa chỉ người gửi có thể bị giả mạo');
    expect(sender.detail).toContain('Không trả lời vào địa chỉ này khi chưa xác minh.');
  });

  it('fails when SES finds spam or a virus, whatever the signatures say', () => {
    // Prepare, Act
    const spam = checkSender({ spf: 'pass', dkim: 'pass', dmarc: 'pass', spam: 'FAIL', virus: 'PASS' });
    const virus = checkSender({ spf: 'pass', dkim: 'pass', dmarc: 'pass', spam: 'PASS', virus: 'FAIL' });

    // Assess
    expect([spam.status, virus.status]).toEqual(['failed', 'failed']);
    expect(virus.detail).toContain('phát hiện virus trong thư (virus FAIL)');
  });

  it('is unverified when nothing passed, and says to compare identity at the desk', () => {
    // Prepare, Act
    const sender = checkSender({ spf: 'softfail', dkim: 'none', dmarc: 'none' });

    // Assess
    expect(sender.status).toBe('unverified');
    expect(sender.detail).toBe('chưa xác thực được địa chỉ người gửi (DKIM không có, SPF nghi vấn, DMARC không có): đối chiếu danh tính khi tiếp nhận trực tiếp.');
  });

  it('reads verdicts in any case and without any verdict at all', () => {
    // Prepare, Act, Assess
    expect(checkSender({ spf: 'PASS', dmarc: 'Fail' }).status).toBe('failed');
    expect(checkSender({}).status).toBe('unverified');
    expect(checkSender({ spf: 'pass', spam: 'GRAY' }).detail).toContain('Lưu ý: thư có dấu hiệu thư rác.');
  });
});
