/**
 * What the reading found, as lines for the officer (`motcua show`): each field with its confidence and
 * where it was found, so the officer checks it against the page. Hints, never facts.
 */
import type { CaseReading } from './read-case-attachments';
import type { Found } from './extract-judgment';

const ROLE_WORDS: Record<string, string> = {
  plaintiff: 'nguyên đơn',
  defendant: 'bị đơn',
  'related-party': 'người có quyền lợi, nghĩa vụ liên quan',
  creditor: 'người được thi hành án',
  debtor: 'người phải thi hành án',
  requester: 'người yêu cầu',
  appellant: 'người kháng cáo',
  representative: 'người đại diện',
};
const LEVEL_WORDS: Record<string, string> = { 'first-instance': 'sơ thẩm', appeal: 'phúc thẩm', cassation: 'giám đốc thẩm', reopening: 'tái thẩm' };

const percent = (c: number) => `${Math.round(c * 100)}%`;
const at = (f: Found<unknown>) => `trang ${f.where.page}, dòng ${f.where.line}; tin cậy ${percent(f.confidence)}${f.doubts?.length ? `; ${f.doubts.join('; ')}` : ''}`;
const day = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

export function readingLines(reading: CaseReading): string[] {
  const files = reading.attachments.map(
    (a) =>
      `  tệp ${a.name}: ${a.status === 'read' ? 'đã đọc' : a.status === 'partly-read' ? 'đọc được một phần' : 'KHÔNG ĐỌC ĐƯỢC'}` +
      (a.pagesRead.length ? ` (trang ${a.pagesRead.join(', ')}/${a.pageCount}, ${a.method === 'ocr' ? 'OCR' : a.method === 'text-layer' ? 'lớp chữ PDF' : a.method}${a.confidence === undefined ? '' : `, tin cậy ${percent(a.confidence)}`})` : '') +
      (a.problem ? `: ${a.problem}` : ''),
  );
  const j = reading.judgment;
  if (!j) return ['đọc tệp đính kèm (gợi ý, công chức đối chiếu):', ...files];
  return [
    `đọc tệp đính kèm (gợi ý, công chức đối chiếu với bản án trong tệp "${j.attachment}"):`,
    ...files,
    ...(j.court ? [`  tòa án: ${j.court.value} (${at(j.court)})`] : []),
    ...(j.number ? [`  số: ${j.number.value}${j.level ? ` — ${LEVEL_WORDS[j.level]}` : ''} (${at(j.number)})`] : []),
    ...(j.date ? [`  ngày: ${day(j.date.value)} (${at(j.date)})`] : []),
    ...j.parties.map((p) => `  ${ROLE_WORDS[p.value.role] ?? p.value.role}: ${p.value.name} (${at(p)})`),
    ...j.amounts.map((a) => `  số tiền: ${a.value.value.toLocaleString('vi-VN')} đồng${a.value.wordsAgree === true ? ', khớp số bằng chữ' : ''} (${at(a)})`),
    ...j.obligations.map((o) => `  nghĩa vụ: ${o.value} (${at(o)})`),
    ...(j.effectiveDate ? [`  hiệu lực từ: ${day(j.effectiveDate.value)} (${at(j.effectiveDate)})`] : []),
  ];
}
