import type { Office } from '../offices/directory';
import { drawLetterhead, drawSignatures, drawTitle, paragraph, placeOf, type Instant } from './letterhead';
import { FONT, renderPdf } from './pdf';

/**
 * A notice printed for the post: the letter a requester without an e-mail address receives in place of
 * the e-mail (shared/notices/send-notice.ts). Same words as the e-mail, on the office's letterhead, with
 * the requester's postal address and the documents it encloses.
 */
export interface PostalLetterInput {
  caseId: string;
  office: Office;
  agencyName: string;
  /** The notice's subject, which the letter takes as its title ("V/v ..."). */
  subject: string;
  /** The notice's text, line by line, as the e-mail says it. */
  text: string;
  recipient: { name?: string; postalAddress?: string };
  /** The files the e-mail would have carried, printed and put in the same envelope. */
  enclosures: string[];
  issuedAt: Instant;
}

/**
 * Lines that only an e-mail can say ("reply to this e-mail", "sent automatically"): a letter on paper
 * leaves them out; the office's address, phone and mailbox in the signature stay, so the requester can answer.
 */
const EMAIL_ONLY = /(trả lời trực tiếp thư này|được gửi tự động|tệp đính kèm|trả lời thư này)/iu;

/** The notice's text as paragraphs of the letter: e-mail-only lines dropped, blank lines as breaks. */
export function letterParagraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((block) => block.split('\n').filter((line) => !EMAIL_ONLY.test(line)).join('\n').trim())
    .filter(Boolean);
}

export async function postalLetterPdf(input: PostalLetterInput): Promise<Buffer> {
  return renderPdf({ title: `${input.subject}`, subject: input.caseId, author: input.office.name, keywords: input.caseId, createdAt: input.issuedAt }, (doc) => {
    drawLetterhead(doc, { agencyName: input.agencyName, officeName: input.office.name, unit: 'Bộ phận một cửa', place: placeOf(input.office), date: input.issuedAt });
    drawTitle(doc, 'THÔNG BÁO', { text: `V/v ${input.subject}`, font: 'italic' });
    const left = doc.page.margins.left;
    const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    doc.font(FONT.bold).fontSize(11.5).text(`Người nhận: ${input.recipient.name?.trim() || 'Người yêu cầu'}`, left, doc.y, { width });
    if (input.recipient.postalAddress?.trim()) doc.font(FONT.regular).fontSize(11.5).text(`Địa chỉ: ${input.recipient.postalAddress.trim()}`, left, doc.y, { width });
    doc.font(FONT.regular).fontSize(11.5).text(`Mã hồ sơ: ${input.caseId}`, left, doc.y, { width });
    doc.moveDown(0.8);
    for (const block of letterParagraphs(input.text)) paragraph(doc, block, { gap: 0.5 });
    if (input.enclosures.length) paragraph(doc, input.enclosures.map((name) => `- ${name}`).join('\n'), { label: 'Kèm theo:', gap: 0.5 });
    drawSignatures(doc, [{ heading: 'BỘ PHẬN MỘT CỬA', note: '(Ký, ghi rõ họ tên)' }], { leftText: ['Nơi nhận:', '- Người yêu cầu (qua bưu điện);', '- Lưu: Bộ phận một cửa.'] });
  });
}
