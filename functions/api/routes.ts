import { ACTION_NAMES, ACTIONS, performAction } from '../../shared/staff/actions';
import { caseDetail, caseDocuments, caseTimeline, verifyCaseTimeline } from '../../shared/staff/case-view';
import { exportJobStatus, fileOrJob, type ExportKind } from '../../shared/staff/export-jobs';
import { searchCases } from '../../shared/staff/queue';
import { resumeCaseWorkflow } from '../../shared/staff/resume';
import { InvalidRequest } from '../../shared/staff/errors';
import { consoleReference } from '../../shared/staff/reference';
import { appointmentBook } from '../../shared/staff/appointment-book';
import { procedureCatalog } from '../../shared/procedures/default-catalog';
import { ok, type ApiPorts, type ApiReply, type ApiRequest, type Route } from './http';

/** The file itself, or 202 with the job that builds it (shared/staff/export-jobs). */
async function fileOrJobReply(kind: ExportKind, r: ApiRequest, ports: ApiPorts): Promise<ApiReply> {
  const result = await fileOrJob(kind, r.principal, r.query, ports);
  return 'file' in result ? { status: 200, file: result.file } : { status: 202, json: result.job };
}

/** GET /digests/latest[?day=YYYY-MM-DD]: the latest chain digest (of that Vietnamese day), as stored under Object Lock. */
async function latestDigest(query: Record<string, string | undefined>, ports: ApiPorts): Promise<ApiReply> {
  const unknown = Object.keys(query).filter((k) => k !== 'day');
  if (unknown.length) throw new InvalidRequest(`unknown query parameter ${unknown.join(', ')} (this route takes: day)`);
  if (query.day !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(query.day)) throw new InvalidRequest(`day "${query.day}" is not a date YYYY-MM-DD`);
  const found = await ports.digests.latest(query.day);
  if (!found) return { status: 404, json: { error: 'NotFound', message: query.day ? `no chain digest was taken on ${query.day}` : 'no chain digest was taken yet' } };
  return ok({ key: found.key, digest: found.digest });
}

/**
 * The API's routes: one line each, the permission the router checks before anything is read,
 * and a thin handler that calls shared/staff. openapi/motcua-api.yaml documents exactly these
 * (a unit test holds the two together).
 */
export const routes: Route[] = [
  {
    method: 'GET',
    path: '/health',
    permission: 'public',
    handle: async (_request, ports) =>
      (await ports.caseStoreReachable())
        ? ok({ status: 'ok', caseStore: 'reachable', time: ports.clock.now().toISOString() })
        : { status: 503, json: { status: 'degraded', caseStore: 'unreachable' } },
  },
  { method: 'GET', path: '/reference', permission: 'case:read', handle: async (_r, ports) => ok(consoleReference(ports.directory, procedureCatalog)) },
  { method: 'GET', path: '/offices/{office}/appointments', permission: 'case:read', handle: async (r, ports) => ok(await appointmentBook(r.principal, r.params.office!, r.query, ports)) },
  { method: 'GET', path: '/cases', permission: 'case:read', handle: async (r, ports) => ok(await searchCases(r.principal, r.query, ports)) },
  { method: 'GET', path: '/cases/{id}', permission: 'case:read', handle: async (r, ports) => ok(await caseDetail(r.principal, r.params.id!, ports)) },
  { method: 'GET', path: '/cases/{id}/timeline', permission: 'case:read', handle: async (r, ports) => ok(await caseTimeline(r.principal, r.params.id!, r.query, ports)) },
  { method: 'GET', path: '/cases/{id}/verify', permission: 'case:read', handle: async (r, ports) => ok(await verifyCaseTimeline(r.principal, r.params.id!, ports)) },
  { method: 'GET', path: '/cases/{id}/documents', permission: 'case:read', handle: async (r, ports) => ok(await caseDocuments(r.principal, r.params.id!, ports, r.query)) },
  ...ACTION_NAMES.map(
    (action): Route => ({
      method: 'POST',
      path: `/cases/{id}/${action}`,
      permission: ACTIONS[action].permission,
      handle: async (r, ports) => ok(await performAction(r.principal, r.params.id!, action, r.body, ports)),
    }),
  ),
  { method: 'POST', path: '/cases/{id}/resume', permission: 'case:reassign', handle: async (r, ports) => ok(await resumeCaseWorkflow(r.principal, r.params.id!, ports)) },
  { method: 'GET', path: '/digests/latest', permission: 'case:export', handle: async (r, ports) => latestDigest(r.query, ports) },
  { method: 'GET', path: '/exports/cases', permission: 'case:export', handle: (r, ports) => fileOrJobReply('export', r, ports) },
  { method: 'GET', path: '/reports/official', permission: 'case:export', handle: (r, ports) => fileOrJobReply('report', r, ports) },
  { method: 'GET', path: '/jobs/{id}', permission: 'case:export', handle: async (r, ports) => ok(await exportJobStatus(r.principal, r.params.id!, ports)) },
];
