import { describe, expect, it } from 'vitest';
import { routeToOffice } from '../../../shared/intake/receive-message';
import type { InboundMessage } from '../../../shared/mail/inbound-message';
import { officeDirectory } from '../../../shared/offices/default-directory';
import { parsedFixture } from '../mail/fixtures';

/** A message as parsed, reduced to who it was for. */
function addressed(recipients: { envelope?: string; to?: string[]; cc?: string[] }): InboundMessage {
  return {
    subject: 'Đơn yêu cầu thi hành án',
    from: { address: 'nguyenvanan.hcm@gmail.com', name: 'Nguyễn Văn An' },
    envelopeRecipient: recipients.envelope,
    to: recipients.to ?? [],
    cc: recipients.cc ?? [],
    references: [],
    text: '',
    attachments: [],
    authentication: {},
  };
}

const routedTo = (route: ReturnType<typeof routeToOffice>) => ('office' in route ? { office: route.office.code, recipient: route.recipient } : route);

describe('which office a request goes to', () => {
  it('the office SES received it for, from the Gmail request', async () => {
    // Prepare
    const message = await parsedFixture('request-gmail-pdf.eml');

    // Act
    const route = routeToOffice(message, officeDirectory);

    // Assess
    expect(routedTo(route)).toEqual({ office: 'HCMKV1', recipient: 'kv1@hcm.thads.example' });
  });

  it('with no envelope recipient, the first office in To, skipping the client, before the desk in Cc', async () => {
    // Prepare
    const message = await parsedFixture('multiple-recipients.eml');

    // Act
    const route = routeToOffice(message, officeDirectory);

    // Assess
    expect(routedTo(route)).toEqual({ office: 'HCMKV2', recipient: 'kv2@hcm.thads.example' });
  });

  it('the envelope recipient wins over To: a copy Bcc’d to KV2 of a letter to KV1 goes to KV2', () => {
    // Prepare
    const message = addressed({ envelope: 'kv2@hcm.thads.example', to: ['kv1@hcm.thads.example'] });

    // Act
    const route = routeToOffice(message, officeDirectory);

    // Assess
    expect(routedTo(route)).toEqual({ office: 'HCMKV2', recipient: 'kv2@hcm.thads.example' });
  });

  it('an envelope recipient that is not an office (a forwarding address) falls back to To', () => {
    // Prepare
    const message = addressed({ envelope: 'thads-hcm@forwarder.example', to: ['kv1@hcm.thads.example'] });

    // Act
    const route = routeToOffice(message, officeDirectory);

    // Assess
    expect(routedTo(route)).toEqual({ office: 'HCMKV1', recipient: 'kv1@hcm.thads.example' });
  });

  it('Cc is used when no To address is an office', () => {
    // Prepare
    const message = addressed({ to: ['vothiem@gmail.com'], cc: ['luatsu@example.net', 'motcua@hcm.thads.example'] });

    // Act
    const route = routeToOffice(message, officeDirectory);

    // Assess
    expect(routedTo(route)).toEqual({ office: 'HCM', recipient: 'motcua@hcm.thads.example' });
  });

  it.each([
    ['an envelope recipient', { envelope: 'KV2@HCM.THADS.EXAMPLE' }, 'KV2@HCM.THADS.EXAMPLE'],
    ['a To address', { to: ['Kv2@Hcm.Thads.Example'] }, 'Kv2@Hcm.Thads.Example'],
    ['a Cc address', { cc: [' kv2@HCM.thads.example '] }, ' kv2@HCM.thads.example '],
  ])('compares %s without regard to case', (_where, recipients, written) => {
    // Prepare
    const message = addressed(recipients);

    // Act
    const route = routeToOffice(message, officeDirectory);

    // Assess
    expect(routedTo(route)).toEqual({ office: 'HCMKV2', recipient: written });
  });

  it('a message for no office says which recipients it had and why it was not opened', () => {
    // Prepare
    const message = addressed({ envelope: 'thads@forwarder.example', to: ['vothiem@gmail.com'], cc: ['kv9@hcm.thads.example'] });

    // Act
    const route = routeToOffice(message, officeDirectory);

    // Assess
    expect(route).toEqual({ reason: 'none of the recipients (thads@forwarder.example, vothiem@gmail.com, kv9@hcm.thads.example) is an office mailbox of this agency' });
  });

  it('a message with no recipient at all says so', () => {
    // Prepare
    const message = addressed({});

    // Act
    const route = routeToOffice(message, officeDirectory);

    // Assess
    expect(route).toEqual({ reason: 'none of the recipients (none) is an office mailbox of this agency' });
  });
});
