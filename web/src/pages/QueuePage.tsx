import { useEffect } from 'react';
import { must } from '../api/client';
import { useApp } from '../app-context';
import { CaseTable, ErrorMessage, Loading } from '../components/common';
import { useLoad } from '../use-load';

/** The work queue: the open cases of the office, soonest deadline first (the API's order). */
export function QueuePage() {
  const { api } = useApp();
  const { data, error, loading, reload } = useLoad(() => must(api.GET('/cases', { params: { query: { limit: '200' } } })), [api]);
  useEffect(() => {
    document.title = 'Hàng đợi công việc — Một cửa THADS';
  }, []);
  const warning = data?.items.filter((c) => c.timeLeft?.level === 'warning').length ?? 0;
  const breached = data?.items.filter((c) => c.timeLeft?.level === 'breached').length ?? 0;
  return (
    <>
      <h1>Hàng đợi công việc</h1>
      <p className="muted">Hồ sơ đang mở, hạn gần nhất trước. Thời gian còn lại tính theo giờ làm việc của cơ quan.</p>
      <button type="button" onClick={reload}>
        Tải lại
      </button>
      <ErrorMessage message={error} />
      {loading && !data ? (
        <Loading what="hàng đợi" />
      ) : data ? (
        <>
          <p role="status">
            {data.items.length} hồ sơ đang mở; {warning} sắp đến hạn; {breached} quá hạn.
          </p>
          <CaseTable cases={data.items} caption="Hàng đợi công việc" showOffice={data.offices.length > 1} />
          {data.nextCursor && <p className="muted">Còn hồ sơ khác: thu hẹp bằng trang Tra cứu hồ sơ.</p>}
        </>
      ) : null}
    </>
  );
}
