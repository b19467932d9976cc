import type { CaseRecord } from '../cases/model';
import type { Office } from '../offices/directory';
import { subjectTag } from '../cases/case-id';
import { vietnameseDateTime } from '../time/vietnam-time';
import { RESULT_IS_A_DECISION, signature, salutation, type Notice } from './common';

export interface AcknowledgementFacts {
  caseRecord: CaseRecord;
  office: Office;
  reviewDueAt: string;
  attachmentNames: string[];
}

/** The acknowledgement of a request for enforcement: the case id, what happens next, and by when. */
export function acknowledgementNotice({ caseRecord, office, reviewDueAt, attachmentNames }: AcknowledgementFacts): Notice {
  const attachments = attachmentNames.length
    ? `Các tệp đính kèm chúng tôi đã nhận (${attachmentNames.length}):\n${attachmentNames.map((n) => `  - ${n}`).join('\n')}`
    : 'Thư của Ông/Bà không có tệp đính kèm. Yêu cầu thi hành án cần kèm theo bản án, quyết định của Tòa án (bản chụp hoặc ảnh chụp rõ nét).';
  const text = [
    salutation(caseRecord.requester.name),
    '',
    `${office.name} đã nhận được yêu cầu của Ông/Bà gửi qua thư điện tử lúc ${vietnameseDateTime(new Date(caseRecord.receivedAt))}.`,
    `Mã hồ sơ của Ông/Bà là: ${caseRecord.caseId}. Khi trả lời thư này, xin giữ nguyên mã hồ sơ trong tiêu đề.`,
    '',
    attachments,
    '',
    'Bước tiếp theo:',
    `  1. Công chức Bộ phận một cửa sẽ kiểm tra yêu cầu (quyền yêu cầu thi hành án, thẩm quyền của cơ quan, thành phần hồ sơ) và trả lời Ông/Bà chậm nhất vào ${vietnameseDateTime(new Date(reviewDueAt))}.`,
    '  2. Nếu hồ sơ cần bổ sung, chúng tôi sẽ hướng dẫn cụ thể những gì còn thiếu.',
    `  3. Nếu hồ sơ hợp lệ, chúng tôi sẽ hẹn ngày giờ Ông/Bà đến nộp bản chính tại ${office.address}.`,
    '',
    RESULT_IS_A_DECISION,
    '',
    ...signature(office),
  ].join('\n');
  return { subject: `Xác nhận đã nhận yêu cầu thi hành án ${subjectTag(caseRecord.caseId)}`, text };
}
