import { describe, expect, it } from 'vitest';
import { MalformedMessage, parseInboundMessage, safeFilename } from '../../../shared/mail/inbound-message';
import { wellFormed } from './fixtures';
import { caseIdsInSubject } from '../../../shared/cases/case-id';
import { toVietnamIso } from '../../../shared/time/vietnam-time';
import { citizenHeaders, parsedFixture, storedMail } from './fixtures';

const isNfc = (s: string) => s === s.normalize('NFC');

describe('a request sent from Gmail with a scanned judgment', () => {
  it('has its Vietnamese subject, split over two RFC 2047 words, as the citizen typed it', async () => {
    // Prepare, Act
    const message = await parsedFixture('request-gmail-pdf.eml');

    // Assess
    expect(message.subject).toBe('Đơn yêu cầu thi hành án - Bản án số 123/2026/DS-PT');
    expect(isNfc(message.subject)).toBe(true);
  });

  it('names its sender in Vietnamese, with the address in lower case', async () => {
    // Prepare, Act
    const message = await parsedFixture('request-gmail-pdf.eml');

    // Assess
    expect(message.from).toEqual({ address: 'nguyenvanan.hcm@gmail.com', name: 'Nguyễn Văn An' });
    expect(message.returnPath).toBe('nguyenvanan.hcm@gmail.com');
    expect(message.to).toEqual(['kv1@hcm.thads.example']);
  });

  it('reads its quoted-printable text part in Vietnamese, not the HTML alternative', async () => {
    // Prepare, Act
    const message = await parsedFixture('request-gmail-pdf.eml');

    // Assess
    expect(message.text.split('\n')).toEqual([
      'Kính gửi Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh,',
      '',
      'Tôi là Nguyễn Văn An, sinh năm 1978, CCCD số 079078001234, thường trú tại số 45 đường Lê Lợi, phường Bến Thành, Thành phố Hồ Chí Minh.',
      '',
      'Căn cứ Bản án số 123/2026/DS-PT ngày 15/10/2026 của Tòa án nhân dân Thành phố Hồ Chí Minh, tôi làm đơn này yêu cầu cơ quan thi hành án tổ chức thi hành khoản tiền 350.000.000 đồng mà ông Trần Văn Bình phải trả cho tôi.',
      '',
      'Tôi gửi kèm bản chụp bản án. Bản chính tôi sẽ nộp khi được hẹn.',
      '',
      'Trân trọng,',
      'Nguyễn Văn An',
      'Điện thoại: 0903 123 456',
    ]);
    expect(isNfc(message.text)).toBe(true);
  });

  it('keeps the judgment’s Vietnamese file name from RFC 2231 filename*, not the ASCII fallback', async () => {
    // Prepare, Act
    const message = await parsedFixture('request-gmail-pdf.eml');

    // Assess
    expect(message.attachments).toHaveLength(1);
    const [judgment] = message.attachments;
    expect(judgment!.filename).toBe('Bản án số 123-2026-DS-PT.pdf');
    expect(isNfc(judgment!.filename)).toBe(true);
    expect(judgment!.contentType).toBe('application/pdf');
    expect(judgment!.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(judgment!.content.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    expect(judgment!.size).toBe(judgment!.content.length);
  });

  it('was received when SES accepted it, Monday 16:30 in Vietnam, not on the Friday its Date header claims', async () => {
    // Prepare, Act
    const message = await parsedFixture('request-gmail-pdf.eml');

    // Assess
    expect(message.receivedAt?.toISOString()).toBe('2026-11-23T09:30:00.000Z');
    expect(toVietnamIso(message.receivedAt!)).toBe('2026-11-23T16:30:00+07:00');
    expect(message.senderDate).toBe('2026-11-20T15:14:37.000Z');
  });

  it('was received for the office that SES named in the "for" clause of its Received header', async () => {
    // Prepare, Act
    const message = await parsedFixture('request-gmail-pdf.eml');

    // Assess
    expect(message.envelopeRecipient).toBe('kv1@hcm.thads.example');
  });

  it('carries the verdicts SES wrote: SPF, DKIM and DMARC pass, no spam, no virus', async () => {
    // Prepare, Act
    const message = await parsedFixture('request-gmail-pdf.eml');

    // Assess
    expect(message.authentication).toEqual({ spf: 'pass', dkim: 'pass', dmarc: 'pass', spam: 'PASS', virus: 'PASS' });
  });

  it('is identified by its Message-ID in angle brackets, and is a person’s mail, not a robot’s', async () => {
    // Prepare, Act
    const message = await parsedFixture('request-gmail-pdf.eml');

    // Assess
    expect(message.messageId).toBe('<CAHk3x9t+Qm7Lp0b2VnZ8Jm_1yWcRk4=uXo5s2PzA8dE@mail.gmail.com>');
    expect(message.inReplyTo).toBeUndefined();
    expect(message.references).toEqual([]);
    expect(message.automated).toBeUndefined();
  });
});

describe('photos of a judgment and an ID card sent from an iPhone', () => {
  it('has its Q-encoded Vietnamese subject and sender name decoded', async () => {
    // Prepare, Act
    const message = await parsedFixture('request-phone-photos.eml');

    // Assess
    expect(message.subject).toBe('Gửi ảnh bản án và CCCD để yêu cầu thi hành án');
    expect(message.from).toEqual({ address: 'tranthibich1985@icloud.com', name: 'Trần Thị Bích' });
  });

  it('keeps both inline photos, in order, with their names', async () => {
    // Prepare, Act
    const message = await parsedFixture('request-phone-photos.eml');

    // Assess
    expect(message.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['IMG_2026.jpg', 'image/jpeg'],
      ['Ảnh CCCD mặt trước.jpg', 'image/jpeg'],
    ]);
    for (const photo of message.attachments) {
      expect(photo.content.subarray(0, 2).toString('hex')).toBe('ffd8'); // JPEG start of image
      expect(photo.content.subarray(-2).toString('hex')).toBe('ffd9'); // end of image
      expect(photo.size).toBe(photo.content.length);
    }
  });

  it('turns a photo name the phone wrote in decomposed Unicode (NFD) into composed form (NFC)', async () => {
    // Prepare, Act
    const message = await parsedFixture('request-phone-photos.eml');

    // Assess
    const idCard = message.attachments[1]!.filename;
    expect(idCard).toBe('Ảnh CCCD mặt trước.jpg');
    expect(idCard).toHaveLength('Ảnh CCCD mặt trước.jpg'.normalize('NFC').length);
    expect(isNfc(idCard)).toBe(true);
  });

  it('reads the text written before and after the photos', async () => {
    // Prepare, Act
    const message = await parsedFixture('request-phone-photos.eml');

    // Assess
    expect(message.text).toContain('Tôi là Trần Thị Bích. Tôi gửi ảnh chụp bản án và căn cước công dân để yêu cầu thi hành án.');
    expect(message.text).toContain('Gửi từ iPhone của tôi');
  });
});

describe('a reply to an acknowledgement', () => {
  it('names the acknowledgement in In-Reply-To and the whole thread in References', async () => {
    // Prepare, Act
    const message = await parsedFixture('reply-in-reply-to.eml');

    // Assess
    expect(message.inReplyTo).toBe('<HCMKV1-2026-000001.acknowledgement@hcm.thads.example>');
    expect(message.references).toEqual([
      '<CAHk3x9t+Qm7Lp0b2VnZ8Jm_1yWcRk4=uXo5s2PzA8dE@mail.gmail.com>',
      '<HCMKV1-2026-000001.acknowledgement@hcm.thads.example>',
    ]);
  });

  it('keeps the case id tag in its decoded subject', async () => {
    // Prepare, Act
    const message = await parsedFixture('reply-in-reply-to.eml');

    // Assess
    expect(message.subject).toBe('Re: Xác nhận đã nhận yêu cầu thi hành án [HCMKV1-2026-000001]');
    expect(caseIdsInSubject(message.subject)).toEqual(['HCMKV1-2026-000001']);
    expect(message.automated).toBeUndefined();
  });
});

describe('a web-form message relayed without a Message-ID', () => {
  it('has no Message-ID rather than an invented one', async () => {
    // Prepare, Act
    const message = await parsedFixture('no-message-id.eml');

    // Assess
    expect(message.messageId).toBeUndefined();
  });

  it('still reads its raw 8-bit UTF-8 subject and body, and the citizen’s Reply-To', async () => {
    // Prepare, Act
    const message = await parsedFixture('no-message-id.eml');

    // Assess
    expect(message.subject).toBe('Yêu cầu thi hành án - Phạm Văn Hùng');
    expect(message.text).toContain('Nội dung: Tôi đề nghị thi hành Quyết định số 45/2026/QĐST-DS ngày 02/11/2026 của Tòa án nhân dân khu vực 1.');
    expect(message.replyTo).toBe('phamvanhung.1970@yahoo.com.vn');
    expect(message.receivedAt?.toISOString()).toBe('2026-11-25T02:20:31.000Z');
  });
});

describe('a message to two office addresses and a client', () => {
  it('has no envelope recipient, because SES names none when it received several', async () => {
    // Prepare, Act
    const message = await parsedFixture('multiple-recipients.eml');

    // Assess
    expect(message.envelopeRecipient).toBeUndefined();
    expect(message.receivedAt?.toISOString()).toBe('2026-11-23T02:05:41.000Z');
  });

  it('lists To and Cc in the order written, in lower case', async () => {
    // Prepare, Act
    const message = await parsedFixture('multiple-recipients.eml');

    // Assess
    expect(message.to).toEqual(['vothiem@gmail.com', 'kv2@hcm.thads.example']);
    expect(message.cc).toEqual(['motcua@hcm.thads.example']);
    expect(message.from?.name).toBe('Luật sư Hoàng Minh Đức');
    expect(message.subject).toBe('Đề nghị thi hành Bản án số 87/2026/KDTM-ST');
  });
});

describe('the receiving server’s own headers, and only those', () => {
  it('takes receipt time and recipient from the topmost Received header, not from the sender’s own below it', async () => {
    // Prepare
    const raw = storedMail([
      'Received: from relay.example.net (relay.example.net [198.51.100.9]) by inbound-smtp.ap-southeast-1.amazonaws.com with SMTP id abc123 for kv2@hcm.thads.example; Tue, 24 Nov 2026 02:00:00 +0000 (UTC)',
      'Received: by relay.example.net (Postfix) for <someone.else@example.net>; Sat, 21 Nov 2026 08:00:00 +0700',
      ...citizenHeaders,
    ], undefined, { withoutSes: true });

    // Act
    const message = await parseInboundMessage(raw);

    // Assess
    expect(message.receivedAt?.toISOString()).toBe('2026-11-24T02:00:00.000Z');
    expect(message.envelopeRecipient).toBe('kv2@hcm.thads.example');
  });

  it('reads a Received header folded over several lines, as the local SMTP stand-in writes it', async () => {
    // Prepare
    const raw = storedMail([
      'Return-Path: <an@example.net>',
      'Received: from mail.example.net (unknown [127.0.0.1])',
      ' by inbound-smtp.local.motcua with SMTP id 0123456789abcdefghijklmnopqrstuv01234567',
      ' for KV1@HCM.THADS.EXAMPLE;',
      ' Fri, 13 Feb 2026 09:30:00 +0000 (UTC)',
      ...citizenHeaders.slice(1),
    ], undefined, { withoutSes: true });

    // Act
    const message = await parseInboundMessage(raw);

    // Assess
    expect(message.receivedAt?.toISOString()).toBe('2026-02-13T09:30:00.000Z');
    expect(message.envelopeRecipient).toBe('kv1@hcm.thads.example');
  });

  it('has no receipt time and no envelope recipient when no server wrote a Received header', async () => {
    // Prepare
    const raw = storedMail(citizenHeaders, undefined, { withoutSes: true });

    // Act
    const message = await parseInboundMessage(raw);

    // Assess
    expect(message.receivedAt).toBeUndefined();
    expect(message.envelopeRecipient).toBeUndefined();
    expect(message.senderDate).toBe('2026-11-23T09:29:40.000Z');
  });

  it('has no receipt time when the top Received header’s date cannot be read, rather than a wrong one', async () => {
    // Prepare
    const raw = storedMail(['Received: from mail.example.net by mx.example.net with SMTP id x for kv1@hcm.thads.example; yesterday afternoon', ...citizenHeaders], undefined, {
      withoutSes: true,
    });

    // Act
    const message = await parseInboundMessage(raw);

    // Assess
    expect(message.receivedAt).toBeUndefined();
    expect(message.envelopeRecipient).toBe('kv1@hcm.thads.example');
  });

  it('reports SES’s Authentication-Results, not a forged one the sender put below it', async () => {
    // Prepare
    const raw = storedMail([
      'Received: from mail.example.net (mail.example.net [198.51.100.7]) by inbound-smtp.ap-southeast-1.amazonaws.com with SMTP id abc for kv1@hcm.thads.example; Mon, 23 Nov 2026 09:30:00 +0000 (UTC)',
      'X-SES-Spam-Verdict: FAIL',
      'X-SES-Virus-Verdict: PASS',
      'Authentication-Results: amazonses.com;',
      ' spf=softfail (spfCheck: domain of example.net does not designate 198.51.100.7 as permitted sender) client-ip=198.51.100.7;',
      ' dkim=fail header.i=@example.net;',
      ' dmarc=fail header.from=example.net;',
      'Authentication-Results: mx.example.net; spf=pass; dkim=pass; dmarc=pass',
      ...citizenHeaders,
    ], undefined, { withoutSes: true });

    // Act
    const message = await parseInboundMessage(raw);

    // Assess
    expect(message.authentication).toMatchObject({ spf: 'softfail', dkim: 'fail', dmarc: 'fail' });
  });

  // A header the sender repeats becomes a list in mailparser's map; read from there, SES's FAIL once
  // came out as no verdict at all.
  it('reports SES’s spam and virus verdicts even when the sender wrote headers of the same name below them', async () => {
    // Prepare
    const raw = storedMail([
      'Received: from mail.example.net (mail.example.net [198.51.100.7]) by inbound-smtp.ap-southeast-1.amazonaws.com with SMTP id abc for kv1@hcm.thads.example; Mon, 23 Nov 2026 09:30:00 +0000 (UTC)',
      'X-SES-Spam-Verdict: FAIL',
      'X-SES-Virus-Verdict: FAIL',
      'Authentication-Results: amazonses.com; spf=pass; dkim=pass; dmarc=pass',
      'X-SES-Spam-Verdict: PASS',
      'X-SES-Virus-Verdict: PASS',
      ...citizenHeaders,
    ], undefined, { withoutSes: true });

    // Act
    const message = await parseInboundMessage(raw);

    // Assess
    expect(message.authentication).toMatchObject({ spam: 'FAIL', virus: 'FAIL' });
  });

  it('has no verdicts when the message passed no server that wrote them', async () => {
    // Prepare
    const raw = storedMail(citizenHeaders, undefined, { withoutSes: true });

    // Act
    const message = await parseInboundMessage(raw);

    // Assess
    expect(message.authentication).toEqual({ spf: undefined, dkim: undefined, dmarc: undefined, spam: undefined, virus: undefined });
  });
});

describe('a stored object that is not a readable message', () => {
  it('is refused as malformed when it is empty', async () => {
    // Prepare
    const empty = Buffer.alloc(0);

    // Act, Assess
    await expect(parseInboundMessage(empty)).rejects.toThrow(new MalformedMessage('the stored message is empty'));
  });

  // mailparser reports an empty header section as one header line with an empty key, which once
  // slipped past the "no headers" guard.
  it.each([
    ['an empty header section before a body', '\r\nKính gửi Phòng Thi hành án dân sự khu vực 1\r\n'],
    ['a blob that is not mail at all', 'PK\u0003\u0004 not an e-mail'],
  ])('is refused as malformed when it has no header at all: %s', async (_story, text) => {
    // Prepare
    const headless = Buffer.from(text, 'utf8');

    // Act, Assess
    await expect(parseInboundMessage(headless)).rejects.toThrow(new MalformedMessage('the message has no headers'));
  });
});

describe('safeFilename', () => {
  it('keeps a Vietnamese file name as the citizen gave it', () => {
    // Prepare, Act
    const name = safeFilename('Đơn yêu cầu thi hành án (bản chụp).docx', 1, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');

    // Assess
    expect(name).toBe('Đơn yêu cầu thi hành án (bản chụp).docx');
  });

  it('composes a decomposed (NFD) name into NFC', () => {
    // Prepare
    const decomposed = 'Bản án số 12.pdf'.normalize('NFD');

    // Act
    const name = safeFilename(decomposed, 1, 'application/pdf');

    // Assess
    expect(decomposed).not.toBe('Bản án số 12.pdf');
    expect(name).toBe('Bản án số 12.pdf');
  });

  it.each([
    ['a Windows path', 'C:\\Users\\An\\Documents\\Bản án.pdf'],
    ['a Unix path', '/home/an/Bản án.pdf'],
    ['a path climbing out of the folder', '../../cases/HCMKV1-2026-000001/Bản án.pdf'],
  ])('never returns %s as a path, and keeps the name at its end', (_story, given) => {
    // Prepare, Act
    const name = safeFilename(given, 1, 'application/pdf');

    // Assess
    expect(name).not.toMatch(/[\\/]/);
    expect(name.endsWith('Bản án.pdf')).toBe(true);
  });

  it('drops control characters (a NUL, a newline, an escape) from a name', () => {
    // Prepare, Act
    const name = safeFilename('Bản\u0000 án\r\n\u001b[31m.pdf\u007f', 1, 'application/pdf');

    // Assess
    expect(name).toBe('Bản án[31m.pdf');
  });

  it.each([
    ['a part with no name', undefined, 2, 'application/pdf', 'tep-dinh-kem-2.pdf'],
    ['an empty name', '', 1, 'image/jpeg', 'tep-dinh-kem-1.jpg'],
    ['a name of spaces and control characters only', ' \u0000\t ', 3, 'image/png', 'tep-dinh-kem-3.png'],
    ['the name ".."', '..', 1, 'application/msword', 'tep-dinh-kem-1.doc'],
    ['the name "."', '.', 4, 'image/heic', 'tep-dinh-kem-4.heic'],
    ['a nameless part of an unknown type', undefined, 5, 'application/x-unknown', 'tep-dinh-kem-5.bin'],
  ])('names %s by its position and type', (_story, given, index, contentType, expected) => {
    // Prepare, Act
    const name = safeFilename(given, index, contentType);

    // Assess
    expect(name).toBe(expected);
  });

  it('shortens a name longer than 200 characters, keeping its extension', () => {
    // Prepare
    const long = `${'Bản án '.repeat(40)}.pdf`;

    // Act
    const name = safeFilename(long, 1, 'application/pdf');

    // Assess
    expect(name).toHaveLength(200);
    expect(name.endsWith('….pdf')).toBe(true);
    expect(long.startsWith(name.slice(0, -5))).toBe(true);
  });

  it('cuts a 199-character name plus an emoji between characters, never inside a surrogate pair (the S3 key must encode)', () => {
    // Prepare: 199 letters, then a character outside the BMP (two UTF-16 units), then more
    const given = `${'a'.repeat(199)}📄📄 bản án.pdf`;

    // Act
    const name = safeFilename(given, 1, 'application/pdf');

    // Assess: no lone surrogate, so encodeURIComponent (what the S3 client does) does not throw
    expect(() => encodeURIComponent(name)).not.toThrow();
    expect(wellFormed(name)).toBe(true);
    expect([...name].length).toBeLessThanOrEqual(200);
    expect(name.endsWith('.pdf')).toBe(true);
  });

  it('removes right-to-left overrides and C1 controls that would make a name read otherwise', () => {
    // Prepare: "hopdong\u202Efdp.exe" shows as "hopdongexe.pdf"
    const name = safeFilename('hopdong\u202Efdp.exe\u0085\u009b31m', 1, 'application/octet-stream');

    // Assess
    expect(name).toBe('hopdongfdp.exe31m');
  });
});
