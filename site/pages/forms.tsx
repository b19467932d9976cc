import type { DeskSite } from '../model';
import { formFile, linkFrom, PAGES, procedurePage } from '../paths';
import { formTitle } from '../request-form';
import { Layout } from './layout';

export function FormsPage({ site }: { site: DeskSite }) {
  const path = PAGES.forms;
  return (
    <Layout site={site} path={path} title="Biểu mẫu">
      <h1>Biểu mẫu</h1>
      <p>
        Mẫu đơn tham khảo cho từng thủ tục, lập từ các nội dung đơn phải có (đang rà soát, chưa đối chiếu với biểu mẫu chính thức). Ông/Bà in, điền, ký hoặc điểm chỉ, rồi chụp ảnh
        hoặc quét để gửi kèm thư; cũng có thể tự viết đơn có đủ các nội dung đó.
      </p>
      <ul>
        {site.catalog.procedures.map((procedure) => (
          <li key={procedure.code}>
            <a href={linkFrom(path, formFile(procedure.code))} type="application/pdf">
              {formTitle(procedure)} (PDF)
            </a>{' '}
            - <a href={linkFrom(path, procedurePage(procedure.code))}>{procedure.name}</a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
