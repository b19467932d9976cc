import { formatAuditScope, parseAuditScope, type Role } from '../../shared/auth/principal';
import type { OfficeDirectory } from '../../shared/offices/directory';
import type { LocalTokenRequest } from '../auth/local-keys';

/**
 * The local login page: pick a development identity and get a token signed with the local key
 * (what `motcua token` does), kept in the browser's session storage under CONSOLE_TOKEN_KEY. It
 * exists only in the local stack; on AWS the console signs in with Cognito's hosted login.
 */
export const CONSOLE_TOKEN_KEY = 'motcua.localToken';

const ROLE_LABELS: Array<[Role, string]> = [
  ['officer', 'Cán bộ một cửa'],
  ['head', 'Thủ trưởng cơ quan'],
  ['auditor', 'Kiểm tra viên'],
];

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function loginPage(directory: OfficeDirectory, error?: string): string {
  const offices = directory.offices.map((o) => `<option value="${escapeHtml(o.code)}">${escapeHtml(o.name)} (${escapeHtml(o.code)})</option>`).join('');
  const provinces = [...new Set(directory.offices.filter((o) => o.level === 'province').map((o) => o.code))];
  const scopes = [
    `<option value="all">Toàn quốc</option>`,
    ...provinces.map((code) => `<option value="province:${escapeHtml(code)}">Cả tỉnh/thành phố của ${escapeHtml(code)}</option>`),
    ...directory.offices.map((o) => `<option value="office:${escapeHtml(o.code)}">Riêng ${escapeHtml(o.name)}</option>`),
  ].join('');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Đăng nhập thử nghiệm — Một cửa THADS</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
label{display:block;margin-top:1rem;font-weight:600}select,input{width:100%;padding:.5rem;font:inherit;margin-top:.25rem;box-sizing:border-box}
button{margin-top:1.5rem;padding:.6rem 1.2rem;font:inherit;background:#0b4f8a;color:#fff;border:0;border-radius:4px;cursor:pointer}
.error{background:#fde2e1;color:#8a1111;padding:.75rem;border-radius:4px}.note{color:#555;font-size:.9rem}</style></head>
<body><main>
<h1>Đăng nhập thử nghiệm</h1>
<p class="note">Trang này chỉ có khi chạy trên máy (<code>npm start</code>): chọn một danh tính để thử giao diện cán bộ. Trên AWS, cán bộ đăng nhập qua Cognito.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/_local/login">
<label for="role">Vai trò</label>
<select id="role" name="role">${ROLE_LABELS.map(([value, label]) => `<option value="${value}">${label}</option>`).join('')}</select>
<label for="office">Cơ quan (cán bộ, thủ trưởng)</label>
<select id="office" name="office">${offices}</select>
<label for="scope">Phạm vi kiểm tra (kiểm tra viên)</label>
<select id="scope" name="scope">${scopes}</select>
<label for="name">Họ và tên (không bắt buộc)</label>
<input id="name" name="name" autocomplete="name">
<label for="email">Thư điện tử (không bắt buộc)</label>
<input id="email" name="email" type="email" autocomplete="email">
<button type="submit">Đăng nhập</button>
</form></main></body></html>`;
}

/** Keeps the token for the console and opens it. */
export function signedInPage(token: string, request: LocalTokenRequest): string {
  const who = request.office ?? (request.scope ? formatAuditScope(request.scope) : '');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Đã đăng nhập</title></head>
<body><p>Đã đăng nhập (${escapeHtml(request.role)} ${escapeHtml(who)}). Đang mở giao diện cán bộ…</p>
<script>sessionStorage.setItem(${JSON.stringify(CONSOLE_TOKEN_KEY)}, ${JSON.stringify(token).replace(/</g, '\\u003c')}); location.replace('/');</script>
<noscript><p>Cần bật JavaScript.</p></noscript></body></html>`;
}

/** The identity the form asks for, or what is wrong with it. */
export function parseLoginForm(body: string, directory: OfficeDirectory): { request: LocalTokenRequest } | { error: string } {
  const form = new URLSearchParams(body);
  const role = form.get('role') ?? '';
  if (!ROLE_LABELS.some(([r]) => r === role)) return { error: `Vai trò "${role}" không có: chọn cán bộ một cửa, thủ trưởng hoặc kiểm tra viên.` };
  const name = form.get('name')?.trim() || undefined;
  const email = form.get('email')?.trim() || undefined;
  if (role === 'auditor') {
    const scope = parseAuditScope(form.get('scope') ?? '');
    if (!scope) return { error: 'Phạm vi kiểm tra không hợp lệ.' };
    return { request: { role: 'auditor', scope, ...(name ? { name } : {}), ...(email ? { email } : {}) } };
  }
  const office = form.get('office') ?? '';
  if (!directory.offices.some((o) => o.code === office)) return { error: `Cơ quan "${office}" không có trong danh bạ.` };
  return { request: { role: role as Role, office, ...(name ? { name } : {}), ...(email ? { email } : {}) } };
}
