import type { Procedure } from '../../shared/procedures/catalog';
import { requestChecklist, requestMailto, requestSubject } from '../mailto';
import { publishedLimits, type DeskSite } from '../model';
import { formFile, linkFrom, officePage, PAGES, procedurePage } from '../paths';
import { clock, countingText, dayMonthYear, limitLabel } from '../wording';
import { Layout, UnderReview } from './layout';

export function ProceduresPage({ site }: { site: DeskSite }) {
  const path = PAGES.procedures;
  return (
    <Layout site={site} path={path} title="Thủ tục">
      <h1>Thủ tục</h1>
      <p>Các thủ tục tiếp nhận qua thư điện tử và tại Bộ phận một cửa. Mỗi thủ tục nêu đơn cần có, thời hạn, phí, kết quả và căn cứ pháp lý.</p>
      <ul className="cards">
        {site.catalog.procedures.map((procedure) => (
          <li key={procedure.code}>
            <h2>
              <a href={linkFrom(path, procedurePage(procedure.code))}>{procedure.name}</a>
            </h2>
            <p>Kết quả: {procedure.result.name}.</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function ProcedurePage({ site, procedure }: { site: DeskSite; procedure: Procedure }) {
  const path = procedurePage(procedure.code);
  const limits = publishedLimits(site, procedure);
  return (
    <Layout site={site} path={path} title={procedure.name}>
      <h1>{procedure.name}</h1>
      {procedure.flow === 'guidance' && <p>Qua thư điện tử, cơ quan hướng dẫn Ông/Bà thực hiện thủ tục này.</p>}

      <h2>Kết quả</h2>
      <p>
        <strong>{procedure.result.name}.</strong> {procedure.result.explanation}
      </p>

      <h2>Đơn cần có</h2>
      <ul>
        {requestChecklist(procedure).map((label, i) => (
          <li key={label}>
            {label}
            <UnderReview when={procedure.requiredItems[i]!.verify} />
          </li>
        ))}
      </ul>
      <p>
        Mẫu đơn tham khảo: <a href={linkFrom(path, formFile(procedure.code))}>tải mẫu đơn (PDF)</a>.
      </p>
      {procedure.flow !== 'guidance' && (
        <>
          <h3>Khi đến cơ quan theo lịch hẹn, xin mang theo</h3>
          <ul>
            {procedure.bringToAppointment.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </>
      )}

      <h2>Gửi qua thư điện tử</h2>
      <p>
        Tiêu đề thư: <strong>{requestSubject(procedure)}</strong>. Chọn cơ quan để mở thư đã điền sẵn tiêu đề và danh mục cần kiểm tra:
      </p>
      <ul>
        {site.directory.offices.map((office) => (
          <li key={office.code}>
            <a href={requestMailto(office, procedure)}>Gửi đến {office.name}</a> ({office.email}; <a href={linkFrom(path, officePage(office.code))}>địa chỉ, giờ tiếp nhận</a>)
          </li>
        ))}
      </ul>

      <h2>Thời hạn</h2>
      <table>
        <caption>Thời hạn tính theo ngày làm việc của cơ quan (không tính thứ Bảy, Chủ nhật, ngày nghỉ lễ, Tết).</caption>
        <thead>
          <tr>
            <th scope="col">Việc</th>
            <th scope="col">Thời hạn</th>
            <th scope="col">Cách tính</th>
            <th scope="col">Căn cứ</th>
          </tr>
        </thead>
        <tbody>
          {limits.map((limit) => (
            <tr key={limit.field}>
              <th scope="row">{limitLabel(limit.field, procedure)}</th>
              <td>
                {limit.value} {limit.unit}
                <UnderReview when={limit.verify} />
              </td>
              <td>{countingText(limit.counting)}</td>
              <td>
                {limit.citation ? (
                  <>
                    {limit.citation.text}
                    <UnderReview when={limit.citation.verify} />
                  </>
                ) : limit.agencySetting ? (
                  'Do cơ quan quy định (không phải thời hạn luật định)'
                ) : (
                  'Xem căn cứ pháp lý bên dưới'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>Thư nhận được sau {clock(procedure.afterCutoff)} được chuyển xử lý vào sáng ngày làm việc tiếp theo<UnderReview when={procedure.afterCutoffSetting.verify} />.</p>

      <h2>Phí, lệ phí</h2>
      {procedure.fee ? (
        <p>
          {procedure.fee.text} <span className="source">Căn cứ: {procedure.fee.source}</span>
          <UnderReview when={procedure.fee.verify} />
        </p>
      ) : (
        <p>Cơ quan chưa công bố thông tin về phí, lệ phí của thủ tục này.</p>
      )}

      <h2>Căn cứ pháp lý</h2>
      <p>
        Yêu cầu nhận từ ngày {dayMonthYear(site.law.inForceFrom)} áp dụng {site.law.title}
        {site.previousLaw && (
          <>
            ; yêu cầu nhận trước ngày đó áp dụng {site.previousLaw.title}
          </>
        )}
        . Cơ quan đang rà soát các điều tương ứng của luật mới.
      </p>
      <ul>
        {procedure.legalBasis.map((c) => (
          <li key={c.citation}>
            {c.citation}
            <UnderReview when={c.verify} />
          </li>
        ))}
      </ul>
    </Layout>
  );
}
