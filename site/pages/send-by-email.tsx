import { procedureByCode } from '../../shared/procedures/catalog';
import { requestChecklist, requestMailto, requestSubject } from '../mailto';
import type { DeskSite } from '../model';
import { formFile, linkFrom, PAGES } from '../paths';
import { Layout } from './layout';

/** The process of seed 003 as a citizen goes through it, with the desk's reply time from the catalog. */
export function SendingSteps({ site, path }: { site: DeskSite; path: string }) {
  const fallback = procedureByCode(site.catalog, site.catalog.fallbackProcedure)!;
  return (
    <ol>
      <li>
        Chọn <a href={linkFrom(path, PAGES.offices)}>cơ quan</a> có thẩm quyền và <a href={linkFrom(path, PAGES.procedures)}>thủ tục</a>.
      </li>
      <li>Viết đơn có đủ các nội dung của thủ tục, ký hoặc điểm chỉ; chụp ảnh rõ nét hoặc quét đơn, bản án, quyết định và giấy tờ liên quan.</li>
      <li>Gửi thư đến hộp thư của cơ quan, tiêu đề ghi tên thủ tục, đính kèm các tệp. Cơ quan gửi ngay thư xác nhận đã nhận, có mã hồ sơ.</li>
      <li>Trong {fallback.reviewWorkingDays} ngày làm việc, Bộ phận một cửa trả lời: hướng dẫn bổ sung, hoặc xác nhận tiếp nhận và hẹn ngày đến cơ quan.</li>
      <li>Đến cơ quan một lần theo lịch hẹn, mang theo bản chính giấy tờ; nhận kết quả tại cơ quan hoặc đăng ký nhận qua bưu chính.</li>
    </ol>
  );
}

export function SendByEmailPage({ site }: { site: DeskSite }) {
  const path = PAGES.sendByEmail;
  return (
    <Layout site={site} path={path} title="Gửi yêu cầu qua thư điện tử">
      <h1>Gửi yêu cầu qua thư điện tử</h1>
      <SendingSteps site={site} path={path} />
      <h2>Lưu ý</h2>
      <ul>
        <li>Gửi từ địa chỉ thư điện tử mà Ông/Bà muốn nhận trả lời; mọi thư của cơ quan gửi về địa chỉ đó.</li>
        <li>Khi trả lời hoặc bổ sung, xin trả lời ngay trên thư của cơ quan và giữ nguyên mã hồ sơ trong ngoặc vuông ở tiêu đề, ví dụ [HCMKV1-2026-000001].</li>
        <li>Mỗi thư gửi một yêu cầu. Ảnh chụp bằng điện thoại được chấp nhận nếu đọc rõ.</li>
      </ul>

      <h2>Thư soạn sẵn cho từng thủ tục</h2>
      <p>Mỗi liên kết mở chương trình thư điện tử của Ông/Bà với địa chỉ, tiêu đề và danh mục cần kiểm tra đã điền sẵn; Ông/Bà đính kèm tệp rồi gửi.</p>
      {site.catalog.procedures.map((procedure) => (
        <section key={procedure.code} aria-labelledby={`tt-${procedure.code}`}>
          <h3 id={`tt-${procedure.code}`}>{procedure.name}</h3>
          <p>
            Tiêu đề thư: <strong>{requestSubject(procedure)}</strong>. <a href={linkFrom(path, formFile(procedure.code))}>Mẫu đơn (PDF)</a>
          </p>
          <details>
            <summary>Danh mục đơn cần có</summary>
            <ul>
              {requestChecklist(procedure).map((label) => (
                <li key={label}>{label}</li>
              ))}
            </ul>
          </details>
          <ul>
            {site.directory.offices.map((office) => (
              <li key={office.code}>
                <a href={requestMailto(office, procedure)}>Gửi đến {office.name}</a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}
