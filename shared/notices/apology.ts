import type { Office } from '../offices/directory';
import { apologyWording, FORM_04_TITLE, validateApology, type ApologyDateStyle, type ApologyFacts } from '../documents/apology-letter';
import { fileSafe } from './format';
import { requesterLetter, taggedSubject, type CaseFacts, type Instant, type Notice, type ProcedureWording } from './common';
import { at, dayOf } from './format';

export interface ApologyNoticeFacts {
  caseRecord: CaseFacts;
  office: Office;
  procedure: ProcedureWording;
  receivedAt: Instant;
  originalDueAt: Instant;
  newDueAt: Instant;
  reason: string;
  timing: ApologyFacts['timing'];
  /** Who signed the letter (the head, by title and name). */
  signer: { title: string; name: string };
  /** The signed letter (apologyLetterPdf). */
  pdf: Buffer;
}

const EMAIL_STYLE: ApologyDateStyle = { day: dayOf, dayTime: at, end: '.' };

export const apologyFilename = (caseId: string) => `${FORM_04_TITLE} - ${fileSafe(caseId)}.pdf`;

/** Form 04 in the body of the e-mail (same wording as the letter, dates as HH:MM ngày dd/mm/yyyy), the signed letter attached. */
export function apologyNotice(facts: ApologyNoticeFacts): Notice {
  const { caseRecord, office, procedure } = facts;
  const apology = { ...facts, procedureName: procedure.name, caseId: caseRecord.caseId, requester: caseRecord.requester.name ? { name: caseRecord.requester.name } : {} };
  validateApology(apology);
  if (facts.pdf.length === 0) throw new RangeError(`the apology letter of ${caseRecord.caseId} is empty`);
  const filename = apologyFilename(caseRecord.caseId);
  const text = requesterLetter(caseRecord, procedure, office, [
    ...apologyWording(apology, EMAIL_STYLE),
    '',
    `${FORM_04_TITLE} do ${facts.signer.title} ${facts.signer.name} ký được đính kèm thư này (tệp ${filename}).`,
    `Bước tiếp theo: chúng tôi sẽ báo Ông/Bà ngay khi có kết quả (${procedure.result}), chậm nhất vào ${at(facts.newDueAt)}.`,
  ]);
  return {
    subject: taggedSubject(FORM_04_TITLE, caseRecord.caseId),
    text,
    attachments: [{ filename, content: facts.pdf, contentType: 'application/pdf' }],
  };
}
