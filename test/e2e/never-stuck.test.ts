import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { eventually, startTestStack, type TestStack } from './support/test-stack';
import { lifecycleDriver } from './support/lifecycle';
import { signLocalToken } from '../../local/auth/local-keys';

/**
 * Nothing ends silently: a failure injected into a function (local/faults.ts) fails the case's
 * execution; the case is marked "needs attention" in the work queue, the head of office is told,
 * and the head resumes it (API, CLI) at the step it was in, with its deadlines, to the end.
 */
let t: TestStack;
const drive = lifecycleDriver(() => t);
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const HEAD_KV1 = 'truong.kv1@hcm.thads.example';

beforeAll(async () => {
  t = await startTestStack(20400);
});

afterAll(async () => {
  await t?.stop();
});

const citizen = { name: 'Lê Văn Tâm', address: 'le.van.tam@example.com' };
const request = (n: number) => ({
  from: citizen,
  to: 'kv1@hcm.thads.example',
  subject: `Đơn yêu cầu thi hành án số ${n}`,
  text: 'Kính gửi Phòng Thi hành án dân sự khu vực 1,\nTôi yêu cầu thi hành Bản án số 21/2026/DS-ST ngày 12/01/2026 của Tòa án nhân dân khu vực 1.',
});

async function api(method: 'GET' | 'POST', path: string, role: 'head' | 'officer' = 'head') {
  const token = await signLocalToken(t.dataDir, { role, office: 'HCMKV1', sub: role === 'head' ? 'u-hai' : 'u-lan', name: role === 'head' ? 'Nguyễn Văn Hải' : 'Trần Thị Lan' });
  const res = await fetch(`${t.stack.urls.api}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

function motcua(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/motcua.js', ...args], { cwd: repoRoot, env: { ...process.env, MOTCUA_API_URL: t.stack.urls.api, MOTCUA_DATA_DIR: t.dataDir, MOTCUA_TOKEN: '' } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const executionStatus = async (name: string) =>
  (await t.sfn.send(new DescribeExecutionCommand({ executionArn: `${t.stack.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}` }))).status;

const needsAttention = (caseId: string) => eventually(`${caseId} to need attention`, async () => ((await t.cases.getCase(caseId))?.workflowEnded ? (await t.cases.getCase(caseId))! : undefined));

describe('a case whose workflow fails', () => {
  it('is marked "needs attention" in the queue, the head is told, and the API resumes it at the failed step, which completes it', async () => {
    const { caseId } = await drive.openCase(request(1));
    t.stack.faults.inject({ function: 'notify', request: 'refusal', times: 1 });

    await drive.act(caseId, 'review', { outcome: 'refuse', reason: 'Bản án chưa có hiệu lực pháp luật', legalBasis: 'Khoản 1 Điều 2 Luật Thi hành án dân sự' });
    const marked = await needsAttention(caseId);
    expect(marked.workflowEnded).toMatchObject({ status: 'FAILED', execution: caseId });
    expect(marked.status).not.toBe('closed');
    expect(await executionStatus(caseId)).toBe('FAILED');

    const told = await drive.mail(caseId, HEAD_KV1, 'Cần xử lý');
    expect(told.body.text).toContain(`motcua case resume ${caseId}`);
    const queue = await api('GET', '/cases?needsAttention=true');
    expect(queue.json.items.map((c: { caseId: string }) => c.caseId)).toEqual([caseId]);
    expect(queue.json.items[0].needsAttention).toBe(true);
    expect((await api('GET', `/cases/${caseId}`)).json).toMatchObject({ needsAttention: true, workflowEnded: { status: 'FAILED' } });

    expect((await api('POST', `/cases/${caseId}/resume`, 'officer')).status).toBe(403);
    const resumed = await api('POST', `/cases/${caseId}/resume`);
    expect(resumed).toMatchObject({ status: 200, json: { caseId, execution: `${caseId}-r1`, from: caseId, resumedAt: 'Send the refusal' } });

    const closed = await drive.closed(caseId);
    expect(closed.closure?.reason).toBe('refused');
    expect(closed.workflowEnded).toBeUndefined();
    expect(await executionStatus(`${caseId}-r1`)).toBe('SUCCEEDED');
    const mails = await drive.mailsOf(caseId);
    expect(mails.filter((m) => m.subject.includes('từ chối'))).toHaveLength(1);
    expect(mails.filter((m) => m.destination.to.includes(HEAD_KV1) && m.subject.includes('Cần xử lý'))).toHaveLength(1);
    const types = await drive.eventTypes(caseId);
    expect(types.filter((e) => e === 'needs-attention')).toHaveLength(1);
    expect(types.filter((e) => e === 'workflow-resumed')).toHaveLength(1);
    expect((await api('POST', `/cases/${caseId}/resume`)).status).toBe(409);
  });

  it('fails at Record receipt (the receipt with its two notices, one Task of notify), and the resume there records the receipt and sends each notice once', async () => {
    // Its function crashes before doing anything, with an error no retry policy takes: the execution fails there.
    t.stack.faults.inject({ function: 'notify', request: 'recordReceipt', times: 1 });
    const messageId = `<never-stuck-receipt-${Date.now()}@example.com>`;
    await t.sendMail({ ...request(4), messageId });
    const caseId = await eventually('the case', async () => (await t.cases.getMessage(messageId))?.caseId);
    const marked = await needsAttention(caseId);
    expect(marked.workflowEnded?.status).toBe('FAILED');
    expect(marked.flow).toBeUndefined(); // nothing of the receipt was recorded

    const resumed = await api('POST', `/cases/${caseId}/resume`);
    expect(resumed).toMatchObject({ status: 200, json: { caseId, execution: `${caseId}-r1`, resumedAt: 'Record receipt' } });

    const waiting = await drive.waitingFor(caseId, 'review');
    expect(waiting.workflowEnded).toBeUndefined();
    await drive.noticeSent(caseId, 'new-case');
    const types = await drive.eventTypes(caseId);
    for (const type of ['procedure-identified', 'deadline-set', 'checks-completed', 'step-awaiting']) expect(types.filter((e) => e === type), type).toHaveLength(1);
    const mails = await drive.mailsOf(caseId);
    expect(mails.filter((m) => m.destination.to.includes(citizen.address) && m.subject.startsWith('Xác nhận đã nhận'))).toHaveLength(1);
    expect(mails.filter((m) => m.subject.startsWith('Hồ sơ mới'))).toHaveLength(1);
    expect(t.stack.faults.injected.get('notify:recordReceipt')).toBe(1);
  });

  it('fails inside a human step, and motcua case resume restarts the step with the same deadline', async () => {
    const first = await drive.openCase(request(2));
    // The next human step's wait fails (its function crashes as the step starts): the child fails, then its parent.
    t.stack.faults.inject({ function: 'workflow', request: 'awaitStep', times: 1 });
    const messageId = `<never-stuck-${Date.now()}@example.com>`;
    await t.sendMail({ ...request(3), messageId });
    const caseId = await eventually('the case', async () => (await t.cases.getMessage(messageId))?.caseId);
    const marked = await needsAttention(caseId);
    expect(marked.workflowEnded?.status).toBe('FAILED');
    await drive.mail(caseId, HEAD_KV1, 'Cần xử lý');
    const before = marked.deadlines.review!.dueAt;

    const running = await motcua(['case', 'resume', first.caseId, '--as', 'head:HCMKV1']);
    expect(running.code).toBe(1);
    expect(running.stderr).toContain('running');

    const run = await motcua(['case', 'resume', caseId, '--as', 'head:HCMKV1']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain(`${caseId}: resumed at "Officer review" as execution ${caseId}-r1`);

    const waiting = await drive.waitingFor(caseId, 'review');
    expect(waiting.pendingStep?.dueAt).toBe(before);
    expect(waiting.deadlines.review!.dueAt).toBe(before);
    expect(waiting.workflowEnded).toBeUndefined();
    const show = await motcua(['queue', '--needs-attention', '--as', 'head:HCMKV1']);
    expect(show.stdout).not.toContain(caseId);

    await drive.act(caseId, 'review', { outcome: 'refer', referTo: 'HCMKV2', reason: 'Người phải thi hành án cư trú tại khu vực 2' });
    expect((await drive.closed(caseId)).closure?.reason).toBe('referred');
    // The resume went on from the review: the receipt's notices were not sent again.
    const mails = await drive.mailsOf(caseId);
    expect(mails.filter((m) => m.subject.startsWith('Hồ sơ mới'))).toHaveLength(1);
    expect(mails.filter((m) => m.destination.to.includes(citizen.address) && m.subject.startsWith('Xác nhận đã nhận'))).toHaveLength(1);
  });

  it('fails at the booking with its notice (one Task), and the resume there books once and sends the confirmation once', async () => {
    const { caseId } = await drive.openCase(request(4));
    t.stack.faults.inject({ function: 'notify', request: 'bookAppointment', times: 1 });
    await drive.act(caseId, 'review', { outcome: 'accept' });
    await needsAttention(caseId);

    expect(await api('POST', `/cases/${caseId}/resume`)).toMatchObject({ status: 200, json: { resumedAt: 'Book the appointment' } });
    await drive.waitingFor(caseId, 'visit');
    await t.idle();
    const types = await drive.eventTypes(caseId);
    expect(types.filter((e) => e === 'appointment-booked')).toHaveLength(1);
    expect((await drive.mailsOf(caseId)).filter((m) => m.subject.startsWith('Lịch hẹn'))).toHaveLength(1);
  });

  it('ends while it waits for the visit on a new date the requester asked for, and the resumed wait sends no second confirmation: the notice of the new date stands', async () => {
    const { caseId } = await drive.openCase(request(5));
    await drive.act(caseId, 'review', { outcome: 'accept' });
    await drive.waitingFor(caseId, 'visit');
    await t.sendMail({ from: citizen, to: 'kv1@hcm.thads.example', subject: `Re: Lịch hẹn [${caseId}]`, text: 'Ngày đó tôi bận, xin đổi lịch hẹn sang ngày khác.' });
    await drive.noticeSent(caseId, 'appointment-rescheduled');
    const moved = await drive.waitingFor(caseId, 'visit');
    await t.idle();
    await t.sfn.send(new StopExecutionCommand({ executionArn: `${t.stack.stateMachineArn.replace(':stateMachine:', ':execution:')}:${caseId}` }));
    await needsAttention(caseId);

    // A wait resumes at the Task that reads its clock from the case: for the visit, Book the appointment, which finds the place booked.
    expect(await api('POST', `/cases/${caseId}/resume`)).toMatchObject({ status: 200, json: { resumedAt: 'Wait for the visit' } });
    await t.idle();
    expect(await drive.waitingFor(caseId, 'visit')).toMatchObject({ appointment: moved.appointment });
    const notices = (await t.cases.listEvents(caseId)).filter((e) => e.type === 'notice-sent').map((e) => e.data.notice);
    expect(notices.filter((n) => String(n).startsWith('appointment'))).toEqual(['appointment', 'appointment-rescheduled']);
  });
});
