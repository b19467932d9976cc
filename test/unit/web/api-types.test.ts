import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';

const SPEC = new URL('../../../openapi/motcua-api.yaml', import.meta.url);
const TYPES = fileURLToPath(new URL('../../../web/src/api/schema.d.ts', import.meta.url));

describe("the console's API types (web/src/api/schema.d.ts)", () => {
  it('are what openapi-typescript generates from openapi/motcua-api.yaml today (else: npm run build:api-types)', async () => {
    const generated = astToString(await openapiTS(SPEC));
    const checkedIn = readFileSync(TYPES, 'utf8');
    // The CLI adds a header comment; compare the types themselves.
    const body = (text: string) => text.slice(text.indexOf('export '));
    expect(body(checkedIn), 'web/src/api/schema.d.ts is stale: run npm run build:api-types').toBe(body(generated));
  });
});
