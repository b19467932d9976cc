import { useEffect } from 'react';
import { must } from '../api/client';
import { useApp } from '../app-context';
import { CaseTable, ErrorMessage, Loading, Section } from '../components/common';
import { vietnamToday } from '../format';
import { useLoad } from '../use-load';
import { loadPerOfficer } from '../dashboard';
import { SatisfactionSection } from '../components/SatisfactionSection';

/** The head's overview of their office: at risk, late, load per officer, and what needs their attention. */
export function DashboardPage() {
  const { api } = useApp();
  const monthStart = `${vietnamToday().slice(0, 7)}-01`;
  const queue = useLoad(() => must(api.GET('/cases', { params: { query: { limit: '200' } } })), [api]);
  const breachedThisMonth = useLoad(() => must(api.GET('/cases', { params: { query: { receivedFrom: monthStart, breached: 'true', limit: '200' } } })), [api, monthStart]);
  useEffect(() => {
    document.title = 'Tổng quan — Một cửa THADS';
  }, []);
  if (queue.loading && !queue.data) return <Loading what="tổng quan" />;
  const open = queue.data?.items ?? [];
  const atRisk = open.filter((c) => c.timeLeft?.level === 'warning');
  const late = open.filter((c) => c.timeLeft?.level === 'breached' || c.breached);
  const attention = open.filter((c) => c.needsAttention || (c.attentionItems ?? 0) > 0 || c.senderHeld);
  const load = loadPerOfficer(open);
  return (
    <>
      <h1>Tổng quan</h1>
      <ErrorMessage message={queue.error ?? breachedThisMonth.error} />
      <ul className="stats" aria-label="Số liệu chính">
        <li>
          <strong>{open.length}</strong> hồ sơ đang mở
        </li>
        <li className="level-warning">
          <strong>{atRisk.length}</strong> sắp đến hạn (đã qua mốc cảnh báo)
        </li>
        <li className="level-breached">
          <strong>{late.length}</strong> đang quá hạn
        </li>
        <li>
          <strong>{breachedThisMonth.data?.items.length ?? '…'}</strong> hồ sơ nhận trong tháng này đã quá hạn
        </li>
        <li>
          <strong>{attention.length}</strong> cần xử lý
        </li>
      </ul>
      <Section title="Hồ sơ sắp đến hạn" id="sap-den-han">
        <CaseTable cases={atRisk} caption="Hồ sơ sắp đến hạn" />
      </Section>
      <Section title="Hồ sơ quá hạn" id="qua-han">
        <CaseTable cases={late} caption="Hồ sơ quá hạn" />
      </Section>
      <Section title="Hồ sơ cần xử lý" id="can-xu-ly">
        <p className="muted">Quy trình đã dừng, thư của bên thứ ba, người gửi chưa xác minh, hoặc người yêu cầu xin dời lịch quá số lần cho phép.</p>
        <CaseTable cases={attention} caption="Hồ sơ cần xử lý" />
      </Section>
      <Section title="Khối lượng theo cán bộ" id="khoi-luong">
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Khối lượng theo cán bộ</caption>
            <thead>
              <tr>
                <th scope="col">Cán bộ</th>
                <th scope="col">Đang xử lý</th>
                <th scope="col">Sắp đến hạn</th>
                <th scope="col">Quá hạn</th>
              </tr>
            </thead>
            <tbody>
              {load.map((row) => (
                <tr key={row.officer}>
                  <td>{row.officer}</td>
                  <td>{row.open}</td>
                  <td>{row.warning}</td>
                  <td>{row.breached}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
      <SatisfactionSection />
    </>
  );
}
