import { describe, expect, it } from 'vitest';
import { parseInboundMessage, type InboundMessage } from '../../../shared/mail/inbound-message';
import { citizenHeaders, parsedFixture, storedMail, type MailFixture } from './fixtures';

/** A citizen's request, changed as a robot would write it. */
function robotMail(change: { replace?: Record<string, string>; add?: string[] }): Promise<InboundMessage> {
  const headers = citizenHeaders.map((line) => {
    const name = line.slice(0, line.indexOf(':'));
    return change.replace?.[name] ?? line;
  });
  return parseInboundMessage(storedMail([...headers, ...(change.add ?? [])]));
}

describe('robots’ mail in the fixtures', () => {
  it('an Outlook out-of-office answer is an auto-reply, by its Auto-Submitted header', async () => {
    // Prepare, Act
    const message = await parsedFixture('out-of-office-outlook.eml');

    // Assess
    expect(message.automated).toEqual({ kind: 'auto-reply', evidence: 'Auto-Submitted: auto-replied' });
  });

  it('a Postfix delivery status notification is a bounce, by its multipart/report content type', async () => {
    // Prepare, Act
    const message = await parsedFixture('bounce-dsn.eml');

    // Assess
    expect(message.automated).toEqual({ kind: 'bounce', evidence: 'Content-Type: multipart/report; report-type=delivery-status' });
    expect(message.returnPath).toBe('');
    expect(message.from?.address).toBe('mailer-daemon@mx1.vnpt.example');
  });

  it('a newsletter is list mail, by its Precedence: bulk', async () => {
    // Prepare, Act
    const message = await parsedFixture('list-newsletter.eml');

    // Assess
    expect(message.automated).toEqual({ kind: 'list', evidence: 'Precedence: bulk' });
  });

  it.each<MailFixture>(['request-gmail-pdf.eml', 'request-phone-photos.eml', 'reply-in-reply-to.eml', 'no-message-id.eml', 'multiple-recipients.eml'])(
    'a person’s message (%s) is not taken for a robot’s',
    async (fixture) => {
      // Prepare, Act
      const message = await parsedFixture(fixture);

      // Assess
      expect(message.automated).toBeUndefined();
    },
  );
});

describe('each mark of a robot', () => {
  it('an ordinary request carries none', async () => {
    // Prepare, Act
    const message = await robotMail({});

    // Assess
    expect(message.automated).toBeUndefined();
  });

  it.each([
    ['an empty Return-Path (<>) marks a bounce', { replace: { 'Return-Path': 'Return-Path: <>' } }, { kind: 'bounce', evidence: 'empty Return-Path (<>)' }],
    [
      'a message from MAILER-DAEMON is a bounce',
      { replace: { From: 'From: MAILER-DAEMON@mail.example.net (Mail Delivery System)' } },
      { kind: 'bounce', evidence: 'From: mailer-daemon@mail.example.net' },
    ],
    ['a message from postmaster is a bounce', { replace: { From: 'From: postmaster@mail.example.net' } }, { kind: 'bounce', evidence: 'From: postmaster@mail.example.net' }],
    ['Auto-Submitted: auto-generated marks an auto-reply', { add: ['Auto-Submitted: auto-generated'] }, { kind: 'auto-reply', evidence: 'Auto-Submitted: auto-generated' }],
    [
      'Microsoft’s X-Auto-Response-Suppress: All marks an auto-reply',
      { add: ['X-Auto-Response-Suppress: All'] },
      { kind: 'auto-reply', evidence: 'X-Auto-Response-Suppress: All' },
    ],
    [
      'X-Auto-Response-Suppress naming OOF marks an auto-reply',
      { add: ['X-Auto-Response-Suppress: DR, OOF, AutoReply'] },
      { kind: 'auto-reply', evidence: 'X-Auto-Response-Suppress: DR, OOF, AutoReply' },
    ],
    ['an X-Autoreply header marks an auto-reply', { add: ['X-Autoreply: yes'] }, { kind: 'auto-reply', evidence: 'x-autoreply header present' }],
    ['an X-Autorespond header marks an auto-reply', { add: ['X-Autorespond: vacation'] }, { kind: 'auto-reply', evidence: 'x-autorespond header present' }],
    ['Precedence: auto_reply marks an auto-reply', { add: ['Precedence: auto_reply'] }, { kind: 'auto-reply', evidence: 'Precedence: auto_reply' }],
    ['Precedence: list marks list mail', { add: ['Precedence: list'] }, { kind: 'list', evidence: 'Precedence: list' }],
    ['Precedence: junk marks list mail', { add: ['Precedence: junk'] }, { kind: 'list', evidence: 'Precedence: junk' }],
    ['a List-Id alone marks list mail', { add: ['List-Id: Tin tuc <tin-tuc.example.net>'] }, { kind: 'list', evidence: 'List-Id header present' }],
    [
      'a List-Unsubscribe alone marks list mail',
      { add: ['List-Unsubscribe: <https://example.net/huy-dang-ky?u=1>'] },
      { kind: 'list', evidence: 'List-Unsubscribe header present' },
    ],
  ])('%s', async (_story, change, expected) => {
    // Prepare, Act
    const message = await robotMail(change);

    // Assess
    expect(message.automated).toEqual(expected);
  });

  it('a bounce is named a bounce even when it also says Auto-Submitted', async () => {
    // Prepare, Act
    const message = await robotMail({ replace: { 'Return-Path': 'Return-Path: <>' }, add: ['Auto-Submitted: auto-replied'] });

    // Assess
    expect(message.automated?.kind).toBe('bounce');
  });

  it('Auto-Submitted: no says a person wrote it (RFC 3834), so it is answered', async () => {
    // Prepare, Act
    const message = await robotMail({ add: ['Auto-Submitted: no'] });

    // Assess
    expect(message.automated).toBeUndefined();
  });

  it('X-Auto-Response-Suppress asking only to suppress receipts (DR, RN) does not make a person’s message a robot’s', async () => {
    // Prepare, Act
    const message = await robotMail({ add: ['X-Auto-Response-Suppress: DR, RN, NRN'] });

    // Assess
    expect(message.automated).toBeUndefined();
  });

  it('Precedence: first-class is not list mail', async () => {
    // Prepare, Act
    const message = await robotMail({ add: ['Precedence: first-class'] });

    // Assess
    expect(message.automated).toBeUndefined();
  });

  // MIME types are case-insensitive (RFC 2045 §5.1); the content type was once compared as written.
  it('a delivery report whose content type is written in capitals is still a bounce', async () => {
    // Prepare
    const headers = [
      'Return-Path: <notifications@mail.example.net>',
      'From: Mail Delivery Subsystem <notifications@mail.example.net>',
      'To: kv1@hcm.thads.example',
      'Subject: Delivery Status Notification (Failure)',
      'MIME-Version: 1.0',
      'Content-Type: Multipart/Report; report-type=Delivery-Status; boundary="dsn"',
    ];
    const report = [
      '--dsn',
      'Content-Type: text/plain; charset=us-ascii',
      '',
      'Delivery to the following recipient failed permanently: an@example.net',
      '--dsn',
      'Content-Type: message/delivery-status',
      '',
      'Final-Recipient: rfc822; an@example.net',
      'Action: failed',
      'Status: 5.1.1',
      '--dsn--',
    ].join('\r\n');
    const raw = storedMail(headers, report, { ownMimeHeaders: true });

    // Act
    const message = await parseInboundMessage(raw);

    // Assess
    expect(message.automated?.kind).toBe('bounce');
  });
});
