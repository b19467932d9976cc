import type { ReactNode } from 'react';
import { linkFrom, PAGES } from '../paths';
import type { DeskSite } from '../model';

const NAV: Array<{ page: string; label: string }> = [
  { page: PAGES.home, label: 'Trang chủ' },
  { page: PAGES.offices, label: 'Cơ quan, giờ tiếp nhận' },
  { page: PAGES.procedures, label: 'Thủ tục' },
  { page: PAGES.sendByEmail, label: 'Gửi yêu cầu qua thư điện tử' },
  { page: PAGES.forms, label: 'Biểu mẫu' },
  { page: PAGES.faq, label: 'Hỏi đáp' },
  { page: PAGES.caseStatus, label: 'Tra cứu hồ sơ' },
];

/** A mark for what is not yet confirmed against the official text (the data's `verify`). */
export function UnderReview({ when }: { when: boolean }) {
  return when ? <span className="verify"> (đang rà soát)</span> : null;
}

/**
 * Every page: the agency, the navigation, the main content and a footer saying where the data comes
 * from. No script, one small stylesheet, landmarks (header, nav, main, footer) and a skip link.
 */
export function Layout({ site, path, title, children }: { site: DeskSite; path: string; title: string; children: ReactNode }) {
  const to = (page: string) => linkFrom(path, page);
  return (
    <html lang="vi">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} - ${site.directory.agency.name}`}</title>
        <meta name="description" content={`Bộ phận một cửa ${site.directory.agency.name}: gửi yêu cầu thi hành án qua thư điện tử, địa chỉ, giờ tiếp nhận, thủ tục, biểu mẫu.`} />
        <link rel="stylesheet" href={to(PAGES.stylesheet)} />
      </head>
      <body>
        <a className="skip" href="#noi-dung">
          Bỏ qua, đến nội dung chính
        </a>
        <header>
          <p className="agency">
            <a href={to(PAGES.home)}>{site.directory.agency.name}</a>
          </p>
          <p className="tagline">Bộ phận một cửa: tiếp nhận yêu cầu qua thư điện tử</p>
          <nav aria-label="Mục chính">
            <ul>
              {NAV.map((item) => (
                <li key={item.page}>
                  <a href={to(item.page)} aria-current={item.page === path ? 'page' : undefined}>
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="noi-dung">{children}</main>
        <footer>
          <p>
            Thông tin trên trang được lập từ dữ liệu cấu hình của cơ quan (danh mục thủ tục {site.catalog.version}, căn cứ pháp lý {site.legalBasis.version}), cập nhật ngày{' '}
            {site.generatedOn}. Nội dung ghi “đang rà soát” chưa được đối chiếu với văn bản chính thức.
          </p>
        </footer>
      </body>
    </html>
  );
}
