import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, eventually, type TestStack } from './support/test-stack';
import { lifecycleDriver } from './support/lifecycle';
import { signLocalToken, type LocalTokenRequest } from '../../local/auth/local-keys';
import { legalBasis } from '../../shared/procedures/default-legal-basis';
import { citationOf } from '../../shared/procedures/legal-basis';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localClientConfig } from '../../local/services/aws-local';
import { SlotBook } from '../../shared/appointments/slot-book';

/**
 * A requester withdraws a request before its result: the written withdrawal (a reply on the case thread, or a
 * letter handed in) is only a hint to the desk; an officer records it as an action, and the workflow, wherever
 * the case waits, ends the case as withdrawn, closes its clocks and confirms it to the requester in writing.
 */
let t: TestStack;
const drive = lifecycleDriver(() => t);

beforeAll(async () => {
  t = await startTestStack(20800);
});

afterAll(async () => {
  await t?.stop();
});

type Who = LocalTokenRequest;
const DESK = 'kv1.canbo@hcm.thads.example';
const LAN: Who = { role: 'officer', office: 'HCMKV1', name: 'Trần Thị Lan' };

async function post(path: string, body: Record<string, unknown>, who: Who = LAN) {
  const token = await signLocalToken(t.dataDir, who);
  const response = await fetch(`${t.stack.urls.api}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

async function get(path: string, who: Who = LAN) {
  const token = await signLocalToken(t.dataDir, who);
  const response = await fetch(`${t.stack.urls.api}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return (await response.json()) as Record<string, any>;
}

const withdrawal = { via: 'email', reference: 'Thư điện tử của người yêu cầu ngày 26/11/2026 xin rút đơn', reason: 'Các bên đã tự nguyện thỏa thuận thi hành' };

const request = (name: string, address: string) => ({ from: { name, address }, to: 'kv1@hcm.thads.example', subject: 'Đơn yêu cầu thi hành án', text: 'Tôi yêu cầu thi hành Bản án số 40/2026/DS-PT ngày 02/10/2026 của Tòa án nhân dân Thành phố Hồ Chí Minh.' });

describe('a requester withdraws a request before its result', () => {
  it('waiting for the decision: the reply is a hint only; the recorded withdrawal closes the case, confirms it in writing and stops every clock', async () => {
    const citizen = { name: 'Hoàng Văn Tùng', address: 'hoang.van.tung@example.com' };
    const { caseId } = await drive.openCase(request(citizen.name, citizen.address));
    await drive.act(caseId, 'review', { outcome: 'accept' });
    await drive.act(caseId, 'visit', { action: 'received', collection: 'at-desk' });
    const deciding = await drive.waitingFor(caseId, 'decision');

    // The requester writes on the thread: the desk sees a hint, nothing is done on it alone.
    const ack = await drive.mail(caseId, citizen.address, 'Xác nhận');
    await t.sendMail({ from: `${citizen.name} <${citizen.address}>`, to: 'kv1@hcm.thads.example', subject: `Re: ${ack.subject}`, text: 'Kính gửi Quý cơ quan,\nTôi xin rút đơn yêu cầu thi hành án vì hai bên đã tự thỏa thuận.\nTrân trọng.' });
    const hinted = await eventually('the withdrawal hint', async () => {
      const record = await t.cases.getCase(caseId);
      return record?.attention?.find((a) => a.kind === 'withdrawal-requested') ? record : undefined;
    });
    expect(hinted.status).toBe('awaiting-decision');
    // the desk is told, once, that a reply asks to withdraw, and what to do
    expect((await drive.mail(caseId, DESK, 'đề nghị rút yêu cầu')).body.text).toContain(`motcua act ${caseId} withdraw`);
    expect((await get(`/cases/${caseId}`)).attention).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'withdrawal-requested' })]));

    // Who may record it: not an auditor, not an officer of another office.
    expect((await post(`/cases/${caseId}/withdraw`, withdrawal, { role: 'auditor', scope: { kind: 'province', province: 'HCM' } })).status).toBe(403);
    expect((await post(`/cases/${caseId}/withdraw`, withdrawal, { role: 'officer', office: 'HCMKV2' })).status).toBe(403);
    expect((await post(`/cases/${caseId}/withdraw`, { via: 'email' })).status).toBe(400);

    expect(await post(`/cases/${caseId}/withdraw`, withdrawal)).toMatchObject({ status: 200, json: { action: 'withdraw', step: 'decision' } });
    const closed = await drive.closed(caseId);
    expect(closed.closure?.reason).toBe('withdrawn');
    expect(closed.pendingStep).toBeUndefined();
    expect(closed.withdrawal).toMatchObject({ via: 'email', reference: withdrawal.reference, reason: withdrawal.reason, step: 'decision' });

    const letter = await drive.mail(caseId, citizen.address, 'rút');
    expect(letter.body.text).toContain('Kính gửi Ông/Bà Hoàng Văn Tùng');
    expect(letter.body.text).toContain(withdrawal.reference);
    // the law in force on the day the case was received (config/legal-basis.json, provision `withdrawal`)
    expect(letter.body.text).toContain(`Căn cứ ${citationOf(legalBasis, 'withdrawal', closed.receivedAt).text}, `);

    // Every clock is closed: the promised date passes with no breach, no escalation, no apology.
    await drive.passTime(deciding.deadlines.decision!.dueAt, 24 * 3600);
    await t.idle();
    const events = (await t.cases.listEvents(caseId)).map((e) => (e.type === 'notice-sent' ? `notice:${e.data.notice}` : e.type));
    expect(events.filter((e) => e === 'withdrawal-recorded')).toHaveLength(1);
    expect(events.indexOf('case-closed')).toBeGreaterThan(events.indexOf('withdrawal-recorded'));
    expect(events.indexOf('notice:closing')).toBeGreaterThan(events.indexOf('case-closed'));
    expect(events).not.toContain('deadline-breached');
    expect((await drive.mailsOf(caseId)).filter((m) => /Quá hạn|xin lỗi|Nhắc/i.test(m.subject))).toEqual([]);
    expect((await drive.mailsOf(caseId)).filter((m) => m.subject.includes('rút') && m.destination.to.includes(citizen.address))).toHaveLength(1);
    expect((await get(`/cases/${caseId}/verify`)).ok).toBe(true);
    // the case view shows the decision's clock closed by the withdrawal: never done, never late
    expect((await get(`/cases/${caseId}`)).steps.find((c: { step: string }) => c.step === 'decision')).toMatchObject({ waiting: false, breached: false, closedBy: 'withdrawal' });

    // Finished: a second withdrawal says why it cannot be.
    const again = await post(`/cases/${caseId}/withdraw`, withdrawal);
    expect(again.status).toBe(409);
    expect(again.json.message).toMatch(/closed|withdrawn/);
  });

  it('waiting for the missing items, or for the visit: the case ends as withdrawn there too', async () => {
    const a = await drive.openCase(request('Phạm Thị Hoa', 'pham.thi.hoa@example.com'));
    await drive.act(a.caseId, 'review', { outcome: 'request-more', missingItems: ['Bản sao bản án có chứng thực'] });
    await drive.waitingFor(a.caseId, 'requester-reply');
    expect(await post(`/cases/${a.caseId}/withdraw`, { ...withdrawal, via: 'letter', reference: 'Đơn xin rút yêu cầu nộp tại Bộ phận một cửa ngày 26/11/2026' })).toMatchObject({ status: 200, json: { step: 'requester-reply' } });

    const b = await drive.openCase(request('Lê Văn Sơn', 'le.van.son@example.com'));
    await drive.act(b.caseId, 'review', { outcome: 'accept' });
    const booked = (await drive.waitingFor(b.caseId, 'visit')).appointment!.slot;
    const slots = new SlotBook(DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(t.stack.urls.dynamodb))), t.names.table);
    const holders = async () => (await slots.occupancy(booked.office, booked.date)).find((o) => o.session === booked.session)?.caseIds ?? [];
    expect(await holders()).toContain(b.caseId);
    expect(await post(`/cases/${b.caseId}/withdraw`, withdrawal)).toMatchObject({ status: 200, json: { step: 'visit' } });

    for (const caseId of [a.caseId, b.caseId]) {
      expect((await drive.closed(caseId)).closure?.reason).toBe('withdrawn');
      await drive.noticeSent(caseId, 'closing');
    }
    await t.idle();
    // the place booked for the visit is given back for another requester
    expect(await holders()).not.toContain(b.caseId);
    for (const caseId of [a.caseId, b.caseId]) {
      const types = await drive.eventTypes(caseId);
      expect(types).not.toContain('workflow-failed');
      expect(types.at(-1)).toBe('notice-sent');
    }
  });

  it('twice at the same instant: one withdrawal on the timeline, one letter', async () => {
    const { caseId } = await drive.openCase(request('Vũ Thị Mai', 'vu.thi.mai@example.com'));
    const answers = await Promise.all([post(`/cases/${caseId}/withdraw`, withdrawal), post(`/cases/${caseId}/withdraw`, withdrawal)]);
    expect(answers.map((a) => a.status).every((s) => s === 200 || s === 409)).toBe(true);
    expect(answers.some((a) => a.status === 200)).toBe(true);
    await drive.closed(caseId);
    await drive.noticeSent(caseId, 'closing');
    await t.idle();
    expect((await drive.eventTypes(caseId)).filter((e) => e === 'withdrawal-recorded')).toHaveLength(1);
    expect((await drive.mailsOf(caseId)).filter((m) => m.subject.includes('rút'))).toHaveLength(1);
  });

  it('after the decision’s deadline passed (the step waits, late): the case still ends as withdrawn, with no decision recorded', async () => {
    const { caseId } = await drive.openCase(request('Trịnh Văn Hải', 'trinh.van.hai@example.com'));
    await drive.act(caseId, 'review', { outcome: 'accept' });
    await drive.act(caseId, 'visit', { action: 'received', collection: 'at-desk' });
    const deciding = await drive.waitingFor(caseId, 'decision');
    await drive.passTime(deciding.deadlines.decision!.dueAt);
    await drive.event(caseId, 'deadline-breached');
    await t.idle();
    expect(await post(`/cases/${caseId}/withdraw`, { ...withdrawal, via: 'letter', reference: 'Đơn xin rút yêu cầu ngày 10/12/2026' })).toMatchObject({ status: 200, json: { step: 'decision' } });
    expect((await drive.closed(caseId)).closure?.reason).toBe('withdrawn');
    await drive.noticeSent(caseId, 'closing');
    await t.idle();
    const events = await t.cases.listEvents(caseId);
    expect(events.filter((e) => e.type === 'step-completed' && e.data.step === 'decision')).toEqual([]);
    expect(events.map((e) => e.type)).not.toContain('workflow-failed');
    expect((await t.cases.getCase(caseId))?.decision).toBeUndefined();
  });

  it('after the decision was issued: 409, a withdrawal then is for the head to stop enforcement (đình chỉ)', async () => {
    const { caseId } = await drive.openCase(request('Đỗ Văn Nam', 'do.van.nam@example.com'));
    await drive.act(caseId, 'review', { outcome: 'accept' });
    await drive.act(caseId, 'visit', { action: 'received', collection: 'at-desk' });
    await drive.act(caseId, 'decision', { number: '15/QĐ-THADS', date: '2026-11-30', signer: 'Lê Văn Minh', document: await drive.decisionDocument(caseId) });
    await drive.waitingFor(caseId, 'handover');
    const answer = await post(`/cases/${caseId}/withdraw`, withdrawal);
    expect(answer.status).toBe(409);
    expect(answer.json.message).toContain('đình chỉ');
    expect((await t.cases.getCase(caseId))?.status).toBe('awaiting-handover');
  });
});
