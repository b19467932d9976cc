import { FONT, renderPdf, type PdfWriter } from '../shared/documents/pdf';
import { drawSignatures, drawTitle, NATIONAL_MOTTO, NATIONAL_NAME, paragraph, upper } from '../shared/documents/letterhead';
import type { Procedure } from '../shared/procedures/catalog';
import { requestChecklist } from './mailto';

/** "ĐƠN YÊU CẦU THI HÀNH ÁN"; a request the catalog already calls "đơn khiếu nại" is not "ĐƠN ĐƠN …". */
export const formTitle = (procedure: Procedure) => upper(/^đơn\s/i.test(procedure.requestName) ? procedure.requestName : `đơn ${procedure.requestName}`);

const DOTS = '…'.repeat(60);

/** The citizen's form has no issuing agency: the national name and motto alone, centred. */
function nationalHead(doc: PdfWriter) {
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.font(FONT.bold).fontSize(12).text(NATIONAL_NAME, left, doc.page.margins.top, { width, align: 'center' });
  doc.font(FONT.bold).fontSize(12).text(NATIONAL_MOTTO, left, doc.y, { width, align: 'center' });
  const motto = doc.widthOfString(NATIONAL_MOTTO);
  doc.moveTo(left + (width - motto) / 2, doc.y + 2).lineTo(left + (width + motto) / 2, doc.y + 2).lineWidth(0.6).stroke();
  doc.y += 18;
  doc.x = left;
}

/**
 * A blank request form for a procedure, to print, fill in by hand, sign and photograph: the items the
 * request must contain are those of the catalog (config/procedures.json; for a request for enforcement,
 * art. 31 of the Law of 2008 as the domain brief lists them), each with room to write. It is a reference
 * form built from that content, not the ministry's official template, and says so at its foot.
 */
export function requestFormPdf(procedure: Procedure, createdAt: Date): Promise<Buffer> {
  const title = formTitle(procedure);
  return renderPdf({ title: `Mẫu ${title.toLocaleLowerCase('vi-VN')}`, subject: procedure.name, author: 'motcua', createdAt }, (doc) => {
    nationalHead(doc);
    drawTitle(doc, title);
    paragraph(doc, DOTS, { label: 'Kính gửi:', gap: 0.6 });
    for (const label of requestChecklist(procedure)) {
      paragraph(doc, '', { label: `${label}:` });
      paragraph(doc, DOTS);
      paragraph(doc, DOTS, { gap: 0.4 });
    }
    paragraph(doc, DOTS, { label: 'Tài liệu gửi kèm:' });
    paragraph(doc, DOTS, { gap: 0.6 });
    paragraph(doc, '…………, ngày …… tháng …… năm ……', { font: 'italic' });
    drawSignatures(doc, [{ heading: 'NGƯỜI LÀM ĐƠN', note: '(Ký, ghi rõ họ tên hoặc điểm chỉ; tổ chức: người đại diện ký, đóng dấu)' }]);
    paragraph(
      doc,
      'Mẫu tham khảo, lập từ các nội dung đơn phải có theo danh mục thủ tục của cơ quan; chưa đối chiếu với biểu mẫu chính thức (đang rà soát). Ông/Bà có thể tự viết đơn, miễn là có đủ các nội dung trên.',
      { font: 'italic' },
    );
  });
}
