/**
 * What the reading step found in the attachments (shared/reading), shown as hints the officer checks
 * against the file, never as facts: each value with how sure the reader was and where it was found
 * (file and page), and the files it could not read. The officer confirms what matters at review.
 */
type Found<T> = { value: T; confidence: number; where: { page: number; line?: number }; doubts?: string[] };
export type Reading = {
  attachments: Array<{ name: string; status: 'read' | 'partly-read' | 'unreadable'; pageCount: number; pagesRead: number[]; method: string; confidence?: number; problem?: string }>;
  judgment?: {
    attachment: string;
    court?: Found<string>;
    number?: Found<string>;
    level?: string;
    date?: Found<string>;
    parties: Array<Found<{ role: string; name: string }>>;
    amounts: Array<Found<{ value: number; wordsAgree?: boolean }>>;
    obligations: Array<Found<string>>;
    effectiveDate?: Found<string>;
  } | null;
};

const ROLE: Record<string, string> = {
  plaintiff: 'Nguyên đơn',
  defendant: 'Bị đơn',
  'related-party': 'Người có quyền lợi, nghĩa vụ liên quan',
  creditor: 'Người được thi hành án',
  debtor: 'Người phải thi hành án',
  requester: 'Người yêu cầu',
  appellant: 'Người kháng cáo',
  representative: 'Người đại diện',
};
const STATUS: Record<string, string> = { read: 'đã đọc', 'partly-read': 'đọc được một phần', unreadable: 'không đọc được' };
const METHOD: Record<string, string> = { ocr: 'nhận dạng ảnh (OCR)', 'text-layer': 'lớp chữ của PDF', mixed: 'lớp chữ và OCR', none: '—' };
const percent = (c: number) => `${Math.round(c * 100)}%`;
const day = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

export function ReadingHints({ reading }: { reading: Reading }) {
  const j = reading.judgment ?? undefined;
  const rows: Array<{ label: string; found: Found<unknown>; text: string }> = [];
  if (j) {
    if (j.court) rows.push({ label: 'Tòa án', found: j.court, text: j.court.value });
    if (j.number) rows.push({ label: 'Số bản án, quyết định', found: j.number, text: j.number.value });
    if (j.date) rows.push({ label: 'Ngày', found: j.date, text: day(j.date.value) });
    for (const p of j.parties) rows.push({ label: ROLE[p.value.role] ?? p.value.role, found: p, text: p.value.name });
    for (const a of j.amounts) rows.push({ label: 'Số tiền', found: a, text: `${a.value.value.toLocaleString('vi-VN')} đồng${a.value.wordsAgree ? ' (khớp số bằng chữ)' : ''}` });
    for (const o of j.obligations) rows.push({ label: 'Nghĩa vụ', found: o, text: o.value });
    if (j.effectiveDate) rows.push({ label: 'Có hiệu lực từ', found: j.effectiveDate, text: day(j.effectiveDate.value) });
  }
  return (
    <div className="reading-hints">
      <h3>Đọc từ tệp đính kèm (gợi ý)</h3>
      <p className="muted">Máy đọc có thể nhầm (một chữ số, một dấu): công chức đối chiếu từng thông tin với tệp trước khi dùng; đây không phải thông tin đã xác nhận.</p>
      <ul>
        {reading.attachments.map((a) => (
          <li key={a.name}>
            Tệp “{a.name}”: {STATUS[a.status] ?? a.status}
            {a.pagesRead.length > 0 && ` (trang ${a.pagesRead.join(', ')}/${a.pageCount}, ${METHOD[a.method] ?? a.method}${a.confidence === undefined ? '' : `, độ tin cậy ${percent(a.confidence)}`})`}
            {a.problem && ` — ${a.problem}`}
          </li>
        ))}
      </ul>
      {j && rows.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption>Thông tin đọc được từ tệp “{j.attachment}” — cần đối chiếu</caption>
            <thead>
              <tr>
                <th scope="col">Thông tin</th>
                <th scope="col">Máy đọc được</th>
                <th scope="col">Độ tin cậy</th>
                <th scope="col">Ở đâu</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.label}-${r.text}`}>
                  <td>{r.label}</td>
                  <td>{r.text}</td>
                  <td>
                    {percent(r.found.confidence)}
                    {r.found.doubts?.length ? ` — ${r.found.doubts.join('; ')}` : ''}
                  </td>
                  <td>
                    tệp “{j.attachment}”, trang {r.found.where.page}
                    {r.found.where.line ? `, dòng ${r.found.where.line}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
