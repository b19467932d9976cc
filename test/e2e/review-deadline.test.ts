import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeExecutionCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { eventually, startTestStack, type TestStack } from './support/test-stack';
import { verifyChain } from '../../shared/timeline/hash-chain';

let t: TestStack;
const PORT_BASE = 19200;

beforeAll(async () => {
  t = await startTestStack(PORT_BASE);
});

afterAll(async () => {
  await t?.stop();
});

const citizen = { name: 'Lê Văn Cường', address: 'le.van.cuong@example.com' };

/** Opens a case by e-mail and waits until its officer review is pending. */
async function caseAwaitingReview(office = 'kv2@hcm.thads.example') {
  const messageId = `<review-${Date.now()}-${Math.random()}@example.com>`;
  await t.sendMail({ from: citizen, to: office, subject: 'Đơn yêu cầu thi hành án', text: 'Yêu cầu thi hành bản án.', messageId });
  const caseId = await eventually('the case', async () => (await t.cases.getMessage(messageId))?.caseId);
  return eventually('the review to be pending', async () => {
    const record = await t.cases.getCase(caseId);
    return record?.pendingStep?.step === 'review' ? record : undefined;
  });
}

const executionArn = (caseId: string) => t.stack.stateMachineArn.replace(':stateMachine:', ':execution:') + `:${caseId}`;
const executionStatus = async (caseId: string) => (await t.sfn.send(new DescribeExecutionCommand({ executionArn: executionArn(caseId) }))).status;

async function review(taskToken: string, outcome: Record<string, unknown>) {
  await t.sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(outcome) }));
}

describe("the officer's review of a request", () => {
  it('done before its deadline is recorded as on time, and the execution completes', async () => {
    const pending = await caseAwaitingReview();

    await review(pending.pendingStep!.taskToken, { decision: 'accept', officer: 'tran.thi.lan' });

    const completed = await eventually('the review recorded', async () => (await t.cases.listEvents(pending.caseId)).find((e) => e.type === 'step-completed'));
    expect(completed.data).toMatchObject({ step: 'review', onTime: true, outcome: { decision: 'accept', officer: 'tran.thi.lan' } });
    expect(await eventually('the execution to succeed', async () => ((await executionStatus(pending.caseId)) === 'SUCCEEDED' ? true : undefined))).toBe(true);
    const record = await t.cases.requireCase(pending.caseId);
    expect(record.status).toBe('reviewed');
    expect(record.pendingStep).toBeUndefined();
  });

  it('not done by its deadline is recorded as breached, keeps waiting, and is late when done', async () => {
    const pending = await caseAwaitingReview();
    const dueAt = new Date(pending.deadlines.review!.dueAt);

    // Act: time passes beyond the deadline (the local clock moves; nobody waits a working day)
    const nowOnStack = new Date(((await (await fetch(`${t.stack.urls.api}/_local/clock`)).json()) as { now: string }).now);
    await t.advanceClock(Math.ceil((dueAt.getTime() - nowOnStack.getTime()) / 60_000) + 5);

    const breach = await eventually('the breach', async () => (await t.cases.listEvents(pending.caseId)).find((e) => e.type === 'deadline-breached'));
    expect(breach.data).toMatchObject({ step: 'review', dueAt: pending.deadlines.review!.dueAt });
    expect(new Date(breach.at).getTime()).toBeGreaterThan(dueAt.getTime());
    // the step keeps waiting, with a fresh token, and the workflow is still running
    const stillWaiting = await eventually('the renewed wait', async () => {
      const record = await t.cases.getCase(pending.caseId);
      return record?.pendingStep && record.pendingStep.taskToken !== pending.pendingStep!.taskToken ? record : undefined;
    });
    expect(stillWaiting).toMatchObject({ status: 'awaiting-review', breaches: ['review'] });
    expect(await executionStatus(pending.caseId)).toBe('RUNNING');

    // the token of the timed-out wait no longer resumes anything
    await expect(review(pending.pendingStep!.taskToken, { decision: 'accept' })).rejects.toMatchObject({ name: 'TaskTimedOut' });
    await review(stillWaiting.pendingStep!.taskToken, { decision: 'accept', officer: 'tran.thi.lan' });

    const completed = await eventually('the late review recorded', async () => (await t.cases.listEvents(pending.caseId)).find((e) => e.type === 'step-completed'));
    expect(completed.data).toMatchObject({ step: 'review', onTime: false });
    const events = await t.cases.listEvents(pending.caseId);
    expect(events.map((e) => e.type)).toEqual(['message-received', 'case-opened', 'deadline-set', 'notice-sent', 'step-awaiting', 'deadline-breached', 'step-completed']);
    expect(verifyChain(events, await t.cases.requireCase(pending.caseId))).toEqual({ ok: true });
  });

  it('cannot be answered with a token the workflow never issued', async () => {
    await expect(review('not-a-token-of-ours', { decision: 'accept' })).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
  });

  it('survives a restart of the local stack: the case is kept and its wait resumes with a new token', async () => {
    const pending = await caseAwaitingReview('kv1@hcm.thads.example');

    await t.stack.stop();
    t = await startTestStack(PORT_BASE, t.dataDir);

    const resumed = await eventually('the wait to resume', async () => {
      const record = await t.cases.getCase(pending.caseId);
      return record?.pendingStep && record.pendingStep.taskToken !== pending.pendingStep!.taskToken ? record : undefined;
    });
    expect(resumed.deadlines.review).toEqual(pending.deadlines.review);
    await expect(review(pending.pendingStep!.taskToken, { decision: 'accept' })).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
    await review(resumed.pendingStep!.taskToken, { decision: 'refer', officer: 'tran.thi.lan' });
    expect(await eventually('the execution to succeed', async () => ((await executionStatus(pending.caseId)) === 'SUCCEEDED' ? true : undefined))).toBe(true);
    // the resumed wait added no second "awaiting" event
    expect((await t.cases.listEvents(pending.caseId)).filter((e) => e.type === 'step-awaiting')).toHaveLength(1);
  });
});
