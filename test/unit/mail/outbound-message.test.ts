import { describe, expect, it } from 'vitest';
import { composeRawMessage, type OutboundMessage } from '../../../shared/mail/outbound-message';
import { parseInboundMessage } from '../../../shared/mail/inbound-message';

const acknowledgement: OutboundMessage = {
  messageId: '<HCMKV1-2026-000001.acknowledgement@hcm.thads.example>',
  from: { name: 'Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh', address: 'motcua@hcm.thads.example' },
  replyTo: 'kv1@hcm.thads.example',
  to: 'nguyenvanan.hcm@gmail.com',
  subject: 'Xác nhận đã nhận yêu cầu thi hành án [HCMKV1-2026-000001]',
  text: [
    'Kính gửi Ông/Bà Nguyễn Văn An,',
    '',
    'Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh đã nhận được yêu cầu của Ông/Bà gửi qua thư điện tử lúc 16:30 ngày 23/11/2026.',
    'Mã hồ sơ của Ông/Bà là: HCMKV1-2026-000001. Khi trả lời thư này, xin giữ nguyên mã hồ sơ trong tiêu đề.',
    '',
    'Các tệp đính kèm chúng tôi đã nhận (1):',
    '  - Bản án số 123-2026-DS-PT.pdf',
  ].join('\n'),
  inReplyTo: '<CAHk3x9t+Qm7Lp0b2VnZ8Jm_1yWcRk4=uXo5s2PzA8dE@mail.gmail.com>',
  references: ['<CAHk3x9t+Qm7Lp0b2VnZ8Jm_1yWcRk4=uXo5s2PzA8dE@mail.gmail.com>'],
  autoSubmitted: 'auto-replied',
  date: new Date('2026-11-23T09:31:02Z'),
};

const headerSection = (raw: Buffer) => raw.toString('latin1').split('\r\n\r\n')[0]!;

describe('an acknowledgement composed for SES', () => {
  it('reads back with its Vietnamese subject and text unchanged', async () => {
    // Prepare, Act
    const parsed = await parseInboundMessage(await composeRawMessage(acknowledgement));

    // Assess
    expect(parsed.subject).toBe('Xác nhận đã nhận yêu cầu thi hành án [HCMKV1-2026-000001]');
    expect(parsed.text).toBe(acknowledgement.text);
  });

  it('names the agency in Vietnamese as sender and the office as the address to reply to', async () => {
    // Prepare, Act
    const parsed = await parseInboundMessage(await composeRawMessage(acknowledgement));

    // Assess
    expect(parsed.from).toEqual({ address: 'motcua@hcm.thads.example', name: 'Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh' });
    expect(parsed.replyTo).toBe('kv1@hcm.thads.example');
    expect(parsed.to).toEqual(['nguyenvanan.hcm@gmail.com']);
  });

  it('threads under the citizen’s request, with the Message-ID the case gave it', async () => {
    // Prepare, Act
    const parsed = await parseInboundMessage(await composeRawMessage(acknowledgement));

    // Assess
    expect(parsed.messageId).toBe('<HCMKV1-2026-000001.acknowledgement@hcm.thads.example>');
    expect(parsed.inReplyTo).toBe('<CAHk3x9t+Qm7Lp0b2VnZ8Jm_1yWcRk4=uXo5s2PzA8dE@mail.gmail.com>');
    expect(parsed.references).toEqual(['<CAHk3x9t+Qm7Lp0b2VnZ8Jm_1yWcRk4=uXo5s2PzA8dE@mail.gmail.com>']);
    expect(parsed.senderDate).toBe('2026-11-23T09:31:02.000Z');
  });

  it('says it was written by a robot (Auto-Submitted: auto-replied, X-Auto-Response-Suppress: All)', async () => {
    // Prepare, Act
    const raw = await composeRawMessage(acknowledgement);

    // Assess
    const headers = headerSection(raw);
    expect(headers).toMatch(/^Auto-Submitted: auto-replied$/m);
    expect(headers).toMatch(/^X-Auto-Response-Suppress: All$/m);
  });

  it('if it ever came back to the desk, would be taken for an auto-reply and not answered', async () => {
    // Prepare, Act
    const parsed = await parseInboundMessage(await composeRawMessage(acknowledgement));

    // Assess
    expect(parsed.automated).toEqual({ kind: 'auto-reply', evidence: 'Auto-Submitted: auto-replied' });
  });

  it('writes its headers in ASCII only: the Vietnamese is encoded per RFC 2047', async () => {
    // Prepare, Act
    const raw = await composeRawMessage(acknowledgement);

    // Assess
    const headers = headerSection(raw);
    expect(headers).toMatch(/^[\x20-\x7e\r\n\t]*$/);
    expect(headers).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/m);
  });

  it('marks a generated notice that answers nothing as auto-generated', async () => {
    // Prepare
    const reminder: OutboundMessage = { ...acknowledgement, autoSubmitted: 'auto-generated', inReplyTo: undefined, references: undefined };

    // Act
    const raw = await composeRawMessage(reminder);

    // Assess
    const headers = headerSection(raw);
    expect(headers).toMatch(/^Auto-Submitted: auto-generated$/m);
    expect(headers).not.toMatch(/^In-Reply-To:/m);
  });

  it('carries an attachment with a Vietnamese name that reads back unchanged', async () => {
    // Prepare
    const decision = Buffer.from('%PDF-1.4\n% Quyết định thi hành án\n%%EOF\n', 'utf8');
    const withDecision: OutboundMessage = {
      ...acknowledgement,
      attachments: [{ filename: 'Quyết định thi hành án số 15-QĐ-CTHADS.pdf', content: decision, contentType: 'application/pdf' }],
    };

    // Act
    const parsed = await parseInboundMessage(await composeRawMessage(withDecision));

    // Assess
    expect(parsed.attachments).toHaveLength(1);
    expect(parsed.attachments[0]!.filename).toBe('Quyết định thi hành án số 15-QĐ-CTHADS.pdf');
    expect(parsed.attachments[0]!.content.equals(decision)).toBe(true);
    expect(parsed.text).toBe(acknowledgement.text);
  });
});

describe('the MIME the composer writes', () => {
  const longName = `${'Quyết định thi hành án của Chi cục Thi hành án dân sự '.repeat(3).trim()}.pdf`;
  const longText = `${'Đề nghị Ông/Bà mang theo bản chính bản án và căn cước công dân khi đến. '.repeat(6)}  \nDòng kết thúc bằng khoảng trắng   \nHết.`;
  const full: OutboundMessage = {
    ...acknowledgement,
    subject: `${'Thông báo về việc tiếp nhận hồ sơ yêu cầu thi hành án dân sự '.repeat(3)}[HCMKV1-2026-000001]`,
    text: longText,
    references: Array.from({ length: 6 }, (_, i) => `<thread-${i}.${'x'.repeat(30)}@mail.example.net>`),
    attachments: [
      { filename: longName, content: Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 256)), contentType: 'application/pdf' },
      { filename: 'lich-hen.ics', content: Buffer.from('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n'), contentType: 'text/calendar; charset=UTF-8; method=REQUEST' },
    ],
  };

  it('keeps every line within 78 characters and writes only 7-bit ASCII, even for long Vietnamese subjects, names and text', async () => {
    // Prepare, Act
    const raw = await composeRawMessage(full);

    // Assess
    expect([...raw].every((byte) => byte < 128)).toBe(true);
    const lines = raw.toString('ascii').split('\r\n');
    expect(lines.filter((line) => line.length > 78)).toEqual([]);
    expect(raw.toString('ascii')).not.toMatch(/[^\r]\n/);
  });

  it('reads back whole: the long subject, text with trailing spaces, References, both files with their bytes and names', async () => {
    // Prepare, Act
    const parsed = await parseInboundMessage(await composeRawMessage(full));

    // Assess
    expect(parsed.subject).toBe(full.subject);
    expect(parsed.text).toBe(longText.trim());
    expect(parsed.references).toEqual(full.references);
    expect(parsed.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      [longName, 'application/pdf'],
      ['lich-hen.ics', 'text/calendar'],
    ]);
    expect(parsed.attachments[0]!.content.equals(full.attachments![0]!.content)).toBe(true);
  });

  it('writes the same bytes for the same message (a resend after a lost answer is the same mail)', async () => {
    // Prepare, Act
    const [first, second] = [await composeRawMessage(full), await composeRawMessage(full)];

    // Assess
    expect(first.equals(second)).toBe(true);
  });

  it('quotes an ASCII sender name with specials', async () => {
    // Prepare, Act
    const raw = await composeRawMessage({ ...acknowledgement, from: { name: 'THADS, Ho Chi Minh', address: 'motcua@hcm.thads.example' } });

    // Assess
    expect(headerSection(raw)).toMatch(/^From: "THADS, Ho Chi Minh" <motcua@hcm\.thads\.example>$/m);
    expect((await parseInboundMessage(raw)).from).toEqual({ address: 'motcua@hcm.thads.example', name: 'THADS, Ho Chi Minh' });
  });
});
