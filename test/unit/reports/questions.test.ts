import { describe, expect, it } from 'vitest';
import { deadlineFor } from '../../../shared/calendar';
import { officeDirectory } from '../../../shared/offices/default-directory';
import { periodFromDays } from '../../../shared/reports/period';
import { onTimeJudge } from '../../../shared/reports/report-case';
import { questionSummary, questionsNote, type QuestionCase } from '../../../shared/reports/questions';

/** A question received at an instant, with the one-working-day deadline the workflow gives it. */
function asked(caseId: string, receivedAt: string, answeredAt?: string): QuestionCase {
  const answerDeadline = deadlineFor({ receivedAt: new Date(receivedAt), workingDays: 1, counting: 'working-hours', office: 'HCMKV1', directory: officeDirectory, afterCutoff: '15:00' });
  return { caseId, office: 'HCMKV1', emailedAt: receivedAt, answerDeadline, ...(answeredAt ? { answeredAt } : {}) };
}

describe('the questions counted beside the form', () => {
  // Prepare: November 2026, observed on Monday 30/11 at 10:00
  const period = periodFromDays('2026-11-01', '2026-11-30');
  const onTime = onTimeJudge(officeDirectory);
  const observedAt = new Date('2026-11-30T10:00:00+07:00');
  const cases = [
    asked('HCMKV1-2026-000001', '2026-11-24T09:00:00+07:00', '2026-11-24T16:00:00+07:00'),
    // received Tuesday 09:00: due Wednesday 09:00; answered Wednesday afternoon
    asked('HCMKV1-2026-000002', '2026-11-24T09:00:00+07:00', '2026-11-25T14:00:00+07:00'),
    // received Friday 16:00, after the cut-off: the clock starts Monday 08:00, due Tuesday 08:00
    asked('HCMKV1-2026-000003', '2026-11-27T16:00:00+07:00'),
    asked('HCMKV1-2026-000004', '2026-11-26T09:00:00+07:00'),
    // answered after the report's instant: not yet answered then
    asked('HCMKV1-2026-000005', '2026-11-27T08:30:00+07:00', '2026-11-30T11:00:00+07:00'),
    // received in October: another period
    asked('HCMKV1-2026-000000', '2026-10-30T09:00:00+07:00', '2026-10-30T10:00:00+07:00'),
  ];

  it('judges each answer by its one working day, and an unanswered one by the report’s instant', () => {
    // Act
    const summary = questionSummary(cases, period, onTime, observedAt);

    // Assess
    expect(summary.received).toBe(5);
    expect(summary.cases.map((c) => [c.caseId.slice(-1), c.standing])).toEqual([
      ['1', 'answered-on-time'],
      ['2', 'answered-late'],
      ['3', 'pending-not-due'],
      ['4', 'pending-overdue'],
      ['5', 'pending-overdue'],
    ]);
    expect(questionsNote(summary)).toBe(
      'Hỏi đáp, phản ánh, kiến nghị qua thư điện tử (không tính vào biểu): 5 trong kỳ, trong đó đã trả lời đúng hạn: 1; đã trả lời quá hạn: 1; chưa trả lời, chưa tới hạn: 1; chưa trả lời, quá hạn: 2.',
    );
    expect(summary.source).toMatch(/1639\/TCTHADS-NV3.*mục \(2\)/);
  });
});
