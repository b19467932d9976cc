import type { Office } from '../offices/directory';
import { drawLetterhead, drawSignatures, drawTable, drawTitle, officialDateTime, paragraph, placeOf, type Instant } from './letterhead';
import { FONT, renderPdf } from './pdf';

export interface ReceivedDocument {
  name: string;
  copies: number;
  kind: 'original' | 'copy';
}

export interface ReceiptSlipInput {
  caseId: string;
  office: Office;
  /** The governing body printed above the office, e.g. "Thi hành án dân sự Thành phố Hồ Chí Minh". */
  agencyName: string;
  requester: { name: string; address: string; phone?: string; email?: string };
  /** The procedure asked for, e.g. "Quyết định thi hành án theo yêu cầu". */
  procedureName: string;
  documentsReceived: ReceivedDocument[];
  receivedAt: Instant;
  /** When the decision is due: the date the requester comes back for it (or it is posted). */
  resultDueAt: Instant;
  /** The due date was computed over a year without an official schedule of days off: printed "(dự kiến)". */
  resultDueProvisional?: boolean;
  /** The requester's choice: collect the decision at the desk, or have it posted to a registered address. */
  resultCollection: 'at-desk' | 'by-post';
  postalAddress?: string;
  officer: { name: string };
  /** What the result is and is not, in the catalog's words (result.explanation): the requester reads it when the date comes (seed 000). */
  resultExplanation: string;
  /** The procedure's time limit in working days, as the agency publishes it (data, not law in code). */
  workingDays?: number;
  /** The provision that sets the time limit, in the law in force on the day of receipt (config/legal-basis.json). */
  legalBasis?: string;
  /** The tracking register (sổ theo dõi hồ sơ) entry, when the desk keeps one. */
  register?: { book: string; entry: string };
  /** The place the slip is dated at; by default the province, the last part of the office's address. */
  place?: string;
}

export class InvalidReceiptSlip extends Error {
  override readonly name = 'InvalidReceiptSlip';
}

export const DOCUMENT_KIND_LABEL: Record<ReceivedDocument['kind'], string> = { original: 'Bản chính', copy: 'Bản sao' };

/** A count as the forms write it: two digits ("05 ngày làm việc", "01 (bộ)"). */
export const twoDigits = (n: number) => String(n).padStart(2, '0');

function collectionText(input: ReceiptSlipInput): string {
  if (input.resultCollection === 'at-desk') return `Bộ phận một cửa - ${input.office.name}, ${input.office.address}`;
  const address = input.postalAddress?.trim();
  if (!address) throw new InvalidReceiptSlip('a result sent by post needs the postal address the requester registered');
  return `địa chỉ của người nộp hồ sơ, qua dịch vụ bưu chính: ${address}`;
}

function validate(input: ReceiptSlipInput): void {
  if (input.documentsReceived.length === 0) throw new InvalidReceiptSlip('a receipt slip lists at least one document received');
  for (const d of input.documentsReceived) {
    if (!d.name.trim()) throw new InvalidReceiptSlip('a document received has no name');
    if (!Number.isInteger(d.copies) || d.copies < 1) throw new InvalidReceiptSlip(`"${d.name}": copies must be a whole number from 1, not ${d.copies}`);
  }
  if (new Date(input.resultDueAt).getTime() <= new Date(input.receivedAt).getTime()) {
    throw new InvalidReceiptSlip('the result cannot be due before the file is received');
  }
  if (!input.resultExplanation.trim()) throw new InvalidReceiptSlip('the slip says what the result of the procedure is');
  if (!input.requester.name.trim()) throw new InvalidReceiptSlip('the slip names who submitted the file');
  if (!input.officer.name.trim()) throw new InvalidReceiptSlip('the slip names the officer who received the file');
}

/**
 * Form 01 of the one-stop desk, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" (Thông tư 01/2018/TT-VPCP, kept in
 * substance by Thông tư 03/2025/TT-VPCP): who submitted what, when it was received, when and where the result
 * is returned, signed by the submitter and the officer. The slip adds one line the seeds ask for: the result
 * is an enforcement decision, not the money of the judgment.
 */
export async function receiptSlipPdf(input: ReceiptSlipInput): Promise<Buffer> {
  validate(input);
  const collection = collectionText(input);
  const contact = [input.requester.phone && `Số điện thoại: ${input.requester.phone}`, input.requester.email && `Thư điện tử: ${input.requester.email}`]
    .filter(Boolean)
    .join('     ');

  const items: string[] = [];
  const item = (text: string) => `${items.push(text)}. ${text}`;

  return renderPdf(
    {
      title: `Giấy tiếp nhận hồ sơ và hẹn trả kết quả - ${input.caseId}`,
      subject: input.procedureName,
      author: input.office.name,
      keywords: input.caseId,
      createdAt: input.receivedAt,
    },
    (doc) => {
      drawLetterhead(doc, {
        agencyName: input.agencyName,
        officeName: input.office.name,
        unit: 'Bộ phận một cửa',
        place: input.place ?? placeOf(input.office),
        date: input.receivedAt,
      });
      drawTitle(doc, 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', { text: `Mã hồ sơ: ${input.caseId}`, font: 'bold' });

      paragraph(doc, `Bộ phận một cửa - ${input.office.name}`, { label: 'Bộ phận tiếp nhận và trả kết quả:' });
      paragraph(doc, input.requester.name, { label: 'Tiếp nhận hồ sơ của:' });
      paragraph(doc, input.requester.address, { label: 'Địa chỉ:' });
      if (contact) paragraph(doc, contact);
      paragraph(doc, input.procedureName, { label: 'Nội dung yêu cầu giải quyết:' });

      paragraph(doc, item('Thành phần hồ sơ nộp gồm:'));
      drawTable(
        doc,
        [
          { header: 'TT', share: 0.7, align: 'center' },
          { header: 'Tên giấy tờ', share: 5 },
          { header: 'Hình thức (bản chính, bản sao)', share: 2.4, align: 'center' },
          { header: 'Số lượng', share: 1.3, align: 'center' },
        ],
        input.documentsReceived.map((d, i) => [String(i + 1), d.name.trim(), DOCUMENT_KIND_LABEL[d.kind], twoDigits(d.copies)]),
      );
      paragraph(doc, item('Số lượng hồ sơ: 01 (bộ)'));
      if (input.workingDays !== undefined) {
        paragraph(doc, item(`Thời gian giải quyết hồ sơ theo quy định là: ${twoDigits(input.workingDays)} ngày làm việc`));
      }
      paragraph(doc, item(`Thời gian nhận hồ sơ: ${officialDateTime(input.receivedAt)}`));
      paragraph(doc, item(`Thời gian trả kết quả giải quyết hồ sơ: ${officialDateTime(input.resultDueAt)}${input.resultDueProvisional ? ' (dự kiến)' : ''}`), { font: 'bold' });
      paragraph(doc, item(`Đăng ký nhận kết quả tại: ${collection}`));
      paragraph(doc, input.resultExplanation.trim(), { label: 'Lưu ý:', gap: 0.3 });
      paragraph(
        doc,
        input.register
          ? `Vào Sổ theo dõi hồ sơ, Quyển số: ${input.register.book}, Số thứ tự: ${input.register.entry}`
          : 'Vào Sổ theo dõi hồ sơ, Quyển số: ............, Số thứ tự: ............',
      );

      drawSignatures(doc, [
        { heading: 'NGƯỜI NỘP HỒ SƠ', note: '(Ký và ghi rõ họ tên)', name: input.requester.name },
        { heading: 'NGƯỜI TIẾP NHẬN HỒ SƠ', note: '(Ký và ghi rõ họ tên)', name: input.officer.name },
      ]);

      doc.font(FONT.bold).fontSize(10.5).text('Ghi chú:');
      doc.font(FONT.regular);
      for (const note of [
        '- Giấy tiếp nhận hồ sơ và hẹn trả kết quả được lập thành 02 liên: một liên lưu tại Bộ phận một cửa, một liên giao cho người nộp hồ sơ.',
        // (Where the result is collected is item 6 above; the form's note on it is not repeated, so the slip stays on one page.)
        '- Khi nhận kết quả tại Bộ phận một cửa, người nhận ký nhận vào Sổ theo dõi hồ sơ; việc giao kết quả được ghi vào hồ sơ thi hành án để không giao lại lần nữa.',
        // The law in force on the day of receipt sets the time limit above (config/legal-basis.json).
        ...(input.legalBasis ? [`- Thời gian giải quyết theo ${input.legalBasis}.`] : []),
      ]) {
        doc.fontSize(9.5).text(note);
      }
    },
  );
}
