import type { Office } from '../offices/directory';
import { subjectTag } from '../cases/case-id';
import { RESULT_IS_A_DECISION, salutation, signature, taggedSubject, type CaseFacts, type NoticeAttachment, type Notice } from './common';

export interface RefusalFacts {
  caseRecord: CaseFacts;
  office: Office;
  /** Why the request is refused, e.g. the requester is not a party to the judgment. */
  reason: string;
  /** The provisions relied on, as the officer cites them (data: the law changes, the code does not). */
  legalBasis: string;
  /** The signed refusal letter, when the office sends it with the e-mail. */
  letter?: NoticeAttachment;
}

const sentence = (text: string) => (/[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** Refuses a request the requester has no right to make: the reason, the legal basis, the right to complain. */
export function refusalNotice({ caseRecord, office, reason, legalBasis, letter }: RefusalFacts): Notice {
  if (!reason.trim() || !legalBasis.trim()) throw new RangeError(`the refusal of ${caseRecord.caseId} states its reason and its legal basis`);
  const text = [
    salutation(caseRecord.requester.name),
    '',
    `Sau khi kiểm tra, ${office.name} từ chối tiếp nhận yêu cầu thi hành án của Ông/Bà (mã hồ sơ ${caseRecord.caseId}).`,
    `Lý do: ${sentence(reason)}`,
    `Căn cứ pháp lý: ${sentence(legalBasis)}`,
    ...(letter ? [`Văn bản từ chối của ${office.name} được đính kèm thư này (${letter.filename}).`] : []),
    '',
    'Quyền khiếu nại:',
    `  Nếu không đồng ý với việc từ chối này, Ông/Bà có quyền khiếu nại theo quy định của pháp luật về thi hành án dân sự. Đơn khiếu nại gửi Thủ trưởng ${office.name} tại ${office.address} hoặc qua thư điện tử ${office.email}; xin ghi rõ mã hồ sơ ${subjectTag(caseRecord.caseId)}.`,
    '  Nếu Ông/Bà có thêm giấy tờ chứng minh quyền yêu cầu thi hành án (ví dụ giấy ủy quyền của đương sự), Ông/Bà có thể gửi yêu cầu mới kèm các giấy tờ đó.',
    '',
    RESULT_IS_A_DECISION,
    '',
    ...signature(office),
  ].join('\n');
  return { subject: taggedSubject('Thông báo từ chối tiếp nhận yêu cầu thi hành án', caseRecord.caseId), text, ...(letter ? { attachments: [letter] } : {}) };
}
