import { useEffect, useState, type FormEvent } from 'react';
import { fetchFile, must, type ExportJob } from '../api/client';
import { describeError } from '../api/errors';
import { useApp } from '../app-context';
import { ErrorMessage, Field } from '../components/common';
import { vietnamToday } from '../format';
import { periodOptions } from '../periods';

const JOB_POLL_MS = 2000;

/** Saves a Blob as a file, as a link with `download` does. */
function save(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The official report and the exports of a period, for a head's office or an auditor's scope. */
export function ReportsPage() {
  const { config, session, api, reference, identity } = useApp();
  // Someone with one office or one granted area has a default scope; a nationwide auditor picks one.
  const hasDefaultScope = !!identity.office || (!!identity.scope && identity.scope !== 'all');
  const options = periodOptions(vietnamToday());
  const [period, setPeriod] = useState(options[0]!.value);
  const [basis, setBasis] = useState<'calendar' | 'administrative'>('calendar');
  const [where, setWhere] = useState('');
  useEffect(() => {
    const firstProvince = reference?.offices.find((o) => o.level === 'province')?.code;
    if (!hasDefaultScope && !where && firstProvince) setWhere(`province:${firstProvince}`);
  }, [hasDefaultScope, reference, where]);
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();
  const [job, setJob] = useState<ExportJob>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.title = 'Báo cáo và trích xuất — Một cửa THADS';
  }, []);

  useEffect(() => {
    if (!job || job.status !== 'running') return;
    const timer = setTimeout(async () => {
      try {
        setJob(await must(api.GET('/jobs/{id}', { params: { path: { id: job.jobId } } })));
      } catch (e) {
        setError(describeError(e));
      }
    }, JOB_POLL_MS);
    return () => clearTimeout(timer);
  }, [api, job]);

  const download = (path: '/reports/official' | '/exports/cases', format: string) => async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setMessage(undefined);
    setJob(undefined);
    setBusy(true);
    try {
      const [kind, code] = where.split(':');
      const query: Record<string, string> = { period, basis, format, ...(kind && code ? { [kind]: code } : {}) };
      const result = await fetchFile(config.apiBase, await session.token(), path, query);
      if ('job' in result) {
        setJob(result.job);
        setMessage('Tệp lớn đang được tạo; liên kết tải về sẽ hiện ở đây khi xong.');
      } else {
        save(result.blob, result.filename);
        setMessage(`Đã tải về ${result.filename}.`);
      }
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  const provinces = [...new Set((reference?.offices ?? []).filter((o) => o.level === 'province').map((o) => o.code))];
  return (
    <>
      <h1>Báo cáo và trích xuất</h1>
      <form className="card" aria-label="Chọn kỳ và phạm vi" onSubmit={download('/reports/official', 'xlsx')}>
        <div className="grid">
          <Field label="Kỳ báo cáo">
            {(id) => (
              <select id={id} value={period} onChange={(e) => setPeriod(e.target.value)}>
                {options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Cách tính kỳ">
            {(id) => (
              <select id={id} value={basis} onChange={(e) => setBasis(e.target.value as 'calendar' | 'administrative')}>
                <option value="calendar">Theo năm dương lịch</option>
                <option value="administrative">Kỳ báo cáo hành chính (Nghị định 09/2019/NĐ-CP)</option>
              </select>
            )}
          </Field>
          <Field label="Phạm vi">
            {(id) => (
              <select id={id} value={where} onChange={(e) => setWhere(e.target.value)}>
                {hasDefaultScope && <option value="">Cơ quan hoặc phạm vi của tôi</option>}
                {provinces.map((code) => (
                  <option key={`p-${code}`} value={`province:${code}`}>
                    Cả tỉnh/thành phố ({code})
                  </option>
                ))}
                {reference?.offices.map((o) => (
                  <option key={o.code} value={`office:${o.code}`}>
                    {o.name} ({o.code})
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="buttons">
          <button type="submit" disabled={busy}>
            Tải báo cáo chính thức (XLSX)
          </button>
          <button type="button" disabled={busy} onClick={download('/exports/cases', 'csv')}>
            Trích xuất danh sách hồ sơ (CSV)
          </button>
          <button type="button" disabled={busy} onClick={download('/exports/cases', 'json')}>
            Trích xuất hồ sơ kèm dòng thời gian (JSON)
          </button>
        </div>
      </form>
      <ErrorMessage message={error} />
      {message && <p role="status">{message}</p>}
      {job?.status === 'done' && job.file && (
        <p>
          <a href={job.file.url} download={job.file.name}>
            Tải tệp {job.file.name}
          </a>
        </p>
      )}
      {job?.status === 'failed' && <ErrorMessage message="Không tạo được tệp. Xin thử lại hoặc chọn kỳ ngắn hơn." />}
    </>
  );
}
