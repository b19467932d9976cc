import type { CaseRecord } from '../cases/model';
import type { Office } from '../offices/directory';
import { subjectTag } from '../cases/case-id';
import type { ProcedureSettings } from '../workflow/procedure-settings';

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

/** What a notice says of the procedure: its name, what the requester sent, and what its result is (config/procedures.json). */
export type ProcedureWording = Pick<ProcedureSettings, 'code' | 'name' | 'flow' | 'requestName' | 'result' | 'resultExplanation'>;

/**
 * People mistake the "result" of the procedure for the money the judgment awards (seed 000). Every message to
 * a requester says plainly what the result of their procedure is, in the catalog's words.
 */
export const resultNote = (procedure: ProcedureWording) => `Lưu ý: ${procedure.resultExplanation.trim()}`;

/** "Yêu cầu thi hành án" from "yêu cầu thi hành án": the request's name opening a sentence. */
export const capitalised = (text: string) => text.charAt(0).toLocaleUpperCase('vi-VN') + text.slice(1);

/** Requesters that are organisations (a bank, a company) are addressed by their name, never as Ông/Bà. */
// Whole words only: JavaScript's \b is ASCII-only, so the ends are written out.
const ORGANISATION = /^(ngân hàng|công ty|tổng công ty|tập đoàn|doanh nghiệp|hợp tác xã|liên hiệp hợp tác xã|chi nhánh|văn phòng|quỹ|ủy ban|uỷ ban|cơ quan|tổ chức|trường|bệnh viện|hội|ban|cục|sở|phòng|viện|bank)(?=[\s,.;:]|$)|(^|\s)(tnhh|cổ phần|jsc|co\.,? ltd)(?=[\s,.;:]|$)/iu;

export const isOrganisation = (name?: string) => !!name?.trim() && ORGANISATION.test(name.trim().normalize('NFC'));

/** How the letter speaks to the requester after the salutation: "Ông/Bà" for a person, "Quý đơn vị" for an organisation. */
export const pronounFor = (name?: string) => (isOrganisation(name) ? 'Quý đơn vị' : 'Ông/Bà');

/** "Kính gửi Ông/Bà Nguyễn Văn An," for a person, "Kính gửi Ngân hàng TMCP Á Châu," for an organisation. */
export function salutation(name?: string): string {
  const who = name?.trim();
  if (!who) return 'Kính gửi Ông/Bà,';
  return isOrganisation(who) ? `Kính gửi ${who},` : `Kính gửi Ông/Bà ${who},`;
}

/**
 * A message to a requester: the salutation, the body, what the result of the procedure is, the desk's
 * signature. The body and the note say "Ông/Bà"; an organisation reads "Quý đơn vị" instead.
 */
export function requesterLetter(caseRecord: CaseFacts, procedure: ProcedureWording, office: Office, body: string[]): string {
  const pronoun = pronounFor(caseRecord.requester.name);
  const addressed = (line: string) => (pronoun === 'Ông/Bà' ? line : line.replace(/Ông\/Bà/g, pronoun));
  return [salutation(caseRecord.requester.name), '', ...[...body, '', resultNote(procedure)].map(addressed), '', ...signature(office).map(addressed)].join('\n');
}

/** The line that opens a letter's signature: what comes before it is the body. */
export const SIGN_OFF = 'Trân trọng,';

export function signature(office: Office): string[] {
  return [
    SIGN_OFF,
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
