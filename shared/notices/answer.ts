import type { Office } from '../offices/directory';
import { subjectTag } from '../cases/case-id';
import { requesterLetter, taggedSubject, type CaseFacts, type Instant, type Notice, type ProcedureWording } from './common';
import { dayOf } from './format';

export interface AnswerFacts {
  caseRecord: CaseFacts & { receivedAt: Instant; subject: string };
  office: Office;
  /** The question procedure of the catalog (its result: the desk's written answer). */
  procedure: ProcedureWording;
  /** What the officer wrote, as recorded on the timeline (the `answer` step's outcome). */
  answer: string;
  /** The officer who answered, by name, when the sign-in gives one. */
  answeredBy?: string;
}

/** A subject line quoted in a letter: one line, bounded (the raw mail keeps the whole of it). */
const quotedSubject = (subject: string) => {
  const line = subject.replace(/\s+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
};

/**
 * The desk's written answer to a general question or feedback (hỏi đáp, phản ánh, kiến nghị): which message it
 * answers, the officer's answer as written, and how to follow up; the result note says that an answer is not
 * a decision and does not stand for a request for enforcement.
 */
export function answerNotice({ caseRecord, office, procedure, answer, answeredBy }: AnswerFacts): Notice {
  const text = answer.replace(/\r\n?/g, '\n').trim();
  if (!text) throw new RangeError(`the answer to ${caseRecord.caseId} is empty`);
  const subject = quotedSubject(caseRecord.subject);
  const body = requesterLetter(caseRecord, procedure, office, [
    `Ngày ${dayOf(caseRecord.receivedAt)}, ${office.name} nhận được thư điện tử của Ông/Bà${subject ? ` có tiêu đề “${subject}”` : ''} (mã hồ sơ ${caseRecord.caseId}). Về nội dung Ông/Bà hỏi, phản ánh, kiến nghị, ${office.name} trả lời như sau:`,
    '',
    ...text.split('\n'),
    '',
    ...(answeredBy ? [`Công chức trả lời: ${answeredBy}.`, ''] : []),
    `Nếu còn vướng mắc, Ông/Bà có thể trả lời thư này (xin giữ nguyên mã ${subjectTag(caseRecord.caseId)} trong tiêu đề thư) hoặc liên hệ Bộ phận một cửa tại ${office.address} trong giờ làm việc.`,
  ]);
  return { subject: taggedSubject(`Trả lời ${procedure.requestName} gửi ngày ${dayOf(caseRecord.receivedAt)}`, caseRecord.caseId), text: body };
}
