import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { routes } from '../../../functions/api/routes';
import { ACTION_NAMES } from '../../../shared/staff/actions';

const SPEC = fileURLToPath(new URL('../../../openapi/motcua-api.yaml', import.meta.url));
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

type Operation = { security?: unknown[]; responses: Record<string, unknown> };
type Spec = { paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>> };

async function validSpec(): Promise<Spec> {
  return (await SwaggerParser.validate(SPEC)) as unknown as Spec;
}

const operations = (spec: Spec) =>
  Object.entries(spec.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => ({ key: `${m.toUpperCase()} ${path}`, operation: item[m]! })));

describe('the OpenAPI description (openapi/motcua-api.yaml)', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const spec = await validSpec();
    expect(Object.keys(spec.paths).length).toBeGreaterThan(0);
  });

  it('documents exactly the routes the handler serves', async () => {
    const documented = operations(await validSpec()).map((o) => o.key).sort();
    const served = routes.map((r) => `${r.method} ${r.path}`).sort();
    expect(documented).toEqual(served);
  });

  it('has one action route per action of the action table, and the route that resumes a case', () => {
    expect(routes.filter((r) => r.method === 'POST').map((r) => r.path.split('/').at(-1))).toEqual([...ACTION_NAMES, 'resume']);
  });

  it('answers 401 and 403 on every route that needs a token, and 409 on every action', async () => {
    const spec = await validSpec();
    for (const { key, operation } of operations(spec)) {
      const route = routes.find((r) => `${r.method} ${r.path}` === key)!;
      if (route.permission === 'public') {
        expect(operation.security, key).toEqual([]);
        continue;
      }
      expect(Object.keys(operation.responses), key).toEqual(expect.arrayContaining(['200', '401', '403']));
      if (key.includes('{id}')) expect(Object.keys(operation.responses), key).toContain('404');
      if (route.method === 'POST') expect(Object.keys(operation.responses), key).toEqual(expect.arrayContaining(['400', '409']));
    }
  });
});
