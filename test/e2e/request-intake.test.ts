import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetObjectCommand, ListObjectsV2Command, HeadObjectCommand } from '@aws-sdk/client-s3';
import { eventually, startTestStack, type TestStack } from './support/test-stack';
import { verifyChain } from '../../shared/timeline/hash-chain';
import { parseCaseId } from '../../shared/cases/case-id';
import { samplePdf } from '../../local/sample-pdf';
import { objectCreatedEvent } from '../../local/services/s3-event';
import { LOCAL_REGION } from '../../local/services/aws-local';

let t: TestStack;

beforeAll(async () => {
  t = await startTestStack(19100);
});

afterAll(async () => {
  await t?.stop();
});

const citizen = { name: 'Nguyễn Thị Hoa', address: 'nguyen.thi.hoa@example.com' };

async function caseOfMessage(messageId: string): Promise<string> {
  return eventually(`a case for ${messageId}`, async () => {
    const record = await t.cases.getMessage(messageId);
    return record?.status === 'done' ? record.caseId : undefined;
  });
}

/** Acknowledgements of a case: to the requester, "Xác nhận đã nhận" and the case tag (the desk is told of a new case too). */
const acknowledgementsOf = async (caseId: string) => (await t.outbox()).filter((m) => m.subject.startsWith('Xác nhận đã nhận') && m.subject.includes(`[${caseId}]`));

async function eventTypes(caseId: string): Promise<string[]> {
  return (await t.cases.listEvents(caseId)).map((e) => e.type);
}

describe('an e-mailed request for enforcement', () => {
  it('becomes a case of the office whose address received it, acknowledged in Vietnamese with its id and deadline', async () => {
    // Prepare: a judgment as PDF, with a Vietnamese file name, and a sender clock three days slow
    const judgment = samplePdf('Ban an so 7/2026/DS-PT');
    const sentAt = new Date();

    // Act
    const sent = await t.sendMail({
      from: citizen,
      to: 'kv1@hcm.thads.example',
      subject: 'Đơn yêu cầu thi hành án - Bản án số 7/2026/DS-PT',
      date: new Date(Date.now() - 3 * 24 * 3600_000),
      text: 'Kính gửi Phòng Thi hành án dân sự khu vực 1,\nTôi yêu cầu thi hành Bản án số 7/2026/DS-PT.',
      attachments: [{ filename: 'Bản án số 7 - phúc thẩm.pdf', content: judgment, contentType: 'application/pdf' }],
    });
    const caseId = await caseOfMessage(sent.messageId);
    const [acknowledgement] = await eventually('the acknowledgement', async () => {
      const found = await acknowledgementsOf(caseId);
      return found.length ? found : undefined;
    });

    // Assess: the case
    expect(parseCaseId(caseId)).toEqual({ office: 'HCMKV1', year: new Date(Date.now() + 7 * 3600_000).getUTCFullYear(), serial: expect.any(Number) });
    const record = await t.cases.requireCase(caseId);
    expect(record).toMatchObject({ office: 'HCMKV1', procedure: 'enforcement-request', requester: citizen, subject: 'Đơn yêu cầu thi hành án - Bản án số 7/2026/DS-PT' });
    // received = the SMTP accept (this second), never the sender's Date header (three days earlier)
    const receivedAt = new Date(record.receivedAt).getTime();
    expect(receivedAt).toBeGreaterThanOrEqual(Math.floor(sentAt.getTime() / 1000) * 1000);
    expect(receivedAt).toBeLessThanOrEqual(Date.now());
    expect(record.deadlines.review?.dueAt).toMatch(/\+07:00$/);

    // Assess: the acknowledgement
    expect(acknowledgement!.destination.to).toEqual([citizen.address]);
    expect(acknowledgement!.subject).toBe(`Xác nhận đã nhận yêu cầu thi hành án [${caseId}]`);
    const body = acknowledgement!.body.text ?? '';
    expect(body).toContain(`Mã hồ sơ của Ông/Bà là: ${caseId}`);
    expect(body).toContain('Bản án số 7 - phúc thẩm.pdf');
    expect(body).toMatch(/trả lời Ông\/Bà chậm nhất vào \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}/);
    expect(body).toContain('không phải là khoản tiền hay tài sản');

    // Assess: the timeline, event by event, and its hash chain
    await eventually('the review wait on the timeline', async () => ((await eventTypes(caseId)).includes('step-awaiting') ? true : undefined));
    const events = await t.cases.listEvents(caseId);
    expect(events.map((e) => e.type)).toEqual(['message-received', 'case-opened', 'procedure-identified', 'deadline-set', 'attachments-read', 'checks-completed', 'notice-sent', 'notice-sent', 'step-awaiting']);
    expect(events.filter((e) => e.type === 'notice-sent').map((e) => [e.data.notice, e.data.to])).toEqual([
      ['acknowledgement', citizen.address],
      ['new-case', 'kv1.canbo@hcm.thads.example'],
    ]);
    const waiting = await t.cases.requireCase(caseId);
    expect(waiting).toMatchObject({ status: 'awaiting-review', pendingStep: { step: 'review', dueAt: record.deadlines.review!.dueAt } });
    expect(verifyChain(events, waiting)).toEqual({ ok: true });
    expect(events.find((e) => e.type === 'notice-sent')!.data).toMatchObject({ notice: 'acknowledgement', to: citizen.address, subject: acknowledgement!.subject });

    // Assess: the attachment, stored byte for byte under the case
    const [attachment] = events[0]!.data.attachments as Array<{ bucket: string; key: string; name: string }>;
    expect(attachment!.name).toBe('Bản án số 7 - phúc thẩm.pdf');
    const stored = await t.s3.send(new GetObjectCommand({ Bucket: attachment!.bucket, Key: attachment!.key }));
    expect(Buffer.from(await stored.Body!.transformToByteArray()).equals(judgment)).toBe(true);
  });

  it('delivered twice with the same Message-ID yields one case and one acknowledgement', async () => {
    const mail = { from: citizen, to: 'kv2@hcm.thads.example', subject: 'Yêu cầu thi hành án (gửi lại)', text: 'Gửi lần hai vì không chắc đã gửi được.', messageId: `<twice-${Date.now()}@example.com>` };

    await t.sendMail(mail);
    const caseId = await caseOfMessage(mail.messageId);
    await t.sendMail(mail);
    await t.idle();
    await eventually('the acknowledgement', async () => ((await acknowledgementsOf(caseId)).length ? true : undefined));

    expect(await acknowledgementsOf(caseId)).toHaveLength(1);
    expect((await t.cases.listEvents(caseId)).filter((e) => e.type === 'case-opened')).toHaveLength(1);
    const next = parseCaseId(caseId)!;
    expect(await t.cases.getCase(`${next.office}-${next.year}-${String(next.serial + 1).padStart(6, '0')}`)).toBeUndefined();
  });

  it('whose S3 event arrives twice yields one case and one acknowledgement', async () => {
    const mail = { from: citizen, to: 'motcua@hcm.thads.example', subject: 'Yêu cầu xác nhận kết quả thi hành án', text: 'Xin xác nhận.', messageId: `<s3-twice-${Date.now()}@example.com>` };
    await t.sendMail(mail);
    const caseId = await caseOfMessage(mail.messageId);
    const { rawObject } = (await t.cases.getMessage(mail.messageId))!;
    const head = await t.s3.send(new HeadObjectCommand({ Bucket: rawObject!.bucket, Key: rawObject!.key }));
    const event = objectCreatedEvent({ region: LOCAL_REGION, bucket: rawObject!.bucket, key: rawObject!.key, size: head.ContentLength ?? 0, eTag: (head.ETag ?? '').replace(/"/g, ''), at: new Date() });

    t.stack.queue.send(JSON.stringify(event));
    t.stack.queue.send(JSON.stringify(event));
    await t.idle();
    await eventually('the acknowledgement', async () => ((await acknowledgementsOf(caseId)).length ? true : undefined));

    expect(await acknowledgementsOf(caseId)).toHaveLength(1);
    expect((await t.cases.listEvents(caseId)).filter((e) => e.type === 'message-received')).toHaveLength(1);
  });

  it('is refused at the SMTP level when sent to an address no office owns, with a clear reply', async () => {
    const refused = t.sendMail({ from: citizen, to: 'giamdoc@hcm.thads.example', subject: 'Thử', text: 'Thử' });
    await expect(refused).rejects.toThrow(/550 5\.1\.1.*giamdoc@hcm\.thads\.example/s);
  });
});

describe('a message that answers a case', () => {
  async function openCase(): Promise<string> {
    const mail = { from: citizen, to: 'kv1@hcm.thads.example', subject: 'Yêu cầu thi hành án', text: 'Yêu cầu.', messageId: `<open-${Date.now()}-${Math.random()}@example.com>` };
    await t.sendMail(mail);
    const caseId = await caseOfMessage(mail.messageId);
    await eventually('the acknowledgement', async () => ((await acknowledgementsOf(caseId)).length ? true : undefined));
    return caseId;
  }

  it('is added to that case when its subject carries [case id], and opens nothing new', async () => {
    const caseId = await openCase();
    const reply = { from: citizen, to: 'kv1@hcm.thads.example', subject: `Re: Xác nhận đã nhận yêu cầu thi hành án [${caseId}]`, text: 'Tôi gửi bổ sung bản án.', messageId: `<reply-subject-${Date.now()}@example.com>` };

    await t.sendMail(reply);

    expect(await caseOfMessage(reply.messageId)).toBe(caseId);
    expect((await t.cases.getMessage(reply.messageId))?.disposition).toBe('threaded');
    const replyEvent = (await t.cases.listEvents(caseId)).find((e) => e.type === 'reply-received');
    expect(replyEvent?.data).toMatchObject({ matchedBy: 'subject', subject: reply.subject });
    expect(await acknowledgementsOf(caseId)).toHaveLength(1);
  });

  it('is added to that case when its In-Reply-To names the acknowledgement, whatever its subject', async () => {
    const caseId = await openCase();
    const reply = {
      from: citizen,
      to: 'kv1@hcm.thads.example',
      subject: 'Trả lời: đã nhận',
      text: 'Cảm ơn.',
      messageId: `<reply-header-${Date.now()}@example.com>`,
      inReplyTo: `<${caseId}.acknowledgement@hcm.thads.example>`,
      references: [`<${caseId}.acknowledgement@hcm.thads.example>`],
    };

    await t.sendMail(reply);

    expect(await caseOfMessage(reply.messageId)).toBe(caseId);
    const replyEvent = (await t.cases.listEvents(caseId)).find((e) => e.type === 'reply-received');
    expect(replyEvent?.data).toMatchObject({ matchedBy: 'in-reply-to' });
  });

  it('from a robot (an out-of-office reply) is recorded on the case and never answered', async () => {
    const caseId = await openCase();
    const autoReply = {
      from: citizen,
      to: 'kv1@hcm.thads.example',
      subject: `Trả lời tự động: Xác nhận đã nhận yêu cầu thi hành án [${caseId}]`,
      text: 'Tôi đang nghỉ phép đến hết tuần.',
      messageId: `<ooo-${Date.now()}@example.com>`,
      headers: { 'Auto-Submitted': 'auto-replied' },
    };

    await t.sendMail(autoReply);

    expect(await caseOfMessage(autoReply.messageId)).toBe(caseId);
    const recorded = (await t.cases.listEvents(caseId)).find((e) => e.type === 'automated-message-received');
    expect(recorded?.data).toMatchObject({ kind: 'auto-reply', evidence: 'Auto-Submitted: auto-replied' });
    await t.idle();
    expect(await acknowledgementsOf(caseId)).toHaveLength(1);
  });

  it('from a robot that refers to no case (a bounce) is kept and logged, and opens no case', async () => {
    // Every test before this one has finished its work: the outbox can change only by what this bounce causes.
    await t.idle();
    const before = (await t.outbox()).length;
    const bounce = { envelope: { from: '', to: ['kv2@hcm.thads.example'] }, from: 'MAILER-DAEMON@mx.example.net', to: 'kv2@hcm.thads.example', subject: 'Undelivered Mail Returned to Sender', text: 'This is the mail system.', messageId: `<bounce-${Date.now()}@mx.example.net>` };

    await t.sendMail(bounce);
    const record = await eventually('the bounce recorded', async () => {
      const found = await t.cases.getMessage(bounce.messageId);
      return found?.status === 'done' ? found : undefined;
    });

    expect(record).toMatchObject({ disposition: 'unmatched-automated', reason: 'empty Return-Path (<>)' });
    expect(record.caseId).toBeUndefined();
    const stored = await t.s3.send(new ListObjectsV2Command({ Bucket: record.rawObject!.bucket, Prefix: record.rawObject!.key }));
    expect(stored.KeyCount).toBe(1);
    await t.idle();
    expect((await t.outbox()).length).toBe(before);
  });
});
