import type { Office } from '../offices/directory';
import { apologyWording, validateApology, type ApologyDateStyle } from '../documents/apology-letter';
import { RESULT_IS_A_DECISION, salutation, signature, taggedSubject, type CaseFacts, type Instant, type Notice } from './common';
import { at, dayOf } from './format';

export interface ApologyNoticeFacts {
  caseRecord: CaseFacts;
  office: Office;
  procedureName: string;
  receivedAt: Instant;
  originalDueAt: Instant;
  newDueAt: Instant;
  reason: string;
  /** The signed letter (apologyLetterPdf). */
  pdf: Buffer;
}

const EMAIL_STYLE: ApologyDateStyle = { day: dayOf, dayTime: at, end: '.' };

export const apologyFilename = (caseId: string) => `Phiếu xin lỗi và hẹn lại ngày trả kết quả - ${caseId}.pdf`;

/** Form 04 in the body of the e-mail (same wording as the letter, dates as HH:MM ngày dd/mm/yyyy), the signed letter attached. */
export function apologyNotice(facts: ApologyNoticeFacts): Notice {
  const { caseRecord, office } = facts;
  const apology = { ...facts, caseId: caseRecord.caseId, requester: caseRecord.requester.name ? { name: caseRecord.requester.name } : {} };
  validateApology(apology);
  if (facts.pdf.length === 0) throw new RangeError(`the apology letter of ${caseRecord.caseId} is empty`);
  const filename = apologyFilename(caseRecord.caseId);
  const text = [
    salutation(caseRecord.requester.name),
    '',
    ...apologyWording(apology, EMAIL_STYLE),
    '',
    `Phiếu xin lỗi và hẹn lại ngày trả kết quả của ${office.name} được đính kèm thư này (tệp ${filename}).`,
    `Bước tiếp theo: chúng tôi sẽ báo Ông/Bà ngay khi có kết quả, chậm nhất vào ${at(facts.newDueAt)}.`,
    '',
    RESULT_IS_A_DECISION,
    '',
    ...signature(office),
  ].join('\n');
  return {
    subject: taggedSubject('Phiếu xin lỗi và hẹn lại ngày trả kết quả', caseRecord.caseId),
    text,
    attachments: [{ filename, content: facts.pdf, contentType: 'application/pdf' }],
  };
}
