import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { must } from '../api/client';
import { useApp } from '../app-context';
import { ErrorMessage, Loading, Field } from '../components/common';
import { date, vietnamToday } from '../format';
import { useLoad } from '../use-load';

/** The office's appointment book: each session of the coming working days, its capacity, and who is booked. */
export function AppointmentsPage() {
  const { api, identity, reference } = useApp();
  const [office, setOffice] = useState(identity.office ?? reference?.offices[0]?.code ?? '');
  const [from, setFrom] = useState(vietnamToday());
  useEffect(() => {
    document.title = 'Lịch hẹn — Một cửa THADS';
  }, []);
  useEffect(() => {
    if (!office && reference?.offices[0]) setOffice(reference.offices[0].code);
  }, [office, reference]);
  const book = useLoad(
    () => (office ? must(api.GET('/offices/{office}/appointments', { params: { path: { office }, query: { from, days: 14 } } })) : Promise.resolve(undefined)),
    [api, office, from],
  );
  return (
    <>
      <h1>Lịch hẹn</h1>
      <form className="card grid" aria-label="Chọn lịch hẹn" onSubmit={(e) => e.preventDefault()}>
        <Field label="Cơ quan">
          {(id) => (
            <select id={id} value={office} onChange={(e) => setOffice(e.target.value)} disabled={!!identity.office}>
              {reference?.offices.map((o) => (
                <option key={o.code} value={o.code}>
                  {o.name} ({o.code})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Từ ngày">
          {(id) => (
            <input id={id} type="date" value={from} onChange={(e) => e.target.value && setFrom(e.target.value)} />
          )}
        </Field>
      </form>
      <ErrorMessage message={book.error} />
      {book.loading && !book.data ? (
        <Loading what="lịch hẹn" />
      ) : book.data ? (
        <div className="table-wrap">
          <table>
            <caption>
              Lịch hẹn 14 ngày từ {date(book.data.from)} (mỗi buổi tối đa {book.data.capacityPerSession} người)
            </caption>
            <thead>
              <tr>
                <th scope="col">Ngày</th>
                <th scope="col">Buổi</th>
                <th scope="col">Giờ</th>
                <th scope="col">Đã hẹn / Sức chứa</th>
                <th scope="col">Người được hẹn</th>
              </tr>
            </thead>
            <tbody>
              {book.data.days.flatMap((d) =>
                d.sessions.map((s) => (
                  <tr key={`${d.date}-${s.session}`} className={s.taken >= s.capacity ? 'row-warning' : undefined}>
                    <td>{date(d.date)}</td>
                    <td>{s.session}</td>
                    <td>
                      {s.start}–{s.end}
                    </td>
                    <td>
                      {s.taken}/{s.capacity}
                      {s.taken >= s.capacity && ' (đã kín)'}
                    </td>
                    <td>
                      {s.booked.length === 0 ? (
                        <span className="muted">Chưa có</span>
                      ) : (
                        <ul className="plain">
                          {s.booked.map((b) => (
                            <li key={b.caseId}>
                              <Link to={`/ho-so/${encodeURIComponent(b.caseId)}`}>{b.caseId}</Link>
                              {b.requester ? ` — ${b.requester}` : ''}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
