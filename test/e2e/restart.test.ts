import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import MailComposer from 'nodemailer/lib/mail-composer';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { eventually, startTestStack, type TestStack } from './support/test-stack';
import { lifecycleDriver } from './support/lifecycle';
import { effectsSoFar, NO_HARM } from './support/effects';
import { objectCreatedEvent } from '../../local/services/s3-event';
import { LOCAL_REGION } from '../../local/services/aws-local';
import type { OutboxEmail } from '../../local/services/ses-outbox';
import { verifyChain } from '../../shared/timeline/hash-chain';
import { warningPoint, type Deadline } from '../../shared/calendar';
import { officeDirectory } from '../../shared/offices/default-directory';

/**
 * The local stack stopped and started again on the same data folder (as `npm start` after Ctrl-C,
 * or a crash): mail being taken in and cases waiting for a person or for the clock go on from where
 * they were, with the same deadlines; nothing is lost or sent twice, and no case fails silently.
 */
const PORT_BASE = 20900;
const OFFICE_ADDRESS = 'kv1@hcm.thads.example';
const citizen = { name: 'Võ Thị Hạnh', address: 'vo.thi.hanh@example.com' };

let t: TestStack;
const drive = lifecycleDriver(() => t);
/** Every request mailed in this file, by Message-ID, and what the outbox held before each restart. */
const mailed: string[] = [];
const mailBeforeRestarts: OutboxEmail[] = [];

beforeAll(async () => {
  t = await startTestStack(PORT_BASE);
});

afterAll(async () => {
  await t?.stop();
});

async function restart(): Promise<void> {
  mailBeforeRestarts.push(...(await t.outbox()));
  await t.stop();
  t = await startTestStack(PORT_BASE, t.dataDir);
}

function requestMail(tag: string) {
  const messageId = `<restart-${tag}-${Date.now()}-${mailed.length}@example.com>`;
  mailed.push(messageId);
  return { from: citizen, to: OFFICE_ADDRESS, subject: 'Đơn yêu cầu thi hành án', text: `Tôi yêu cầu thi hành Bản án số ${mailed.length}/2026/DS-ST.`, messageId };
}

const caseOf = (messageId: string) =>
  eventually(`the case of ${messageId}`, async () => {
    const record = await t.cases.getMessage(messageId);
    return record?.status === 'done' ? record.caseId : undefined;
  });

const effects = () => effectsSoFar(t, mailed, mailBeforeRestarts);

describe('a restart of the local stack', () => {
  it('while a case waits for review: the stack comes to rest, and the warning, the escalation at the unchanged deadline and the review each happen once', async () => {
    const caseId = await caseOf((await t.sendMail(requestMail('review'))).messageId);
    const waiting = await drive.waitingFor(caseId, 'review');
    await t.idle();

    await restart();
    // Before the fix, the resumed case workflow stayed "at work" while its review waited, and this timed out.
    await t.idle();

    const resumed = await drive.waitingFor(caseId, 'review');
    expect(resumed.deadlines.review).toEqual(waiting.deadlines.review);
    expect(resumed.pendingStep!.taskToken).not.toBe(waiting.pendingStep!.taskToken);
    const deadline = waiting.deadlines.review!;
    await drive.passTime(warningPoint(deadline as unknown as Deadline, 0.75, officeDirectory, waiting.office), 1);
    await drive.noticeSent(caseId, 'step-warning');
    await drive.passTime(deadline.dueAt);
    expect((await drive.event(caseId, 'deadline-breached')).data).toMatchObject({ step: 'review', dueAt: deadline.dueAt });
    await drive.noticeSent(caseId, 'step-escalation');
    await drive.act(caseId, 'review', { outcome: 'accept', note: 'Hồ sơ đủ điều kiện' });
    await drive.noticeSent(caseId, 'appointment');

    expect(await effects()).toMatchObject(NO_HARM);
    const events = await t.cases.listEvents(caseId);
    for (const type of ['step-awaiting', 'deadline-breached', 'step-completed']) expect(events.filter((e) => e.type === type && e.data.step === 'review'), type).toHaveLength(1);
    expect(events.filter((e) => e.type === 'appointment-booked')).toHaveLength(1);
    expect(verifyChain(events, (await t.cases.getCase(caseId))!)).toEqual({ ok: true });
  });

  it('while a case waits for the clock (the reminder the day before its appointment): the reminder goes out once, at the instant set before the restart', async () => {
    const caseId = await caseOf((await t.sendMail(requestMail('timer'))).messageId);
    await drive.act(caseId, 'review', { outcome: 'accept', note: 'Hồ sơ đủ điều kiện' });
    const booked = await drive.event(caseId, 'appointment-booked');
    const waiting = await drive.waitingFor(caseId, 'visit');
    await t.idle();

    await restart();
    await t.idle();

    expect((await drive.waitingFor(caseId, 'visit')).deadlines).toEqual(waiting.deadlines);
    expect(await t.cases.getCase(caseId)).toMatchObject({ appointment: waiting.appointment });
    await drive.passTime(String(booked.data.reminderAt));
    await drive.mail(caseId, citizen.address, 'Nhắc lịch');
    // The reminder renews the wait (a new token): act once the execution waits again, not on the old token.
    await t.idle();
    await drive.act(caseId, 'visit', { action: 'visit', collection: 'at-desk', documentsReceived: [{ name: 'Đơn yêu cầu thi hành án', copies: 1, kind: 'original' }] });
    await drive.mail(caseId, citizen.address, 'Giấy tiếp nhận');

    expect(await effects()).toMatchObject(NO_HARM);
    const events = await t.cases.listEvents(caseId);
    expect(events.filter((e) => e.type === 'notice-sent' && e.data.notice === 'appointment-reminder')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'visit-recorded')).toHaveLength(1);
  });

  it('while a burst of mail is being taken in: every message becomes one case with one acknowledgement', async () => {
    const burst = Array.from({ length: 10 }, (_, i) => requestMail(`burst-${i}`));
    await Promise.all(burst.map((mail) => t.sendMail(mail)));
    // The last message was queued as its SMTP session ended: the stack is stopped mid-way through the burst.
    expect(t.stack.queue.isIdle()).toBe(false);

    await restart();

    const caseIds = await Promise.all(burst.map((mail) => caseOf(mail.messageId)));
    expect(new Set(caseIds).size).toBe(burst.length);
    const result = await effects();
    expect(result).toMatchObject(NO_HARM);
    for (const caseId of caseIds) await drive.waitingFor(caseId, 'review');
  });

  it('with an intake invocation killed between the records of its batch: the batch is taken in again, and nothing is opened or acknowledged twice', async () => {
    t.stack.faults.inject({ function: 'intake', times: 1, killedAfterRecords: 2 });
    const notifications: string[] = [];
    for (let i = 0; i < 14; i++) {
      const mail = requestMail(`batch-${i}`);
      const raw = await new MailComposer(mail).compile().build();
      const key = `inbound/restart-batch-${i}-${Date.now()}`;
      await t.s3.send(new PutObjectCommand({ Bucket: t.names.inboundBucket, Key: key, Body: raw }));
      notifications.push(JSON.stringify(objectCreatedEvent({ region: LOCAL_REGION, bucket: t.names.inboundBucket, key, size: raw.length, eTag: 'e', at: new Date() })));
    }
    // Queued at once, as S3 notifies a burst: four single deliveries start, the other ten wait and go as one batch.
    for (const body of notifications) t.stack.queue.send(body);

    const batchIds = mailed.slice(-14);
    const caseIds = await Promise.all(batchIds.map((messageId) => caseOf(messageId)));
    expect(t.stack.faults.injected.get('intake:')).toBe(1);
    expect(new Set(caseIds).size).toBe(14);
    expect(await effects()).toMatchObject(NO_HARM);
  });
});
