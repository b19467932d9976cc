import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeExecutionCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { eventually, startTestStack, type TestStack } from './support/test-stack';
import { lifecycleDriver } from './support/lifecycle';
import { verifyChain } from '../../shared/timeline/hash-chain';
import { addWorkingTime, isWorkingTime, warningPoint, type Deadline } from '../../shared/calendar';
import { officeDirectory } from '../../shared/offices/default-directory';

let t: TestStack;
const PORT_BASE = 19200;
const drive = lifecycleDriver(() => t);

beforeAll(async () => {
  t = await startTestStack(PORT_BASE);
});

afterAll(async () => {
  await t?.stop();
});

const citizen = { name: 'Lê Văn Cường', address: 'le.van.cuong@example.com' };
const request = (to = 'kv2@hcm.thads.example') => ({ from: citizen, to, subject: 'Đơn yêu cầu thi hành án', text: 'Tôi yêu cầu thi hành bản án số 4/2026/DS-ST.' });

const executionArn = (caseId: string) => t.stack.stateMachineArn.replace(':stateMachine:', ':execution:') + `:${caseId}`;
const executionStatus = async (caseId: string) => (await t.sfn.send(new DescribeExecutionCommand({ executionArn: executionArn(caseId) }))).status;

async function review(taskToken: string, outcome: Record<string, unknown>) {
  await t.sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(outcome) }));
}

describe("the officer's review of a request", () => {
  it('done before its deadline is recorded as on time, and the case goes on to its appointment', async () => {
    const pending = await drive.openCase(request());

    await review(pending.pendingStep!.taskToken, { outcome: 'accept', actor: { kind: 'officer', id: 'tran.thi.lan' } });

    const completed = await drive.event(pending.caseId, 'step-completed');
    expect(completed.data).toMatchObject({ step: 'review', onTime: true, lateByWorkingMinutes: 0, outcome: { outcome: 'accept' } });
    expect(completed.actor).toEqual({ kind: 'officer', id: 'tran.thi.lan' });
    await drive.event(pending.caseId, 'appointment-booked');
    expect(await executionStatus(pending.caseId)).toBe('RUNNING');
  });

  it('not done in time: the desk is warned in working hours, the head of office told at the deadline, the breach recorded, and the review keeps waiting', async () => {
    const pending = await drive.openCase(request());
    const deadline = pending.deadlines.review!;
    const office = pending.office;
    const warnAt = warningPoint(deadline as unknown as Deadline, 0.75, officeDirectory, office);

    // three quarters of the working time pass: the desk is reminded, in working hours
    await drive.passTime(warnAt, 1);
    const warning = await drive.event(pending.caseId, 'notice-sent', 2 + 1);
    expect(warning.data).toMatchObject({ notice: 'step-warning', step: 'review', to: 'kv2.canbo@hcm.thads.example', audience: 'desk' });
    expect(isWorkingTime({ directory: officeDirectory, office }, new Date(warning.at))).toBe(true);

    // the deadline passes: the head of office is told and the breach recorded; the review still waits
    await drive.passTime(deadline.dueAt);
    const breach = await drive.event(pending.caseId, 'deadline-breached');
    expect(breach.data).toMatchObject({ step: 'review', dueAt: deadline.dueAt });
    const escalation = await drive.event(pending.caseId, 'notice-sent', 4);
    expect(escalation.data).toMatchObject({ notice: 'step-escalation', step: 'review', to: 'truong.kv2@hcm.thads.example', audience: 'head' });
    const stillWaiting = await eventually('the renewed wait', async () => {
      const record = await t.cases.getCase(pending.caseId);
      return record?.pendingStep?.breached && record.pendingStep.taskToken !== pending.pendingStep!.taskToken ? record : undefined;
    });
    expect(stillWaiting).toMatchObject({ status: 'awaiting-review', breaches: ['review'] });
    // the token of the timed-out wait no longer resumes anything
    await expect(review(pending.pendingStep!.taskToken, { outcome: 'accept' })).rejects.toMatchObject({ name: 'TaskTimedOut' });

    // an hour of working time later, the officer reviews
    await drive.passTime(addWorkingTime({ directory: officeDirectory, office }, new Date(deadline.dueAt), 60));
    await drive.act(pending.caseId, 'review', { outcome: 'accept' });
    const completed = await drive.event(pending.caseId, 'step-completed');
    expect(completed.data).toMatchObject({ step: 'review', onTime: false });
    expect(Number(completed.data.lateByWorkingMinutes)).toBeGreaterThanOrEqual(60);

    const resting = await drive.waitingFor(pending.caseId, 'visit');
    const events = await t.cases.listEvents(pending.caseId);
    expect(events.map((e) => (e.type === 'notice-sent' ? `notice:${e.data.notice}` : e.type))).toEqual([
      'message-received',
      'case-opened',
      'procedure-identified',
      'deadline-set',
      'checks-completed',
      'notice:acknowledgement',
      'notice:new-case',
      'step-awaiting',
      'notice:step-warning',
      'deadline-breached',
      'notice:step-escalation',
      'step-completed',
      'appointment-booked',
      ...events.slice(13).map((e) => (e.type === 'notice-sent' ? `notice:${e.data.notice}` : e.type)),
    ]);
    expect(verifyChain(events, resting)).toEqual({ ok: true });
  });

  it('cannot be answered with a token the workflow never issued', async () => {
    await expect(review('not-a-token-of-ours', { outcome: 'accept' })).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
  });

  it('survives a restart of the local stack: the case is kept and its wait resumes with a new token', async () => {
    const pending = await drive.openCase(request('kv1@hcm.thads.example'));

    await t.stack.stop();
    t = await startTestStack(PORT_BASE, t.dataDir);

    const resumed = await eventually('the wait to resume', async () => {
      const record = await t.cases.getCase(pending.caseId);
      return record?.pendingStep && record.pendingStep.taskToken !== pending.pendingStep!.taskToken ? record : undefined;
    });
    expect(resumed.deadlines.review).toEqual(pending.deadlines.review);
    await expect(review(pending.pendingStep!.taskToken, { outcome: 'accept' })).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
    await review(resumed.pendingStep!.taskToken, { outcome: 'accept' });
    await drive.event(pending.caseId, 'appointment-booked');
    // the resumed wait added no second "awaiting" event
    expect((await t.cases.listEvents(pending.caseId)).filter((e) => e.type === 'step-awaiting' && e.data.step === 'review')).toHaveLength(1);
  });
});
