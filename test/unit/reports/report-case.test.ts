import { describe, expect, it } from 'vitest';
import type { CaseRecord, NewEvent, StepDeadline } from '../../../shared/cases/model';
import { chainEvents } from '../../../shared/cases/repository';
import { GENESIS_HASH } from '../../../shared/timeline/hash-chain';
import { parsePeriod } from '../../../shared/reports/period';
import { UnknownProcedure } from '../../../shared/reports/procedures';
import { reportCaseFromRecord, standingIn, timelinessOf, type CaseInstants } from '../../../shared/reports/report-case';
import { at } from './fixtures';

const firstHalf = parsePeriod('2026-H1');

const instants = (received: string, due?: string, ending: { resolved?: string; withdrawn?: string } = {}): CaseInstants => ({
  receivedAt: at(received),
  ...(due ? { resultDueAt: at(due) } : {}),
  ...(ending.resolved ? { resolvedAt: at(ending.resolved) } : {}),
  ...(ending.withdrawn ? { withdrawnAt: at(ending.withdrawn) } : {}),
});

describe('where a file stands in the first half of 2026', () => {
  it.each<[string, CaseInstants, ReturnType<typeof standingIn>]>([
    ['received in December, resolved on time in January', instants('2025-12-29 09:00', '2026-01-06 09:00', { resolved: '2026-01-05 15:00' }), { counted: true, intake: 'carried-over', outcome: 'resolved-on-time', withoutDueDate: false }],
    ['received in December, still open, due in January', instants('2025-12-30 10:00', '2026-01-07 10:00'), { counted: true, intake: 'carried-over', outcome: 'in-progress-overdue', withoutDueDate: false }],
    ['received in March, resolved the day after it was due', instants('2026-03-02 08:30', '2026-03-09 08:30', { resolved: '2026-03-10 10:00' }), { counted: true, intake: 'newly-received', outcome: 'resolved-late', withoutDueDate: false }],
    ['received on 29 June, due on 6 July', instants('2026-06-29 09:00', '2026-07-06 09:00'), { counted: true, intake: 'newly-received', outcome: 'in-progress-not-due', withoutDueDate: false }],
    ['resolved at the very instant it was due', instants('2026-01-16 09:00', '2026-01-23 17:00', { resolved: '2026-01-23 17:00' }), { counted: true, intake: 'newly-received', outcome: 'resolved-on-time', withoutDueDate: false }],
    ['resolved one minute after it was due', instants('2026-01-16 09:00', '2026-01-23 17:00', { resolved: '2026-01-23 17:01' }), { counted: true, intake: 'newly-received', outcome: 'resolved-late', withoutDueDate: false }],
    ['received at the first instant of the period', instants('2026-01-01 00:00', '2026-01-09 17:00'), { counted: true, intake: 'newly-received', outcome: 'in-progress-overdue', withoutDueDate: false }],
    ['received at the last minute of the period before', instants('2025-12-31 23:59', '2026-01-09 17:00'), { counted: true, intake: 'carried-over', outcome: 'in-progress-overdue', withoutDueDate: false }],
    ['resolved at the first instant of the next period', instants('2026-06-01 09:00', '2026-06-08 09:00', { resolved: '2026-07-01 00:00' }), { counted: true, intake: 'newly-received', outcome: 'in-progress-overdue', withoutDueDate: false }],
    ['due at the first instant of the next period', instants('2026-06-24 10:00', '2026-07-01 00:00'), { counted: true, intake: 'newly-received', outcome: 'in-progress-not-due', withoutDueDate: false }],
    ['with no due date yet, still open', instants('2026-06-15 10:00'), { counted: true, intake: 'newly-received', outcome: 'in-progress-not-due', withoutDueDate: true }],
    ['with no due date, resolved', instants('2026-06-15 10:00', undefined, { resolved: '2026-06-20 10:00' }), { counted: true, intake: 'newly-received', outcome: 'resolved-on-time', withoutDueDate: true }],
    ['withdrawn by the requester in April', instants('2026-04-01 09:00', '2026-04-08 09:00', { withdrawn: '2026-04-02 10:00' }), { counted: true, intake: 'newly-received', outcome: 'withdrawn', withoutDueDate: false }],
    ['withdrawn after its result was handed over (the result counts)', instants('2026-04-01 09:00', '2026-04-08 09:00', { resolved: '2026-04-03 10:00', withdrawn: '2026-04-05 10:00' }), { counted: true, intake: 'newly-received', outcome: 'resolved-on-time', withoutDueDate: false }],
    ['received as the period ends', instants('2026-07-01 00:00', '2026-07-08 00:00'), { counted: false, reason: 'received-after-period' }],
    ['resolved before the period', instants('2025-11-03 09:00', '2025-11-10 09:00', { resolved: '2025-11-07 10:00' }), { counted: false, reason: 'resolved-before-period' }],
    ['resolved at the last minute of the period before', instants('2025-12-24 09:00', '2025-12-31 09:00', { resolved: '2025-12-31 23:59' }), { counted: false, reason: 'resolved-before-period' }],
    ['withdrawn before the period', instants('2025-10-01 09:00', '2025-10-08 09:00', { withdrawn: '2025-10-02 10:00' }), { counted: false, reason: 'withdrawn-before-period' }],
  ])('a file %s', (_story, file, expected) => {
    expect(standingIn(file, firstHalf)).toEqual(expected);
  });

  it('observed before the period ends, counts what was known then', () => {
    // Prepare
    const file = instants('2026-06-02 09:00', '2026-06-09 09:00', { resolved: '2026-06-20 10:00' });
    const later = instants('2026-06-10 09:00', '2026-06-17 09:00');

    // Act, Assess
    expect(standingIn(file, firstHalf, new Date(at('2026-06-05 12:00')))).toMatchObject({ outcome: 'in-progress-not-due' });
    expect(standingIn(file, firstHalf, new Date(at('2026-06-12 12:00')))).toMatchObject({ outcome: 'in-progress-overdue' });
    expect(standingIn(file, firstHalf)).toMatchObject({ outcome: 'resolved-late' });
    expect(standingIn(later, firstHalf, new Date(at('2026-06-05 12:00')))).toEqual({ counted: false, reason: 'received-after-period' });
  });

  it('judges a resolved file on time or late, and an open or withdrawn one not at all', () => {
    expect(timelinessOf(instants('2026-01-16 09:00', '2026-01-23 17:00', { resolved: '2026-01-23 17:00' }))).toBe('on-time');
    expect(timelinessOf(instants('2026-01-16 09:00', '2026-01-23 17:00', { resolved: '2026-01-26 08:00' }))).toBe('late');
    expect(timelinessOf(instants('2026-01-16 09:00', '2026-01-23 17:00'))).toBeUndefined();
    expect(timelinessOf(instants('2026-01-16 09:00', '2026-01-23 17:00', { withdrawn: '2026-01-17 08:00', resolved: '2026-01-26 08:00' }))).toBeUndefined();
    expect(timelinessOf(instants('2026-01-16 09:00', undefined, { resolved: '2026-01-26 08:00' }))).toBeUndefined();
  });
});

const deadline = (dueAt: string): StepDeadline => ({ dueAt: at(dueAt), startedAt: at('2026-03-02 08:30'), calendarVersion: 'test', rule: '1 working day' });

function stored(deadlines: Record<string, StepDeadline>): CaseRecord {
  return {
    caseId: 'HCMKV1-2026-000007',
    office: 'HCMKV1',
    procedure: 'enforcement-request',
    status: 'reviewed',
    requester: { address: 'tranthibinh@gmail.com', name: 'Trần Thị Bình' },
    subject: 'Đơn yêu cầu thi hành án',
    receivedAt: at('2026-03-02 08:30'),
    firstMessageId: '<a@mail.example>',
    deadlines,
    breaches: [],
    lastSeq: 0,
    lastHash: GENESIS_HASH,
    createdAt: at('2026-03-02 08:30'),
    updatedAt: at('2026-03-02 08:30'),
  };
}

const event = (type: string, when: string): NewEvent => ({ type, at: at(when), actor: { kind: 'system', component: 'workflow' }, data: {} });

describe('a stored case, as the report sees it', () => {
  it('takes the review deadline as the due date until the lifecycle gives the result one, and says so', () => {
    // Prepare
    const record = stored({ review: deadline('2026-03-03 08:30') });

    // Act
    const file = reportCaseFromRecord(record, []);

    // Assess
    expect(file).toEqual({
      caseId: 'HCMKV1-2026-000007',
      office: 'HCMKV1',
      procedure: 'enforcement-request',
      receivedAt: '2026-03-02T08:30:00+07:00',
      resultDueAt: '2026-03-03T08:30:00+07:00',
      dueStep: 'review',
    });
  });

  it('prefers the deadline of the result when the case has one', () => {
    // Prepare
    const record = stored({ review: deadline('2026-03-03 08:30'), result: deadline('2026-03-09 08:30') });

    // Act, Assess
    expect(reportCaseFromRecord(record, [])).toMatchObject({ resultDueAt: '2026-03-09T08:30:00+07:00', dueStep: 'result' });
  });

  it('is resolved at the first hand-over, resolution or closing on its timeline, and ignores other cases’ events', () => {
    // Prepare
    const record = stored({ review: deadline('2026-03-03 08:30') });
    const events = [
      ...chainEvents(record.caseId, 0, GENESIS_HASH, [
        event('case-opened', '2026-03-02 08:30'),
        event('step-completed', '2026-03-02 15:00'),
        event('decision-handed-over', '2026-03-06 10:00'),
        event('case-closed', '2026-03-09 10:00'),
      ]),
      ...chainEvents('HCMKV1-2026-000008', 0, GENESIS_HASH, [event('case-resolved', '2026-03-04 10:00')]),
    ];

    // Act
    const file = reportCaseFromRecord(record, events);

    // Assess
    expect(file.resolvedAt).toBe('2026-03-06T10:00:00+07:00');
    expect(file.withdrawnAt).toBeUndefined();
  });

  it('is withdrawn when the requester withdrew it, and in progress with no ending event', () => {
    // Prepare
    const record = stored({});
    const withdrawn = chainEvents(record.caseId, 0, GENESIS_HASH, [event('request-withdrawn', '2026-03-03 09:00')]);

    // Act, Assess
    expect(reportCaseFromRecord(record, withdrawn)).toMatchObject({ withdrawnAt: '2026-03-03T09:00:00+07:00' });
    expect(reportCaseFromRecord(record, [])).not.toHaveProperty('resolvedAt');
    expect(reportCaseFromRecord(record, [])).not.toHaveProperty('resultDueAt');
  });

  it('refuses a procedure that is not one of the one-stop procedures', () => {
    // Prepare
    const record = { ...stored({}), procedure: 'complaint' } as unknown as CaseRecord;

    // Act, Assess
    expect(() => reportCaseFromRecord(record, [])).toThrow(UnknownProcedure);
  });
});
