import type { Office } from '../offices/directory';
import { subjectTag } from '../cases/case-id';
import { RESULT_OF_A_COMPLAINT, salutation, signature, taggedSubject, type CaseFacts, type Notice } from './common';

export interface ComplaintGuidanceFacts {
  caseRecord: CaseFacts;
  office: Office;
  /** Working days within which a complaint is registered (thụ lý): data the agency keeps current, 5 under the 2008 law (check). */
  registrationWorkingDays: number;
  /** Where the signed original goes, when not to this office (the office whose decision or officer is complained of). */
  sendOriginalsTo?: Office;
}

/**
 * Online support for complaints and denunciations is guidance only (seed 003): how they are handled, the
 * registration time, what a complaint contains and where the signed original goes; the case id tracks it.
 */
export function complaintGuidanceNotice({ caseRecord, office, registrationWorkingDays, sendOriginalsTo }: ComplaintGuidanceFacts): Notice {
  if (!Number.isInteger(registrationWorkingDays) || registrationWorkingDays < 1) throw new RangeError(`registration takes a whole number of working days, not ${registrationWorkingDays}`);
  const target = sendOriginalsTo ?? office;
  const tag = subjectTag(caseRecord.caseId);
  const text = [
    salutation(caseRecord.requester.name),
    '',
    `${office.name} đã nhận được thư của Ông/Bà về việc khiếu nại, tố cáo trong thi hành án dân sự (mã hồ sơ ${caseRecord.caseId}). Hỗ trợ trực tuyến đối với khiếu nại, tố cáo là hướng dẫn thủ tục; thư điện tử chưa phải là đơn được thụ lý.`,
    '',
    'Cách giải quyết:',
    '  - Khiếu nại: người có quyền, lợi ích hợp pháp bị xâm phạm bởi quyết định, hành vi của Thủ trưởng cơ quan thi hành án dân sự hoặc Chấp hành viên có quyền khiếu nại. Khiếu nại được giải quyết bởi người có thẩm quyền theo quy định của pháp luật về thi hành án dân sự.',
    '  - Tố cáo: cá nhân có quyền tố cáo hành vi vi phạm pháp luật của công chức thi hành án dân sự; tố cáo được giải quyết theo quy định của pháp luật về tố cáo.',
    `  - Trong thời hạn ${registrationWorkingDays} ngày làm việc kể từ ngày nhận được đơn, cơ quan có thẩm quyền xem xét thụ lý (vào sổ) và thông báo cho người gửi đơn.`,
    '',
    'Đơn và nơi gửi bản chính:',
    '  - Đơn ghi rõ ngày, tháng, năm; họ tên, địa chỉ của người khiếu nại, tố cáo; nội dung, lý do và yêu cầu; có chữ ký hoặc điểm chỉ; kèm theo tài liệu, chứng cứ (nếu có).',
    `  - Gửi bản chính đơn đến: ${target.name}, ${target.address}, hoặc nộp trực tiếp tại Bộ phận một cửa của cơ quan này.`,
    `  - Xin ghi mã hồ sơ ${caseRecord.caseId} trên đơn; mọi thư trao đổi về việc này xin giữ nguyên mã ${tag} trong tiêu đề thư để chúng tôi theo dõi.`,
    '',
    RESULT_OF_A_COMPLAINT,
    '',
    ...signature(office),
  ].join('\n');
  return { subject: taggedSubject('Hướng dẫn gửi đơn khiếu nại, tố cáo về thi hành án dân sự', caseRecord.caseId), text };
}
