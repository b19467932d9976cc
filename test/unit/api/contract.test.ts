import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/auth/principal';
import { runExportJob, type ExportJob as ExportJobRecord, type ExportJobPorts } from '../../../shared/staff/export-jobs';
import { auditor, head, officer, testApi, waitingForReview } from './fakes';

/**
 * What the handler answers is what the OpenAPI document says it answers: every JSON reply of a
 * realistic exchange (success, refusal, conflict, bad input) is validated against the document's
 * schema for its route and status. A field the handler adds, drops or renames fails here; so does
 * a status the document does not list.
 */
const SPEC = fileURLToPath(new URL('../../../openapi/motcua-api.yaml', import.meta.url));
const CASE = 'HCMKV1-2026-000001';

type Responses = Record<string, { content?: Record<string, { schema?: object }> }>;
type Spec = { paths: Record<string, Record<string, { responses: Responses }>> };

let spec: Spec;
const ajv = new Ajv2020({ strict: false, allErrors: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);

beforeAll(async () => {
  spec = (await SwaggerParser.dereference(SPEC)) as unknown as Spec;
});

/**
 * An object schema of a reply lists every field the reply may carry: a field the document does not
 * name is drift too (the console's types would not know it). Open maps say so (additionalProperties).
 */
function closed(schema: unknown, inAllOf = false): unknown {
  if (Array.isArray(schema)) return schema.map((s) => closed(s, inAllOf));
  if (schema === null || typeof schema !== 'object') return schema;
  const node = schema as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties') out[key] = Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, closed(v)]));
    else out[key] = closed(value, key === 'allOf');
  }
  const lists = 'properties' in node || 'allOf' in node;
  if (lists && !inAllOf && !('additionalProperties' in node) && !('unevaluatedProperties' in node)) out.unevaluatedProperties = false;
  return out;
}

type Call = Awaited<ReturnType<ReturnType<typeof testApi>['call']>>;

/** Validates one reply against the document; returns the problems (empty when it conforms). */
function conformance(method: string, template: string, reply: Call): string[] {
  const operation = spec.paths[template]?.[method.toLowerCase()];
  if (!operation) return [`${method} ${template} is not documented`];
  const response = operation.responses[String(reply.status)];
  if (!response) return [`${method} ${template} answered ${reply.status}, which the document does not list`];
  const schema = response.content?.['application/json']?.schema;
  if (!schema) return [`${method} ${template} ${reply.status} has no application/json schema`];
  const validate = ajv.compile(closed(schema) as object);
  if (validate(reply.json)) return [];
  return (validate.errors ?? []).map((e) => `${method} ${template} ${reply.status}: ${e.instancePath || '(body)'} ${e.message} ${JSON.stringify(e.params)}`);
}

async function expectConforms(t: ReturnType<typeof testApi>, method: string, template: string, path: string, principal?: Principal, body?: unknown, status?: number) {
  const reply = await t.call(method, path, principal, body);
  if (status !== undefined) expect(reply.status, reply.text).toBe(status);
  expect(conformance(method, template, reply)).toEqual([]);
  return reply;
}

const richCase = {
  ...waitingForReview(),
  checklist: { ok: true, items: [{ id: 'judgment-attached', passed: true }] },
  assignee: 'officer-HCMKV1',
  execution: CASE,
  resumes: 0,
  senderHold: { reasons: ['dmarc-fail'], at: '2026-03-02T09:00:00+07:00' },
  attention: [{ kind: 'third-party-message' as const, at: '2026-03-02T09:30:00+07:00', detail: 'a third party wrote' }],
  delays: [
    {
      step: 'decision',
      recordedAt: '2026-03-02T09:40:00+07:00',
      by: { kind: 'officer' as const, id: 'officer-HCMKV1' },
      reason: 'chờ xác minh',
      originalDueAt: '2026-03-03T09:00:00+07:00',
      newDueAt: '2026-03-05T17:00:00+07:00',
    },
  ],
  authorisedAddresses: ['luat.su@example.com'],
  resultCollection: { method: 'by-post' as const, postalAddress: '12 Lê Lợi, Quận 1' },
  documents: { receipt: { name: 'Phiếu tiếp nhận.pdf', contentType: 'application/pdf', bucket: 'docs', key: 'cases/x/receipt.pdf', sha256: 'ab'.repeat(32), size: 10 } },
  workflowEnded: { status: 'FAILED', execution: CASE, error: 'States.TaskFailed', at: '2026-03-02T09:50:00+07:00' },
  flow: 'enforcement-request' as const,
  round: 1,
};

describe('the handler answers what the OpenAPI document says', () => {
  it('GET /health', async () => {
    const t = testApi();
    await expectConforms(t, 'GET', '/health', '/health', undefined, undefined, 200);
    t.ports.caseStoreReachable = async () => false;
    await expectConforms(t, 'GET', '/health', '/health', undefined, undefined, 503);
  });

  it('GET /cases: the work queue, the search, and refusals', async () => {
    const t = testApi();
    t.cases.add({ caseId: CASE, office: 'HCMKV1', ...richCase, breaches: ['review'] });
    t.cases.add({ caseId: 'HCMKV1-2026-000002', office: 'HCMKV1', ...waitingForReview('t2', '2026-03-04T09:00:00+07:00') });
    await expectConforms(t, 'GET', '/cases', '/cases?limit=1', officer('HCMKV1'), undefined, 200);
    await expectConforms(t, 'GET', '/cases', '/cases?receivedFrom=2026-03-01', auditor({ kind: 'all' }), undefined, 200);
    await expectConforms(t, 'GET', '/cases', '/cases?limit=zero', officer('HCMKV1'), undefined, 400);
    await expectConforms(t, 'GET', '/cases', '/cases', undefined, undefined, 401);
    await expectConforms(t, 'GET', '/cases', '/cases?office=HCMKV2', officer('HCMKV1'), undefined, 403);
  });

  it('GET /cases/{id}, its timeline, its documents and its verification', async () => {
    const t = testApi();
    t.cases.add({ caseId: CASE, office: 'HCMKV1', ...richCase });
    await expectConforms(t, 'GET', '/cases/{id}', `/cases/${CASE}`, officer('HCMKV1'), undefined, 200);
    await expectConforms(t, 'GET', '/cases/{id}', '/cases/HCMKV1-2026-000404', officer('HCMKV1'), undefined, 404);
    await expectConforms(t, 'GET', '/cases/{id}/timeline', `/cases/${CASE}/timeline?type=case-opened`, officer('HCMKV1'), undefined, 200);
    await expectConforms(t, 'GET', '/cases/{id}/documents', `/cases/${CASE}/documents`, officer('HCMKV1'), undefined, 200);
    await expectConforms(t, 'GET', '/cases/{id}/verify', `/cases/${CASE}/verify`, auditor({ kind: 'all' }), undefined, 200);
    t.cases.events.get(CASE)![1]!.data.office = 'HCMKV2';
    const broken = await expectConforms(t, 'GET', '/cases/{id}/verify', `/cases/${CASE}/verify`, auditor({ kind: 'all' }), undefined, 200);
    expect(broken.json).toMatchObject({ ok: false, firstBreak: { kind: 'edited' } });
  });

  it('POST actions: submitted, recorded, refused, out of turn', async () => {
    const t = testApi();
    t.cases.add({ caseId: CASE, office: 'HCMKV1', ...waitingForReview() });
    await expectConforms(t, 'POST', '/cases/{id}/visit', `/cases/${CASE}/visit`, officer('HCMKV1'), { collection: 'at-desk' }, 409);
    await expectConforms(t, 'POST', '/cases/{id}/review', `/cases/${CASE}/review`, officer('HCMKV1'), { outcome: 'refuse' }, 400);
    await expectConforms(t, 'POST', '/cases/{id}/review', `/cases/${CASE}/review`, auditor({ kind: 'all' }), { outcome: 'accept' }, 403);
    await expectConforms(t, 'POST', '/cases/{id}/review', `/cases/${CASE}/review`, officer('HCMKV1'), { outcome: 'accept' }, 200);
    await expectConforms(t, 'POST', '/cases/{id}/reassign', `/cases/${CASE}/reassign`, head('HCMKV1'), { assignee: 'officer-2' }, 200);
    await expectConforms(t, 'POST', '/cases/{id}/reassign', `/cases/${CASE}/reassign`, head('HCMKV1'), { assignee: 'officer-2' }, 200);
    t.cases.add({ caseId: 'HCMKV1-2026-000002', office: 'HCMKV1', status: 'closed' });
    await expectConforms(t, 'POST', '/cases/{id}/reassign', '/cases/HCMKV1-2026-000002/reassign', head('HCMKV1'), { assignee: 'officer-2' }, 409);
  });

  it('GET /digests/latest, found and not', async () => {
    const t = testApi();
    await expectConforms(t, 'GET', '/digests/latest', '/digests/latest', head('HCMKV1'), undefined, 404);
    await expectConforms(t, 'GET', '/digests/latest', '/digests/latest?day=yesterday', head('HCMKV1'), undefined, 400);
    const digest = { kind: 'motcua-chain-digest' as const, version: 1 as const, day: '2026-03-01', createdAt: '2026-03-02T00:05:00+07:00', cases: 1, heads: [{ caseId: CASE, lastSeq: 3, lastHash: 'ab'.repeat(32) }], root: 'cd'.repeat(32) };
    t.ports.digests = { latest: async () => ({ key: 'digests/2026/03/01/2026-03-01T00-05-00.json', digest }) };
    await expectConforms(t, 'GET', '/digests/latest', '/digests/latest', head('HCMKV1'), undefined, 200);
  });

  it('GET /exports/cases as JSON', async () => {
    const t = testApi();
    t.cases.add({ caseId: CASE, office: 'HCMKV1', ...waitingForReview() });
    await expectConforms(t, 'GET', '/exports/cases', '/exports/cases?period=2026-03&format=json', head('HCMKV1'), undefined, 200);
    await expectConforms(t, 'GET', '/exports/cases', '/exports/cases?period=someday', head('HCMKV1'), undefined, 400);
  });

  it('a large export: 202 with the job, then the job running and done, and 404 for a job that is not the caller\'s', async () => {
    const t = testApi();
    t.cases.add({ caseId: CASE, office: 'HCMKV1', ...waitingForReview() });
    t.cases.add({ caseId: 'HCMKV1-2026-000002', office: 'HCMKV1', ...waitingForReview('t2') });
    const jobs = new Map<string, ExportJobRecord>();
    const exportJobs: ExportJobPorts = {
      thresholdCases: 1,
      store: { put: async (job) => void jobs.set(job.jobId, structuredClone(job)), get: async (id) => structuredClone(jobs.get(id)) },
      start: async () => {},
    };
    t.ports.exportJobs = exportJobs;
    const accepted = await expectConforms(t, 'GET', '/exports/cases', '/exports/cases?period=2026-03&office=HCMKV1', head('HCMKV1'), undefined, 202);
    const path = `/jobs/${accepted.json.jobId}`;
    await expectConforms(t, 'GET', '/jobs/{id}', path, head('HCMKV1'), undefined, 200);
    expect(await runExportJob(accepted.json.jobId, { ...t.ports, exportJobs })).toBe('done');
    const done = await expectConforms(t, 'GET', '/jobs/{id}', path, head('HCMKV1'), undefined, 200);
    expect(done.json.file).toBeDefined();
    await expectConforms(t, 'GET', '/jobs/{id}', path, head('HCMKV2'), undefined, 404);
  });
});
