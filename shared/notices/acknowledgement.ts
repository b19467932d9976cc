import type { CaseRecord } from '../cases/model';
import type { Office } from '../offices/directory';
import { vietnameseDateTime } from '../time/vietnam-time';
import { capitalised, requesterLetter, taggedSubject, type Notice, type ProcedureWording } from './common';

export interface AcknowledgementFacts {
  caseRecord: CaseRecord;
  office: Office;
  procedure: ProcedureWording;
  /** The first deadline: the officer's reply (one-stop procedures) or the registration (complaints, denunciations). */
  reviewDueAt: string;
  attachmentNames: string[];
}

/** What the requester should have attached, when nothing was. */
function whatToAttach(procedure: ProcedureWording): string {
  switch (procedure.flow) {
    case 'enforcement-request':
      return `${capitalised(procedure.requestName)} cần kèm theo bản án, quyết định của Tòa án (bản chụp hoặc ảnh chụp rõ nét).`;
    case 'one-stop':
      return `${capitalised(procedure.requestName)} cần kèm theo bản án, quyết định liên quan và giấy tờ chứng minh (bản chụp hoặc ảnh chụp rõ nét).`;
    case 'guidance':
    case 'answer':
      return 'Nếu có tài liệu, chứng cứ liên quan, Ông/Bà có thể gửi kèm (bản chụp hoặc ảnh chụp rõ nét).';
  }
}

/** What happens next: a one-stop request is reviewed and the originals are received in person; a complaint is guided and registered. */
function nextSteps(procedure: ProcedureWording, office: Office, dueAt: string): string[] {
  const due = vietnameseDateTime(new Date(dueAt));
  if (procedure.flow === 'guidance') {
    return [
      `  1. Chúng tôi sẽ gửi Ông/Bà hướng dẫn thủ tục và nơi gửi bản chính ${procedure.requestName}. Thư điện tử chưa phải là đơn được thụ lý.`,
      `  2. Người có thẩm quyền xem xét việc thụ lý đơn và thông báo cho Ông/Bà chậm nhất vào ${due}.`,
    ];
  }
  if (procedure.flow === 'answer') {
    return [
      `  1. Công chức Bộ phận một cửa sẽ trả lời ${procedure.requestName} của Ông/Bà bằng thư điện tử chậm nhất vào ${due}.`,
      '  2. Nếu Ông/Bà muốn yêu cầu thi hành án hoặc đề nghị một thủ tục khác, xin gửi đơn theo thủ tục đó; thư trả lời không thay cho đơn.',
    ];
  }
  const rights = procedure.flow === 'enforcement-request' ? 'quyền yêu cầu thi hành án' : `quyền ${procedure.requestName.split(' ')[0]}`;
  return [
    `  1. Công chức Bộ phận một cửa sẽ kiểm tra ${procedure.requestName} (${rights}, thẩm quyền của cơ quan, thành phần hồ sơ) và trả lời Ông/Bà chậm nhất vào ${due}.`,
    '  2. Nếu hồ sơ cần bổ sung, chúng tôi sẽ hướng dẫn cụ thể những gì còn thiếu.',
    `  3. Nếu hồ sơ hợp lệ, chúng tôi sẽ hẹn ngày giờ Ông/Bà đến nộp bản chính tại ${office.address}.`,
  ];
}

/** The acknowledgement of a request, a complaint or a denunciation: what was received, the case id, what happens next and by when. */
export function acknowledgementNotice({ caseRecord, office, procedure, reviewDueAt, attachmentNames }: AcknowledgementFacts): Notice {
  const attachments = attachmentNames.length
    ? `Các tệp đính kèm chúng tôi đã nhận (${attachmentNames.length}):\n${attachmentNames.map((n) => `  - ${n}`).join('\n')}`
    : `Thư của Ông/Bà không có tệp đính kèm. ${whatToAttach(procedure)}`;
  const text = requesterLetter(caseRecord, procedure, office, [
    `${office.name} đã nhận được ${procedure.requestName} của Ông/Bà gửi qua thư điện tử lúc ${vietnameseDateTime(new Date(caseRecord.receivedAt))}.`,
    `Thủ tục: ${procedure.name}.`,
    `Mã hồ sơ của Ông/Bà là: ${caseRecord.caseId}. Khi trả lời thư này, xin giữ nguyên mã hồ sơ trong tiêu đề.`,
    '',
    attachments,
    '',
    'Bước tiếp theo:',
    ...nextSteps(procedure, office, reviewDueAt),
  ]);
  return { subject: taggedSubject(`Xác nhận đã nhận ${procedure.requestName}`, caseRecord.caseId), text };
}
