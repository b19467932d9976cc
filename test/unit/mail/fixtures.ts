import { readFileSync } from 'node:fs';
import { parseInboundMessage, type InboundMessage } from '../../../shared/mail/inbound-message';

/** The stored messages in test/fixtures/mail (see its README for what each one is). */
export type MailFixture =
  | 'request-gmail-pdf.eml'
  | 'request-phone-photos.eml'
  | 'reply-in-reply-to.eml'
  | 'out-of-office-outlook.eml'
  | 'bounce-dsn.eml'
  | 'list-newsletter.eml'
  | 'no-message-id.eml'
  | 'multiple-recipients.eml';

export const storedMessage = (name: MailFixture): Buffer => readFileSync(new URL(`../../fixtures/mail/${name}`, import.meta.url));

export const parsedFixture = (name: MailFixture): Promise<InboundMessage> => parseInboundMessage(storedMessage(name));

/**
 * A small message written in the test, for a variation the fixtures do not show. It carries SES's
 * headers on top (unless `withoutSes`) so that it looks like every stored message.
 */
export function storedMail(
  headers: string[],
  body = 'Kính gửi Phòng Thi hành án dân sự khu vực 1,\r\nTôi xin gửi đơn yêu cầu thi hành án.',
  options: { withoutSes?: boolean; ownMimeHeaders?: boolean } = {},
): Buffer {
  const ses = options.withoutSes
    ? []
    : [
        'Received: from mail.example.net (mail.example.net [198.51.100.7]) by inbound-smtp.ap-southeast-1.amazonaws.com with SMTP id t3st0000000000000000000000000000000000000 for kv1@hcm.thads.example; Mon, 23 Nov 2026 09:30:00 +0000 (UTC)',
        'X-SES-Spam-Verdict: PASS',
        'X-SES-Virus-Verdict: PASS',
        'Authentication-Results: amazonses.com; spf=pass (spfCheck: domain of example.net designates 198.51.100.7 as permitted sender) client-ip=198.51.100.7; envelope-from=an@example.net; helo=mail.example.net; dkim=pass header.i=@example.net; dmarc=pass header.from=example.net;',
      ];
  const mime = options.ownMimeHeaders ? [] : ['MIME-Version: 1.0', 'Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: 8bit'];
  return Buffer.from([...ses, ...headers, ...mime, '', body, ''].join('\r\n'), 'utf8');
}

/** One RFC 2047 encoded word (UTF-8, base64), as most clients write a Vietnamese header. */
export const rfc2047 = (text: string) => `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;

/** The headers of an ordinary citizen's request, to which a test adds one robot's mark. */
export const citizenHeaders = [
  'Return-Path: <an@example.net>',
  `From: ${rfc2047('Nguyễn Văn An')} <an@example.net>`,
  'To: kv1@hcm.thads.example',
  `Subject: ${rfc2047('Đơn yêu cầu thi hành án')}`,
  'Date: Mon, 23 Nov 2026 16:29:40 +0700',
  'Message-ID: <request-1@example.net>',
];

/** No lone surrogate: what encodeURIComponent (and so an S3 key) needs. */
export const wellFormed = (text: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

/** A request whose MIME parts nest `depth` multiparts deep, each inside the one before. */
export function deeplyNestedMail(depth: number): Buffer {
  const open = Array.from({ length: depth }, (_, i) => `--n${i}\r\nContent-Type: multipart/mixed; boundary="n${i + 1}"\r\n`).join('\r\n');
  const close = Array.from({ length: depth }, (_, i) => `--n${depth - i}--`).join('\r\n');
  return storedMail([...citizenHeaders, 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="n0"'], `${open}\r\n--n${depth}\r\nContent-Type: text/plain\r\n\r\nx\r\n${close}\r\n--n0--`, {
    ownMimeHeaders: true,
  });
}
