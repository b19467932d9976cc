import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OfficeDirectory } from '../../shared/offices/directory';
import { routes } from '../../functions/api/routes';
import { loginPage, parseLoginForm, signedInPage } from './login-page';
import { signLocalToken } from '../auth/local-keys';

/**
 * The path under which the console reaches the API, on AWS and here alike: CloudFront sends
 * /api/* on the console's origin to API Gateway; the local server strips the prefix and gives the
 * request to the same handler. The API also stays at the root locally, for the CLI and the tests.
 */
export const API_BASE = '/api';
export const LOCAL_LOGIN_PATH = '/_local/login';

/** What the console reads at /config.json: locally a token from the local login page. */
export const localConsoleConfig = () => ({ apiBase: API_BASE, auth: { mode: 'local', loginUrl: LOCAL_LOGIN_PATH } });

export const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
};

/** The first path segments the API answers (/cases, /health, ...): never the console's pages. */
const API_ROOTS = new Set(routes.map((r) => r.path.split('/')[1]));

export interface ConsoleServing {
  /** web/dist, as `vite build` writes it. */
  distDir: string;
  dataDir: string;
  directory: OfficeDirectory;
}

/**
 * Serves the staff console on the API's origin: its static files, /config.json, the SPA's pages
 * (any other GET for HTML gets index.html), and the local login page. Answers whether it handled
 * the request; the API gets everything else. Requests under /api/ are rewritten for the API.
 */
export async function serveConsole(options: ConsoleServing, request: IncomingMessage, body: string, response: ServerResponse): Promise<boolean> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const method = request.method ?? 'GET';
  if (url.pathname === LOCAL_LOGIN_PATH) {
    if (method === 'POST') {
      const form = parseLoginForm(body, options.directory);
      if ('error' in form) return html(response, 400, loginPage(options.directory, form.error));
      const token = await signLocalToken(options.dataDir, form.request);
      return html(response, 200, signedInPage(token, form.request));
    }
    return html(response, 200, loginPage(options.directory));
  }
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (url.pathname === '/config.json') {
    response.writeHead(200, { 'content-type': TYPES['.json']!, 'cache-control': 'no-store' });
    response.end(JSON.stringify(localConsoleConfig()));
    return true;
  }
  const first = url.pathname.split('/')[1] ?? '';
  if (first === '_local' || first === 'api' || API_ROOTS.has(first)) return false;
  const file = staticFile(options.distDir, url.pathname);
  if (file) {
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': url.pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache' });
    response.end(readFileSync(file));
    return true;
  }
  // A page of its own (the citizen's /trang-thai and /danh-gia): its HTML file, never the console's.
  const ownPage = /^\/[a-z0-9-]+$/.test(url.pathname) ? staticFile(options.distDir, `${url.pathname}.html`) : undefined;
  if (ownPage) {
    response.writeHead(200, { 'content-type': TYPES['.html']!, 'cache-control': 'no-cache', 'referrer-policy': 'no-referrer' });
    response.end(readFileSync(ownPage));
    return true;
  }
  // A page of the single-page app (/ho-so/HCMKV1-2026-000001): the app routes it in the browser.
  const index = join(options.distDir, 'index.html');
  if (!existsSync(index)) return html(response, 503, `<!doctype html><meta charset="utf-8"><title>Chưa dựng giao diện</title><p>The console is not built: run <code>npm run build:web</code>.</p>`);
  if (extname(url.pathname)) return false;
  response.writeHead(200, { 'content-type': TYPES['.html']!, 'cache-control': 'no-cache' });
  response.end(readFileSync(index));
  return true;
}

/** The API's path for a request under /api/, or undefined. */
export function apiPathOf(url: string): string | undefined {
  if (url === API_BASE || url.startsWith(`${API_BASE}/`) || url.startsWith(`${API_BASE}?`)) return url.slice(API_BASE.length) || '/';
  return undefined;
}

/** A file under dist for a URL path, never outside it. */
export function staticFile(distDir: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const file = normalize(join(distDir, decoded));
  if (!file.startsWith(distDir + sep)) return undefined;
  try {
    return statSync(file).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

function html(response: ServerResponse, status: number, page: string): true {
  response.writeHead(status, { 'content-type': TYPES['.html']!, 'cache-control': 'no-store' });
  response.end(page);
  return true;
}
