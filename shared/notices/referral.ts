import type { Office } from '../offices/directory';
import { RESULT_IS_A_DECISION, salutation, signature, taggedSubject, type CaseFacts, type Notice } from './common';

export interface ReferralFacts {
  caseRecord: CaseFacts;
  /** The office that received the request and is not competent. */
  office: Office;
  /** The competent office, from the office directory (officeByCode). */
  competentOffice: Office;
  /** Why the receiving office is not competent, e.g. where the debtor lives or the court that judged. */
  reason?: string;
}

/**
 * Tells the requester the office is not competent and names the one that is, with its address and mailbox
 * (seed 003: "hướng dẫn họ yêu cầu thi hành án tại cơ quan thi hành án có thẩm quyền").
 */
export function referralNotice({ caseRecord, office, competentOffice, reason }: ReferralFacts): Notice {
  if (competentOffice.code === office.code) throw new RangeError(`${office.code} cannot refer ${caseRecord.caseId} to itself`);
  const why = reason?.trim() ? ` (${reason.trim().replace(/[.]$/, '')})` : '';
  const text = [
    salutation(caseRecord.requester.name),
    '',
    `Sau khi kiểm tra, yêu cầu thi hành án của Ông/Bà (mã hồ sơ ${caseRecord.caseId}) không thuộc thẩm quyền giải quyết của ${office.name}${why}.`,
    '',
    'Cơ quan có thẩm quyền giải quyết yêu cầu của Ông/Bà là:',
    `  ${competentOffice.name}`,
    `  Địa chỉ: ${competentOffice.address}`,
    `  Thư điện tử: ${competentOffice.email}`,
    ...(competentOffice.phone ? [`  Điện thoại: ${competentOffice.phone}`] : []),
    '',
    `Bước tiếp theo: xin Ông/Bà gửi yêu cầu thi hành án, kèm bản án, quyết định và các giấy tờ đã gửi cho chúng tôi, đến địa chỉ thư điện tử ${competentOffice.email} hoặc nộp trực tiếp tại địa chỉ trên. ${competentOffice.name} sẽ xác nhận việc nhận yêu cầu và hướng dẫn Ông/Bà các bước tiếp theo.`,
    `Hồ sơ trực tuyến ${caseRecord.caseId} được kết thúc tại ${office.name}.`,
    '',
    RESULT_IS_A_DECISION,
    '',
    ...signature(office),
  ].join('\n');
  return { subject: taggedSubject('Hướng dẫn gửi yêu cầu thi hành án đến cơ quan có thẩm quyền', caseRecord.caseId), text };
}
