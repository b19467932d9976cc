import { describe, expect, it } from 'vitest';
import { parseInboundMessage } from '../../../shared/mail/inbound-message';
import { messageIdsInHeaders } from '../../../shared/mail/report';

const dsn = (partType: string, original: string) =>
  Buffer.from(
    [
      'From: MAILER-DAEMON@mx.example.net',
      'To: kv1@hcm.thads.example',
      'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <b1@mx.example.net>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="BB"',
      '',
      '--BB',
      'Content-Type: text/plain',
      '',
      'Failed.',
      '--BB',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.net',
      '',
      'Final-Recipient: rfc822; x@example.com',
      'Action: failed',
      '--BB',
      `Content-Type: ${partType}`,
      '',
      original,
      '--BB--',
      '',
    ].join('\r\n'),
  );

describe('a delivery report', () => {
  it.each(['text/rfc822-headers', 'message/rfc822'])('names the reported message from its %s part', async (partType) => {
    const message = await parseInboundMessage(dsn(partType, 'From: motcua@thads.example\r\nMessage-ID:\r\n <HCMKV1-2026-000001.acknowledgement@hcm.thads.example>\r\nSubject: x\r\n\r\nMessage-ID: <in-the-body@example.com>'));

    expect(message.report).toEqual({ type: 'delivery-status', reportedMessageIds: ['<HCMKV1-2026-000001.acknowledgement@hcm.thads.example>'] });
  });

  it('reads only the header block of the reported message', () => {
    expect(messageIdsInHeaders('Subject: a\r\n\r\nMessage-ID: <body@example.com>')).toEqual([]);
  });
});
