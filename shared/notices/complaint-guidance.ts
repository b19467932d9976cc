import type { Office } from '../offices/directory';
import { subjectTag } from '../cases/case-id';
import { requesterLetter, taggedSubject, type CaseFacts, type Notice, type ProcedureWording } from './common';

export interface ComplaintGuidanceFacts {
  caseRecord: CaseFacts;
  office: Office;
  /** The complaint or the denunciation procedure of the catalog. */
  procedure: ProcedureWording;
  /** Working days within which a complaint is registered (thụ lý): data the agency keeps current, 5 under the 2008 law (check). */
  registrationWorkingDays: number;
  /** The office one level up (superiorOf), whose head resolves complaints about this office's head. */
  superior?: Office;
  /** Where the signed original goes, when not to this office (the office whose decision or officer is complained of). */
  sendOriginalsTo?: Office;
}

/** Who resolves what: a complaint about an officer goes to the head of the office; about the head, one level up. */
function competence(office: Office, superior: Office | undefined): string[] {
  const above = superior ? `${superior.headTitle} ${superior.name} (${superior.address}, thư điện tử ${superior.email})` : 'Thủ trưởng cơ quan thi hành án dân sự cấp trên trực tiếp';
  return [
    `  - Khiếu nại đối với quyết định, hành vi của Chấp hành viên thuộc ${office.name}: gửi ${office.headTitle} ${office.name}.`,
    `  - Khiếu nại đối với quyết định, hành vi của Thủ trưởng ${office.name} (ví dụ việc từ chối tiếp nhận yêu cầu): gửi ${above}.`,
  ];
}

/**
 * Online support for complaints and denunciations is guidance only (seed 003): how they are handled, the
 * registration time, what a complaint contains and where the signed original goes; the case id tracks it.
 */
export function complaintGuidanceNotice({ caseRecord, office, procedure, registrationWorkingDays, superior, sendOriginalsTo }: ComplaintGuidanceFacts): Notice {
  if (!Number.isInteger(registrationWorkingDays) || registrationWorkingDays < 1) throw new RangeError(`registration takes a whole number of working days, not ${registrationWorkingDays}`);
  if (superior?.code === office.code) throw new RangeError(`the office one level up from ${office.code} cannot be itself`);
  const target = sendOriginalsTo ?? office;
  const tag = subjectTag(caseRecord.caseId);
  const denunciation = procedure.code === 'denunciation';
  const text = requesterLetter(caseRecord, procedure, office, [
    `${office.name} đã nhận được ${procedure.requestName} của Ông/Bà gửi qua thư điện tử (mã hồ sơ ${caseRecord.caseId}; thủ tục: ${procedure.name}). Hỗ trợ trực tuyến đối với khiếu nại, tố cáo là hướng dẫn thủ tục; thư điện tử chưa phải là đơn được thụ lý.`,
    '',
    'Cách giải quyết:',
    ...(denunciation
      ? ['  - Tố cáo: cá nhân có quyền tố cáo hành vi vi phạm pháp luật của công chức thi hành án dân sự; tố cáo được giải quyết theo quy định của pháp luật về tố cáo.']
      : [
          '  - Khiếu nại: người có quyền, lợi ích hợp pháp bị xâm phạm bởi quyết định, hành vi của Thủ trưởng cơ quan thi hành án dân sự hoặc Chấp hành viên có quyền khiếu nại theo quy định của pháp luật về thi hành án dân sự.',
          ...competence(office, superior),
        ]),
    `  - Trong thời hạn ${String(registrationWorkingDays).padStart(2, '0')} ngày làm việc kể từ ngày nhận được đơn, người có thẩm quyền xem xét việc thụ lý đơn để giải quyết và thông báo việc thụ lý hoặc không thụ lý cho người gửi đơn.`,
    '',
    'Đơn và nơi gửi bản chính:',
    `  - Đơn ghi rõ ngày, tháng, năm; họ tên, địa chỉ của người ${denunciation ? 'tố cáo' : 'khiếu nại'}; nội dung, lý do và yêu cầu; có chữ ký hoặc điểm chỉ; kèm theo tài liệu, chứng cứ (nếu có).`,
    `  - Gửi bản chính đơn đến: ${target.name}, ${target.address}, hoặc nộp trực tiếp tại Bộ phận một cửa của cơ quan này${denunciation ? '' : ' (hoặc đến cơ quan cấp trên nêu trên, nếu khiếu nại quyết định, hành vi của Thủ trưởng cơ quan)'}.`,
    `  - Xin ghi mã hồ sơ ${caseRecord.caseId} trên đơn; mọi thư trao đổi về việc này xin giữ nguyên mã ${tag} trong tiêu đề thư để chúng tôi theo dõi.`,
  ]);
  return { subject: taggedSubject(`Hướng dẫn gửi ${procedure.requestName} về thi hành án dân sự`, caseRecord.caseId), text };
}
