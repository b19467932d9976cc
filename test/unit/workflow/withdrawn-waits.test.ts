/**
 * The requester's recorded withdrawal ends a human wait with `withdrawn: true`. It adds no state to the happy path:
 * the Task after the wait finds it and fails with RequestWithdrawn (caught into `Close the case: withdrawn`), or
 * the child's outcome carries it to the review's Choice. These are the functions behind those Tasks.
 */
import { describe, expect, it } from 'vitest';
import type { CaseRecord, NewEvent } from '../../../shared/cases/model';
import { prepareNotice } from '../../../shared/notices/case-notices';
import { officeDirectory } from '../../../shared/offices/default-directory';
import { RequestWithdrawn } from '../../../shared/workflow/decisions';
import { recordOutcome, recordVisit, type ResultPorts } from '../../../shared/workflow/result-steps';
import { MemoryCases } from '../api/fakes';
import { procedureOf } from '../documents/lifecycle-fixtures';

const caseId = 'HCMKV1-2026-000043';
const receivedAt = '2026-11-23T09:30:00+07:00';
const withdrawnOutput = { withdrawn: true, actor: { kind: 'officer', id: 'tran.thi.lan' }, at: '2026-11-27T10:00:00+07:00' };
const withdrawal = { recordedAt: '2026-11-27T10:00:00+07:00', by: { kind: 'officer', id: 'tran.thi.lan' }, via: 'letter', reference: 'Đơn xin rút yêu cầu', step: 'decision' } as const;
const due = { dueAt: '2026-12-08T17:00:00+07:00', startedAt: receivedAt, calendarVersion: 'test', rule: 'test' };

function setUp(record: Partial<CaseRecord>) {
  const cases = new MemoryCases();
  const message: NewEvent = { type: 'message-received', at: receivedAt, actor: { kind: 'requester', address: 'an.nguyen@example.com' }, data: { subject: 'Đơn yêu cầu thi hành án' } };
  cases.add({ caseId, office: 'HCMKV1', procedure: 'enforcement-request', flow: 'enforcement-request', requester: { address: 'an.nguyen@example.com', name: 'Nguyễn Văn An' }, subject: 'Đơn yêu cầu thi hành án', receivedAt, deadlines: {}, ...record }, [message]);
  const ports: ResultPorts = {
    cases: cases.repository,
    directory: officeDirectory,
    clock: { now: () => new Date('2026-11-27T10:01:00+07:00') },
    procedureOf,
    storeDocument: async (key) => ({ bucket: 'documents', key }),
  };
  return { cases, ports };
}

describe('a wait ended by the requester’s withdrawal', () => {
  it('the decision’s outcome records no decision and no completion: the child hands the withdrawal to the case workflow', async () => {
    const { cases, ports } = setUp({ status: 'awaiting-decision', withdrawal, deadlines: { decision: due }, pendingStep: { step: 'decision', taskToken: 't', since: receivedAt, dueAt: due.dueAt } } as Partial<CaseRecord>);
    const before = await cases.repository.listEvents(caseId);
    expect(await recordOutcome(caseId, 'decision', withdrawnOutput, ports)).toEqual(withdrawnOutput);
    const after = await cases.repository.requireCase(caseId);
    expect(after.decision).toBeUndefined();
    expect(after.deadlines.handover).toBeUndefined();
    expect(await cases.repository.listEvents(caseId)).toHaveLength(before.length);
  });

  it('the visit’s wait: Record the visit fails with RequestWithdrawn and records nothing', async () => {
    const { cases, ports } = setUp({ status: 'awaiting-visit', withdrawal: { ...withdrawal, step: 'visit' } } as Partial<CaseRecord>);
    await expect(recordVisit(caseId, withdrawnOutput as never, ports)).rejects.toBeInstanceOf(RequestWithdrawn);
    expect((await cases.repository.requireCase(caseId)).deadlines.decision).toBeUndefined();
  });

  it('Release the decision finds no decision on a withdrawn case and fails with RequestWithdrawn; without a withdrawal it is no such case', async () => {
    const { cases, ports } = setUp({ status: 'awaiting-decision', withdrawal } as Partial<CaseRecord>);
    const rendered = (store: MemoryCases) => async () =>
      prepareNotice('decision-released', { caseRecord: await store.repository.requireCase(caseId), events: await store.repository.listEvents(caseId), directory: officeDirectory, procedure: procedureOf('enforcement-request'), now: ports.clock.now(), readDocument: async () => Buffer.from('') });
    await expect(rendered(cases)()).rejects.toBeInstanceOf(RequestWithdrawn);
    // without a withdrawal, a missing decision is a fault of the workflow, not a withdrawal to catch
    await expect(rendered(setUp({ status: 'awaiting-decision' } as Partial<CaseRecord>).cases)()).rejects.toThrow(/has no decision recorded/);
  });
});
