import type { components } from '../api/schema';

/**
 * What the citizen's pages share: the token from the link's fragment (after #, which the browser never
 * sends to a server, so it stays out of access logs) and the API under /api on the same origin, called
 * with the token in a header. No staff console code and no login library is loaded here.
 */
export type CitizenCaseStatus = components['schemas']['CitizenCaseStatus'];
export type SurveyInvitation = components['schemas']['SurveyInvitation'];

const API_BASE = '/api';
const TOKEN_HEADER = 'X-Motcua-Access';

export const tokenFromLink = (): string => decodeURIComponent(window.location.hash.replace(/^#/, '')).trim();

export type Answer<T> = { ok: true; data: T } | { ok: false; status: number; message: string };

export async function callPublic<T>(path: string, init: { method?: 'GET' | 'POST'; body?: unknown } = {}): Promise<Answer<T>> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method: init.method ?? 'GET',
      headers: { [TOKEN_HEADER]: tokenFromLink(), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    return { ok: false, status: 0, message: 'Không kết nối được với hệ thống. Xin kiểm tra kết nối mạng và thử lại.' };
  }
  const body = (await response.json().catch(() => undefined)) as { message?: string } | undefined;
  if (response.ok) return { ok: true, data: body as T };
  const message =
    response.status === 404
      ? 'Không tìm thấy hồ sơ: liên kết không đúng hoặc đã hết hạn. Xin kiểm tra lại đường liên kết trong thư của cơ quan thi hành án dân sự.'
      : response.status === 429
        ? (body?.message ?? 'Có quá nhiều lượt truy cập. Xin thử lại sau ít phút.')
        : (body?.message ?? 'Hệ thống đang gặp sự cố. Xin thử lại sau.');
  return { ok: false, status: response.status, message };
}

/** An element with text (never HTML: what the API says is shown as text). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

export function page(): HTMLElement {
  return document.getElementById('trang')!;
}

export function showProblem(title: string, message: string): void {
  const main = page();
  main.replaceChildren(el('h1', title), el('p', message, 'error card'));
}
