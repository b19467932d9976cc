import type { Office } from '../offices/directory';
import type { Citation } from '../procedures/legal-basis';
import { requesterLetter, taggedSubject, type CaseFacts, type Notice, type ProcedureWording } from './common';

export interface ReferralFacts {
  caseRecord: CaseFacts;
  /** The office that received the request and is not competent. */
  office: Office;
  procedure: ProcedureWording;
  /** The competent office, from the office directory (officeByCode). */
  competentOffice: Office;
  /** The provision on competence of the law in force on the day of receipt (config/legal-basis.json). */
  competenceProvision: Citation;
  /** Why the receiving office is not competent, e.g. where the debtor lives or the court that judged. */
  reason?: string;
}

/**
 * Tells the requester the office is not competent and names the one that is, with its address and mailbox
 * (seed 003: "hướng dẫn họ yêu cầu thi hành án tại cơ quan thi hành án có thẩm quyền").
 */
export function referralNotice({ caseRecord, office, procedure, competentOffice, competenceProvision, reason }: ReferralFacts): Notice {
  if (competentOffice.code === office.code) throw new RangeError(`${office.code} cannot refer ${caseRecord.caseId} to itself`);
  const why = reason?.trim() ? ` (${reason.trim().replace(/[.]$/, '')})` : '';
  const attachments = procedure.flow === 'guidance' ? 'kèm các tài liệu đã gửi cho chúng tôi' : 'kèm bản án, quyết định và các giấy tờ đã gửi cho chúng tôi';
  const text = requesterLetter(caseRecord, procedure, office, [
    `Sau khi kiểm tra, ${procedure.requestName} của Ông/Bà (mã hồ sơ ${caseRecord.caseId}) không thuộc thẩm quyền giải quyết của ${office.name}${why}.`,
    `Căn cứ: ${competenceProvision.text}.`,
    '',
    'Cơ quan có thẩm quyền giải quyết yêu cầu của Ông/Bà là:',
    `  ${competentOffice.name}`,
    `  Địa chỉ: ${competentOffice.address}`,
    `  Thư điện tử: ${competentOffice.email}`,
    ...(competentOffice.phone ? [`  Điện thoại: ${competentOffice.phone}`] : []),
    '',
    `Bước tiếp theo: xin Ông/Bà gửi ${procedure.requestName}, ${attachments}, đến địa chỉ thư điện tử ${competentOffice.email} hoặc nộp trực tiếp tại địa chỉ trên. ${competentOffice.name} sẽ xác nhận việc nhận và hướng dẫn Ông/Bà các bước tiếp theo.`,
    `Hồ sơ trực tuyến ${caseRecord.caseId} được kết thúc tại ${office.name}.`,
  ]);
  return { subject: taggedSubject(`Hướng dẫn gửi ${procedure.requestName} đến cơ quan có thẩm quyền`, caseRecord.caseId), text };
}
