import { describe, expect, it } from 'vitest';
import { prepareNotice } from '../../../shared/notices/case-notices';
import { officeDirectory } from '../../../shared/offices/default-directory';
import { procedureCatalog } from '../../../shared/procedures/default-catalog';
import { procedureSettings } from '../../../shared/workflow/procedure-settings';
import { auditor, head, officer, testApi } from './fakes';

const CASE = 'HCMKV1-2026-000011';
const withdrawal = { via: 'email', reference: 'Thư điện tử ngày 03/03/2026 của người yêu cầu', reason: 'Hai bên đã tự thỏa thuận' };

/** A request waiting for `step`, its hint list holding a reply that asked to withdraw. */
function waitingFor(step: string, status = `awaiting-${step}`, extra: Record<string, unknown> = {}) {
  const api = testApi();
  api.ports.directory = officeDirectory;
  api.cases.add({
    caseId: CASE,
    office: 'HCMKV1',
    status: status as never,
    pendingStep: { step, taskToken: `token-${step}`, since: '2026-03-02T09:30:00+07:00', dueAt: '2026-03-09T17:00:00+07:00' },
    deadlines: { [step]: { dueAt: '2026-03-09T17:00:00+07:00', startedAt: '2026-03-02T09:30:00+07:00', calendarVersion: 'c', rule: 'legal' } },
    attention: [{ kind: 'withdrawal-requested', at: '2026-03-02T09:45:00+07:00', detail: 'Tôi xin rút đơn yêu cầu thi hành án', messageId: '<rut@example.com>' }],
    ...extra,
  });
  return api;
}

describe("the requester's written withdrawal, recorded by an officer", () => {
  it('records it on the case and its timeline with the legal basis, answers the hint, and ends the waiting step', async () => {
    // Prepare
    const api = waitingFor('decision');

    // Act
    const res = await api.call('POST', `/cases/${CASE}/withdraw`, officer('HCMKV1'), withdrawal);

    // Assess
    expect(res).toMatchObject({ status: 200, json: { caseId: CASE, action: 'withdraw', step: 'decision', status: 'submitted' } });
    const record = api.cases.records.get(CASE)!;
    expect(record.withdrawal).toEqual({ recordedAt: '2026-03-02T10:00:00+07:00', by: { kind: 'officer', id: 'officer-HCMKV1', name: 'Officer HCMKV1' }, via: 'email', reference: withdrawal.reference, reason: withdrawal.reason, step: 'decision' });
    expect(record.attention).toEqual([]);
    const last = api.cases.events.get(CASE)!.at(-1)!;
    expect(last).toMatchObject({ type: 'withdrawal-recorded', data: { reference: withdrawal.reference, answersHints: ['<rut@example.com>'], legalBasis: { provision: 'withdrawal', verify: true } } });
    expect(String(last.data.legalBasis && (last.data.legalBasis as { text: string }).text)).toContain('Điều 7 Luật Thi hành án dân sự năm 2008');
    expect(api.sent).toEqual([{ token: 'token-decision', output: { withdrawn: true, actor: expect.objectContaining({ kind: 'officer' }), at: '2026-03-02T10:00:00+07:00' } }]);
  });

  it('twice: one event, one resumed step; the second answers unchanged', async () => {
    const api = waitingFor('review', 'awaiting-review');
    await api.call('POST', `/cases/${CASE}/withdraw`, head('HCMKV1'), withdrawal);
    const again = await api.call('POST', `/cases/${CASE}/withdraw`, officer('HCMKV1'), withdrawal);
    expect(again).toMatchObject({ status: 200, json: { status: 'unchanged' } });
    expect(api.cases.events.get(CASE)!.filter((e) => e.type === 'withdrawal-recorded')).toHaveLength(1);
    expect(api.sent).toHaveLength(1);
  });

  it('ends a new wait begun after it, when another action completed the step at the same moment', async () => {
    const api = waitingFor('review', 'awaiting-review');
    api.cases.records.get(CASE)!.withdrawal = { recordedAt: '2026-03-02T09:50:00+07:00', by: { kind: 'officer', id: 'x' }, via: 'letter', reference: 'Đơn ngày 02/03/2026', step: 'review' };
    api.cases.records.get(CASE)!.pendingStep = { step: 'visit', taskToken: 'token-visit', since: '2026-03-02T09:55:00+07:00', dueAt: '2026-03-04T17:00:00+07:00' };
    const res = await api.call('POST', `/cases/${CASE}/withdraw`, officer('HCMKV1'), withdrawal);
    expect(res).toMatchObject({ status: 200, json: { status: 'submitted', step: 'visit' } });
    expect(api.cases.events.get(CASE)!.filter((e) => e.type === 'withdrawal-recorded')).toHaveLength(0);
    expect(api.sent.map((s) => s.token)).toEqual(['token-visit']);
  });

  it.each([
    ['an auditor', auditor({ kind: 'all' } as never), 403],
    ['an officer of another office', officer('HCMKV2'), 403],
  ])('is refused to %s', async (_who, principal, status) => {
    const api = waitingFor('decision');
    const res = await api.call('POST', `/cases/${CASE}/withdraw`, principal, withdrawal);
    expect(res.status).toBe(status);
    expect(api.cases.records.get(CASE)!.withdrawal).toBeUndefined();
    expect(api.sent).toEqual([]);
  });

  it.each([
    ['without the reference to the writing', { via: 'email' }, 'reference'],
    ['with an unknown way', { ...withdrawal, via: 'phone' }, 'via'],
  ])('is a bad request %s', async (_what, body, path) => {
    const res = await api().call('POST', `/cases/${CASE}/withdraw`, officer('HCMKV1'), body);
    expect(res.status).toBe(400);
    expect(res.json.issues.map((i: { path: string }) => i.path)).toContain(path);
  });
  const api = () => waitingFor('decision');

  it('answers 409 on a finished case, saying why', async () => {
    const api = waitingFor('decision', 'closed', { pendingStep: undefined, closure: { reason: 'refused', at: '2026-03-02T09:40:00+07:00' } });
    const res = await api.call('POST', `/cases/${CASE}/withdraw`, officer('HCMKV1'), withdrawal);
    expect(res).toMatchObject({ status: 409, json: { error: 'Conflict' } });
    expect(res.json.message).toBe(`case ${CASE} is finished: it was refused (closed 2026-03-02T09:40:00+07:00); there is nothing left to withdraw`);
  });

  it('answers 409 once the decision was issued: a withdrawal then asks the head to stop enforcement (đình chỉ, art. 50)', async () => {
    const api = waitingFor('handover', 'awaiting-handover', { decision: { number: '15/QĐ-THADS', date: '2026-03-05', signer: 'Lê Văn Minh', recordedAt: '2026-03-05T10:00:00+07:00' } });
    const res = await api.call('POST', `/cases/${CASE}/withdraw`, officer('HCMKV1'), withdrawal);
    expect(res.status).toBe(409);
    expect(res.json.message).toContain('đình chỉ thi hành án, Điều 50 Luật Thi hành án dân sự năm 2008');
    expect(api.sent).toEqual([]);
  });

  it('answers 409 between two steps (nothing waits), recording nothing', async () => {
    const api = waitingFor('review', 'reviewed', { pendingStep: undefined });
    const res = await api.call('POST', `/cases/${CASE}/withdraw`, officer('HCMKV1'), withdrawal);
    expect(res.status).toBe(409);
    expect(res.json.message).toContain('between two steps');
    expect(api.cases.records.get(CASE)!.withdrawal).toBeUndefined();
  });

  it('is confirmed to the requester by the closing notice, which cites the legal basis of the law in force on the day of receipt', async () => {
    // Prepare: the workflow closed the case as withdrawn
    const api = waitingFor('decision');
    await api.call('POST', `/cases/${CASE}/withdraw`, officer('HCMKV1'), withdrawal);
    const record = { ...api.cases.records.get(CASE)!, status: 'closed' as const, pendingStep: undefined, closure: { reason: 'withdrawn' as const, at: '2026-03-02T10:00:05+07:00' } };
    const context = (receivedAt: string) => ({
      caseRecord: { ...record, receivedAt },
      events: [...api.cases.events.get(CASE)!, { type: 'visit-recorded', at: '2026-03-02T09:30:00+07:00', actor: { kind: 'system' as const, component: 'workflow' }, data: {}, caseId: CASE, seq: 99, prevHash: '', hash: '' }],
      directory: officeDirectory,
      procedure: procedureSettings(procedureCatalog, record.procedure),
      now: new Date('2026-03-02T10:00:06+07:00'),
      readDocument: async () => Buffer.alloc(0),
    });

    // Act
    const before = await prepareNotice('closing', context('2026-03-02T09:00:00+07:00'));
    const after = await prepareNotice('closing', context('2026-07-01T09:00:00+07:00'));

    // Assess
    expect(before).toMatchObject({ key: `${CASE}.closing`, to: 'le.van.cuong@example.com', audience: 'requester' });
    expect(before.notice.subject).toBe(`Thông báo về việc rút yêu cầu thi hành án [${CASE}]`);
    const text = before.notice.text;
    expect(text).toContain('Kính gửi Ông/Bà Lê Văn Cường,');
    expect(text).toContain(`Văn bản được ghi nhận: ${withdrawal.reference}.`);
    expect(text).toContain(`Lý do Ông/Bà nêu: ${withdrawal.reason}.`);
    expect(text).toContain('Căn cứ Điều 7 Luật Thi hành án dân sự năm 2008 (sửa đổi, bổ sung năm 2014, 2022) về ');
    expect(text).toContain('kết thúc giải quyết hồ sơ mã HCMKV1-2026-000011 từ 10:00 ngày 02/03/2026');
    expect(text).toContain('Chưa có kết quả giải quyết (Quyết định thi hành án');
    expect(text).toContain('Bản chính giấy tờ Ông/Bà đã nộp tại Bộ phận một cửa được trả lại');
    // a case received under Law 106/2025/QH15 cites that law (its article still to be identified)
    expect(after.notice.text).toContain('Căn cứ Luật Thi hành án dân sự số 106/2025/QH15, quy định về ');
  });
});
