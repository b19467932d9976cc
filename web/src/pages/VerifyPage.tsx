import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { must, type VerifyReport } from '../api/client';
import { describeError } from '../api/errors';
import { useApp } from '../app-context';
import { verdictOf } from '../chain';
import { ErrorMessage, Field } from '../components/common';
import { dateTime } from '../format';

export function VerifyPage() {
  const { api } = useApp();
  const [params, setParams] = useSearchParams();
  const [caseId, setCaseId] = useState(params.get('ho-so') ?? '');
  const [report, setReport] = useState<VerifyReport>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.title = 'Kiểm tra tính toàn vẹn — Một cửa THADS';
  }, []);
  const verify = async (event: FormEvent) => {
    event.preventDefault();
    const id = caseId.trim().toUpperCase();
    setError(undefined);
    setReport(undefined);
    setBusy(true);
    try {
      setReport(await must(api.GET('/cases/{id}/verify', { params: { path: { id } } })));
      setParams({ 'ho-so': id }, { replace: true });
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  const verdict = report && verdictOf(report);
  return (
    <>
      <h1>Kiểm tra tính toàn vẹn</h1>
      <p className="muted">Tính lại chuỗi băm của dòng thời gian và mã băm của từng tài liệu, rồi so với những gì đã ghi.</p>
      <form className="card form-row" onSubmit={verify} aria-label="Kiểm tra hồ sơ">
        <Field label="Mã hồ sơ cần kiểm tra">
          {(id) => (
            <input id={id} value={caseId} onChange={(e) => setCaseId(e.target.value)} placeholder="HCMKV1-2026-000001" required autoComplete="off" />
          )}
        </Field>
        <button type="submit" disabled={busy}>
          Kiểm tra
        </button>
      </form>
      <ErrorMessage message={error} />
      {report && verdict && (
        <section className={`card verdict ${verdict.ok ? 'verdict-ok' : 'verdict-broken'}`} aria-labelledby="ket-luan" aria-live="polite">
          <h2 id="ket-luan">Kết luận: {verdict.headline}</h2>
          {verdict.details.length > 0 && (
            <ul>
              {verdict.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
          <p className="muted">Kiểm tra lúc {dateTime(report.verifiedAt)}.</p>
          <p>
            <Link to={`/ho-so/${encodeURIComponent(report.caseId)}`}>Xem dòng thời gian của hồ sơ {report.caseId}</Link>
          </p>
        </section>
      )}
    </>
  );
}
