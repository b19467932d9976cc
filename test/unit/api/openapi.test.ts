import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { routes } from '../../../functions/api/routes';
import { ACTION_NAMES } from '../../../shared/staff/actions';
import { renderDocument } from '../../../openapi/build';

const SPEC = fileURLToPath(new URL('../../../openapi/motcua-api.yaml', import.meta.url));
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

type Operation = { operationId?: string; security?: unknown[]; responses: Record<string, { content?: Record<string, unknown> }> };
type Spec = { paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>> };

async function validSpec(): Promise<Spec> {
  return (await SwaggerParser.validate(SPEC)) as unknown as Spec;
}

const operations = (spec: Spec) =>
  Object.entries(spec.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => ({ key: `${m.toUpperCase()} ${path}`, operation: item[m]! })));

describe('the OpenAPI description (openapi/motcua-api.yaml)', () => {
  it('is what the routes and their zod contracts generate (run npm run build:openapi when this fails)', () => {
    expect(readFileSync(SPEC, 'utf8') === renderDocument(), 'openapi/motcua-api.yaml is stale: run npm run build:openapi').toBe(true);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const spec = await validSpec();
    expect(Object.keys(spec.paths).length).toBeGreaterThan(0);
  });

  it('documents exactly the routes the handler serves', async () => {
    const documented = operations(await validSpec()).map((o) => o.key).sort();
    const served = routes.map((r) => `${r.method} ${r.path}`).sort();
    expect(documented).toEqual(served);
  });

  it('has one action route per action of the action table, and the route that resumes a case; besides them, only the registration of a request and its uploads', () => {
    // (The citizen's public POST, the survey's rating, is no staff action.)
    const staffPosts = routes.filter((r) => r.method === 'POST' && r.permission !== 'public');
    expect(staffPosts.filter((r) => r.path.startsWith('/cases/')).map((r) => r.path.split('/').at(-1))).toEqual([...ACTION_NAMES, 'resume']);
    expect(staffPosts.filter((r) => !r.path.startsWith('/cases/')).map((r) => r.path)).toEqual(['/uploads', '/registrations']);
  });

  it('answers 401 and 403 on every route that needs a token, and 409 on every action', async () => {
    const spec = await validSpec();
    for (const { key, operation } of operations(spec)) {
      const route = routes.find((r) => `${r.method} ${r.path}` === key)!;
      if (route.permission === 'public') {
        expect(operation.security, key).toEqual([]);
        continue;
      }
      expect(Object.keys(operation.responses), key).toEqual(expect.arrayContaining(['200', '401', '403', '500']));
      if (key.includes('{id}')) expect(Object.keys(operation.responses), key).toContain('404');
      if (route.method === 'POST') expect(Object.keys(operation.responses), key).toEqual(expect.arrayContaining(['400', '409']));
    }
  });

  it('gives every operation a unique operationId and every success a schema, so client types can be generated from it', async () => {
    const ops = operations(await validSpec());
    const ids = ops.map((o) => o.operation.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id)), JSON.stringify(ids)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { key, operation } of ops) {
      for (const [status, response] of Object.entries(operation.responses)) {
        const content = Object.values(response.content ?? {}) as Array<{ schema?: unknown }>;
        expect(content.length, `${key} ${status} has no content`).toBeGreaterThan(0);
        for (const media of content) expect(media.schema, `${key} ${status}`).toBeDefined();
      }
    }
  });

  it('keeps the generator out of the Lambda bundle: the handler carries the zod contracts, never zod-openapi', async () => {
    const bundled = await build({ entryPoints: [fileURLToPath(new URL('../../../functions/api/handler.ts', import.meta.url))], bundle: true, write: false, metafile: true, platform: 'node', format: 'esm', logLevel: 'silent' });
    const inputs = Object.keys(bundled.metafile.inputs);
    expect(inputs.some((i) => i.endsWith('functions/api/schemas.ts'))).toBe(true);
    expect(inputs.filter((i) => i.includes('zod-openapi') || i.endsWith('functions/api/openapi.ts') || i.endsWith('openapi/build.ts'))).toEqual([]);
  }, 60_000);
});
