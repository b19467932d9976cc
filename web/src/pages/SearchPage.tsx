import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { must, type CaseSummary } from '../api/client';
import { describeError } from '../api/errors';
import { useApp } from '../app-context';
import { CaseTable, ErrorMessage, Field } from '../components/common';
import { STATUS_NAMES } from '../format';

/**
 * Search: open a case by its id, or list the cases of an office (and, for auditors, any office of
 * their scope) by status, procedure, period of receipt and breach.
 */
export function SearchPage() {
  const { api, reference } = useApp();
  const navigate = useNavigate();
  const [caseId, setCaseId] = useState('');
  const [office, setOffice] = useState('');
  const [status, setStatus] = useState('');
  const [procedure, setProcedure] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [breachedOnly, setBreachedOnly] = useState(false);
  const [results, setResults] = useState<{ items: CaseSummary[]; offices: string[]; more: boolean }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.title = 'Tra cứu hồ sơ — Một cửa THADS';
  }, []);

  const open = (event: FormEvent) => {
    event.preventDefault();
    const id = caseId.trim().toUpperCase();
    if (!/^[A-Z][A-Z0-9]{1,15}-\d{4}-\d{6}$/.test(id)) return setError('Mã hồ sơ có dạng CƠQUAN-NĂM-SỐ, ví dụ HCMKV1-2026-000001.');
    navigate(`/ho-so/${encodeURIComponent(id)}`);
  };

  const search = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    if (to && !from) return setError('Chọn “Nhận từ ngày” khi có “Đến ngày”.');
    setBusy(true);
    try {
      const query = {
        limit: '200',
        ...(office ? { office } : {}),
        ...(status ? { status } : {}),
        ...(procedure ? { procedure } : {}),
        ...(from ? { receivedFrom: from } : {}),
        ...(to ? { receivedTo: to } : {}),
        ...(breachedOnly ? { breached: 'true' as const } : {}),
      };
      const data = await must(api.GET('/cases', { params: { query } }));
      setResults({ items: data.items, offices: data.offices, more: !!data.nextCursor });
    } catch (e) {
      setResults(undefined);
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>Tra cứu hồ sơ</h1>
      <form className="card form-row" onSubmit={open} aria-label="Mở hồ sơ theo mã">
        <Field label="Mã hồ sơ">
          {(id) => (
            <input id={id} value={caseId} onChange={(e) => setCaseId(e.target.value)} placeholder="HCMKV1-2026-000001" autoComplete="off" />
          )}
        </Field>
        <button type="submit">Mở hồ sơ</button>
      </form>
      <form className="card" onSubmit={search} aria-label="Tìm hồ sơ">
        <div className="grid">
          <Field label="Cơ quan">
            {(id) => (
              <select id={id} value={office} onChange={(e) => setOffice(e.target.value)}>
                <option value="">Tất cả cơ quan trong phạm vi</option>
                {reference?.offices.map((o) => (
                  <option key={o.code} value={o.code}>
                    {o.name} ({o.code})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Trạng thái">
            {(id) => (
              <select id={id} value={status} onChange={(e) => setStatus(e.target.value)}>
                <option value="">Mọi trạng thái</option>
                {Object.entries(STATUS_NAMES).map(([code, name]) => (
                  <option key={code} value={code}>
                    {name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Thủ tục">
            {(id) => (
              <select id={id} value={procedure} onChange={(e) => setProcedure(e.target.value)}>
                <option value="">Mọi thủ tục</option>
                {reference?.procedures.map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Nhận từ ngày">
            {(id) => (
              <input id={id} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
            )}
          </Field>
          <Field label="Đến ngày">
            {(id) => (
              <input id={id} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
            )}
          </Field>
          <label className="check">
            <input type="checkbox" checked={breachedOnly} onChange={(e) => setBreachedOnly(e.target.checked)} />
            Chỉ hồ sơ quá hạn
          </label>
        </div>
        <p className="muted">Không chọn ngày: chỉ tìm trong hồ sơ đang mở. Có ngày: tìm mọi hồ sơ nhận trong kỳ, kể cả đã kết thúc.</p>
        <button type="submit" disabled={busy}>
          Tìm
        </button>
      </form>
      <ErrorMessage message={error} />
      {results && (
        <section aria-label="Kết quả tìm kiếm">
          <p role="status">Tìm thấy {results.items.length} hồ sơ{results.more ? ' (còn nữa: thu hẹp điều kiện)' : ''}.</p>
          <CaseTable cases={results.items} caption="Kết quả tìm kiếm" showOffice />
        </section>
      )}
    </>
  );
}
