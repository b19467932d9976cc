import type { Office } from '../shared/offices/directory';
import type { Procedure } from '../shared/procedures/catalog';

/** A sentence starts with a capital: "yêu cầu thi hành án" → "Yêu cầu thi hành án". */
export const sentenceCase = (text: string) => text.charAt(0).toLocaleUpperCase('vi-VN') + text.slice(1);

/**
 * The subject a request for this procedure is sent with: what the requester sends, as the catalog names
 * it ("Yêu cầu thi hành án", "Đơn khiếu nại"). The desk's checks recognise the procedure from it (a test
 * runs the real recogniser on every one), so the case opens under the right procedure.
 */
export const requestSubject = (procedure: Procedure) => sentenceCase(procedure.requestName);

/** The checklist of what the request must contain, in the catalog's words; optional items say "nếu có". */
export function requestChecklist(procedure: Procedure): string[] {
  return procedure.requiredItems.map((item) => (item.required ? item.label : `${item.label.replace(/\s*\(nếu có\)$/, '')} (nếu có)`));
}

/**
 * The body the mail client opens with: the office addressed, the checklist to tick, and what to attach.
 * Lines end with CRLF, as RFC 6068 asks of a mailto body.
 */
export function requestBody(office: Office, procedure: Procedure): string {
  return [
    `Kính gửi: ${office.name}`,
    '',
    `Tôi gửi ${procedure.requestName} kèm theo thư này.`,
    '',
    'Đơn có đủ các nội dung sau (đánh dấu x vào ô đã có):',
    ...requestChecklist(procedure).map((label) => `[ ] ${label}`),
    '',
    'Tệp đính kèm: đơn có chữ ký hoặc điểm chỉ; bản án, quyết định và giấy tờ liên quan (ảnh chụp rõ nét hoặc PDF).',
    '',
    'Số điện thoại liên hệ: ',
  ].join('\r\n');
}

/** mailto:<office mailbox>?subject=…&body=… (RFC 6068: every reserved character percent-encoded). */
export function requestMailto(office: Office, procedure: Procedure): string {
  return `mailto:${office.email}?subject=${encodeURIComponent(requestSubject(procedure))}&body=${encodeURIComponent(requestBody(office, procedure))}`;
}
