import { describe, expect, it } from 'vitest';
import { deadlineFor } from '../../../shared/calendar';
import type { StepDeadline } from '../../../shared/cases/model';
import { prepareNotice } from '../../../shared/notices/case-notices';
import { officeDirectory } from '../../../shared/offices/default-directory';
import { procedureCatalog } from '../../../shared/procedures/default-catalog';
import { procedureSettings } from '../../../shared/workflow/procedure-settings';
import { pdfText } from '../documents/lifecycle-fixtures';
import { head, officer, testApi } from './fakes';

const CASE = 'HCMKV1-2026-000007';
const promised = '2026-03-09T17:00:00+07:00';

/** A request for enforcement received in person, waiting for its decision due on Monday 9/3/2026 at 17:00; now is Monday 2/3, 10:00. */
function waitingForDecision(dueAt = promised) {
  const api = testApi();
  api.ports.directory = officeDirectory;
  api.cases.add({
    caseId: CASE,
    office: 'HCMKV1',
    status: 'awaiting-decision',
    pendingStep: { step: 'decision', taskToken: 'token-decision', since: '2026-03-02T09:30:00+07:00', dueAt },
    // a deadline as the calendar gives it (with its pauses and version), due at the instant the test names
    deadlines: { decision: { ...(deadlineFor({ receivedAt: new Date('2026-03-02T09:30:00+07:00'), workingDays: 5, office: 'HCMKV1', directory: officeDirectory }) as unknown as StepDeadline), dueAt } },
  });
  return api;
}

const delay = { reason: 'Cần xác minh thêm với Tòa án nhân dân Thành phố Hồ Chí Minh về nội dung bản án', newDate: '2026-03-12' };

describe('a delay recorded before the deadline (form 04)', () => {
  it('moves the decision deadline to the close of office hours on the new date and keeps the first one', async () => {
    // Prepare
    const api = waitingForDecision();

    // Act
    const res = await api.call('POST', `/cases/${CASE}/delay`, officer('HCMKV1'), delay);

    // Assess
    expect(res).toMatchObject({ status: 200, json: { caseId: CASE, action: 'delay', step: 'decision', status: 'recorded' } });
    const record = api.cases.records.get(CASE)!;
    expect(record.deadlines.decision).toMatchObject({ dueAt: '2026-03-12T17:00:00+07:00', extendedFrom: promised, extendedBy: 'form-04' });
    expect(record.pendingStep).toMatchObject({ step: 'decision', taskToken: 'token-decision', dueAt: '2026-03-12T17:00:00+07:00' });
    expect(record.delays).toEqual([
      { step: 'decision', recordedAt: '2026-03-02T10:00:00+07:00', by: { kind: 'officer', id: 'officer-HCMKV1', name: 'Officer HCMKV1' }, reason: delay.reason, originalDueAt: promised, newDueAt: '2026-03-12T17:00:00+07:00' },
    ]);
    const events = api.cases.events.get(CASE)!.map((e) => e.type);
    expect(events.slice(-2)).toEqual(['delay-recorded', 'deadline-set']);
    // the waiting step is resumed as delayed (the workflow sends the letter and restarts the clock), not completed
    expect(api.sent).toEqual([{ token: 'token-decision', output: { delayed: true, step: 'decision', actor: expect.objectContaining({ kind: 'officer' }), at: '2026-03-02T10:00:00+07:00' } }]);
  });

  it('gives the requester the letter, with the reason entered and the new date, signed by the head by title and name', async () => {
    // Prepare
    const api = waitingForDecision();
    await api.call('POST', `/cases/${CASE}/delay`, head('HCMKV1'), { ...delay, newDate: '2026-03-12T15:30+07:00' });
    const record = api.cases.records.get(CASE)!;

    // Act
    const prepared = await prepareNotice('delay-letter', {
      caseRecord: record,
      events: api.cases.events.get(CASE)!,
      directory: officeDirectory,
      procedure: procedureSettings(procedureCatalog, record.procedure),
      now: new Date('2026-03-02T10:05:00+07:00'),
      step: 'decision',
      readDocument: async () => Buffer.alloc(0),
    });
    const { text: letter } = await pdfText(prepared.notice.attachments![0]!.content);

    // Assess
    expect(prepared.to).toBe('le.van.cuong@example.com');
    expect(prepared.notice.subject).toBe(`Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết [${CASE}]`);
    expect(prepared.notice.text).toContain(`Lý do: ${delay.reason}.`);
    expect(prepared.notice.text).toContain('gia hạn thời gian giải quyết hồ sơ đến 15:30 ngày 12/03/2026.');
    expect(letter).toContain('Thời hẹn trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 09 tháng 3 năm 2026.');
    expect(letter).toContain('TRƯỞNG PHÒNG (Ký, ghi rõ họ tên và đóng dấu) Lê Văn Minh');
  });

  it('is refused once the deadline has passed: the apology after the breach takes over', async () => {
    // Prepare
    const api = waitingForDecision('2026-03-02T09:59:00+07:00');

    // Act
    const res = await api.call('POST', `/cases/${CASE}/delay`, officer('HCMKV1'), delay);

    // Assess
    expect(res.status).toBe(409);
    expect(res.json.message).toContain('form 04 is offered before the deadline');
    expect(api.cases.records.get(CASE)!.delays).toBeUndefined();
  });

  it('is refused for a case that does not wait for its result', async () => {
    // Prepare
    const api = testApi();
    api.ports.directory = officeDirectory;
    api.cases.add({ caseId: CASE, office: 'HCMKV1', status: 'awaiting-review', pendingStep: { step: 'review', taskToken: 't', since: '2026-03-02T09:00:00+07:00', dueAt: '2026-03-03T09:00:00+07:00' }, deadlines: { review: { dueAt: '2026-03-03T09:00:00+07:00', startedAt: '2026-03-02T09:00:00+07:00', calendarVersion: 'c', rule: 'r' } } });

    // Act
    const res = await api.call('POST', `/cases/${CASE}/delay`, officer('HCMKV1'), delay);

    // Assess
    expect(res).toMatchObject({ status: 409, json: { error: 'Conflict' } });
    expect(res.json.message).toContain('waits for review');
  });

  it.each([
    ['a date no later than the one promised', '2026-03-09', 'not later than 2026-03-09T17:00:00+07:00'],
    ['a Sunday', '2026-03-15', 'not a working time of the office'],
    ['a time after office hours', '2026-03-12T19:00+07:00', 'not a working time of the office'],
    ['no date at all', 'next week', 'a date YYYY-MM-DD'],
  ])('is refused with %s, naming the field', async (_what, newDate, message) => {
    // Prepare
    const api = waitingForDecision();

    // Act
    const res = await api.call('POST', `/cases/${CASE}/delay`, officer('HCMKV1'), { ...delay, newDate });

    // Assess
    expect(res.status).toBe(400);
    expect(res.json.issues).toEqual([expect.objectContaining({ path: 'newDate', message: expect.stringContaining(message) })]);
    expect(api.cases.records.get(CASE)!.deadlines.decision!.dueAt).toBe(promised);
  });

  it('is refused without a reason: the letter states why', async () => {
    // Prepare
    const api = waitingForDecision();

    // Act
    const res = await api.call('POST', `/cases/${CASE}/delay`, officer('HCMKV1'), { newDate: '2026-03-12', reason: '  ' });

    // Assess
    expect(res).toMatchObject({ status: 400, json: { issues: [{ path: 'reason' }] } });
  });

  it('is refused to an officer of another office', async () => {
    // Prepare
    const api = waitingForDecision();

    // Act
    const res = await api.call('POST', `/cases/${CASE}/delay`, officer('HCMKV2'), delay);

    // Assess
    expect(res.status).toBe(403);
  });
});

describe('the first deadline passing after a delay was recorded', () => {
  it('sends neither the escalation nor the apology: the deadline is the new one, not yet passed', async () => {
    // Prepare
    const api = waitingForDecision();
    await api.call('POST', `/cases/${CASE}/delay`, officer('HCMKV1'), delay);
    const record = api.cases.records.get(CASE)!;
    const context = (now: string) => ({
      caseRecord: record,
      events: api.cases.events.get(CASE)!,
      directory: officeDirectory,
      procedure: procedureSettings(procedureCatalog, record.procedure),
      now: new Date(now),
      step: 'decision',
      readDocument: async () => Buffer.alloc(0),
    });

    // Act
    const atFirstDeadline = await Promise.all([prepareNotice('step-escalation', context(promised)), prepareNotice('apology', context(promised))]);
    const atNewDeadline = await prepareNotice('step-escalation', context('2026-03-12T17:00:00+07:00'));

    // Assess
    expect(atFirstDeadline.map((n) => n.needless)).toEqual([expect.stringContaining('has not passed'), expect.stringContaining('has not passed')]);
    expect(atNewDeadline.needless).toBeUndefined();
  });
});
