import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../../local/services/aws-local';
import { readOutbox, startSesOutbox } from '../../../local/services/ses-outbox';
import type { RunningService } from '../../../local/services/running-service';
import { testPort } from '../../support/ports';

const PORT = testPort(18300);
let service: RunningService;
let ses: SESv2Client;

beforeAll(async () => {
  service = await startSesOutbox({ port: PORT });
  ses = new SESv2Client(localClientConfig(service.url));
});

afterAll(async () => {
  ses?.destroy();
  await service?.stop();
});

const subject = 'Xác nhận đã nhận yêu cầu [HCMKV1-2026-000001]';
const text = 'Kính gửi ông Nguyễn Văn An,\n\nPhòng Thi hành án dân sự khu vực 1 đã nhận yêu cầu thi hành án của ông.\n';

describe('SES outbox (aws-ses-v2-local)', () => {
  it('keeps a raw acknowledgement with its Vietnamese subject and body decoded', async () => {
    // Prepare
    const raw = await new MailComposer({
      from: { name: 'Bộ phận một cửa THADS TP. Hồ Chí Minh', address: 'motcua@hcm.thads.example' },
      to: 'an.nguyen@example.com',
      subject,
      text,
      attachments: [{ filename: 'Phiếu tiếp nhận.pdf', content: Buffer.from('%PDF-1.7 phiếu'), contentType: 'application/pdf' }],
    })
      .compile()
      .build();
    const since = Math.floor(Date.now() / 1000);

    // Act
    const sent = await ses.send(
      new SendEmailCommand({ FromEmailAddress: 'motcua@hcm.thads.example', Destination: { ToAddresses: ['an.nguyen@example.com'] }, Content: { Raw: { Data: raw } } }),
    );

    // Assess
    const { emails } = await readOutbox(service.url, since);
    const email = emails.find((e) => e.messageId === sent.MessageId);
    expect(email).toMatchObject({
      from: '"Bộ phận một cửa THADS TP. Hồ Chí Minh" <motcua@hcm.thads.example>',
      destination: { to: ['an.nguyen@example.com'], cc: [], bcc: [] },
      subject,
      body: { text },
    });
    expect(email?.attachments).toHaveLength(1);
    expect(email?.attachments[0]).toMatchObject({ filename: 'Phiếu tiếp nhận.pdf', contentType: 'application/pdf' });
    expect(Buffer.from(email!.attachments[0]!.content, 'base64').toString()).toBe('%PDF-1.7 phiếu');
    expect(email?.at).toBeGreaterThanOrEqual(since);
  });

  it('also takes an SES v1 SendRawEmail', async () => {
    const raw = await new MailComposer({ from: 'motcua@hcm.thads.example', to: 'vks.kv1@hcm.vks.example', subject: 'Sao gửi quyết định [HCMKV1-2026-000001]', text: 'Kính gửi Viện kiểm sát.' })
      .compile()
      .build();
    const response = await fetch(`${service.url}/`, {
      method: 'POST',
      headers: { authorization: 'AWS4-HMAC-SHA256 Credential=local/20260101/ap-southeast-1/ses/aws4_request', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ Action: 'SendRawEmail', 'RawMessage.Data': raw.toString('base64') }),
    });
    expect(response.status).toBe(200);
    const messageId = /<MessageId>(.+)<\/MessageId>/.exec(await response.text())?.[1];
    const { emails } = await readOutbox(service.url);
    expect(emails.find((e) => e.messageId === messageId)?.subject).toBe('Sao gửi quyết định [HCMKV1-2026-000001]');
  });
});
