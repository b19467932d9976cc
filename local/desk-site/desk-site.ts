import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DESK_SITE_CSP } from '../../site/headers';
import { staticFile, TYPES } from '../console/serve-console';

/**
 * The public desk site on the local server. On AWS it has a distribution of its own; here it shares the
 * API's origin under this prefix (no seventh port: a test stack keeps its six), which its relative links allow.
 */
export const DESK_SITE_PATH = '/cong-khai/';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DESK_SITE_DIST = join(ROOT, 'site', 'dist');
/** What the site is generated from: its own code and the configuration and domain code it publishes. */
const SOURCES = ['config', 'site', 'shared/offices', 'shared/procedures', 'shared/calendar', 'shared/documents'].map((p) => join(ROOT, p));

function newest(path: string): number {
  if (!existsSync(path) || path === DESK_SITE_DIST) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

/** Whether site/dist is missing or older than anything it is generated from. */
export function deskSiteBuildIsStale(distDir = DESK_SITE_DIST): boolean {
  const index = join(distDir, 'index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  return built < Math.max(...SOURCES.map(newest));
}

/** Builds the site when its build is missing or stale; answers whether it built. */
export async function ensureDeskSiteBuilt(log: (line: string) => void = () => undefined): Promise<boolean> {
  if (!deskSiteBuildIsStale()) return false;
  log('building the public desk site (site/) ...');
  const { buildDeskSite } = await import('../../site/build');
  await buildDeskSite(DESK_SITE_DIST);
  return true;
}

/** Answers GET and HEAD under DESK_SITE_PATH from the built site, with the headers CloudFront adds; whether it handled the request. */
export function serveDeskSite(distDir: string, request: IncomingMessage, response: ServerResponse): boolean {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const method = request.method ?? 'GET';
  if (url.pathname === DESK_SITE_PATH.slice(0, -1)) {
    response.writeHead(301, { location: DESK_SITE_PATH });
    response.end();
    return true;
  }
  if (!url.pathname.startsWith(DESK_SITE_PATH) || (method !== 'GET' && method !== 'HEAD')) return false;
  const headers = { 'content-security-policy': DESK_SITE_CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cache-control': 'no-cache' };
  const path = url.pathname.slice(DESK_SITE_PATH.length) || 'index.html';
  const file = staticFile(distDir, `/${path}`);
  if (!file) {
    const built = existsSync(join(distDir, 'index.html'));
    response.writeHead(built ? 404 : 503, { ...headers, 'content-type': TYPES['.html']! });
    response.end(
      built
        ? '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Không tìm thấy trang</title><main><h1>Không tìm thấy trang</h1><p><a href="/cong-khai/">Về trang chủ</a></p></main></html>'
        : '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Chưa dựng trang</title><main><h1>Chưa dựng trang công khai</h1><p>Run <code>npm run build:site</code>.</p></main></html>',
    );
    return true;
  }
  response.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  response.end(method === 'HEAD' ? undefined : readFileSync(file));
  return true;
}
