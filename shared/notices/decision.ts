import type { CaseRecord } from '../cases/model';
import type { Office } from '../offices/directory';
import { requesterLetter, taggedSubject, type CaseFacts, type Instant, type Notice, type NoticeAttachment, type ProcedureWording } from './common';
import { at, dayOf, fileSafe } from './format';

/** The result as issued (an enforcement decision, a confirmation, a decision of reduction): its number, date and signer. */
export interface DecisionFacts {
  /** "15/QĐ-THADS". */
  number: string;
  issuedAt: Instant;
  signer: { name: string; title: string };
}

/** The decision recorded on a case as the letters state it: number, date, signer (a signer recorded as a bare name is the head of the office). */
export function decisionFacts(record: Pick<CaseRecord, 'caseId' | 'decision'>): DecisionFacts {
  const decision = record.decision;
  if (!decision) throw new Error(`case ${record.caseId} has no decision recorded`);
  const signer = typeof decision.signer === 'string' ? { name: decision.signer, title: 'Thủ trưởng cơ quan thi hành án dân sự' } : decision.signer;
  return { number: decision.number, issuedAt: decision.date, signer };
}

/** How the original reaches the requester, as chosen on the receipt slip. */
export type DecisionCollection = { kind: 'at-desk'; from?: Instant } | { kind: 'by-post'; postalAddress: string; postedAt?: Instant };

export interface DecisionReleasedFacts {
  caseRecord: CaseFacts;
  office: Office;
  procedure: ProcedureWording;
  decision: DecisionFacts;
  /** The result as a PDF: attached for information; the original is collected or posted. */
  pdf: Buffer;
  collection: DecisionCollection;
}

/**
 * What the issued document is, from the catalog's result: "Quyết định thi hành án", "Văn bản xác nhận kết quả thi
 * hành án". A result named with alternatives ("Quyết định … hoặc văn bản trả lời") is written by its first.
 */
export const resultDocumentName = (procedure: Pick<ProcedureWording, 'result'>) => procedure.result.split(/\s+hoặc\s+/)[0]!.trim();

/** "Quyết định thi hành án số 15-QĐ-THADS.pdf": the result's name and number, made safe for a file name. */
export const decisionFilename = (decision: DecisionFacts, procedure: Pick<ProcedureWording, 'result'>) => `${resultDocumentName(procedure)} số ${fileSafe(decision.number)}.pdf`;

export function decisionAttachment(decision: DecisionFacts, procedure: Pick<ProcedureWording, 'result'>, pdf: Buffer): NoticeAttachment {
  if (pdf.length === 0) throw new RangeError(`the PDF of decision ${decision.number} is empty`);
  return { filename: decisionFilename(decision, procedure), content: pdf, contentType: 'application/pdf' };
}

export const decisionTitle = (decision: DecisionFacts, procedure: Pick<ProcedureWording, 'result'>) => `${resultDocumentName(procedure)} số ${decision.number} ngày ${dayOf(decision.issuedAt)}`;

function collectionLines(collection: DecisionCollection, office: Office): string[] {
  if (collection.kind === 'at-desk') {
    return [
      `Nhận bản chính: tại Bộ phận một cửa - ${office.name}, ${office.address}, trong giờ làm việc${collection.from ? ` từ ${at(collection.from)}` : ''}.`,
      'Khi đến, xin mang theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả và Thẻ căn cước hoặc căn cước công dân còn giá trị (hoặc giấy tờ tùy thân khác); người nhận ký nhận vào Sổ theo dõi hồ sơ.',
      'Việc giao kết quả tại Bộ phận một cửa được ghi vào hồ sơ thi hành án, để Chấp hành viên không phải giao lại văn bản này.',
    ];
  }
  const address = collection.postalAddress.trim();
  if (!address) throw new RangeError('a decision sent by post needs the postal address the requester registered');
  return [`Nhận bản chính: qua dịch vụ bưu chính, đến địa chỉ Ông/Bà đã đăng ký: ${address}${collection.postedAt ? ` (gửi ngày ${dayOf(collection.postedAt)})` : ''}.`];
}

/** What follows the result: an enforcement decision is carried out by an officer; other results end the procedure. */
function nextStep(procedure: ProcedureWording): string {
  return procedure.flow === 'enforcement-request'
    ? 'Bước tiếp theo: Chấp hành viên được phân công sẽ tổ chức thi hành quyết định theo quy định của pháp luật về thi hành án dân sự và thông báo cho Ông/Bà các việc cần làm.'
    : `Với kết quả này, thủ tục “${procedure.name}” đã được giải quyết xong. Nếu có điều chưa rõ, Ông/Bà có thể trả lời thư này.`;
}

/** The result is ready: its name, number, date and signer, the PDF attached, and how the original is handed over. */
export function decisionReleasedNotice({ caseRecord, office, procedure, decision, pdf, collection }: DecisionReleasedFacts): Notice {
  const file = decisionAttachment(decision, procedure, pdf);
  const text = requesterLetter(caseRecord, procedure, office, [
    `${office.name} đã ban hành ${decisionTitle(decision, procedure)} giải quyết ${procedure.requestName} của Ông/Bà (mã hồ sơ ${caseRecord.caseId}). Văn bản do ${decision.signer.title} ${decision.signer.name} ký.`,
    `Bản điện tử được đính kèm thư này (tệp ${file.filename}) để Ông/Bà biết.`,
    '',
    ...collectionLines(collection, office),
    '',
    nextStep(procedure),
  ]);
  return { subject: taggedSubject(`Đã ban hành ${resultDocumentName(procedure)} số ${decision.number}`, caseRecord.caseId), text, attachments: [file] };
}
