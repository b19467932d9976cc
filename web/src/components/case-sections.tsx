import type { CaseDetail, CaseDocument, TimelineEvent, VerifyReport } from '../api/client';
import { actorName, date, dateTime, eventName, stepName } from '../format';
import { Section } from './common';
import { chainStatus } from '../chain';
import { ReadingHints, type Reading } from './ReadingHints';

type Checklist = {
  summary?: string;
  likelyProcedure?: { code: string; confidence: string; evidence?: string[] };
  items?: Array<{ id: string; label: string; status: 'found' | 'missing' | 'unclear'; evidence?: string }>;
  sender?: { status: string; detail: string };
  duplicates?: Array<{ caseId: string; likelihood: string; reason: string }>;
  judgmentRefs?: string[];
  reviewHints?: Array<{ kind: string; message: string; legalBasis?: { text: string; verify: boolean } }>;
  attachments?: Array<{ filename: string; kind: string; reason: string }>;
  reading?: Reading;
};

const ITEM_STATUS: Record<string, string> = { found: 'Có', missing: 'Thiếu', unclear: 'Chưa rõ' };
const SENDER_STATUS: Record<string, string> = { verified: 'Đã xác minh', unverified: 'Chưa xác minh', failed: 'Không đạt xác minh' };
const CONFIDENCE: Record<string, string> = { high: 'cao', medium: 'trung bình', low: 'thấp' };

/** The automatic checks before review, and the hints they give: they help the officer, never decide. */
export function ChecklistSection({ checklist, procedureName }: { checklist: CaseDetail['checklist']; procedureName: (code: string) => string }) {
  const c = (checklist ?? undefined) as Checklist | undefined;
  return (
    <Section title="Kiểm tra tự động" id="kiem-tra-tu-dong">
      {!c ? (
        <p className="muted">Hệ thống chưa kiểm tra hồ sơ này.</p>
      ) : (
        <>
          {c.summary && <p>{c.summary}</p>}
          {c.likelyProcedure && (
            <p>
              Thủ tục có thể là: <strong>{procedureName(c.likelyProcedure.code)}</strong> (độ tin cậy {CONFIDENCE[c.likelyProcedure.confidence] ?? c.likelyProcedure.confidence})
            </p>
          )}
          {c.items && c.items.length > 0 && (
            <div className="table-wrap">
              <table>
                <caption>Thành phần hồ sơ</caption>
                <thead>
                  <tr>
                    <th scope="col">Giấy tờ</th>
                    <th scope="col">Kết quả</th>
                    <th scope="col">Căn cứ</th>
                  </tr>
                </thead>
                <tbody>
                  {c.items.map((item) => (
                    <tr key={item.id}>
                      <td>{item.label}</td>
                      <td className={`item-${item.status}`}>{ITEM_STATUS[item.status] ?? item.status}</td>
                      <td>{item.evidence ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {c.sender && (
            <p>
              Người gửi: <strong>{SENDER_STATUS[c.sender.status] ?? c.sender.status}</strong> — {c.sender.detail}
            </p>
          )}
          {c.judgmentRefs && c.judgmentRefs.length > 0 && <p>Bản án, quyết định được nhắc đến: {c.judgmentRefs.join(', ')}</p>}
          {c.duplicates && c.duplicates.length > 0 && (
            <div>
              <h3>Có thể trùng hồ sơ</h3>
              <ul>
                {c.duplicates.map((d) => (
                  <li key={d.caseId}>
                    {d.caseId} ({d.likelihood === 'likely' ? 'nhiều khả năng trùng' : 'có thể trùng'}): {d.reason}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {c.reading && <ReadingHints reading={c.reading} />}
          {c.reviewHints && c.reviewHints.length > 0 && (
            <div>
              <h3>Gợi ý khi xem xét</h3>
              <ul>
                {c.reviewHints.map((h) => (
                  <li key={h.kind + h.message}>
                    {h.message}
                    {h.legalBasis && (
                      <span className="muted">
                        {' '}
                        (Căn cứ: {h.legalBasis.text}
                        {h.legalBasis.verify ? ', chưa đối chiếu văn bản chính thức' : ''})
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </Section>
  );
}

/** The files of the case; images and PDFs shown in the page through their short-lived links. */
export function DocumentsSection({ documents, error }: { documents: CaseDocument[] | undefined; error?: string }) {
  return (
    <Section title="Tài liệu" id="tai-lieu">
      {error && <p className="muted">{error}</p>}
      {!documents ? null : documents.length === 0 ? (
        <p className="muted">Hồ sơ chưa có tài liệu.</p>
      ) : (
        <ul className="documents">
          {documents.map((d) => (
            <li key={`${d.source.seq}-${d.name}`}>
              <p>
                <a href={d.url} target="_blank" rel="noreferrer">
                  {d.name}
                </a>{' '}
                <span className="muted">
                  ({eventName(d.source.type ?? '')}, {dateTime(d.source.at)})
                </span>
              </p>
              {d.contentType.startsWith('image/') ? (
                <img src={d.url} alt={`Ảnh đính kèm: ${d.name}`} className="preview" />
              ) : d.contentType === 'application/pdf' ? (
                <iframe src={d.url} title={`Xem tệp PDF: ${d.name}`} className="preview pdf" />
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

type Deadline = { dueAt: string; startedAt: string; rule: string; counting?: string; workingDays?: number; skipped?: Array<{ date: string; reason: string }>; pauses?: Array<{ from: string; to?: string }>; provisional?: { years?: number[] } };

/** Each step's deadline, how it went, and how it was counted, in words. */
export function DeadlinesSection({ detail }: { detail: CaseDetail }) {
  const deadlines = detail.deadlines as Record<string, Deadline>;
  return (
    <Section title="Thời hạn" id="thoi-han">
      {detail.steps.length === 0 ? (
        <p className="muted">Chưa có thời hạn.</p>
      ) : (
        <ul className="deadlines">
          {detail.steps.map((s) => {
            const d = deadlines[s.step];
            const state = s.waiting
              ? s.breached
                ? 'Đang chờ, đã quá hạn'
                : 'Đang chờ'
              : s.completedAt
                ? s.onTime
                  ? `Xong đúng hạn lúc ${dateTime(s.completedAt)}`
                  : `Xong muộn lúc ${dateTime(s.completedAt)}`
                : s.breached
                  ? 'Quá hạn'
                  : 'Không còn chờ';
            return (
              <li key={s.step} className={s.breached ? 'level-breached-text' : undefined}>
                <strong>{stepName(s.step)}</strong>: hạn {dateTime(s.dueAt)} — {state}
                {d && (
                  <p className="muted">
                    {d.workingDays ? `${d.workingDays} ngày làm việc ` : ''}
                    tính từ {dateTime(d.startedAt)}
                    {d.counting === 'legal'
                      ? ', theo Bộ luật Dân sự (Điều 147, 148): không tính ngày nhận, hết hạn vào cuối giờ làm việc của ngày làm việc cuối cùng'
                      : ', theo giờ làm việc của cơ quan'}
                    {d.skipped && d.skipped.length > 0 && `; không tính ${d.skipped.length} ngày nghỉ (${d.skipped.slice(0, 4).map((x) => `${date(x.date)}: ${x.reason}`).join('; ')}${d.skipped.length > 4 ? '; …' : ''})`}
                    {d.pauses && d.pauses.length > 0 && '; tạm dừng trong thời gian chờ người yêu cầu bổ sung'}
                    {s.provisional && '; ngày hạn là dự kiến vì năm tới chưa có lịch nghỉ chính thức'}.
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Section>
  );
}

const DATA_WORDS: Record<string, string> = {
  outcome: 'Kết quả',
  note: 'Ghi chú',
  reason: 'Lý do',
  legalBasis: 'Căn cứ pháp lý',
  referTo: 'Chuyển tới',
  step: 'Bước',
  dueAt: 'Hạn',
  number: 'Số',
  signer: 'Người ký',
  method: 'Hình thức',
  to: 'Tới',
  from: 'Từ',
  subject: 'Trích yếu',
  kind: 'Loại',
};

function eventDetails(data: Record<string, unknown>): Array<[string, string]> {
  return Object.entries(data)
    .filter(([k, v]) => DATA_WORDS[k] && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'))
    .map(([k, v]) => [DATA_WORDS[k]!, k === 'step' ? stepName(String(v)) : k === 'dueAt' ? dateTime(String(v)) : String(v)]);
}

/** The whole timeline, each event with who did it and its chain status. */
export function TimelineSection({ events, report }: { events: TimelineEvent[]; report: VerifyReport | undefined }) {
  return (
    <Section title="Dòng thời gian" id="dong-thoi-gian">
      <ol className="timeline">
        {events.map((e) => {
          const chain = chainStatus(e, report);
          const details = eventDetails(e.data as Record<string, unknown>);
          return (
            <li key={e.seq} data-seq={e.seq}>
              <span className="seq">#{e.seq}</span> <time dateTime={e.at}>{dateTime(e.at)}</time> — <strong>{eventName(e.type)}</strong>
              {typeof (e.data as { step?: unknown }).step === 'string' && ` (${stepName((e.data as { step: string }).step)})`} · {actorName(e.actor as never)}{' '}
              <span className={`chain ${chain.ok === false ? 'chain-broken' : chain.ok ? 'chain-ok' : ''}`}>{chain.label}</span>
              {details.length > 0 && (
                <dl className="event-data">
                  {details.map(([k, v]) => (
                    <div key={k}>
                      <dt>{k}</dt>
                      <dd>{v}</dd>
                    </div>
                  ))}
                </dl>
              )}
            </li>
          );
        })}
      </ol>
    </Section>
  );
}
