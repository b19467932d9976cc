import { useCallback, useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { must, type CaseDetail, type CaseDocument, type VerifyReport } from '../api/client';
import { describeError } from '../api/errors';
import { useApp } from '../app-context';
import { CaseActions } from '../components/actions';
import { ChecklistSection, DeadlinesSection, DocumentsSection, TimelineSection } from '../components/case-sections';
import { ErrorMessage, Loading, Section } from '../components/common';
import { date, dateTime, statusName, stepName } from '../format';

/** After an action the workflow moves on its own: read the case again until it waits for something else (at most ~20 s). */
const FOLLOW_ROUNDS = 20;
const FOLLOW_EVERY_MS = 1000;

export function CasePage() {
  const { caseId = '' } = useParams();
  const { api, reference } = useApp();
  const [detail, setDetail] = useState<CaseDetail>();
  const [documents, setDocuments] = useState<CaseDocument[]>();
  const [documentsError, setDocumentsError] = useState<string>();
  const [report, setReport] = useState<VerifyReport>();
  const [error, setError] = useState<string>();
  const follow = useRef<ReturnType<typeof setTimeout>>(undefined);

  const load = useCallback(async () => {
    const id = { params: { path: { id: caseId } } };
    try {
      const [d, docs, v] = await Promise.allSettled([must(api.GET('/cases/{id}', id)), must(api.GET('/cases/{id}/documents', { params: { path: { id: caseId }, query: { disposition: 'inline' } } })), must(api.GET('/cases/{id}/verify', id))]);
      if (d.status === 'rejected') throw d.reason;
      setDetail(d.value);
      setError(undefined);
      if (docs.status === 'fulfilled') setDocuments(docs.value.documents);
      else setDocumentsError(describeError(docs.reason));
      if (v.status === 'fulfilled') setReport(v.value);
      return d.value;
    } catch (e) {
      setError(describeError(e));
      return undefined;
    }
  }, [api, caseId]);

  useEffect(() => {
    document.title = `Hồ sơ ${caseId} — Một cửa THADS`;
    void load();
    return () => clearTimeout(follow.current);
  }, [caseId, load]);

  const afterAction = useCallback(() => {
    const before = { seq: detail?.lastSeq ?? 0, step: detail?.pendingStep?.step };
    let round = 0;
    // Settled: the timeline grew and the case waits for another step (or nothing will come: closed).
    const settled = (d: CaseDetail) => d.lastSeq > before.seq && (d.status === 'closed' || (!!d.pendingStep && d.pendingStep.step !== before.step) || !before.step);
    const next = async () => {
      const d = await load();
      round += 1;
      if (d && !settled(d) && round < FOLLOW_ROUNDS) follow.current = setTimeout(next, FOLLOW_EVERY_MS);
    };
    void next();
  }, [detail?.lastSeq, detail?.pendingStep?.step, load]);

  if (error && !detail) {
    return (
      <>
        <h1>Hồ sơ {caseId}</h1>
        <ErrorMessage message={error} />
      </>
    );
  }
  if (!detail) return <Loading what="hồ sơ" />;
  const procedure = reference?.procedures.find((p) => p.code === detail.procedure);
  const appointment = (detail as { appointment?: { slot: { date: string; session: string; start: string; end: string } } }).appointment;
  return (
    <>
      <h1>Hồ sơ {detail.caseId}</h1>
      <p className="lead">
        <span className="tag">{statusName(detail.status)}</span>
        {detail.pendingStep && (
          <>
            {' '}
            Đang chờ: <strong>{stepName(detail.pendingStep.step)}</strong>, hạn {dateTime(detail.pendingStep.dueAt)}
          </>
        )}
        {detail.workflowEnded && <span className="tag tag-alert">Quy trình đã dừng: cần thủ trưởng cho chạy tiếp</span>}
      </p>
      <ErrorMessage message={error} />
      <div className="case-grid">
        <div>
          <Section title="Người yêu cầu" id="nguoi-yeu-cau">
            <dl className="facts">
              <dt>Họ tên</dt>
              <dd>{detail.requester.name ?? '—'}</dd>
              <dt>Thư điện tử</dt>
              <dd>{detail.requester.address ?? 'Không có (thư gửi qua bưu điện)'}</dd>
              {detail.requester.postalAddress && (
                <>
                  <dt>Địa chỉ</dt>
                  <dd>{detail.requester.postalAddress}</dd>
                </>
              )}
              {detail.requester.phone && (
                <>
                  <dt>Điện thoại</dt>
                  <dd>{detail.requester.phone}</dd>
                </>
              )}
              {detail.channel && (
                <>
                  <dt>Hình thức nhận</dt>
                  <dd>
                    {detail.channel.kind === 'post' ? `Qua bưu điện (dấu bưu điện ngày ${date(detail.channel.postmarkDate)})` : 'Nộp trực tiếp tại Bộ phận một cửa'}, {detail.channel.registeredBy} tiếp nhận vào sổ
                  </dd>
                </>
              )}
            </dl>
          </Section>
          <Section title="Thủ tục" id="thu-tuc">
            <dl className="facts">
              <dt>Thủ tục</dt>
              <dd>{procedure?.name ?? detail.procedure}</dd>
              <dt>Trích yếu</dt>
              <dd>{detail.subject}</dd>
              <dt>Cơ quan</dt>
              <dd>{reference?.offices.find((o) => o.code === detail.office)?.name ?? detail.office}</dd>
              <dt>Ngày nhận</dt>
              <dd>{dateTime(detail.receivedAt)}</dd>
              <dt>Cán bộ được giao</dt>
              <dd>{detail.assignee ?? 'Bộ phận một cửa'}</dd>
              {appointment && (
                <>
                  <dt>Lịch hẹn</dt>
                  <dd>
                    {appointment.slot.date.split('-').reverse().join('/')}, {appointment.slot.start}–{appointment.slot.end}
                  </dd>
                </>
              )}
            </dl>
          </Section>
          <ChecklistSection checklist={detail.checklist} procedureName={(code) => reference?.procedures.find((p) => p.code === code)?.name ?? code} />
          <DeadlinesSection detail={detail} />
        </div>
        <div>
          <CaseActions detail={detail} done={afterAction} />
          <LettersForPost events={detail.timeline} documents={documents} />
          <DocumentsSection documents={documents} {...(documentsError ? { error: documentsError } : {})} />
        </div>
      </div>
      <TimelineSection events={detail.timeline} report={report} />
    </>
  );
}

/** Letters to a requester without an e-mail address: printed by the desk and sent by post (timeline `letter-for-post`). */
function LettersForPost({ events, documents }: { events: CaseDetail['timeline']; documents: CaseDocument[] | undefined }) {
  const letters = events.filter((e) => e.type === 'letter-for-post');
  if (!letters.length) return null;
  return (
    <Section title="Thư cần in và gửi qua bưu điện" id="thu-buu-dien">
      <p className="muted">Người yêu cầu không có thư điện tử: in các thư dưới đây (kèm văn bản đính kèm) và gửi tới địa chỉ của người yêu cầu.</p>
      <ul>
        {letters.map((e) => {
          const files = (e.data.documents as Array<{ name: string }> | undefined) ?? [];
          return (
            <li key={e.seq}>
              {String(e.data.subject ?? '')} ({dateTime(e.at)}):{' '}
              {files.map((f, i) => {
                const link = documents?.find((d) => d.name === f.name && d.source.seq === e.seq);
                return (
                  <span key={f.name}>
                    {i > 0 && ', '}
                    {link ? (
                      <a href={link.url} target="_blank" rel="noreferrer">
                        {f.name}
                      </a>
                    ) : (
                      f.name
                    )}
                  </span>
                );
              })}
            </li>
          );
        })}
      </ul>
    </Section>
  );
}
