import { must, type Schemas } from '../api/client';
import { useApp } from '../app-context';
import { dateTime, vietnamToday } from '../format';
import { useLoad } from '../use-load';
import { ErrorMessage, Section } from './common';

type Results = Schemas['SatisfactionResults'];

const percent = (value: number | null) => (value === null ? '—' : `${value.toLocaleString('vi-VN')}%`);
const mean = (value: number | null) => (value === null ? '—' : value.toLocaleString('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));

/** The requesters' satisfaction ratings of the head's office: this month and this year, and the month's comments. */
export function SatisfactionSection() {
  const { api } = useApp();
  const today = vietnamToday();
  const month = useLoad(() => must(api.GET('/reports/satisfaction', { params: { query: { period: today.slice(0, 7) } } })), [api, today]);
  const year = useLoad(() => must(api.GET('/reports/satisfaction', { params: { query: { period: today.slice(0, 4) } } })), [api, today]);
  const rows: Array<[string, Results | undefined]> = [
    [month.data?.period.label ?? 'Tháng này', month.data],
    [year.data?.period.label ?? 'Năm nay', year.data],
  ];
  const comments = month.data?.offices.flatMap((o) => o.comments) ?? [];
  return (
    <Section title="Mức độ hài lòng của người yêu cầu" id="hai-long">
      <ErrorMessage message={month.error ?? year.error} />
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Mức độ hài lòng theo kỳ</caption>
          <thead>
            <tr>
              <th scope="col">Kỳ</th>
              <th scope="col">Lượt đánh giá</th>
              <th scope="col">Điểm trung bình (1–5)</th>
              <th scope="col">Hài lòng, rất hài lòng</th>
              <th scope="col">Số lượt 1 / 2 / 3 / 4 / 5</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, results]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{results?.total.ratings ?? '…'}</td>
                <td>{results ? mean(results.total.average) : '…'}</td>
                <td>{results ? percent(results.total.satisfiedPercent) : '…'}</td>
                <td>{results ? results.total.distribution.join(' / ') : '…'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {comments.length > 0 && (
        <>
          <h3>Góp ý trong tháng</h3>
          <ul>
            {comments.map((c) => (
              <li key={c.caseId}>
                <strong>{c.rating}/5</strong> — {c.comment} <span className="muted">({c.caseId}, {dateTime(c.ratedAt)})</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}
