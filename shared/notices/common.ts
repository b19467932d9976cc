import type { CaseRecord } from '../cases/model';
import type { Office } from '../offices/directory';
import { subjectTag } from '../cases/case-id';

/** A file sent with a notice: a PDF of a decision or letter, an ICS invitation. */
export interface NoticeAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

/** A message to a person: subject and plain text, in Vietnamese with full diacritics, and any files it carries. */
export interface Notice {
  subject: string;
  text: string;
  attachments?: NoticeAttachment[];
}

/** An instant as the case stores it (ISO 8601, any offset) or as a Date. Notices print it in Vietnam time. */
export type Instant = string | Date;

/** What a notice needs of the case: its id (for the subject tag) and who asked. A full CaseRecord will do. */
export type CaseFacts = Pick<CaseRecord, 'caseId' | 'requester'>;

/**
 * People mistake the "result" of the procedure for the money the judgment awards (seed 000).
 * Every message to a requester says plainly what the result is.
 */
export const RESULT_IS_A_DECISION =
  'Lưu ý: Kết quả của thủ tục này là quyết định thi hành án do cơ quan thi hành án dân sự ban hành, ' +
  'không phải là khoản tiền hay tài sản mà Ông/Bà được nhận theo bản án. Việc thi hành để giao tiền, tài sản ' +
  'được tiến hành sau khi có quyết định thi hành án.';

/**
 * The result of a complaint or a denunciation is not an enforcement decision: the complaint guidance says what
 * its result is instead, and, like every message to a requester, that it is not the money of the judgment.
 */
export const RESULT_OF_A_COMPLAINT =
  'Lưu ý: Kết quả giải quyết khiếu nại là quyết định giải quyết khiếu nại; kết quả giải quyết tố cáo là kết luận ' +
  'nội dung tố cáo của người có thẩm quyền. Các kết quả này không phải là khoản tiền hay tài sản mà Ông/Bà được nhận theo bản án.';

export const salutation = (name?: string) => `Kính gửi Ông/Bà ${name?.trim() || ''}`.trimEnd() + ',';

export function signature(office: Office): string[] {
  return [
    'Trân trọng,',
    `Bộ phận một cửa - ${office.name}`,
    `Địa chỉ: ${office.address}`,
    ...(office.phone ? [`Điện thoại: ${office.phone}`] : []),
    `Thư điện tử: ${office.email}`,
    '',
    'Thư này được gửi tự động từ hệ thống một cửa điện tử; Ông/Bà có thể trả lời trực tiếp thư này.',
  ];
}

/** A subject as every notice writes it: Vietnamese, ending with the case tag "[<case id>]" that replies thread on. */
export const taggedSubject = (subject: string, caseId: string) => `${subject.trim()} ${subjectTag(caseId)}`;

/** The signature of a message to the agency's own staff: the system speaks, on behalf of the office. */
export function staffSignature(office: Office): string[] {
  return ['Hệ thống một cửa điện tử', office.name, '', 'Thư này được gửi tự động cho cán bộ, công chức; không chuyển tiếp cho người yêu cầu.'];
}
