import type { Office } from '../offices/directory';
import { subjectTag } from '../cases/case-id';
import { vietnameseDateTime } from '../time/vietnam-time';
import { RESULT_IS_A_DECISION, salutation, signature, type CaseFacts, type Notice, type NoticeAttachment } from './common';

export interface ReceiptSlipFacts {
  caseRecord: CaseFacts;
  office: Office;
  resultDueAt: string;
  collection: 'at-desk' | 'by-post';
  slip: NoticeAttachment;
}

/** After the visit: the receipt and appointment slip (form 01) by e-mail too, with the date of the result. */
export function receiptSlipNotice({ caseRecord, office, resultDueAt, collection, slip }: ReceiptSlipFacts): Notice {
  const text = [
    salutation(caseRecord.requester.name),
    '',
    `${office.name} đã tiếp nhận hồ sơ bản chính của Ông/Bà (mã hồ sơ ${caseRecord.caseId}). Giấy tiếp nhận hồ sơ và hẹn trả kết quả được gửi kèm thư này.`,
    collection === 'at-desk'
      ? `Ngày hẹn trả kết quả: ${vietnameseDateTime(new Date(resultDueAt))}, tại Bộ phận một cửa, ${office.address}.`
      : `Kết quả sẽ được gửi qua dịch vụ bưu chính đến địa chỉ Ông/Bà đã đăng ký, chậm nhất vào ${vietnameseDateTime(new Date(resultDueAt))}.`,
    '',
    RESULT_IS_A_DECISION,
    '',
    ...signature(office),
  ].join('\n');
  return { subject: `Giấy tiếp nhận hồ sơ và hẹn trả kết quả ${subjectTag(caseRecord.caseId)}`, text, attachments: [slip] };
}
