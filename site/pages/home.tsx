import { type DeskSite } from '../model';
import { linkFrom, officePage, PAGES, procedurePage } from '../paths';
import { ReceptionHours } from './offices';
import { Layout } from './layout';
import { SendingSteps } from './send-by-email';

export function HomePage({ site }: { site: DeskSite }) {
  const path = PAGES.home;
  const to = (page: string) => linkFrom(path, page);
  const { directory } = site;
  const withOwnHours = directory.offices.filter((o) => o.officeHours);
  return (
    <Layout site={site} path={path} title="Bộ phận một cửa">
      <h1>Gửi yêu cầu thi hành án qua thư điện tử</h1>
      <p>
        Ông/Bà có thể gửi đơn yêu cầu và bản án, quyết định qua thư điện tử đến hộp thư của cơ quan thi hành án dân sự, nhận hướng dẫn và lịch hẹn qua thư, và chỉ phải đến cơ quan
        một lần để nộp bản chính và nhận kết quả.
      </p>

      <h2>Cách gửi yêu cầu</h2>
      <SendingSteps site={site} path={path} />
      <p>
        <a href={to(PAGES.sendByEmail)}>Hướng dẫn chi tiết và thư soạn sẵn cho từng thủ tục</a>
      </p>

      <h2>Giờ tiếp nhận</h2>
      <ReceptionHours site={site} office={{ ...directory.offices[0]!, officeHours: directory.defaultOfficeHours }} />
      {withOwnHours.length > 0 && <p>Giờ riêng của {withOwnHours.map((o) => o.name).join(', ')}: xem trang của cơ quan.</p>}

      <h2>Cơ quan</h2>
      <ul>
        {directory.offices.map((office) => (
          <li key={office.code}>
            <a href={to(officePage(office.code))}>{office.name}</a>: <a href={`mailto:${office.email}`}>{office.email}</a>
          </li>
        ))}
      </ul>

      <h2>Thủ tục</h2>
      <ul>
        {site.catalog.procedures.map((procedure) => (
          <li key={procedure.code}>
            <a href={to(procedurePage(procedure.code))}>{procedure.name}</a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
