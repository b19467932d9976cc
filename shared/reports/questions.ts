/**
 * Questions and feedback (hỏi đáp; phản ánh, kiến nghị) answered by the desk in a period: the online support the
 * yearly report asks for in words (seed 004, Công văn 1639/TCTHADS-NV3, item (2) of the yearly report: "tình
 * hình tiếp nhận và hỗ trợ trực tuyến yêu cầu THADS"), which the form itself has no row or column for. Counted
 * beside the form, as withdrawn files are, each against the one-working-day reply (seed 002). See ./README.md.
 */
import type { CaseRecord, TimelineEvent } from '../cases/model';
import type { Deadline } from '../calendar';
import type { ReportingPeriod } from './period';
import type { OnTimeJudge } from './report-case';

/** Where the count comes from, printed with it: the form is silent on questions. */
export const QUESTIONS_SOURCE =
  'Công văn 1639/TCTHADS-NV3 ngày 11/5/2017, báo cáo năm mục (2) "tình hình tiếp nhận và hỗ trợ trực tuyến yêu cầu THADS" (biểu mẫu không có dòng, cột cho nội dung này); thời hạn trả lời 01 ngày làm việc (cam kết của cơ quan, bài số 002)';

/** What the summary reads of a stored question. */
export interface QuestionCase {
  caseId: string;
  office: string;
  /** When the question arrived by e-mail. ISO 8601. */
  emailedAt: string;
  /** The deadline of the answer (one working day, counted in working hours from receipt). */
  answerDeadline?: Deadline;
  /** When the officer's answer was recorded. ISO 8601. */
  answeredAt?: string;
}

export type QuestionStanding = 'answered-on-time' | 'answered-late' | 'pending-not-due' | 'pending-overdue';
export const QUESTION_STANDINGS: readonly QuestionStanding[] = ['answered-on-time', 'answered-late', 'pending-not-due', 'pending-overdue'];

export const QUESTION_STANDING_LABELS: Readonly<Record<QuestionStanding, string>> = {
  'answered-on-time': 'Đã trả lời đúng hạn',
  'answered-late': 'Đã trả lời quá hạn',
  'pending-not-due': 'Chưa trả lời, chưa tới hạn',
  'pending-overdue': 'Chưa trả lời, quá hạn',
};

export interface QuestionSummary {
  source: string;
  /** Questions and feedback e-mailed within the period (before the report's instant). */
  received: number;
  counts: Record<QuestionStanding, number>;
  cases: Array<{ caseId: string; office: string; emailedAt: string; dueAt?: string; answeredAt?: string; standing: QuestionStanding }>;
}

/** The answer step of a question, as the workflow recorded it. */
export const ANSWER_STEP = 'answer';

/** A stored question as the summary sees it: its answer's deadline and the first recorded answer. */
export function questionCaseFromRecord(record: CaseRecord, events: readonly TimelineEvent[]): QuestionCase {
  const answered = events
    .filter((e) => e.caseId === record.caseId && e.type === 'step-completed' && e.data.step === ANSWER_STEP)
    .sort((a, b) => a.seq - b.seq)[0];
  const deadline = record.deadlines[ANSWER_STEP] as unknown as Deadline | undefined;
  return {
    caseId: record.caseId,
    office: record.office,
    emailedAt: record.receivedAt,
    ...(deadline ? { answerDeadline: deadline } : {}),
    ...(answered ? { answeredAt: answered.at } : {}),
  };
}

/**
 * The questions e-mailed in [start, observedAt ∧ end) and where each stands then: answered on time or late (the
 * calendar's `timeliness` against its deadline, the one definition of on time), or not yet answered, overdue
 * when an answer given at that instant would already be late.
 */
export function questionSummary(cases: readonly QuestionCase[], period: ReportingPeriod, onTime: OnTimeJudge, observedAt: Date = period.end): QuestionSummary {
  const close = Math.min(observedAt.getTime(), period.end.getTime());
  const rows: QuestionSummary['cases'] = [];
  for (const c of cases) {
    const emailed = Date.parse(c.emailedAt);
    if (emailed < period.start.getTime() || emailed >= close) continue;
    const judged = { office: c.office, ...(c.answerDeadline ? { resultDeadline: c.answerDeadline } : {}) };
    const answered = c.answeredAt !== undefined && Date.parse(c.answeredAt) < close ? c.answeredAt : undefined;
    const standing: QuestionStanding = answered
      ? onTime(judged, new Date(answered)) ? 'answered-on-time' : 'answered-late'
      : onTime(judged, new Date(close)) ? 'pending-not-due' : 'pending-overdue';
    rows.push({ caseId: c.caseId, office: c.office, emailedAt: c.emailedAt, ...(c.answerDeadline ? { dueAt: c.answerDeadline.dueAt } : {}), ...(answered ? { answeredAt: answered } : {}), standing });
  }
  rows.sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
  const counts = Object.fromEntries(QUESTION_STANDINGS.map((s) => [s, rows.filter((r) => r.standing === s).length])) as Record<QuestionStanding, number>;
  return { source: QUESTIONS_SOURCE, received: rows.length, counts, cases: rows };
}

/** The line under the form: how many questions, and how they were answered. */
export function questionsNote(summary: QuestionSummary): string {
  const parts = QUESTION_STANDINGS.filter((s) => summary.counts[s] > 0).map((s) => `${QUESTION_STANDING_LABELS[s].toLowerCase()}: ${summary.counts[s]}`);
  return `Hỏi đáp, phản ánh, kiến nghị qua thư điện tử (không tính vào biểu): ${summary.received} trong kỳ${parts.length ? `, trong đó ${parts.join('; ')}` : ''}.`;
}
