import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseOfficeDirectory } from '../../../shared/offices/directory';
import { startInboundMailbox } from '../../../local/services/inbound-mailbox';
import { localS3ClientConfig, startS3 } from '../../../local/services/s3';
import type { RunningService } from '../../../local/services/running-service';
import { SmtpDialog } from './smtp-dialog';
import { testPort } from '../../support/ports';

const S3_PORT = testPort(18210);
const SMTP_PORT = testPort(18400);
const SMALL_SMTP_PORT = testPort(18401);
const BROKEN_SMTP_PORT = testPort(18402);
const BUCKET = 'motcua-inbound';
const OFFICE = 'kv1@hcm.thads.example';

const directory = parseOfficeDirectory(JSON.parse(readFileSync(new URL('../../../config/offices.json', import.meta.url), 'utf8')));
const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-inbound-'));
const services: RunningService[] = [];
const log: string[] = [];
let s3: S3Client;
let events: S3Event[] = [];
let onObjectCreated: (event: S3Event) => Promise<void>;
let clockReadings: Date[] = [];

beforeAll(async () => {
  const s3Service = await startS3({ port: S3_PORT, dataDir, buckets: [BUCKET] });
  services.push(s3Service);
  s3 = new S3Client(localS3ClientConfig(s3Service.url));
  const common = {
    directory,
    s3,
    onObjectCreated: (event: S3Event) => onObjectCreated(event),
    onLog: (line: string) => log.push(line),
    now: () => {
      const reading = new Date();
      clockReadings.push(reading);
      return reading;
    },
  };
  services.push(await startInboundMailbox({ ...common, port: SMTP_PORT, bucket: BUCKET, prefix: 'inbound/' }));
  services.push(await startInboundMailbox({ ...common, port: SMALL_SMTP_PORT, bucket: BUCKET, maxMessageBytes: 10_000 }));
  services.push(await startInboundMailbox({ ...common, port: BROKEN_SMTP_PORT, bucket: 'no-such-bucket' }));
});

beforeEach(() => {
  events = [];
  clockReadings = [];
  onObjectCreated = async (event) => void events.push(event);
});

afterAll(async () => {
  for (const service of services.reverse()) await service.stop();
  s3?.destroy();
  rmSync(dataDir, { recursive: true, force: true });
});

const transport = (port: number) => nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, name: 'mail.example.com' });

async function storedObject(key: string): Promise<Buffer> {
  const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return Buffer.from(await object.Body!.transformToByteArray());
}

async function inboundKeys(): Promise<string[]> {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'inbound/' }));
  return (listed.Contents ?? []).map((o) => o.Key!);
}

const judgment = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3000, 0xe2)]);

/** A citizen's request as it goes over the wire: SMTP lines end in CRLF (nodemailer turns MailComposer's bare LFs into CRLF). */
async function request(to: string, attachmentBytes = judgment): Promise<Buffer> {
  const mime = await new MailComposer({
    from: { name: 'Nguyễn Văn An', address: 'an.nguyen@example.com' },
    to,
    subject: 'Đơn yêu cầu thi hành án - Nguyễn Văn An',
    text: 'Kính gửi Phòng Thi hành án dân sự khu vực 1,\n\nTôi xin gửi đơn yêu cầu thi hành án kèm bản án.\n',
    attachments: [{ filename: 'Bản án số 12.pdf', content: attachmentBytes, contentType: 'application/pdf' }],
  })
    .compile()
    .build();
  return Buffer.from(mime.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
}

describe('inbound mailbox (SES receiving stand-in)', () => {
  it('stores a request for an office as SES does and raises the S3 event', async () => {
    // Prepare
    const raw = await request(OFFICE);

    // Act
    const sentAt = new Date();
    const info = await transport(SMTP_PORT).sendMail({ envelope: { from: 'an.nguyen@example.com', to: [OFFICE] }, raw });

    // Assess: 250 with the SES-like message id, which names the object
    const messageId = /^250 2\.6\.0 Ok ([0-9a-v]{40})$/.exec(info.response)?.[1];
    expect(messageId).toBeDefined();
    const key = `inbound/${messageId}`;
    const stored = await storedObject(key);

    // the original bytes, untouched, after the prepended headers
    expect(stored.subarray(stored.length - raw.length).equals(raw)).toBe(true);
    const prepended = stored.subarray(0, stored.length - raw.length).toString('utf8');
    const acceptedAt = clockReadings[0]!;
    const date = `${acceptedAt.toUTCString().replace('GMT', '+0000')} (UTC)`;
    expect(prepended).toBe(
      [
        'Return-Path: <an.nguyen@example.com>',
        'Received: from mail.example.com (localhost [127.0.0.1])',
        ` by inbound-smtp.local.motcua with SMTP id ${messageId}`,
        ` for ${OFFICE};`,
        ` ${date}`,
        'X-SES-Spam-Verdict: PASS',
        'X-SES-Virus-Verdict: PASS',
        'Received-SPF: none (spfCheck: the local stand-in does not check SPF) client-ip=127.0.0.1; envelope-from=an.nguyen@example.com; helo=mail.example.com;',
        'Authentication-Results: amazonses.com;',
        ' spf=none (spfCheck: the local stand-in does not check SPF) client-ip=127.0.0.1; envelope-from=an.nguyen@example.com; helo=mail.example.com;',
        ' dkim=none;',
        ' dmarc=none;',
        '',
      ].join('\r\n'),
    );

    // still a message that parses, Vietnamese intact
    const parsed = await simpleParser(stored);
    expect(parsed.subject).toBe('Đơn yêu cầu thi hành án - Nguyễn Văn An');
    expect(parsed.attachments[0]?.filename).toBe('Bản án số 12.pdf');
    expect(parsed.attachments[0]?.content.equals(judgment)).toBe(true);
    expect(parsed.headers.get('x-ses-virus-verdict')).toBe('PASS');
    const received = String(parsed.headers.get('received'));
    const receivedAt = new Date(received.slice(received.lastIndexOf(';') + 1).replace('(UTC)', '').trim());
    expect(Math.floor(receivedAt.getTime() / 1000)).toBe(Math.floor(acceptedAt.getTime() / 1000));
    expect(acceptedAt.getTime()).toBeGreaterThanOrEqual(sentAt.getTime());

    // the event, in S3's notification format
    expect(events).toHaveLength(1);
    const record = events[0]!.Records[0]!;
    expect(record).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'ap-southeast-1',
      eventName: 'ObjectCreated:Put',
      s3: {
        s3SchemaVersion: '1.0',
        bucket: { name: BUCKET, arn: `arn:aws:s3:::${BUCKET}` },
        object: { key, size: stored.length, eTag: createHash('md5').update(stored).digest('hex') },
      },
    });
    expect(record.eventTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(record.s3.object.sequencer).toMatch(/^[0-9A-F]{18}$/);
  });

  it('refuses an address no office owns, at RCPT TO', async () => {
    const raw = await request('nobody@hcm.thads.example');
    await expect(transport(SMTP_PORT).sendMail({ envelope: { from: 'an.nguyen@example.com', to: ['nobody@hcm.thads.example'] }, raw })).rejects.toMatchObject({
      responseCode: 550,
      response: '550 5.1.1 Mailbox unavailable: <nobody@hcm.thads.example> is not an office mailbox of this agency (hcm.thads.example)',
    });
    expect(events).toEqual([]);
  });

  it('refuses a message over the size limit, declared or not', async () => {
    // Prepare
    const before = await inboundKeys();
    const raw = await request(OFFICE, Buffer.alloc(20_000, 1));
    const { dialog, greeting } = await SmtpDialog.open(SMALL_SMTP_PORT);
    expect(greeting).toMatch(/^220 /);
    expect(await dialog.send('EHLO mail.example.com')).toMatch(/^250[- ]SIZE 10000$/m);

    // Act + Assess: a declared size over the limit is refused at MAIL FROM
    expect(await dialog.send(`MAIL FROM:<an.nguyen@example.com> SIZE=${raw.length}`)).toMatch(/^552 5\.3\.4 .*maximum message size 10000/);

    // and an undeclared one once its bytes went over the limit
    expect(await dialog.send('MAIL FROM:<an.nguyen@example.com>')).toMatch(/^250 /);
    expect(await dialog.send(`RCPT TO:<${OFFICE}>`)).toMatch(/^250 /);
    expect(await dialog.send('DATA')).toMatch(/^354 /);
    expect(await dialog.send(Buffer.concat([raw, Buffer.from('\r\n.\r\n')]))).toMatch(/^552 5\.3\.4 .*maximum message size 10000/);
    await dialog.quit();
    expect(await inboundKeys()).toEqual(before);
    expect(events).toEqual([]);

    // nodemailer sees the same refusal
    await expect(transport(SMALL_SMTP_PORT).sendMail({ envelope: { from: 'an.nguyen@example.com', to: [OFFICE] }, raw })).rejects.toMatchObject({ responseCode: 552 });
  });

  it('answers 451 when the message cannot be stored, so the sender retries', async () => {
    const raw = await request(OFFICE);
    const sending = transport(BROKEN_SMTP_PORT).sendMail({ envelope: { from: 'an.nguyen@example.com', to: [OFFICE] }, raw });
    await expect(sending).rejects.toMatchObject({ responseCode: 451, response: expect.stringMatching(/^451 4\.3\.0 Temporary failure storing the message/) });
    expect(events).toEqual([]);
    expect(log.some((line) => line.includes('could not store a message, answered 451'))).toBe(true);
  });

  it('still answers 250 when the event handler fails: the message is stored', async () => {
    onObjectCreated = async () => {
      throw new Error('intake is down');
    };
    const raw = await request(OFFICE);
    const info = await transport(SMTP_PORT).sendMail({ envelope: { from: 'an.nguyen@example.com', to: [OFFICE] }, raw });
    const messageId = /Ok ([0-9a-v]{40})$/.exec(info.response)?.[1];
    expect((await storedObject(`inbound/${messageId}`)).length).toBeGreaterThan(raw.length);
    expect(log.some((line) => line.includes(`object-created handler failed for inbound/${messageId}`) && line.includes('intake is down'))).toBe(true);
  });

  it('writes Return-Path <> for a bounce and no "for" clause for two recipients', async () => {
    const raw = Buffer.from('From: MAILER-DAEMON@example.com\r\nTo: kv1@hcm.thads.example, kv2@hcm.thads.example\r\nSubject: Undelivered Mail\r\n\r\nbounce\r\n');
    const { dialog } = await SmtpDialog.open(SMTP_PORT);
    await dialog.send('EHLO mx.example.com');
    expect(await dialog.send('MAIL FROM:<>')).toMatch(/^250 /);
    expect(await dialog.send('RCPT TO:<kv1@hcm.thads.example>')).toMatch(/^250 /);
    expect(await dialog.send('RCPT TO:<KV2@hcm.thads.example>')).toMatch(/^250 /);
    await dialog.send('DATA');
    const reply = await dialog.send(Buffer.concat([raw, Buffer.from('.\r\n')]));
    await dialog.quit();
    const messageId = /^250 2\.6\.0 Ok ([0-9a-v]{40})$/.exec(reply)?.[1];
    const stored = (await storedObject(`inbound/${messageId}`)).toString('utf8');
    expect(stored).toMatch(/^Return-Path: <>\r\nReceived: from mx\.example\.com \(localhost \[127\.0\.0\.1\]\)\r\n by inbound-smtp\.local\.motcua with SMTP id [0-9a-v]{40};\r\n /);
    expect(stored).toContain('envelope-from=postmaster@mx.example.com;');
    expect(stored.endsWith(raw.toString())).toBe(true);
  });
});
