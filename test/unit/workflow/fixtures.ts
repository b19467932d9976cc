import { deadlineFor } from '../../../shared/calendar';
import type { CaseRecord, StepDeadline } from '../../../shared/cases/model';
import { directory, iso, vn } from '../calendar/fixtures';

/** The workflow decisions' common case: HCMKV1 (08:00-12:00, 13:00-17:00), received Monday 2 March 2026 at 10:00. */
export const calendar = { directory };
export const office = 'HCMKV1';

/** One working day from that receipt, counted in working hours: due Tuesday 3 March at 10:00. */
export const oneWorkingDay = deadlineFor({ receivedAt: vn('2026-03-02 10:00'), workingDays: 1, office, directory }) as StepDeadline;

/** The case as stored, at a given sequence of its timeline, with what the test changes. */
export function caseWith(record: Partial<CaseRecord> = {}): CaseRecord {
  return {
    caseId: 'HCMKV1-2026-000007',
    office,
    procedure: 'enforcement-request',
    status: 'received',
    requester: { address: 'le.van.cuong@example.com', name: 'Lê Văn Cường' },
    subject: 'Đơn yêu cầu thi hành án',
    receivedAt: iso('2026-03-02 10:00'),
    firstMessageId: '<m@example.com>',
    deadlines: {},
    breaches: [],
    createdAt: iso('2026-03-02 10:00'),
    updatedAt: iso('2026-03-02 10:00'),
    lastSeq: 2,
    lastHash: 'h2',
    ...record,
  } as CaseRecord;
}
