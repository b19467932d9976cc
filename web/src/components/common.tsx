import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { CaseSummary } from '../api/client';
import { dateTime, LEVEL_LABELS, statusName, stepName, timeLeftWords } from '../format';

export function ErrorMessage({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="error" role="alert">
      {message}
    </p>
  );
}

export function Loading({ what = 'dữ liệu' }: { what?: string }) {
  return (
    <p className="muted" role="status">
      Đang tải {what}…
    </p>
  );
}

export function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  const headingId = `${id ?? title.replace(/\s+/g, '-').toLowerCase()}-tieu-de`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}

/** The working time left, with its level in words as well as in colour. */
export function TimeLeftBadge({ timeLeft }: { timeLeft: CaseSummary['timeLeft'] }) {
  if (!timeLeft) return <span className="muted">—</span>;
  return (
    <span className={`badge level-${timeLeft.level}`} title={`${LEVEL_LABELS[timeLeft.level]}: hạn ${dateTime(timeLeft.dueAt)}`}>
      <span className="visually-hidden">{LEVEL_LABELS[timeLeft.level]}: </span>
      {timeLeftWords(timeLeft)}
    </span>
  );
}

/** A list of cases: the queue, a search, a dashboard group. */
export function CaseTable({ cases, caption, showOffice = false }: { cases: CaseSummary[]; caption: string; showOffice?: boolean }) {
  if (!cases.length) return <p className="muted">Không có hồ sơ nào.</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Mã hồ sơ</th>
            {showOffice && <th scope="col">Cơ quan</th>}
            <th scope="col">Người yêu cầu</th>
            <th scope="col">Trích yếu</th>
            <th scope="col">Trạng thái</th>
            <th scope="col">Đang chờ</th>
            <th scope="col">Hạn</th>
            <th scope="col">Thời gian còn lại</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr key={c.caseId} className={c.timeLeft ? `row-${c.timeLeft.level}` : undefined}>
              <td>
                <Link to={`/ho-so/${encodeURIComponent(c.caseId)}`}>{c.caseId}</Link>
                {c.needsAttention && <span className="tag tag-alert">Cần xử lý</span>}
                {c.senderHeld && <span className="tag tag-alert">Người gửi chưa xác minh</span>}
              </td>
              {showOffice && <td>{c.office}</td>}
              <td>{c.requester.name ?? c.requester.address}</td>
              <td>{c.subject}</td>
              <td>{statusName(c.status)}</td>
              <td>{c.waitingFor ? stepName(c.waitingFor.step) : '—'}</td>
              <td>{dateTime(c.nextDeadline)}</td>
              <td>
                <TimeLeftBadge timeLeft={c.timeLeft} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A labelled form control: a <label for> naming exactly one control, so that its accessible name is
 * the label text alone (a wrapping label would also read out a select's options).
 */
export function Field({ label, hint, children }: { label: string; hint?: string; children: (id: string, describedBy?: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-goi-y`} className="muted hint">
          {hint}
        </p>
      )}
      {children(id, hint ? `${id}-goi-y` : undefined)}
    </div>
  );
}
