import { useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import { must } from '../api/client';
import { useApp } from '../app-context';
import { CaseTable, ErrorMessage, Loading, Section } from '../components/common';
import { dateTime, stepName } from '../format';
import { useLoad } from '../use-load';
import { SatisfactionSection } from '../components/SatisfactionSection';

/**
 * The head's overview of an office, as the server counts it (GET /offices/{office}/dashboard,
 * shared/staff/dashboard.ts): at risk, late, the deadlines that passed undone in a month, load per
 * officer, and what needs attention. A head sees their office; an auditor picks one in their scope.
 */
export function DashboardPage() {
  const { api, identity, reference } = useApp();
  const [picked, setPicked] = useState<string | undefined>(undefined);
  // Unset until a month is picked: the server counts its own month (the API's clock, which the local stack can move).
  const [month, setMonth] = useState<string | undefined>(undefined);
  const office = identity.office ?? picked ?? reference?.offices[0]?.code;
  const officeId = useId();
  const monthId = useId();
  const figures = useLoad(
    () => (office ? must(api.GET('/offices/{office}/dashboard', { params: { path: { office }, query: month ? { month } : {} } })) : Promise.resolve(undefined)),
    [api, office, month],
  );
  useEffect(() => {
    document.title = 'Tổng quan — Một cửa THADS';
  }, []);
  const d = figures.data;
  return (
    <>
      <h1>Tổng quan{office ? ` — ${office}` : ''}</h1>
      <form className="card form-row" aria-label="Chọn cơ quan và tháng" onSubmit={(e) => e.preventDefault()}>
        {!identity.office && (
          <div className="field">
            <label htmlFor={officeId}>Cơ quan</label>
            <select id={officeId} value={office ?? ''} onChange={(e) => setPicked(e.target.value)}>
              {(reference?.offices ?? []).map((o) => (
                <option key={o.code} value={o.code}>
                  {o.name} ({o.code})
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={monthId}>Tháng tính số hồ sơ quá hạn</label>
          <input id={monthId} type="month" value={month ?? d?.month ?? ''} onChange={(e) => e.target.value && setMonth(e.target.value)} />
        </div>
      </form>
      <ErrorMessage message={figures.error} />
      {figures.loading && !d && <Loading what="tổng quan" />}
      {d && (
        <>
          <ul className="stats" aria-label="Số liệu chính">
            <li>
              <strong>{d.open}</strong> hồ sơ đang mở
            </li>
            <li className="level-warning">
              <strong>{d.atRisk.length}</strong> sắp đến hạn (đã qua mốc cảnh báo)
            </li>
            <li className="level-breached">
              <strong>{d.late.length}</strong> đang quá hạn
            </li>
            <li>
              <strong>{d.breachesInMonth.length}</strong> lần quá hạn trong tháng {d.month.slice(5)}/{d.month.slice(0, 4)}
            </li>
            <li>
              <strong>{d.attention.length}</strong> cần xử lý
            </li>
          </ul>
          <Section title="Hồ sơ sắp đến hạn" id="sap-den-han">
            <CaseTable cases={d.atRisk} caption="Hồ sơ sắp đến hạn" />
          </Section>
          <Section title="Hồ sơ quá hạn" id="qua-han">
            <CaseTable cases={d.late} caption="Hồ sơ quá hạn" />
          </Section>
          <Section title={`Quá hạn trong tháng ${d.month.slice(5)}/${d.month.slice(0, 4)}`} id="qua-han-trong-thang">
            <p className="muted">
              Mỗi dòng là một thời hạn đã qua mà bước chưa hoàn thành, tính theo giờ Việt Nam, kể cả hồ sơ đã kết thúc và hồ sơ nhận từ tháng trước (hồ sơ đã kết thúc được đọc từ tháng{' '}
              {d.closedCasesReceivedSince.slice(5)}/{d.closedCasesReceivedSince.slice(0, 4)}).
            </p>
            {d.breachesInMonth.length === 0 ? (
              <p className="muted">Không có thời hạn nào bị quá trong tháng.</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <caption className="visually-hidden">Quá hạn trong tháng</caption>
                  <thead>
                    <tr>
                      <th scope="col">Mã hồ sơ</th>
                      <th scope="col">Bước</th>
                      <th scope="col">Hạn</th>
                      <th scope="col">Tình trạng</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.breachesInMonth.map((b) => (
                      <tr key={`${b.caseId}-${b.step}`}>
                        <td>
                          <Link to={`/ho-so/${b.caseId}`}>{b.caseId}</Link>
                        </td>
                        <td>{stepName(b.step)}</td>
                        <td>{dateTime(b.dueAt)}</td>
                        <td>{b.closed ? 'Đã kết thúc' : 'Đang mở'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
      <SatisfactionSection />
          </Section>
          <Section title="Hồ sơ cần xử lý" id="can-xu-ly">
            <p className="muted">Quy trình đã dừng, thư của bên thứ ba, người gửi chưa xác minh, hoặc người yêu cầu xin dời lịch quá số lần cho phép.</p>
            <CaseTable cases={d.attention} caption="Hồ sơ cần xử lý" />
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
                  {d.load.map((row) => (
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
        </>
      )}
      <SatisfactionSection />
    </>
  );
}
