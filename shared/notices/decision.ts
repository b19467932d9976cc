import type { Office } from '../offices/directory';
import { RESULT_IS_A_DECISION, salutation, signature, taggedSubject, type CaseFacts, type Instant, type Notice, type NoticeAttachment } from './common';
import { at, dayOf, fileSafe } from './format';

/** An enforcement decision as issued: its number, date and signer. */
export interface DecisionFacts {
  /** "15/QĐ-THADS". */
  number: string;
  issuedAt: Instant;
  signer: { name: string; title: string };
}

/** How the original reaches the requester, as chosen on the receipt slip. */
export type DecisionCollection = { kind: 'at-desk'; from?: Instant } | { kind: 'by-post'; postalAddress: string; postedAt?: Instant };

export interface DecisionReleasedFacts {
  caseRecord: CaseFacts;
  office: Office;
  decision: DecisionFacts;
  /** The decision as a PDF: attached for information; the original is collected or posted. */
  pdf: Buffer;
  collection: DecisionCollection;
}

/** "Quyết định thi hành án số 15-QĐ-THADS.pdf": the decision's number, made safe for a file name. */
export const decisionFilename = (decision: DecisionFacts) => `Quyết định thi hành án số ${fileSafe(decision.number)}.pdf`;

export function decisionAttachment(decision: DecisionFacts, pdf: Buffer): NoticeAttachment {
  if (pdf.length === 0) throw new RangeError(`the PDF of decision ${decision.number} is empty`);
  return { filename: decisionFilename(decision), content: pdf, contentType: 'application/pdf' };
}

export const decisionTitle = (decision: DecisionFacts) => `Quyết định thi hành án số ${decision.number} ngày ${dayOf(decision.issuedAt)}`;

function collectionLines(collection: DecisionCollection, office: Office): string[] {
  if (collection.kind === 'at-desk') {
    return [
      `Nhận bản chính: tại Bộ phận một cửa - ${office.name}, ${office.address}, trong giờ làm việc${collection.from ? ` từ ${at(collection.from)}` : ''}.`,
      'Khi đến, xin mang theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả và giấy tờ tùy thân; người nhận ký nhận vào Sổ theo dõi hồ sơ.',
      'Việc giao quyết định tại Bộ phận một cửa được ghi vào hồ sơ thi hành án, để Chấp hành viên không phải giao lại quyết định này.',
    ];
  }
  const address = collection.postalAddress.trim();
  if (!address) throw new RangeError('a decision sent by post needs the postal address the requester registered');
  return [`Nhận bản chính: qua dịch vụ bưu chính, đến địa chỉ Ông/Bà đã đăng ký: ${address}${collection.postedAt ? ` (gửi ngày ${dayOf(collection.postedAt)})` : ''}.`];
}

/** The result is ready: the decision's number, date and signer, the PDF attached, and how the original is handed over. */
export function decisionReleasedNotice({ caseRecord, office, decision, pdf, collection }: DecisionReleasedFacts): Notice {
  const file = decisionAttachment(decision, pdf);
  const text = [
    salutation(caseRecord.requester.name),
    '',
    `${office.name} đã ban hành ${decisionTitle(decision)} đối với yêu cầu của Ông/Bà (mã hồ sơ ${caseRecord.caseId}). Quyết định do ${decision.signer.title} ${decision.signer.name} ký.`,
    `Bản điện tử của quyết định được đính kèm thư này (tệp ${file.filename}) để Ông/Bà biết.`,
    '',
    ...collectionLines(collection, office),
    '',
    'Bước tiếp theo: Chấp hành viên được phân công sẽ tổ chức thi hành quyết định theo quy định của pháp luật về thi hành án dân sự và thông báo cho Ông/Bà các việc cần làm.',
    '',
    RESULT_IS_A_DECISION,
    '',
    ...signature(office),
  ].join('\n');
  return { subject: taggedSubject(`Đã ban hành Quyết định thi hành án số ${decision.number}`, caseRecord.caseId), text, attachments: [file] };
}
