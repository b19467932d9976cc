import type { Office } from '../offices/directory';
import { vietnameseDateTime } from '../time/vietnam-time';
import { requesterLetter, taggedSubject, type CaseFacts, type Notice, type NoticeAttachment, type ProcedureWording } from './common';

export interface ReceiptSlipFacts {
  caseRecord: CaseFacts;
  office: Office;
  procedure: ProcedureWording;
  resultDueAt: string;
  collection: 'at-desk' | 'by-post';
  slip: NoticeAttachment;
}

/** After the visit: the receipt and appointment slip (form 01) by e-mail too, with what the result is and its date. */
export function receiptSlipNotice({ caseRecord, office, procedure, resultDueAt, collection, slip }: ReceiptSlipFacts): Notice {
  const due = vietnameseDateTime(new Date(resultDueAt));
  const text = requesterLetter(caseRecord, procedure, office, [
    `${office.name} đã tiếp nhận hồ sơ bản chính của Ông/Bà (mã hồ sơ ${caseRecord.caseId}; thủ tục: ${procedure.name}). Giấy tiếp nhận hồ sơ và hẹn trả kết quả được gửi kèm thư này.`,
    `Kết quả giải quyết: ${procedure.result}.`,
    collection === 'at-desk'
      ? `Ngày hẹn trả kết quả: ${due}, tại Bộ phận một cửa, ${office.address}.`
      : `Kết quả sẽ được gửi qua dịch vụ bưu chính đến địa chỉ Ông/Bà đã đăng ký, chậm nhất vào ${due}.`,
  ]);
  return { subject: taggedSubject('Giấy tiếp nhận hồ sơ và hẹn trả kết quả', caseRecord.caseId), text, attachments: [slip] };
}
