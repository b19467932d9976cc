import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveApi } from '../../../local/api-server';
import type { LocalClock } from '../../../local/clock';
import type { InProcessFunction } from '../../../local/lambda/in-process-function';
import { parseLoginForm } from '../../../local/console/login-page';
import { officeDirectory } from '../../../shared/offices/default-directory';

/** The API function stands in as an echo of the path it was given: what matters here is what reaches it. */
const echoApi = {
  invoke: async (event: { rawPath: string; rawQueryString: string }) => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path: event.rawPath, query: event.rawQueryString }) }),
} as unknown as InProcessFunction;

describe('the staff console on the local API origin (local/console)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'motcua-console-'));
  const distDir = join(dataDir, 'dist');
  let base = '';
  let close: () => void = () => undefined;

  beforeAll(async () => {
    mkdirSync(join(distDir, 'assets'), { recursive: true });
    writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(distDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dataDir, 'secret.txt'), 'not for the web');
    const server = await serveApi(echoApi, {} as LocalClock, '127.0.0.1', 0, { console: { distDir, dataDir, directory: officeDirectory } });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  it('gives the API the path without /api, and keeps the API at the root for the CLI', async () => {
    expect(await (await fetch(`${base}/api/cases/HCM-2026-000001?x=1`)).json()).toEqual({ path: '/cases/HCM-2026-000001', query: 'x=1' });
    expect(await (await fetch(`${base}/api/health`)).json()).toMatchObject({ path: '/health' });
    expect(await (await fetch(`${base}/cases`, { headers: { accept: 'text/html' } })).json()).toMatchObject({ path: '/cases' });
  });

  it('serves the local configuration, the built files, and the app for its own pages', async () => {
    expect(await (await fetch(`${base}/config.json`)).json()).toEqual({ apiBase: '/api', auth: { mode: 'local', loginUrl: '/_local/login' } });
    const script = await fetch(`${base}/assets/app.js`);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    const page = await fetch(`${base}/ho-so/HCM-2026-000001`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('<title>console</title>');
  });

  it('never serves a file outside the build', async () => {
    const escaped = await fetch(`${base}/..%2fsecret.txt`);
    expect(await escaped.text()).not.toContain('not for the web');
  });

  it('signs a development token for the identity picked on the login page, and refuses an office not in the directory', async () => {
    const form = await fetch(`${base}/_local/login`);
    expect(await form.text()).toContain('<label for="role">Vai trò</label>');
    const signed = await fetch(`${base}/_local/login`, { method: 'POST', body: new URLSearchParams({ role: 'officer', office: 'HCMKV1', scope: 'all', name: 'Lê Văn Cường' }) });
    const html = await signed.text();
    const token = /"(eyJ[^"]+)"/.exec(html)?.[1];
    expect(token).toBeDefined();
    expect(decodeJwt(token!)).toMatchObject({ 'cognito:groups': ['officer'], 'custom:office': 'HCMKV1', name: 'Lê Văn Cường', iss: 'urn:motcua:local' });
    const refused = await fetch(`${base}/_local/login`, { method: 'POST', body: new URLSearchParams({ role: 'officer', office: 'NOWHERE' }) });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('không có trong danh bạ');
  });

  it('gives an auditor the scope picked, and no office', () => {
    expect(parseLoginForm('role=auditor&scope=province%3AHCM&office=HCMKV1', officeDirectory)).toEqual({ request: { role: 'auditor', scope: { kind: 'province', province: 'HCM' } } });
    expect(parseLoginForm('role=admin&office=HCMKV1', officeDirectory)).toMatchObject({ error: expect.stringContaining('Vai trò') });
  });
});
