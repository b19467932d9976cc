import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { eventually, startTestStack, testPorts, type TestStack } from './support/test-stack';
import { objectCreatedEvent } from '../../local/services/s3-event';
import { LOCAL_REGION, localClientConfig } from '../../local/services/aws-local';
import { serialCounterKey } from '../../shared/cases/keys';
import { formatCaseId } from '../../shared/cases/case-id';
import { vietnamYear } from '../../shared/time/vietnam-time';

/**
 * The same message delivered several times at the same moment, as SMTP clients that retry and S3
 * event notifications (at least once) do: every round must give one case, one acknowledgement,
 * and take one serial of the office's register.
 */
const ROUNDS = 4;
const AT_ONCE = 4;
const OFFICE = 'HCMKV1';
const OFFICE_ADDRESS = 'kv1@hcm.thads.example';
const citizen = { name: 'Trần Văn Bình', address: 'tran.van.binh@example.com' };

let t: TestStack;
let db: DynamoDBDocumentClient;

beforeAll(async () => {
  t = await startTestStack(20500);
  db = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(t.stack.urls.dynamodb)));
});

afterAll(async () => {
  await t?.stop();
});

async function rawRequest(tag: string): Promise<{ messageId: string; raw: Buffer }> {
  const messageId = `<${tag}-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com>`;
  const raw = await new MailComposer({ from: citizen, to: OFFICE_ADDRESS, subject: 'Yêu cầu thi hành án dân sự', text: 'Kính đề nghị cơ quan thi hành bản án số 12/2026/DS-ST.', messageId }).compile().build();
  return { messageId, raw };
}

async function lastSerial(): Promise<number> {
  const { Item } = await db.send(new GetCommand({ TableName: t.names.table, Key: serialCounterKey(OFFICE, vietnamYear(new Date())), ConsistentRead: true }));
  return Number(Item?.lastSerial ?? 0);
}

async function caseOf(messageId: string): Promise<string> {
  return eventually(`the case of ${messageId}`, async () => {
    const record = await t.cases.getMessage(messageId);
    return record?.status === 'done' ? record.caseId : undefined;
  });
}

/** Every case of the office numbered up to the register's last serial, and the acknowledgements each got. */
async function registerAndAcknowledgements() {
  await t.idle();
  const last = await lastSerial();
  const outbox = await t.outbox();
  const year = vietnamYear(new Date());
  const cases = await Promise.all(
    Array.from({ length: last }, async (_, i) => {
      const caseId = formatCaseId(OFFICE, year, i + 1);
      const record = await t.cases.getCase(caseId);
      return { caseId, opened: !!record, firstMessageId: record?.firstMessageId, acknowledgements: outbox.filter((m) => m.subject.startsWith('Xác nhận đã nhận') && m.subject.includes(`[${caseId}]`)).length };
    }),
  );
  return { last, cases };
}

describe('the same message delivered several times at once', () => {
  it('on several SMTP connections: one case, one acknowledgement, one serial, every round', async () => {
    const serialsBefore = await lastSerial();
    const sent: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const { messageId, raw } = await rawRequest('smtp-race');
      const connections = Array.from({ length: AT_ONCE }, () => nodemailer.createTransport({ host: '127.0.0.1', port: testPorts(20500).smtp, secure: false, ignoreTLS: true }));

      await Promise.all(connections.map((c) => c.sendMail({ envelope: { from: citizen.address, to: [OFFICE_ADDRESS] }, raw })));
      connections.forEach((c) => c.close());

      sent.push(await caseOf(messageId));
    }

    const { last, cases } = await registerAndAcknowledgements();
    expect(last - serialsBefore).toBe(ROUNDS);
    expect(new Set(sent).size).toBe(ROUNDS);
    for (const c of cases.slice(serialsBefore)) expect(c).toMatchObject({ opened: true, acknowledgements: 1 });
  });

  it('as one S3 event given to several intake invocations at once: one case, one acknowledgement, one serial, every round', async () => {
    const serialsBefore = await lastSerial();
    const intake = t.stack.functions.get('motcua-intake');
    for (let round = 1; round <= ROUNDS; round++) {
      const { messageId, raw } = await rawRequest('s3-race');
      const key = `inbound/race-${round}-${Date.now()}`;
      await t.s3.send(new PutObjectCommand({ Bucket: t.names.inboundBucket, Key: key, Body: raw }));
      const notification = JSON.stringify(objectCreatedEvent({ region: LOCAL_REGION, bucket: t.names.inboundBucket, key, size: raw.length, eTag: 'e', at: new Date() }));
      const delivery = (n: number): SQSEvent =>
        ({ Records: [{ messageId: `race-${round}-${n}`, receiptHandle: `race-${round}-${n}`, body: notification, attributes: {}, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:local:000000000000:inbound-mail', awsRegion: LOCAL_REGION }] }) as unknown as SQSEvent;

      const responses = await Promise.all(Array.from({ length: AT_ONCE }, (_, n) => intake.invoke(delivery(n))));

      // A delivery that met another one mid-way may ask for a redelivery; none may open a second case.
      expect(responses).toHaveLength(AT_ONCE);
      await caseOf(messageId);
    }

    const { last, cases } = await registerAndAcknowledgements();
    expect(last - serialsBefore).toBe(ROUNDS);
    for (const c of cases.slice(serialsBefore)) expect(c).toMatchObject({ opened: true, acknowledgements: 1 });
  });
});
