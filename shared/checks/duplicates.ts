/**
 * Whether a new message repeats an open case of the same requester: people send a request again when
 * no answer came, or from the phone and then from the office. The officer decides; this only points.
 */
import { vietnameseDateTime } from '../time/vietnam-time';
import { foldedWords } from './fold';
import { sharedJudgmentRefs } from './judgment-refs';
import type { DuplicateCheck, OpenCaseFacts } from './types';

/** A similar subject counts only within this many days of the open case. */
export const SIMILAR_SUBJECT_WINDOW_DAYS = 30;
/** How alike two subjects must be (Dice coefficient of their words). */
export const SIMILAR_SUBJECT_THRESHOLD = 0.8;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Reply and forward marks in the languages of Vietnamese mail clients: Re, Fwd, TL (trả lời), TV/CT (chuyển tiếp). */
const REPLY_PREFIX = /^\s*((re|fw|fwd|tl|tv|ct|aw|sv|tr)\s*(\[\d+\])?\s*:\s*)+/i;

/** The words of a subject that say what it is about: no reply marks, no case tags "[HCMKV1-2026-000001]". */
export function subjectWords(subject: string): string[] {
  return foldedWords(subject.replace(REPLY_PREFIX, '').replace(/\[[^\]]*\]/g, ' '));
}

export function subjectSimilarity(a: string, b: string): number {
  const left = new Set(subjectWords(a));
  const right = new Set(subjectWords(b));
  if (left.size === 0 || right.size === 0) return 0;
  const common = [...left].filter((w) => right.has(w)).length;
  return (2 * common) / (left.size + right.size);
}

const instant = (value: Date | string) => (value instanceof Date ? value : new Date(value));
const day = (value: Date | string) => vietnameseDateTime(instant(value)).slice(-10);

export interface DuplicateSubject {
  subject: string;
  judgmentRefs: readonly string[];
  /** When the new message arrived; without it the 30-day window is not applied. */
  receivedAt?: Date | string;
}

/**
 * likely: the open case names a judgment the message names too. possible: the subjects are very
 * similar and the open case arrived within 30 days, unless both name judgments and none is shared.
 */
export function findDuplicates(message: DuplicateSubject, openCases: readonly OpenCaseFacts[]): DuplicateCheck[] {
  return openCases.flatMap((open): DuplicateCheck[] => {
    const shared = sharedJudgmentRefs(message.judgmentRefs, open.judgmentRefs);
    if (shared.length > 0) {
      return [
        {
          caseId: open.caseId,
          likelihood: 'likely',
          reason: `Nhiều khả năng trùng: cùng người gửi, cùng bản án ${shared.join(', ')} với hồ sơ ${open.caseId} đang mở (nhận ngày ${day(open.receivedAt)})`,
        },
      ];
    }
    if (message.judgmentRefs.length > 0 && open.judgmentRefs.length > 0) return [];
    const similarity = subjectSimilarity(message.subject, open.subject);
    if (similarity < SIMILAR_SUBJECT_THRESHOLD) return [];
    if (message.receivedAt !== undefined) {
      const days = Math.abs(instant(message.receivedAt).getTime() - instant(open.receivedAt).getTime()) / DAY_MS;
      if (days > SIMILAR_SUBJECT_WINDOW_DAYS) return [];
    }
    return [
      {
        caseId: open.caseId,
        likelihood: 'possible',
        reason: `Có thể trùng: cùng người gửi, tiêu đề gần giống hồ sơ ${open.caseId} đang mở (“${open.subject}”, nhận ngày ${day(open.receivedAt)})`,
      },
    ];
  });
}
