import { describe, expect, it } from 'vitest';
import type { CaseRecord, NewEvent } from '../../../shared/cases/model';
import { chainEvents } from '../../../shared/cases/repository';
import { deadlineFor } from '../../../shared/calendar';
import { GENESIS_HASH } from '../../../shared/timeline/hash-chain';
import { parsePeriod } from '../../../shared/reports/period';
import { UnknownProcedure } from '../../../shared/reports/procedures';
import { onlineOutcomeIn, onTimeJudge, reportCaseFromRecord, standingIn, timelinessOf, type CaseInstants } from '../../../shared/reports/report-case';
import { at, directory, resultDeadline } from './fixtures';

const firstHalf = parsePeriod('2026-H1');
const judge = onTimeJudge(directory);

const instants = (received: string, due?: string, ending: { resolved?: string; withdrawn?: string } = {}): CaseInstants => ({
  office: 'HCMKV1',
  receivedAt: at(received),
  ...(due ? { resultDeadline: resultDeadline(received, due) } : {}),
  ...(ending.resolved ? { resolvedAt: at(ending.resolved) } : {}),
  ...(ending.withdrawn ? { closure: { reason: 'withdrawn' as const, at: at(ending.withdrawn) } } : {}),
});

describe('where a file stands in the first half of 2026', () => {
  it.each<[string, CaseInstants, ReturnType<typeof standingIn>]>([
    ['received in December, resolved on time in January', instants('2025-12-29 09:00', '2026-01-06 09:00', { resolved: '2026-01-05 15:00' }), { counted: true, intake: 'carried-over', outcome: 'resolved-on-time', withoutDueDate: false }],
    ['received in December, still open, due in January', instants('2025-12-30 10:00', '2026-01-07 10:00'), { counted: true, intake: 'carried-over', outcome: 'in-progress-overdue', withoutDueDate: false }],
    ['received in March, resolved the day after it was due', instants('2026-03-02 08:30', '2026-03-09 08:30', { resolved: '2026-03-10 10:00' }), { counted: true, intake: 'newly-received', outcome: 'resolved-late', withoutDueDate: false }],
    ['received on 29 June, due on 6 July', instants('2026-06-29 09:00', '2026-07-06 09:00'), { counted: true, intake: 'newly-received', outcome: 'in-progress-not-due', withoutDueDate: false }],
    ['resolved at the very instant it was due', instants('2026-01-16 09:00', '2026-01-23 17:00', { resolved: '2026-01-23 17:00' }), { counted: true, intake: 'newly-received', outcome: 'resolved-on-time', withoutDueDate: false }],
    ['resolved one working minute after it was due', instants('2026-01-16 09:00', '2026-01-23 09:00', { resolved: '2026-01-23 09:01' }), { counted: true, intake: 'newly-received', outcome: 'resolved-late', withoutDueDate: false }],
    // The legal period ended at closing (Civil Code art. 148), and the workflow recorded the breach then: late, by 0 working minutes.
    ['resolved the evening of its due day, after closing (late, by 0 working minutes)', instants('2026-01-16 09:00', '2026-01-23 17:00', { resolved: '2026-01-23 19:30' }), { counted: true, intake: 'newly-received', outcome: 'resolved-late', withoutDueDate: false }],
    ['still open at the end of the period, due at the close of its last day', instants('2026-06-23 09:00', '2026-06-30 17:00'), { counted: true, intake: 'newly-received', outcome: 'in-progress-overdue', withoutDueDate: false }],
    ['received at the first instant of the period', instants('2026-01-01 00:00', '2026-01-09 17:00'), { counted: true, intake: 'newly-received', outcome: 'in-progress-overdue', withoutDueDate: false }],
    ['received at the last minute of the period before', instants('2025-12-31 23:59', '2026-01-09 17:00'), { counted: true, intake: 'carried-over', outcome: 'in-progress-overdue', withoutDueDate: false }],
    ['resolved at the first instant of the next period', instants('2026-06-01 09:00', '2026-06-08 09:00', { resolved: '2026-07-01 00:00' }), { counted: true, intake: 'newly-received', outcome: 'in-progress-overdue', withoutDueDate: false }],
    ['due at the first instant of the next period', instants('2026-06-24 10:00', '2026-07-01 00:00'), { counted: true, intake: 'newly-received', outcome: 'in-progress-not-due', withoutDueDate: false }],
    ['with no due date yet, still open', instants('2026-06-15 10:00'), { counted: true, intake: 'newly-received', outcome: 'in-progress-not-due', withoutDueDate: true }],
    ['with no due date, resolved', instants('2026-06-15 10:00', undefined, { resolved: '2026-06-20 10:00' }), { counted: true, intake: 'newly-received', outcome: 'resolved-on-time', withoutDueDate: true }],
    ['withdrawn by the requester in April', instants('2026-04-01 09:00', '2026-04-08 09:00', { withdrawn: '2026-04-02 10:00' }), { counted: true, intake: 'newly-received', outcome: 'withdrawn', withoutDueDate: false }],
    ['withdrawn after its result was handed over (the result counts)', instants('2026-04-01 09:00', '2026-04-08 09:00', { resolved: '2026-04-03 10:00', withdrawn: '2026-04-05 10:00' }), { counted: true, intake: 'newly-received', outcome: 'resolved-on-time', withoutDueDate: false }],
    ['never received in person (still in its online stage)', { office: 'HCMKV1' }, { counted: false, reason: 'not-received-in-person' }],
    ['received as the period ends', instants('2026-07-01 00:00', '2026-07-08 00:00'), { counted: false, reason: 'received-after-period' }],
    ['resolved before the period', instants('2025-11-03 09:00', '2025-11-10 09:00', { resolved: '2025-11-07 10:00' }), { counted: false, reason: 'resolved-before-period' }],
    ['resolved at the last minute of the period before', instants('2025-12-24 09:00', '2025-12-31 09:00', { resolved: '2025-12-31 23:59' }), { counted: false, reason: 'resolved-before-period' }],
    ['withdrawn before the period', instants('2025-10-01 09:00', '2025-10-08 09:00', { withdrawn: '2025-10-02 10:00' }), { counted: false, reason: 'withdrawn-before-period' }],
  ])('a file %s', (_story, file, expected) => {
    expect(standingIn(file, firstHalf, judge)).toEqual(expected);
  });

  it('observed before the period ends, counts what was known then', () => {
    // Prepare
    const file = instants('2026-06-02 09:00', '2026-06-09 09:00', { resolved: '2026-06-20 10:00' });
    const later = instants('2026-06-10 09:00', '2026-06-17 09:00');

    // Act, Assess
    expect(standingIn(file, firstHalf, judge, new Date(at('2026-06-05 12:00')))).toMatchObject({ outcome: 'in-progress-not-due' });
    expect(standingIn(file, firstHalf, judge, new Date(at('2026-06-12 12:00')))).toMatchObject({ outcome: 'in-progress-overdue' });
    expect(standingIn(file, firstHalf, judge)).toMatchObject({ outcome: 'resolved-late' });
    expect(standingIn(later, firstHalf, judge, new Date(at('2026-06-05 12:00')))).toEqual({ counted: false, reason: 'received-after-period' });
  });

  it('judges a resolved file on time or late, and an open or withdrawn one not at all', () => {
    expect(timelinessOf(instants('2026-01-16 09:00', '2026-01-23 17:00', { resolved: '2026-01-23 17:00' }), judge)).toBe('on-time');
    expect(timelinessOf(instants('2026-01-16 09:00', '2026-01-23 17:00', { resolved: '2026-01-26 09:00' }), judge)).toBe('late');
    expect(timelinessOf(instants('2026-01-16 09:00', '2026-01-23 17:00'), judge)).toBeUndefined();
    expect(timelinessOf(instants('2026-01-16 09:00', '2026-01-23 17:00', { withdrawn: '2026-01-17 08:00', resolved: '2026-01-26 09:00' }), judge)).toBeUndefined();
    expect(timelinessOf(instants('2026-01-16 09:00', undefined, { resolved: '2026-01-26 09:00' }), judge)).toBeUndefined();
  });
});

/**
 * A request for enforcement as the workflow writes it: the e-mail opens the case with the review's deadline
 * (`deadlines.review`, one working day); the in-person receipt sets the result's deadline (`deadlines.decision`,
 * the date on the receipt slip); then the decision is recorded, handed over, and the case closed. Deadlines are
 * computed by the calendar, as the workflow computes them.
 */
function workflowCase(caseId: string, steps: Array<[type: string, when: string, data?: Record<string, unknown>]>): { record: CaseRecord; events: ReturnType<typeof chainEvents> } {
  const emailed = at('2026-03-02 08:30');
  const review = deadlineFor({ receivedAt: new Date(emailed), workingDays: 1, office: 'HCMKV1', directory });
  const visit = steps.find(([type]) => type === 'visit-recorded');
  const decision = visit ? deadlineFor({ receivedAt: new Date(at(visit[1])), workingDays: 5, office: 'HCMKV1', directory, afterCutoff: '15:00' }) : undefined;
  const record: CaseRecord = {
    caseId,
    office: 'HCMKV1',
    procedure: 'enforcement-request',
    status: 'closed',
    requester: { address: 'tranthibinh@gmail.com', name: 'Trần Thị Bình' },
    subject: 'Đơn yêu cầu thi hành án',
    receivedAt: emailed,
    firstMessageId: '<a@mail.example>',
    deadlines: { review, ...(decision ? { decision } : {}) },
    breaches: [],
    lastSeq: 0,
    lastHash: GENESIS_HASH,
    createdAt: emailed,
    updatedAt: emailed,
  };
  const event = ([type, when, data]: [string, string, Record<string, unknown>?]): NewEvent => ({ type, at: at(when), actor: { kind: 'system', component: 'workflow' }, data: data ?? {} });
  return { record, events: chainEvents(caseId, 0, GENESIS_HASH, [event(['case-opened', '2026-03-02 08:30']), ...steps.map(event)]) };
}

describe('a case as the workflow stores it, as the report sees it', () => {
  it('judges a decision handed over before the date on its receipt slip on time, though the one-day review deadline passed long before', () => {
    // Prepare: e-mailed Monday 2 March, review due Tuesday; received in person Wednesday, the slip says five working days
    const { record, events } = workflowCase('HCMKV1-2026-000007', [
      ['step-completed', '2026-03-02 15:00', { step: 'review', outcome: 'accept' }],
      ['visit-recorded', '2026-03-04 09:00'],
      ['decision-recorded', '2026-03-09 10:00'],
      ['decision-handed-over', '2026-03-10 09:00'],
      ['case-closed', '2026-03-10 09:00', { reason: 'resolved' }],
    ]);
    expect(record.deadlines.decision!.dueAt).toBe('2026-03-11T09:00:00+07:00');

    // Act
    const file = reportCaseFromRecord(record, events);

    // Assess
    expect(file).toMatchObject({
      emailedAt: '2026-03-02T08:30:00+07:00',
      receivedAt: '2026-03-04T09:00:00+07:00',
      resolvedAt: '2026-03-09T10:00:00+07:00',
      handedOverAt: '2026-03-10T09:00:00+07:00',
      closure: { reason: 'resolved', at: '2026-03-10T09:00:00+07:00' },
    });
    expect(file.resultDeadline).toEqual(record.deadlines.decision);
    expect(standingIn(file, parsePeriod('2026-03'), judge)).toEqual({ counted: true, intake: 'newly-received', outcome: 'resolved-on-time', withoutDueDate: false });
  });

  it('judges a decision issued after the date on its receipt slip late', () => {
    const { record, events } = workflowCase('HCMKV1-2026-000008', [
      ['visit-recorded', '2026-03-04 09:00'],
      ['decision-recorded', '2026-03-11 09:30'],
      ['decision-handed-over', '2026-03-11 10:00'],
      ['case-closed', '2026-03-11 10:00', { reason: 'resolved' }],
    ]);
    expect(standingIn(reportCaseFromRecord(record, events), parsePeriod('2026-03'), judge)).toMatchObject({ outcome: 'resolved-late' });
  });

  it.each(['refused', 'referred', 'no-reply', 'missed-twice'] as const)('never counts a request closed as %s as resolved: it is not on the form, and the online summary says what became of it', (reason) => {
    // Prepare
    const { record, events } = workflowCase('HCMKV1-2026-000009', [['case-closed', '2026-03-03 10:00', { reason }]]);

    // Act
    const file = reportCaseFromRecord(record, events);

    // Assess
    expect(file.resolvedAt).toBeUndefined();
    expect(standingIn(file, parsePeriod('2026-03'), judge)).toEqual({ counted: false, reason: 'not-received-in-person' });
    expect(onlineOutcomeIn(file, parsePeriod('2026-03'))).toBe(reason);
    expect(onlineOutcomeIn(file, parsePeriod('2026-04'))).toBeUndefined();
  });

  it('ignores other cases’ events', () => {
    const { record } = workflowCase('HCMKV1-2026-000010', []);
    const other = workflowCase('HCMKV1-2026-000011', [['visit-recorded', '2026-03-04 09:00'], ['decision-recorded', '2026-03-05 09:00']]);
    expect(reportCaseFromRecord(record, other.events)).not.toHaveProperty('resolvedAt');
    expect(reportCaseFromRecord(record, other.events)).not.toHaveProperty('receivedAt');
  });

  it('refuses a procedure that is not one of the one-stop procedures', () => {
    const { record } = workflowCase('HCMKV1-2026-000012', []);
    expect(() => reportCaseFromRecord({ ...record, procedure: 'complaint' }, [])).toThrow(UnknownProcedure);
  });
});
