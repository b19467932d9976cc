import type { Office } from '../offices/directory';
import { subjectTag } from '../cases/case-id';
import { requesterLetter, taggedSubject, type CaseFacts, type Instant, type Notice, type ProcedureWording } from './common';
import { at, numbered, requireItems } from './format';

export interface GuidanceFacts {
  caseRecord: CaseFacts;
  office: Office;
  procedure: ProcedureWording;
  /** What the file lacks, as the officer wrote it: each label is listed as given, in order. */
  missingItems: string[];
  /** The last instant a reply is awaited before the file is closed. */
  replyBy: Instant;
  /** A free note from the officer (how to photograph a page, which page is unreadable). */
  officerNote?: string;
}

/** Closing an online file takes no right away: for a request for enforcement, the right to request it (within its limitation period). */
export const notLost = (procedure: ProcedureWording) =>
  procedure.flow === 'enforcement-request' ? 'Việc đóng hồ sơ trực tuyến không làm mất quyền yêu cầu thi hành án' : `Việc đóng hồ sơ trực tuyến không làm mất quyền gửi ${procedure.requestName}`;

export const withinLimitation = (procedure: ProcedureWording) => (procedure.flow === 'enforcement-request' ? ', trong thời hiệu yêu cầu thi hành án theo quy định của pháp luật' : '');

/**
 * Asks the requester for what is missing (Quyết định 536/QĐ-TCTHADS, step 2): exactly what, how to send it (a
 * reply keeping the case tag, photos accepted: scanning is hard outside towns), by when, that the agency's clock
 * is paused meanwhile, and what happens without a reply.
 */
export function guidanceNotice({ caseRecord, office, procedure, missingItems, replyBy, officerNote }: GuidanceFacts): Notice {
  const items = requireItems(missingItems, `the guidance for ${caseRecord.caseId} names what is missing`);
  const tag = subjectTag(caseRecord.caseId);
  const text = requesterLetter(caseRecord, procedure, office, [
    `${office.name} đã kiểm tra ${procedure.requestName} của Ông/Bà (mã hồ sơ ${caseRecord.caseId}). Để giải quyết được yêu cầu, hồ sơ cần bổ sung những giấy tờ, thông tin sau:`,
    ...numbered(items),
    ...(officerNote?.trim() ? ['', `Ghi chú của công chức tiếp nhận: ${officerNote.trim()}`] : []),
    '',
    'Cách bổ sung:',
    `  - Trả lời thư này và giữ nguyên mã hồ sơ ${tag} trong tiêu đề thư.`,
    '  - Đính kèm ảnh chụp hoặc bản quét các giấy tờ nêu trên. Ảnh chụp bằng điện thoại được chấp nhận nếu đọc rõ toàn bộ nội dung; không cần gửi lại các giấy tờ Ông/Bà đã gửi trước đó.',
    '',
    `Thời hạn bổ sung: chậm nhất vào ${at(replyBy)}.`,
    'Trong thời gian chờ Ông/Bà bổ sung, thời hạn giải quyết của cơ quan thi hành án tạm dừng và được tính tiếp từ khi chúng tôi nhận được thư bổ sung của Ông/Bà.',
    `Nếu đến thời hạn trên chúng tôi chưa nhận được thư bổ sung, hồ sơ trực tuyến này sẽ được đóng và Ông/Bà sẽ nhận được thông báo. ${notLost(procedure)}: Ông/Bà có thể gửi lại ${procedure.requestName} đầy đủ qua thư điện tử ${office.email} hoặc nộp trực tiếp tại ${office.address}${withinLimitation(procedure)}.`,
  ]);
  return { subject: taggedSubject(`Đề nghị bổ sung hồ sơ ${procedure.requestName}`, caseRecord.caseId), text };
}
