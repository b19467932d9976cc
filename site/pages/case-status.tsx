import type { DeskSite } from '../model';
import { PAGES } from '../paths';
import { Layout } from './layout';

/**
 * Where case status lookup is explained. The status page itself is private (a link with a token in the
 * acknowledgement e-mail, issue 11): this public page only says where to find that link.
 */
export function CaseStatusPage({ site }: { site: DeskSite }) {
  return (
    <Layout site={site} path={PAGES.caseStatus} title="Tra cứu hồ sơ">
      <h1>Tra cứu hồ sơ</h1>
      <p>
        Đường liên kết để xem tình trạng hồ sơ có trong thư xác nhận đã nhận yêu cầu mà cơ quan gửi cho Ông/Bà. Liên kết đó chỉ dùng cho hồ sơ của Ông/Bà; xin không chuyển cho người
        khác.
      </p>
      <p>Nếu không tìm thấy thư xác nhận, xin kiểm tra thư mục thư rác, hoặc trả lời vào bất kỳ thư nào của cơ quan về hồ sơ (giữ nguyên mã hồ sơ ở tiêu đề) hoặc gọi đường dây nóng của cơ quan.</p>
    </Layout>
  );
}
