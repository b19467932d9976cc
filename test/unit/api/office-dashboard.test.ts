import { describe, expect, it } from 'vitest';
import type { CaseRecord, StepDeadline } from '../../../shared/cases/model';
import { procedureCatalog } from '../../../shared/procedures/default-catalog';
import { breachedSteps, officeDashboard, UNASSIGNED } from '../../../shared/staff/dashboard';
import { monthsUpTo } from '../../../shared/staff/office-dashboard';
import { directory } from './fakes';

/** A review deadline of one working day (480 minutes) started a day before it is due, as the calendar stores it. */
const review = (startedAt: string, dueAt: string): StepDeadline => ({ dueAt, startedAt, calendarVersion: 'c', rule: 'r', workingMinutes: 480, pauses: [] });

function record(caseId: string, fields: Partial<CaseRecord>): CaseRecord {
  return {
    caseId,
    office: 'HCMKV1',
    procedure: 'enforcement-request',
    status: 'awaiting-review',
    requester: { address: `${caseId.toLowerCase()}@example.com` },
    subject: 'Đơn yêu cầu thi hành án',
    receivedAt: '2026-03-02T09:00:00+07:00',
    firstMessageId: `<${caseId}@example.com>`,
    deadlines: {},
    breaches: [],
    lastSeq: 1,
    lastHash: 'h',
    createdAt: '2026-03-02T09:00:00+07:00',
    updatedAt: '2026-03-02T09:00:00+07:00',
    ...fields,
  };
}

const waiting = (startedAt: string, dueAt: string) => ({
  deadlines: { review: review(startedAt, dueAt) },
  pendingStep: { step: 'review', taskToken: 't', since: startedAt, dueAt },
});

// now: Tuesday 3 March 2026, 08:45 in Vietnam
const now = new Date('2026-03-03T08:45:00+07:00');

const atRisk = record('HCMKV1-2026-000001', { assignee: 'lan', ...waiting('2026-03-02T09:00:00+07:00', '2026-03-03T09:00:00+07:00') });
const lateRecorded = record('HCMKV1-2026-000002', { ...waiting('2026-02-27T09:00:00+07:00', '2026-03-02T09:00:00+07:00'), breaches: ['review'] });
// its deadline passed but the workflow's timer has not recorded the breach yet
const lateUnrecorded = record('HCMKV1-2026-000003', { assignee: 'lan', ...waiting('2026-02-27T10:00:00+07:00', '2026-03-02T10:00:00+07:00') });
const onTrack = record('HCMKV1-2026-000004', { assignee: 'lan', attention: [{ kind: 'third-party-message', at: '2026-03-02T11:00:00+07:00', detail: 'thư của luật sư' }], ...waiting('2026-03-02T15:00:00+07:00', '2026-03-03T15:00:00+07:00') });
// received in February, breached in March, closed since
const closedMarch = record('HCMKV1-2026-000005', { status: 'closed', receivedAt: '2026-02-26T09:00:00+07:00', deadlines: { review: review('2026-02-27T16:00:00+07:00', '2026-03-02T16:00:00+07:00') }, breaches: ['review'], closure: { reason: 'refused', at: '2026-03-02T17:00:00+07:00' } });
// breached on the last evening of February (Vietnam time), which is still February though it is 28/2 in UTC too
const closedFebruary = record('HCMKV1-2026-000006', { status: 'closed', receivedAt: '2026-02-20T09:00:00+07:00', deadlines: { review: review('2026-02-20T09:00:00+07:00', '2026-02-28T23:30:00+07:00') }, breaches: ['review'] });
// due 1 March 00:30 in Vietnam, which is still 28 February in UTC: it belongs to March
const closedMidnight = record('HCMKV1-2026-000007', { status: 'closed', receivedAt: '2026-02-20T09:00:00+07:00', deadlines: { review: review('2026-02-20T09:00:00+07:00', '2026-03-01T00:30:00+07:00') }, breaches: ['review'] });

const open = [atRisk, lateRecorded, lateUnrecorded, onTrack];

describe("the head's dashboard figures (shared/staff/dashboard)", () => {
  const dashboard = officeDashboard({
    office: 'HCMKV1',
    month: '2026-03',
    now,
    open,
    // the audit months hold the open cases too: each is counted once
    received: [closedFebruary, closedMidnight, closedMarch, ...open],
    closedCasesReceivedSince: '2025-04',
    directory,
    catalog: procedureCatalog,
  });

  it("counts the month's breaches by their deadline in Vietnam time, closed cases and cases received earlier included, each once", () => {
    expect(dashboard.breachesInMonth).toEqual([
      { caseId: closedMidnight.caseId, step: 'review', dueAt: '2026-03-01T00:30:00+07:00', closed: true },
      { caseId: lateRecorded.caseId, step: 'review', dueAt: '2026-03-02T09:00:00+07:00', closed: false },
      { caseId: lateUnrecorded.caseId, step: 'review', dueAt: '2026-03-02T10:00:00+07:00', closed: false, assignee: 'lan' },
      { caseId: closedMarch.caseId, step: 'review', dueAt: '2026-03-02T16:00:00+07:00', closed: true },
    ]);
    const february = officeDashboard({ office: 'HCMKV1', month: '2026-02', now, open, received: [closedFebruary, closedMidnight, closedMarch], closedCasesReceivedSince: '2025-03', directory, catalog: procedureCatalog });
    expect(february.breachesInMonth.map((b) => b.caseId)).toEqual([closedFebruary.caseId]);
  });

  it('lists the open cases at risk (past the warning point), late (recorded or not yet), and needing attention, with the queue\'s time left', () => {
    expect(dashboard.open).toBe(4);
    expect(dashboard.atRisk.map((c) => c.caseId)).toEqual([atRisk.caseId]);
    expect(dashboard.atRisk[0]!.timeLeft?.level).toBe('warning');
    expect(dashboard.late.map((c) => c.caseId)).toEqual([lateRecorded.caseId, lateUnrecorded.caseId]);
    expect(dashboard.attention.map((c) => c.caseId)).toEqual([onTrack.caseId]);
  });

  it('gives each officer their open, at-risk and late cases, the unassigned under the desk, busiest first', () => {
    expect(dashboard.load).toEqual([
      { officer: 'lan', open: 3, warning: 1, breached: 1 },
      { officer: UNASSIGNED, open: 1, warning: 0, breached: 1 },
    ]);
  });

  it('takes a breached step from the record, and the waiting step once its deadline passed', () => {
    expect(breachedSteps(lateUnrecorded, now, directory, procedureCatalog)).toEqual([{ step: 'review', dueAt: '2026-03-02T10:00:00+07:00' }]);
    expect(breachedSteps(atRisk, now, directory, procedureCatalog)).toEqual([]);
  });
});

describe('the months of receipt read for closed cases', () => {
  it('are the month and those before it, across a new year', () => {
    expect(monthsUpTo('2026-02', 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsUpTo('2026-12', 1)).toEqual(['2026-12']);
  });
});
