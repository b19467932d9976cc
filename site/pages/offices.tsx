import type { Office } from '../../shared/offices/directory';
import { requestMailto } from '../mailto';
import { hoursOf, publishedDays, superiorName, type DeskSite } from '../model';
import { linkFrom, officePage, PAGES, procedurePage } from '../paths';
import { dayMonthYear, sessionLines, vietnameseReason, WORKING_WEEK } from '../wording';
import { Layout, UnderReview } from './layout';

/** "028 3822 0101" → tel:02838220101 */
export const telHref = (phone: string) => `tel:${phone.replace(/[ .]/g, '')}`;

export const levelName = (office: Office) => (office.level === 'province' ? 'Cơ quan thi hành án dân sự cấp tỉnh' : 'Phòng thi hành án dân sự khu vực');

/** The reception hours of an office: the working week and its sessions. */
export function ReceptionHours({ site, office }: { site: DeskSite; office: Office }) {
  return (
    <>
      <p>{WORKING_WEEK}:</p>
      <ul>
        {sessionLines(hoursOf(site, office)).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </>
  );
}

export function OfficesPage({ site }: { site: DeskSite }) {
  const path = PAGES.offices;
  return (
    <Layout site={site} path={path} title="Cơ quan và giờ tiếp nhận">
      <h1>Cơ quan và giờ tiếp nhận</h1>
      <p>Mỗi cơ quan có hộp thư điện tử riêng để nhận yêu cầu. Xin gửi yêu cầu đến cơ quan có thẩm quyền thi hành bản án, quyết định của Ông/Bà.</p>
      <ul className="cards">
        {site.directory.offices.map((office) => (
          <li key={office.code}>
            <h2>
              <a href={linkFrom(path, officePage(office.code))}>{office.name}</a>
            </h2>
            <p>{office.address}</p>
            <p>
              Hộp thư: <a href={`mailto:${office.email}`}>{office.email}</a>
            </p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function OfficePage({ site, office }: { site: DeskSite; office: Office }) {
  const path = officePage(office.code);
  const superior = superiorName(site, office);
  const { years, days } = publishedDays(site, office);
  return (
    <Layout site={site} path={path} title={office.name}>
      <h1>{office.name}</h1>
      <p>{levelName(office)}</p>
      <dl className="facts">
        <dt>Địa chỉ</dt>
        <dd>{office.address}</dd>
        <dt>Hộp thư nhận yêu cầu</dt>
        <dd>
          <a href={`mailto:${office.email}`}>{office.email}</a>
        </dd>
        {office.phone && (
          <>
            <dt>Điện thoại</dt>
            <dd>
              <a href={telHref(office.phone)}>{office.phone}</a>
            </dd>
          </>
        )}
        {office.hotline && (
          <>
            <dt>Đường dây nóng</dt>
            <dd>
              <a href={telHref(office.hotline)}>{office.hotline}</a>
            </dd>
          </>
        )}
        <dt>Cơ quan cấp trên</dt>
        <dd>{superior ? superior.office ? <a href={linkFrom(path, officePage(superior.office.code))}>{superior.name}</a> : superior.name : 'Chưa công bố'}</dd>
      </dl>

      <h2>Giờ tiếp nhận</h2>
      <ReceptionHours site={site} office={office} />
      <p>Thư điện tử được nhận mọi lúc; thư đến ngoài giờ làm việc được xử lý từ đầu giờ làm việc tiếp theo.</p>

      <h2>Công chức đầu mối</h2>
      {office.contactOfficers?.length ? (
        <ul>
          {office.contactOfficers.map((officer) => (
            <li key={officer.name}>
              <strong>{officer.name}</strong>
              {officer.demo && <span className="demo"> (tên minh họa)</span>}, {officer.role}
              {(officer.phone ?? office.phone) && (
                <>
                  , điện thoại <a href={telHref((officer.phone ?? office.phone)!)}>{officer.phone ?? office.phone}</a>
                </>
              )}
              {officer.email && (
                <>
                  , thư điện tử <a href={`mailto:${officer.email}`}>{officer.email}</a>
                </>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>Chưa công bố.</p>
      )}
      <p>Yêu cầu xin gửi đến hộp thư của cơ quan ({office.email}) để được vào sổ theo dõi và tính thời hạn.</p>

      <h2>Gửi yêu cầu đến cơ quan này</h2>
      <ul>
        {site.catalog.procedures.map((procedure) => (
          <li key={procedure.code}>
            <a href={requestMailto(office, procedure)}>Soạn thư: {procedure.name}</a> (<a href={linkFrom(path, procedurePage(procedure.code))}>xem thủ tục</a>)
          </li>
        ))}
      </ul>

      <h2>Ngày nghỉ lễ, Tết và ngày làm bù{years.length > 0 ? ` năm ${years.join(', ')}` : ''}</h2>
      {days.length > 0 ? (
        <table>
          <caption>Cơ quan không tiếp nhận trực tiếp vào ngày nghỉ; thời hạn giải quyết không tính những ngày này.</caption>
          <thead>
            <tr>
              <th scope="col">Ngày</th>
              <th scope="col">Nghỉ hay làm việc</th>
              <th scope="col">Lý do</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={`${d.from}-${d.kind}`}>
                <td>{d.through ? `${dayMonthYear(d.from)} - ${dayMonthYear(d.through)}` : dayMonthYear(d.from)}</td>
                <td>{d.kind === 'off' ? 'Nghỉ' : 'Làm việc'}</td>
                <td>
                  {vietnameseReason(d.reason)}
                  {d.demo && <span className="demo"> (dữ liệu minh họa)</span>}
                  <UnderReview when={d.verify} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>Lịch nghỉ của năm nay chưa được cập nhật.</p>
      )}
    </Layout>
  );
}
