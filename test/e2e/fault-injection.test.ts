import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestStack, type TestStack } from './support/test-stack';
import { lifecycleDriver } from './support/lifecycle';
import { effectsSoFar, NO_HARM } from './support/effects';
import { verifyChain } from '../../shared/timeline/hash-chain';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localClientConfig } from '../../local/services/aws-local';
import { SlotBook } from '../../shared/appointments/slot-book';

/**
 * The ordinary failures of a busy day, injected into the local stack (local/faults.ts): each must
 * end with no mail lost, no notice sent twice and no case failed without "needs attention".
 */
const PORT_BASE = 20540;
const OFFICE_ADDRESS = 'kv1@hcm.thads.example';
const citizen = { name: 'Phạm Minh Tuấn', address: 'pham.minh.tuan@example.com' };

let t: TestStack;
const drive = lifecycleDriver(() => t);
/** Every request mailed in this file, by Message-ID. */
const mailed: string[] = [];

beforeAll(async () => {
  // With the proxy that can cancel the functions' case writes as DynamoDB would (local/faults.ts).
  t = await startTestStack(PORT_BASE, undefined, { dynamoDbFaults: true });
});

afterAll(async () => {
  await t?.stop();
});

async function mailRequest(tag: string): Promise<string> {
  const messageId = `<${tag}-${Date.now()}-${mailed.length}@example.com>`;
  mailed.push(messageId);
  await t.sendMail({ from: citizen, to: OFFICE_ADDRESS, subject: 'Yêu cầu thi hành án dân sự', text: `Kính đề nghị thi hành Bản án số ${mailed.length}/2026/DS-ST.`, messageId });
  return messageId;
}

const caseOf = (messageId: string) =>
  eventually(`the case of ${messageId}`, async () => {
    const record = await t.cases.getMessage(messageId);
    return record?.status === 'done' ? record.caseId : undefined;
  });

/** Lost mail, notices sent twice, and ended executions whose case does not say it needs attention, over everything so far. */
const tally = () => effectsSoFar(t, mailed);

const clean = NO_HARM;

describe('fault injection', () => {
  it('SES throttling for a while: the acknowledgement is sent once, when the throttling stops', async () => {
    // The notify path refuses the next three sends with the throttling error it maps SES's to.
    t.stack.faults.inject({ function: 'notify', times: 3, error: { name: 'Throttled', message: 'TooManyRequestsException: Maximum sending rate exceeded.' } });
    const messageId = await mailRequest('throttled');
    const caseId = await caseOf(messageId);
    await drive.waitingFor(caseId, 'review', 60_000);
    await drive.noticeSent(caseId, 'acknowledgement');
    expect([...t.stack.faults.injected].filter(([key]) => key.startsWith('notify:')).reduce((sum, [, n]) => sum + n, 0)).toBe(3);
    expect(await tally()).toMatchObject(clean);
  });

  it('a Lambda that times out once: the step runs again and the case goes on', async () => {
    t.stack.faults.inject({ function: 'workflow', times: 1, error: { name: 'Sandbox.Timedout', message: 'Task timed out after 30.00 seconds' } });
    const caseId = await caseOf(await mailRequest('timed-out'));
    await drive.waitingFor(caseId, 'review', 60_000);
    expect([...t.stack.faults.injected].filter(([key]) => key.startsWith('workflow:')).reduce((sum, [, n]) => sum + n, 0)).toBe(1);
    expect(await tally()).toMatchObject(clean);
  });

  it('a DynamoDB transaction conflict on a case write, once: the repository reads the case again and writes the step once', async () => {
    const caseId = await caseOf(await mailRequest('conflict-once'));
    await drive.waitingFor(caseId, 'review', 60_000);
    t.stack.dynamoDbFaults!.inject({ reason: 'TransactionConflict', writesEvent: 'step-completed', times: 1 });

    await drive.act(caseId, 'review', { outcome: 'accept', note: 'Hồ sơ đủ điều kiện' });
    await drive.noticeSent(caseId, 'appointment');

    expect(t.stack.dynamoDbFaults!.injected.get('TransactionConflict:step-completed')).toBe(1);
    await expectEachEventOnce(caseId, ['step-completed', 'appointment-booked']);
    expect(await tally()).toMatchObject(clean);
  });

  it('a case write that conflicts more often than the repository tries: the receipt step fails with ConcurrentCaseChange, its conflict policy runs it again, and it is written once', async () => {
    // The repository tries a change 8 times; 10 cancelled writes make the first run of the step give up.
    t.stack.dynamoDbFaults!.inject({ reason: 'ConditionalCheckFailed', writesEvent: 'checks-completed', times: 10 });
    const runsBefore = t.stack.faults.invoked.get('notify:recordReceipt') ?? 0;
    const caseId = await caseOf(await mailRequest('conflict-retried'));
    await drive.waitingFor(caseId, 'review', 120_000);

    expect(t.stack.dynamoDbFaults!.injected.get('ConditionalCheckFailed:checks-completed')).toBe(10);
    expect((t.stack.faults.invoked.get('notify:recordReceipt') ?? 0) - runsBefore).toBe(2);
    await expectEachEventOnce(caseId, ['checks-completed']);
    expect(await tally()).toMatchObject(clean);
  });

  it('a step and its notice in one Task (the booking, the visit): a retry after both were done, when recording the notice failed, books no second place, records no second visit and sends nothing twice', async () => {
    const caseId = await caseOf(await mailRequest('joined-retried'));
    await drive.waitingFor(caseId, 'review', 60_000);
    const runs = (action: string) => t.stack.faults.invoked.get(`notify:${action}`) ?? 0;
    const [booksBefore, visitsBefore] = [runs('bookAppointment'), runs('recordVisit')];

    // The place booked and the confirmation sent, then its notice-sent record cancelled more often than the repository tries.
    t.stack.dynamoDbFaults!.inject({ reason: 'ConditionalCheckFailed', writesEvent: 'notice-sent', times: 10 });
    await drive.act(caseId, 'review', { outcome: 'accept', note: 'Hồ sơ đủ điều kiện' });
    const booked = (await drive.waitingFor(caseId, 'visit', 120_000)).appointment!.slot;
    expect(t.stack.dynamoDbFaults!.injected.get('ConditionalCheckFailed:notice-sent')).toBe(10);
    expect(runs('bookAppointment') - booksBefore).toBe(2);
    const slots = new SlotBook(DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(t.stack.urls.dynamodb))), t.names.table);
    const places = (await slots.occupancy(booked.office, booked.date)).filter((o) => o.caseIds.includes(caseId));
    expect(places.map((o) => o.session)).toEqual([booked.session]);

    // The visit recorded and the receipt slip sent, then the same.
    t.stack.dynamoDbFaults!.inject({ reason: 'ConditionalCheckFailed', writesEvent: 'notice-sent', times: 10 });
    await drive.act(caseId, 'visit', { action: 'visit', collection: 'at-desk' });
    await drive.waitingFor(caseId, 'decision', 120_000);
    expect(runs('recordVisit') - visitsBefore).toBe(2);

    await expectEachEventOnce(caseId, ['appointment-booked', 'visit-recorded']);
    const notices = (await t.cases.listEvents(caseId)).filter((e) => e.type === 'notice-sent').map((e) => e.data.notice);
    expect(notices).toEqual(expect.arrayContaining(['appointment', 'receipt-slip']));
    expect(await tally()).toMatchObject(clean);
  });

  it("a failed execution's end reaches notify while notify is throttled: delivered once the throttling stops, as EventBridge retries, and the case needs attention", async () => {
    const caseId = await caseOf(await mailRequest('end-throttled'));
    await drive.waitingFor(caseId, 'review', 60_000);
    t.stack.faults.inject({ function: 'notify', request: 'refusal', times: 1 });
    t.stack.faults.inject({ function: 'notify', request: 'Step Functions Execution Status Change', times: 4, error: { name: 'Throttled', message: 'TooManyRequestsException: Maximum sending rate exceeded.' } });

    await drive.act(caseId, 'review', { outcome: 'refuse', reason: 'Bản án chưa có hiệu lực pháp luật', legalBasis: 'Khoản 1 Điều 2 Luật Thi hành án dân sự' });
    const marked = await eventually(`${caseId} to need attention`, async () => (await t.cases.getCase(caseId))?.workflowEnded);

    expect(marked).toMatchObject({ status: 'FAILED', execution: caseId });
    expect(t.stack.faults.injected.get('notify:Step Functions Execution Status Change')).toBe(4);
    await drive.noticeSent(caseId, 'needs-attention');
    expect(await tally()).toMatchObject(clean);
  });
});

/** Each of these events is on the case's timeline once, every notice sent is recorded once, and the chain is whole. */
async function expectEachEventOnce(caseId: string, types: string[]) {
  await t.idle();
  const events = await t.cases.listEvents(caseId);
  for (const type of types) expect(events.filter((e) => e.type === type), type).toHaveLength(1);
  const notices = events.filter((e) => e.type === 'notice-sent').map((e) => String(e.data.notice));
  expect(notices.length).toBe(new Set(notices).size);
  expect(verifyChain(events, (await t.cases.getCase(caseId))!)).toEqual({ ok: true });
}
