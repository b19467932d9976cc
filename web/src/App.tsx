import { useEffect, useMemo, useState } from 'react';
import { BrowserRouter, Navigate, NavLink, Route, Routes, useNavigate } from 'react-router';
import { createApiClient, must, type ConsoleReference } from './api/client';
import { hasRole, identityOf, type Identity } from './auth/claims';
import { sessionFor, type Session } from './auth/session';
import type { ConsoleConfig } from './config';
import { Ctx, type AppContext } from './app-context';
import { ErrorMessage } from './components/common';
import { describeError } from './api/errors';
import { QueuePage } from './pages/QueuePage';
import { SearchPage } from './pages/SearchPage';
import { CasePage } from './pages/CasePage';
import { DashboardPage } from './pages/DashboardPage';
import { VerifyPage } from './pages/VerifyPage';
import { ReportsPage } from './pages/ReportsPage';
import { AppointmentsPage } from './pages/AppointmentsPage';
import { RegisterPage } from './pages/RegisterPage';
import { useFocusHeadingOnNavigation } from './focus-on-navigation';

const MAIN_ID = 'noi-dung';

/** The redirect page of Cognito's hosted login (authorization code + PKCE). */
export const SIGN_IN_CALLBACK = '/dang-nhap/xong';

const ROLE_NAMES: Record<string, string> = { officer: 'Cán bộ một cửa', head: 'Thủ trưởng cơ quan', auditor: 'Kiểm tra viên', admin: 'Quản trị' };

function describeIdentity(identity: Identity): string {
  const roles = identity.roles.map((r) => ROLE_NAMES[r] ?? r).join(', ') || 'Không có vai trò';
  const where = identity.office ?? (identity.scope === 'all' ? 'toàn quốc' : identity.scope?.replace('office:', '').replace('province:', 'tỉnh '));
  return `${identity.name ?? identity.email ?? identity.sub} — ${roles}${where ? ` (${where})` : ''}`;
}

export function App({ config }: { config: ConsoleConfig }) {
  const session = useMemo(() => sessionFor(config.auth), [config]);
  return (
    <BrowserRouter>
      <Routes>
        <Route path={SIGN_IN_CALLBACK} element={<SignInCallback session={session} />} />
        <Route path="*" element={<SignedIn config={config} session={session} />} />
      </Routes>
    </BrowserRouter>
  );
}

function SignInCallback({ session }: { session: Session }) {
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  useEffect(() => {
    session.completeSignIn().then(
      (to) => navigate(to, { replace: true }),
      (e: Error) => setError(`Đăng nhập không thành công: ${e.message}`),
    );
  }, [session, navigate]);
  return <main className="page">{error ? <ErrorMessage message={error} /> : <p role="status">Đang hoàn tất đăng nhập…</p>}</main>;
}

function SignedIn({ config, session }: { config: ConsoleConfig; session: Session }) {
  const [token, setToken] = useState<string | null>();
  const [reference, setReference] = useState<ConsoleReference>();
  const [referenceError, setReferenceError] = useState<string>();
  useEffect(() => {
    session.token().then((t) => {
      if (t) setToken(t);
      else {
        setToken(null);
        void session.signIn();
      }
    });
  }, [session]);
  const identity = useMemo(() => (token ? identityOf(token) : undefined), [token]);
  useFocusHeadingOnNavigation(MAIN_ID);
  const api = useMemo(() => createApiClient(config.apiBase, () => session.token()), [config, session]);
  useEffect(() => {
    if (!identity) return;
    must(api.GET('/reference')).then(setReference, (e: unknown) => setReferenceError(describeError(e)));
  }, [api, identity]);

  if (token === undefined) return <p role="status">Đang kiểm tra đăng nhập…</p>;
  if (!token || !identity) return <p role="status">Đang chuyển tới trang đăng nhập…</p>;
  const context: AppContext = { config, session, api, identity, reference };
  const works = hasRole(identity, 'officer', 'head');
  const head = hasRole(identity, 'head');
  const audits = hasRole(identity, 'auditor');
  return (
    <Ctx.Provider value={context}>
      <a className="skip-link" href={`#${MAIN_ID}`}>
        Bỏ qua tới nội dung chính
      </a>
      <header className="top">
        <div className="brand">Một cửa THADS</div>
        <nav aria-label="Chức năng chính">
          <ul>
            {works && (
              <li>
                <NavLink to="/" end>
                  Hàng đợi công việc
                </NavLink>
              </li>
            )}
            <li>
              <NavLink to="/tra-cuu">Tra cứu hồ sơ</NavLink>
            </li>
            {works && (
              <li>
                <NavLink to="/tiep-nhan">Tiếp nhận hồ sơ</NavLink>
              </li>
            )}
            {works && (
              <li>
                <NavLink to="/lich-hen">Lịch hẹn</NavLink>
              </li>
            )}
            {head && (
              <li>
                <NavLink to="/tong-quan">Tổng quan</NavLink>
              </li>
            )}
            <li>
              <NavLink to="/kiem-tra">Kiểm tra tính toàn vẹn</NavLink>
            </li>
            {(head || audits) && (
              <li>
                <NavLink to="/bao-cao">Báo cáo và trích xuất</NavLink>
              </li>
            )}
          </ul>
        </nav>
        <div className="who">
          <span>{describeIdentity(identity)}</span>
          <button type="button" className="link-button" onClick={() => void session.signOut()}>
            Đăng xuất
          </button>
        </div>
      </header>
      <main id={MAIN_ID} className="page" tabIndex={-1}>
        <ErrorMessage message={referenceError} />
        <Routes>
          <Route path="/" element={works ? <QueuePage /> : <Navigate to="/tra-cuu" replace />} />
          <Route path="/tra-cuu" element={<SearchPage />} />
          <Route path="/ho-so/:caseId" element={<CasePage />} />
          <Route path="/tong-quan" element={<DashboardPage />} />
          <Route path="/lich-hen" element={<AppointmentsPage />} />
          <Route path="/tiep-nhan" element={works ? <RegisterPage /> : <Navigate to="/tra-cuu" replace />} />
          <Route path="/kiem-tra" element={<VerifyPage />} />
          <Route path="/bao-cao" element={<ReportsPage />} />
          <Route path="*" element={<p>Không có trang này.</p>} />
        </Routes>
      </main>
    </Ctx.Provider>
  );
}
