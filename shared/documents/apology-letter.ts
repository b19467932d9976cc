import type { Office } from '../offices/directory';
import { drawLetterhead, drawSignatures, drawTitle, officialDate, officialDateTime, paragraph, placeOf, upper, type Instant } from './letterhead';
import { FONT, renderPdf } from './pdf';
import { isOrganisation } from '../notices/common';

/** The facts of a late result: what was asked, when it was due, why it is late, and the new date. */
export interface ApologyFacts {
  caseId: string;
  office: Office;
  requester: { name?: string; address?: string };
  /** The procedure asked for, e.g. "Quyết định thi hành án theo yêu cầu". */
  procedureName: string;
  receivedAt: Instant;
  /** The date the receipt slip promised. */
  originalDueAt: Instant;
  /** The new date the agency commits to. */
  newDueAt: Instant;
  /** The reason the officer or the head entered (circular 03/2025/TT-VPCP: the letter states why). */
  reason: string;
  /**
   * When the letter goes: before the deadline, when the officer or head records that the result will be late
   * (what the circular asks), or after the deadline passed (the fallback when no one recorded it in time).
   */
  timing: 'before-deadline' | 'after-breach';
}

/** The name of form 04 in circular 03/2025/TT-VPCP, appendix I (the 2018 name was "Phiếu xin lỗi và hẹn lại ngày trả kết quả"). */
export const FORM_04_TITLE = 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết';

export interface ApologyLetterInput extends ApologyFacts {
  /** The governing body printed above the office. */
  agencyName: string;
  /** The date of the letter. */
  issuedAt: Instant;
  /** "Số: 12/PXL-THADS", when the office numbers its letters. */
  number?: string;
  /** Who signs: the head of the office by title and name (headOf); for a complaint, the head one level up. */
  signer: { title: string; name: string };
  place?: string;
}

export class InvalidApology extends Error {
  override readonly name = 'InvalidApology';
}

export function validateApology(facts: ApologyFacts): void {
  const due = new Date(facts.originalDueAt).getTime();
  const newDue = new Date(facts.newDueAt).getTime();
  if (Number.isNaN(due) || Number.isNaN(newDue)) throw new InvalidApology('the original and the new dates must be instants');
  if (newDue <= due) throw new InvalidApology('the new date of the result must be later than the date first promised');
  if (!facts.reason.trim()) throw new InvalidApology('an apology states the reason for the delay');
}

const sentence = (text: string) => (/[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);
const addressee = (name?: string) => (name?.trim() ? (isOrganisation(name) ? name.trim() : `Ông/Bà ${name.trim()}`) : 'Ông/Bà');

/** How dates read where the wording is used: the letter writes them in words, the e-mail as HH:MM ngày dd/mm/yyyy. */
export interface ApologyDateStyle {
  day(instant: Instant): string;
  dayTime(instant: Instant): string;
  /** The closing mark of an administrative document ("./."), absent from an e-mail. */
  end: string;
}

/**
 * The body of form 04, "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết": the file received, the date
 * promised, that the result will be (or is) late, why, the apology and the extension asked for, to the new date.
 * The letter and its covering e-mail both use it.
 */
export function apologyWording(facts: ApologyFacts, style: ApologyDateStyle): string[] {
  const who = addressee(facts.requester.name);
  const late =
    facts.timing === 'before-deadline'
      ? `${facts.office.name} dự kiến không trả được kết quả giải quyết hồ sơ của ${who} đúng hẹn ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.`
      : `Tuy nhiên đến nay, ${facts.office.name} chưa trả kết quả giải quyết hồ sơ của ${who} đúng hẹn ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.`;
  return [
    `Ngày ${style.day(facts.receivedAt)}, ${facts.office.name} tiếp nhận hồ sơ đề nghị giải quyết thủ tục “${facts.procedureName}” của ${who}.`,
    `Mã hồ sơ: ${facts.caseId}.`,
    `Thời hẹn trả kết quả giải quyết hồ sơ: ${style.dayTime(facts.originalDueAt)}.`,
    late,
    `Lý do: ${sentence(facts.reason)}`,
    `${facts.office.name} xin lỗi ${who} vì sự chậm trễ này và đề nghị ${who} gia hạn thời gian giải quyết hồ sơ đến ${style.dayTime(facts.newDueAt)}.`,
    `Xin trân trọng cảm ơn sự hợp tác của ${who}${style.end}`,
  ];
}

const LETTER_STYLE: ApologyDateStyle = {
  day: (i) => officialDate(i).replace(/^ngày /, ''),
  dayTime: officialDateTime,
  end: './.',
};

/**
 * Form 04 of the one-stop desk as Thông tư 03/2025/TT-VPCP (appendix I) names it, "Văn bản xin lỗi và đề nghị
 * gia hạn thời gian giải quyết": the letter the office sends, signed by its head, when a result will not be
 * ready on the date the receipt slip gave, with the reason and the new date.
 */
export async function apologyLetterPdf(input: ApologyLetterInput): Promise<Buffer> {
  validateApology(input);
  if (!input.signer.name.trim() || !input.signer.title.trim()) throw new InvalidApology('the letter names who signs it and in what capacity');
  const [received, caseLine, promised, late, reason, apology, thanks] = apologyWording(input, LETTER_STYLE) as [string, string, string, string, string, string, string];

  return renderPdf(
    {
      title: `${FORM_04_TITLE} - ${input.caseId}`,
      subject: input.procedureName,
      author: input.office.name,
      keywords: input.caseId,
      createdAt: input.issuedAt,
    },
    (doc) => {
      drawLetterhead(doc, {
        agencyName: input.agencyName,
        officeName: input.office.name,
        ...(input.number ? { number: input.number.startsWith('Số') ? input.number : `Số: ${input.number}` } : {}),
        place: input.place ?? placeOf(input.office),
        date: input.issuedAt,
      });
      drawTitle(doc, upper(FORM_04_TITLE));
      const left = doc.page.margins.left;
      const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
      doc.font(FONT.bold).fontSize(11.5).text(`Kính gửi: ${addressee(input.requester.name)}`, left, doc.y, { width, align: 'center' });
      if (input.requester.address?.trim()) doc.font(FONT.regular).fontSize(11.5).text(`(Địa chỉ: ${input.requester.address.trim()})`, left, doc.y, { width, align: 'center' });
      doc.moveDown(0.8);

      paragraph(doc, received, { indent: 28 });
      paragraph(doc, caseLine, { indent: 28 });
      paragraph(doc, promised, { indent: 28 });
      paragraph(doc, late, { indent: 28 });
      paragraph(doc, reason, { indent: 28 });
      paragraph(doc, apology, { indent: 28, font: 'bold' });
      paragraph(doc, thanks, { indent: 28 });

      drawSignatures(doc, [{ heading: upper(input.signer.title), note: '(Ký, ghi rõ họ tên và đóng dấu)', name: input.signer.name }], {
        leftText: ['Nơi nhận:', `- ${addressee(input.requester.name)};`, '- Lưu: VT, Bộ phận một cửa.'],
      });
    },
  );
}
