import type { Office } from '../offices/directory';
import { subjectTag } from '../cases/case-id';
import type { Citation } from '../procedures/legal-basis';
import { requesterLetter, taggedSubject, type CaseFacts, type NoticeAttachment, type Notice, type ProcedureWording } from './common';

export interface RefusalFacts {
  caseRecord: CaseFacts;
  office: Office;
  procedure: ProcedureWording;
  /** Why the request is refused, e.g. the requester is not a party to the judgment. */
  reason: string;
  /** The provisions the officer relies on, as the officer cites them. */
  legalBasis: string;
  /** The refusal provision of the law in force on the day of receipt (config/legal-basis.json), where the law has one for the procedure. */
  refusalProvision?: Citation;
  /**
   * Who resolves a complaint against the refusal: the head of the office one level up (the refusal is the
   * head's decision). Unset at the top of the directory: the letter then names the level, not an office.
   */
  complaintOffice?: Office;
  /** The signed refusal letter, when the office sends it with the e-mail. */
  letter?: NoticeAttachment;
}

const sentence = (text: string) => (/[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

function whereToComplain(complaintOffice: Office | undefined): string {
  if (!complaintOffice) return 'Đơn khiếu nại gửi Thủ trưởng cơ quan thi hành án dân sự cấp trên trực tiếp của cơ quan chúng tôi.';
  return `Đơn khiếu nại gửi Thủ trưởng cơ quan thi hành án dân sự cấp trên trực tiếp: ${complaintOffice.headTitle} ${complaintOffice.headName}, ${complaintOffice.name}, ${complaintOffice.address}, thư điện tử ${complaintOffice.email}.`;
}

/** Refuses a request the requester has no right to make: the reason, the legal basis, where to complain (one level up). */
export function refusalNotice({ caseRecord, office, procedure, reason, legalBasis, refusalProvision, complaintOffice, letter }: RefusalFacts): Notice {
  if (!reason.trim() || !legalBasis.trim()) throw new RangeError(`the refusal of ${caseRecord.caseId} states its reason and its legal basis`);
  if (complaintOffice?.code === office.code) throw new RangeError(`a complaint against the refusal of ${caseRecord.caseId} goes one level up, not to ${office.code}`);
  const rightToAsk = procedure.flow === 'enforcement-request' ? 'quyền yêu cầu thi hành án' : `quyền gửi ${procedure.requestName}`;
  const text = requesterLetter(caseRecord, procedure, office, [
    `Sau khi kiểm tra, ${office.name} từ chối tiếp nhận ${procedure.requestName} của Ông/Bà (mã hồ sơ ${caseRecord.caseId}; thủ tục: ${procedure.name}).`,
    `Lý do: ${sentence(reason)}`,
    `Căn cứ pháp lý: ${refusalProvision ? `${refusalProvision.text}; ` : ''}${sentence(legalBasis)}`,
    ...(letter ? [`Văn bản từ chối của ${office.name} được đính kèm thư này (${letter.filename}).`] : []),
    '',
    'Quyền khiếu nại:',
    `  Nếu không đồng ý với việc từ chối này, Ông/Bà có quyền khiếu nại theo quy định của pháp luật về thi hành án dân sự. ${whereToComplain(complaintOffice)} Xin ghi rõ mã hồ sơ ${subjectTag(caseRecord.caseId)} trên đơn.`,
    `  Nếu Ông/Bà có thêm giấy tờ chứng minh ${rightToAsk} (ví dụ giấy ủy quyền của đương sự), Ông/Bà có thể gửi ${procedure.requestName} mới kèm các giấy tờ đó.`,
  ]);
  return { subject: taggedSubject(`Thông báo từ chối tiếp nhận ${procedure.requestName}`, caseRecord.caseId), text, ...(letter ? { attachments: [letter] } : {}) };
}
