import { describe, expect, it } from 'vitest';
import { MalformedMessage, parseInboundMessage } from '../../../shared/mail/inbound-message';
import { citizenHeaders, deeplyNestedMail, storedMail } from './fixtures';

/**
 * The MIME that citizens' clients write and that a parser may read differently: the cases met when
 * intake moved from mailparser to postal-mime, each written here as the client writes it.
 */

const base64Word = (bytes: Buffer, charset = 'UTF-8') => `=?${charset}?B?${bytes.toString('base64')}?=`;
const withSubject = (subject: string) => [...citizenHeaders.filter((h) => !h.startsWith('Subject:')), `Subject: ${subject}`];

describe('a Vietnamese subject in RFC 2047 encoded words', () => {
  it('is read whole when the client split a character’s UTF-8 bytes over two words', async () => {
    // Prepare: "Đơn" is 44 C4 90 C6 A1 6E in UTF-8; the first word ends inside "ơ" (C6 | A1).
    const bytes = Buffer.from('Đơn yêu cầu thi hành án', 'utf8');
    const subject = `${base64Word(bytes.subarray(0, 4))}\r\n ${base64Word(bytes.subarray(4))}`;

    // Act
    const message = await parseInboundMessage(storedMail(withSubject(subject)));

    // Assess
    expect(message.subject).toBe('Đơn yêu cầu thi hành án');
  });

  it('keeps the spaces of Q-encoded words (underscores) and the plain case tag after them', async () => {
    // Prepare
    const subject = '=?utf-8?Q?Tr=E1=BA=A3_l=E1=BB=9Di_b=E1=BB=95_sung_h=E1=BB=93_s=C6=A1?= [HCMKV1-2026-000001]';

    // Act
    const message = await parseInboundMessage(storedMail(withSubject(subject)));

    // Assess
    expect(message.subject).toBe('Trả lời bổ sung hồ sơ [HCMKV1-2026-000001]');
  });

  it('reads a word in Windows-1258, the Vietnamese code page, composing its tone marks (NFC)', async () => {
    // Prepare: Windows-1258 writes "gửi" as g, ư (FD), a combining hook above (D2), i.
    const subject = base64Word(Buffer.from([0x4b, 0xed, 0x6e, 0x68, 0x20, 0x67, 0xfd, 0xd2, 0x69]), 'windows-1258');

    // Act
    const message = await parseInboundMessage(storedMail(withSubject(subject)));

    // Assess
    expect(message.subject).toBe('Kính gửi');
    expect(message.subject).toBe(message.subject.normalize('NFC'));
  });
});

describe('a body in a legacy Vietnamese code page', () => {
  it('reads a Windows-1258 text part as the citizen wrote it', async () => {
    // Prepare
    const head = ['Received: from mail.example.net by inbound-smtp.ap-southeast-1.amazonaws.com for kv1@hcm.thads.example; Mon, 23 Nov 2026 09:30:00 +0000', ...citizenHeaders];
    const mime = ['MIME-Version: 1.0', 'Content-Type: text/plain; charset="windows-1258"', 'Content-Transfer-Encoding: 8bit'];
    const raw = Buffer.concat([Buffer.from([...head, ...mime, '', ''].join('\r\n'), 'latin1'), Buffer.from([0x4b, 0xed, 0x6e, 0x68, 0x20, 0x67, 0xfd, 0xd2, 0x69, 0x0d, 0x0a])]);

    // Act
    const message = await parseInboundMessage(raw);

    // Assess
    expect(message.text.normalize('NFC')).toBe('Kính gửi');
  });
});

/** A multipart/mixed request with one text part and one PDF whose headers the test writes. */
function requestWithAttachment(partHeaders: string[]): Buffer {
  const body = [
    '--b1',
    'Content-Type: text/plain; charset=UTF-8',
    '',
    'Tôi gửi kèm bản án.',
    '--b1',
    ...partHeaders,
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64'),
    '--b1--',
  ].join('\r\n');
  return storedMail([...citizenHeaders, 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b1"'], body, { ownMimeHeaders: true });
}

describe('an attachment’s Vietnamese name', () => {
  it('is read from RFC 2231 continuations (filename*0*, filename*1*) in UTF-8, percent-encoded', async () => {
    // Prepare
    const raw = requestWithAttachment([
      'Content-Type: application/pdf',
      "Content-Disposition: attachment; filename*0*=utf-8''B%E1%BA%A3n%20%C3%A1n%20;",
      ' filename*1*=s%E1%BB%91%2012-2026.pdf',
    ]);

    // Act
    const message = await parseInboundMessage(raw);

    // Assess
    expect(message.attachments.map((a) => [a.filename, a.contentType, a.content.subarray(0, 5).toString()])).toEqual([['Bản án số 12-2026.pdf', 'application/pdf', '%PDF-']]);
  });

  it('is read from RFC 2231 with a language tag', async () => {
    // Prepare
    const raw = requestWithAttachment(['Content-Type: application/pdf', "Content-Disposition: attachment; filename*=UTF-8'vi'Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh.pdf"]);

    // Act
    const message = await parseInboundMessage(raw);

    // Assess
    expect(message.attachments.map((a) => a.filename)).toEqual(['Quyết định.pdf']);
  });

  it('is read from an encoded word in the Content-Type name when the client wrote no disposition (older Outlook)', async () => {
    // Prepare
    const raw = requestWithAttachment([`Content-Type: application/pdf; name="${base64Word(Buffer.from('Đơn yêu cầu.pdf', 'utf8'))}"`]);

    // Act
    const message = await parseInboundMessage(raw);

    // Assess
    expect(message.attachments.map((a) => a.filename)).toEqual(['Đơn yêu cầu.pdf']);
  });
});

describe('a stored object that a parser cannot read within bounds', () => {
  it('is refused as malformed, saying why, when its parts nest deeper than any mail client writes', async () => {
    // Prepare
    const raw = deeplyNestedMail(60);

    // Act, Assess
    await expect(parseInboundMessage(raw)).rejects.toThrow(MalformedMessage);
    await expect(parseInboundMessage(raw)).rejects.toThrow(/^the message could not be parsed as MIME: .*nesting depth/i);
  });

  it('is refused as malformed, saying why, when its header section is larger than a megabyte', async () => {
    // Prepare
    const raw = storedMail([...citizenHeaders, ...Array.from({ length: 2000 }, (_, i) => `X-Padding-${i}: ${'a'.repeat(600)}`)]);

    // Act, Assess
    await expect(parseInboundMessage(raw)).rejects.toThrow(/^the message could not be parsed as MIME: .*header size/i);
  });
});

describe('a calendar file a citizen attaches', () => {
  it('is kept as its text in UTF-8 with LF line ends, as the parser reads calendars (the raw mail keeps its bytes)', async () => {
    // Prepare
    const raw = requestWithAttachment(['Content-Type: text/calendar; charset=UTF-8; method=REQUEST; name="hen.ics"']);
    const calendar = 'BEGIN:VCALENDAR\r\nSUMMARY:Hẹn gặp\r\nEND:VCALENDAR\r\n';
    const withCalendar = Buffer.from(raw.toString('utf8').replace(Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64'), Buffer.from(calendar).toString('base64')), 'utf8');

    // Act
    const message = await parseInboundMessage(withCalendar);

    // Assess
    expect(message.attachments.map((a) => [a.filename, a.contentType, a.content.toString('utf8')])).toEqual([['hen.ics', 'text/calendar', 'BEGIN:VCALENDAR\nSUMMARY:Hẹn gặp\nEND:VCALENDAR\n']]);
  });
});
