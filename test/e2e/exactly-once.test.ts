import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { eventually, startTestStack, testPorts, type TestStack } from './support/test-stack';
import { testNoticePorts } from './support/notice-ports';
import { lifecycleDriver } from './support/lifecycle';
import { objectCreatedEvent } from '../../local/services/s3-event';
import { LOCAL_REGION, localClientConfig } from '../../local/services/aws-local';
import { serialCounterKey } from '../../shared/cases/keys';
import { formatCaseId } from '../../shared/cases/case-id';
import { vietnamYear } from '../../shared/time/vietnam-time';
import { sendNotice, type NoticePorts } from '../../shared/notices/send-notice';
import type { CaseStore } from '../../shared/cases/store';

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
const drive = lifecycleDriver(() => t);

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
      for (const c of connections) c.close();

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

describe('a reply that a step waits for', () => {
  it('still resumes the step when SendTaskSuccess fails on its first delivery: the reply is redelivered, not dropped as a duplicate', async () => {
    const { caseId } = await drive.openCase({ from: citizen, to: OFFICE_ADDRESS, subject: 'Đơn yêu cầu thi hành án', text: 'Tôi yêu cầu thi hành Bản án số 3/2026/DS-ST.' });
    await drive.act(caseId, 'review', { outcome: 'request-more', missingItems: ['Bản sao bản án có chứng thực'], note: 'Thiếu bản án.' });
    await drive.waitingFor(caseId, 'requester-reply');
    await t.idle();
    // The Step Functions API is throttled for the next call of intake (three attempts: the SDK's own retries included).
    t.stack.engine.faults.set('SendTaskSuccess', 3);
    const messageId = `<reply-${Date.now()}@example.com>`;

    await t.sendMail({ from: citizen, to: OFFICE_ADDRESS, subject: `Re: Đề nghị bổ sung hồ sơ yêu cầu thi hành án [${caseId}]`, text: 'Tôi gửi bản sao bản án.', messageId });

    const resumed = await drive.event(caseId, 'clock-resumed');
    expect(resumed.data.round).toBe(2);
    await drive.waitingFor(caseId, 'review');
    expect(t.stack.engine.faults.get('SendTaskSuccess')).toBe(0);
    expect(await t.cases.getMessage(messageId)).toMatchObject({ status: 'done', disposition: 'threaded', caseId, resumedStep: 'requester-reply' });
    expect((await t.cases.listEvents(caseId)).filter((e) => e.type === 'reply-received')).toHaveLength(1);
  });

  it('is done, and says so, when it arrives while no step waits for it', async () => {
    const { caseId } = await drive.openCase({ from: citizen, to: OFFICE_ADDRESS, subject: 'Đơn yêu cầu thi hành án', text: 'Tôi yêu cầu thi hành Bản án số 4/2026/DS-ST.' });
    const messageId = `<aside-${Date.now()}@example.com>`;

    await t.sendMail({ from: citizen, to: OFFICE_ADDRESS, subject: `Re: Xác nhận đã nhận yêu cầu thi hành án [${caseId}]`, text: 'Xin hỏi bao giờ có kết quả?', messageId });

    const record = await eventually('the reply done', async () => {
      const found = await t.cases.getMessage(messageId);
      return found?.status === 'done' ? found : undefined;
    });
    expect(record).toMatchObject({ disposition: 'threaded', caseId, reason: expect.stringContaining('no step waited') });
    expect(record.resumedStep).toBeUndefined();
  });
});

describe('a notice', () => {
  /** The notify function's ports on the stack's real case store, with a mail service the test controls. */
  function noticePorts(send: NoticePorts['sendRaw'], cases: CaseStore = t.cases, clockAheadMs = () => 0): NoticePorts {
    return testNoticePorts(t, send, cases, { clock: { now: () => new Date(t.stack.clock.now().getTime() + clockAheadMs()) } });
  }
  const throttled = () => Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
  const warningsOnTimeline = async (caseId: string) => (await t.cases.listEvents(caseId)).filter((e) => e.type === 'notice-sent' && e.data.notice === 'step-warning');
  const reviewCase = () => drive.openCase({ from: citizen, to: OFFICE_ADDRESS, subject: 'Đơn yêu cầu thi hành án', text: 'Tôi yêu cầu thi hành Bản án số 5/2026/DS-ST.' });

  it('refused by the mail service is sent by the next attempt at once, not held back by its own claim', async () => {
    const { caseId } = await reviewCase();
    const sent: string[] = [];
    let refuse = true;
    const ports = noticePorts(async (_raw, to) => {
      if (refuse) {
        refuse = false;
        throw throttled();
      }
      sent.push(to);
      return { providerMessageId: `p-${sent.length}` };
    });

    await expect(sendNotice(caseId, 'step-warning', 'review', ports)).rejects.toMatchObject({ name: 'TooManyRequestsException' });
    const retry = await sendNotice(caseId, 'step-warning', 'review', ports);

    expect(retry.alreadySent).toBe(false);
    expect(sent).toHaveLength(1);
    expect(await warningsOnTimeline(caseId)).toHaveLength(1);
  });

  it('sent, then interrupted before the timeline was written, is not sent again by the retry, and goes on the timeline once', async () => {
    const { caseId } = await reviewCase();
    const sent: string[] = [];
    const ports = noticePorts(async (_raw, to) => {
      sent.push(to);
      return { providerMessageId: `p-${sent.length}` };
    });
    const failingTimeline = new Proxy(t.cases, {
      get: (target, property, receiver) =>
        property === 'changeCase'
          ? async () => {
              throw Object.assign(new Error('Throughput exceeds the current capacity'), { name: 'ProvisionedThroughputExceededException' });
            }
          : Reflect.get(target, property, receiver),
    });

    await expect(sendNotice(caseId, 'step-warning', 'review', { ...ports, cases: failingTimeline })).rejects.toThrow('Throughput');
    const retry = await sendNotice(caseId, 'step-warning', 'review', ports);
    const again = await sendNotice(caseId, 'step-warning', 'review', ports);

    expect(sent).toHaveLength(1);
    expect([retry.alreadySent, again.alreadySent]).toEqual([true, true]);
    const recorded = await warningsOnTimeline(caseId);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.data.providerMessageId).toBe('p-1');
  });

  it('asked for again while an attempt is still sending, by a function whose clock says a day later, is sent once and both attempts succeed', async () => {
    const { caseId } = await reviewCase();
    const sent: string[] = [];
    const firstSending = resolvable();
    const gate = resolvable();
    const secondHeldBack = resolvable();
    let ahead = 0;
    // The case store as the second attempt sees it: it tells the test when that attempt met the first one's claim.
    const watched = new Proxy(t.cases, {
      get: (target, property, receiver) =>
        property === 'claimOutbound'
          ? async (...args: Parameters<CaseStore['claimOutbound']>) => {
              const claim = await target.claimOutbound(...args);
              if (claim.state === 'held') secondHeldBack.resolve();
              return claim;
            }
          : Reflect.get(target, property, receiver),
    });
    const send: NoticePorts['sendRaw'] = async (_raw, to) => {
      if (sent.length === 0 && ahead === 0) {
        firstSending.resolve();
        await gate.promise; // the first attempt is slow to hand the mail over
      }
      sent.push(to);
      return { providerMessageId: `p-${sent.length}` };
    };

    const slow = sendNotice(caseId, 'step-warning', 'review', noticePorts(send, t.cases, () => ahead));
    await firstSending.promise;
    // The business clock (a local stack moved forward, a skewed host) is no measure of how long an attempt may still be sending.
    ahead = 24 * 3_600_000;
    const second = sendNotice(caseId, 'step-warning', 'review', noticePorts(send, watched, () => ahead));
    await secondHeldBack.promise;
    gate.resolve();
    const results = await Promise.all([slow, second]);

    expect(sent).toHaveLength(1);
    expect(results.map((r) => r.alreadySent)).toEqual([false, true]);
    expect(await warningsOnTimeline(caseId)).toHaveLength(1);
  });
});


/** A promise and the function that resolves it. */
function resolvable(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
