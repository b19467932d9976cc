import * as z from 'zod';
import { ACTION_NAMES, ACTIONS, performAction } from '../../shared/staff/actions';
import { caseDetail, caseDocuments, caseTimeline, verifyCaseTimeline } from '../../shared/staff/case-view';
import { exportJobStatus, fileOrJob, type ExportKind } from '../../shared/staff/export-jobs';
import { searchCases } from '../../shared/staff/queue';
import { resumeCaseWorkflow } from '../../shared/staff/resume';
import { InvalidRequest } from '../../shared/staff/errors';
import { defineRoute, ok, type ApiPorts, type ApiRequest, type ReplyOf, type Route } from './http';
import * as api from './schemas';
import { consoleReference } from '../../shared/staff/reference';
import { appointmentBook } from '../../shared/staff/appointment-book';
import { readOfficeDashboard } from '../../shared/staff/office-dashboard';
import { procedureCatalog } from '../../shared/procedures/default-catalog';
import type { PublicAttempt, PublicPorts } from '../../shared/citizen/public-access';
import { NoSuchAccess } from '../../shared/citizen/errors';
import { ACCESS_TOKEN_HEADER } from '../../shared/citizen/access-token';
import { ratingsForPeriod, satisfactionResults } from '../../shared/citizen/satisfaction';

/** The file itself (in the media types given), or 202 with the job that builds it (shared/staff/export-jobs). */
const fileOrJobAnswers = (files: Record<string, z.ZodType>) => ({ 200: { files }, 202: api.ExportJob });

async function fileOrJobReply(kind: ExportKind, r: ApiRequest, ports: ApiPorts): Promise<ReplyOf<ReturnType<typeof fileOrJobAnswers>>> {
  const result = await fileOrJob(kind, r.principal, r.query, ports);
  return 'file' in result ? { status: 200, file: result.file } : { status: 202, json: result.job };
}

/** GET /digests/latest[?day=YYYY-MM-DD]: the latest chain digest (of that Vietnamese day), as stored under Object Lock. */
async function latestDigest(query: Record<string, string | undefined>, ports: ApiPorts): Promise<ReplyOf<{ 200: typeof api.LatestDigest }>> {
  const unknown = Object.keys(query).filter((k) => k !== 'day');
  if (unknown.length) throw new InvalidRequest(`unknown query parameter ${unknown.join(', ')} (this route takes: day)`);
  const parsed = api.digestQuery.safeParse(query);
  if (!parsed.success) throw new InvalidRequest(`day "${query.day}" is not a date YYYY-MM-DD`, [{ path: 'day', message: 'a date YYYY-MM-DD' }]);
  const { day } = parsed.data;
  const found = await ports.digests.latest(day);
  if (!found) return { status: 404, json: { error: 'NotFound', message: day ? `no chain digest was taken on ${day}` : 'no chain digest was taken yet' } };
  return ok({ key: found.key, digest: found.digest });
}

const caseRead = { path: api.casePath } as const;

/** The citizen's attempt: who knocks, with which token (a header: the page reads it from the link's fragment). */
const attemptOf = (r: ApiRequest): PublicAttempt => ({ sourceIp: r.sourceIp, token: r.headers[ACCESS_TOKEN_HEADER] });

/** The citizen's routes need their ports; a deployment without them opens nothing (the same answer as a wrong token). */
function publicPorts(ports: ApiPorts): PublicPorts {
  if (!ports.citizen) throw new NoSuchAccess();
  return { ...ports, citizen: ports.citizen };
}

/**
 * Code that few requests need, loaded with the first request that does rather than at every cold start
 * (issue 12: the bundle loads at most 500 KB at start; esbuild puts each in a chunk of its own):
 * the reports' scope rules (and with them shared/reports), the citizen's routes, and the desk's registration
 * of a request received by post or at the desk.
 */
const reportScopes = () => import('../../shared/staff/exports');
const citizenRoutes = () => import('../../shared/citizen/public-access');
const registration = () => import('../../shared/staff/register-request');

/** GET /reports/satisfaction: the ratings of an office or a province in a period (the official report's scope rules). */
async function satisfaction(r: ApiRequest, ports: ApiPorts) {
  const { reportScopeOf } = await reportScopes();
  const { period, offices } = reportScopeOf(api.satisfactionQuery, r.principal, r.query, ports);
  return satisfactionResults(offices, await ratingsForPeriod(offices, period, ports.index), period, ports.directory);
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The API's routes: one line each, the permission the router checks before anything is read, the
 * contract (functions/api/schemas.ts: what it takes and answers, which types its handler's replies)
 * and a thin handler that calls shared/staff. openapi/motcua-api.yaml is generated from these
 * (`npm run build:openapi`; a unit test fails when it is stale).
 */
export const routes: Route[] = [
  defineRoute({
    method: 'GET',
    path: '/health',
    permission: 'public',
    contract: { answers: { 200: api.Health, 503: api.HealthDegraded } },
    handle: async (_request, ports) =>
      (await ports.caseStoreReachable())
        ? ok({ status: 'ok' as const, caseStore: 'reachable' as const, time: ports.clock.now().toISOString() })
        : { status: 503, json: { status: 'degraded' as const, caseStore: 'unreachable' as const } },
  }),
  defineRoute({
    method: 'GET',
    path: '/reference',
    permission: 'case:read',
    contract: { answers: { 200: api.ConsoleReference } },
    handle: async (_r, ports) => ok(consoleReference(ports.directory, procedureCatalog)),
  }),
  defineRoute({
    method: 'GET',
    path: '/offices/{office}/appointments',
    permission: 'case:read',
    contract: { path: api.officePath, query: api.appointmentBookQuery, answers: { 200: api.AppointmentBook } },
    handle: async (r, ports) => ok(await appointmentBook(r.principal, r.params.office!, r.query, ports)),
  }),
  defineRoute({
    method: 'GET',
    path: '/offices/{office}/dashboard',
    // heads and auditors only: the use case refuses officers in their own words (they have the work queue)
    permission: 'case:read',
    contract: { path: api.officePath, query: api.dashboardQuery, answers: { 200: api.OfficeDashboard } },
    handle: async (r, ports) => ok(await readOfficeDashboard(r.principal, r.params.office!, r.query, ports)),
  }),
  defineRoute({
    method: 'GET',
    path: '/cases',
    permission: 'case:read',
    contract: { query: api.caseSearchQuery, answers: { 200: api.CaseSearchResult } },
    handle: async (r, ports) => ok(await searchCases(r.principal, r.query, ports)),
  }),
  defineRoute({
    method: 'GET',
    path: '/cases/{id}',
    permission: 'case:read',
    contract: { ...caseRead, answers: { 200: api.CaseDetail } },
    handle: async (r, ports) => ok(await caseDetail(r.principal, r.params.id!, ports)),
  }),
  defineRoute({
    method: 'GET',
    path: '/cases/{id}/timeline',
    permission: 'case:read',
    contract: { ...caseRead, query: api.timelineQuery, answers: { 200: api.CaseTimeline } },
    handle: async (r, ports) => ok(await caseTimeline(r.principal, r.params.id!, r.query, ports)),
  }),
  defineRoute({
    method: 'GET',
    path: '/cases/{id}/verify',
    permission: 'case:read',
    contract: { ...caseRead, answers: { 200: api.VerifyReport } },
    handle: async (r, ports) => ok(await verifyCaseTimeline(r.principal, r.params.id!, ports)),
  }),
  defineRoute({
    method: 'GET',
    path: '/cases/{id}/documents',
    permission: 'case:read',
    contract: { ...caseRead, query: api.documentsQuery, answers: { 200: api.CaseDocuments } },
    handle: async (r, ports) => ok(await caseDocuments(r.principal, r.params.id!, ports, r.query)),
  }),
  ...ACTION_NAMES.map((action) =>
    defineRoute({
      method: 'POST',
      path: `/cases/{id}/${action}`,
      permission: ACTIONS[action].permission,
      contract: { ...caseRead, body: api.actionBodies[action], bodyOptional: api.actionBodies[action].safeParse({}).success, answers: { 200: api.ActionResult } },
      handle: async (r, ports) => ok(await performAction(r.principal, r.params.id!, action, r.body, ports)),
    }),
  ),
  defineRoute({
    method: 'POST',
    path: '/uploads',
    permission: 'case:act',
    contract: { body: api.uploadBody, answers: { 200: api.UploadLink } },
    handle: async (r, ports) => {
      const { createUploadLink } = await registration();
      return ok(await createUploadLink(r.principal, r.body, ports));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/registrations',
    permission: 'case:act',
    contract: { body: api.registrationBodySchema, answers: { 200: api.RegistrationResult, 201: api.RegistrationResult } },
    handle: async (r, ports) => {
      const { registerRequest } = await registration();
      const registered = await registerRequest(r.principal, r.body, ports);
      return { status: registered.status === 'opened' ? 201 : 200, json: registered };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/cases/{id}/resume',
    permission: 'case:reassign',
    contract: { ...caseRead, answers: { 200: api.ResumeResult } },
    handle: async (r, ports) => ok(await resumeCaseWorkflow(r.principal, r.params.id!, ports)),
  }),
  defineRoute({
    method: 'GET',
    path: '/digests/latest',
    permission: 'case:export',
    contract: { query: api.digestQuery, answers: { 200: api.LatestDigest } },
    handle: async (r, ports) => latestDigest(r.query, ports),
  }),
  defineRoute({
    method: 'GET',
    path: '/exports/cases',
    permission: 'case:export',
    contract: { query: api.exportQuery, answers: fileOrJobAnswers({ 'text/csv': z.string(), 'application/json': api.CaseExport }) },
    handle: (r, ports) => fileOrJobReply('export', r, ports),
  }),
  defineRoute({
    method: 'GET',
    path: '/reports/official',
    permission: 'case:export',
    contract: {
      query: api.reportQuery,
      answers: fileOrJobAnswers({ [XLSX]: z.string().meta({ contentMediaType: XLSX }), 'text/csv': z.string(), 'application/json': z.record(z.string(), z.unknown()) }),
    },
    handle: (r, ports) => fileOrJobReply('report', r, ports),
  }),
  defineRoute({
    method: 'GET',
    path: '/reports/satisfaction',
    permission: 'case:export',
    contract: { query: api.satisfactionQuery, answers: { 200: api.SatisfactionResults } },
    handle: async (r, ports) => ok(await satisfaction(r, ports)),
  }),
  defineRoute({
    method: 'GET',
    path: '/public/case-status',
    permission: 'public',
    contract: { headers: api.citizenTokenHeader, answers: { 200: api.CitizenCaseStatus } },
    handle: async (r, ports) => ok(await (await citizenRoutes()).caseStatusForCitizen(attemptOf(r), publicPorts(ports))),
  }),
  defineRoute({
    method: 'GET',
    path: '/public/survey',
    permission: 'public',
    contract: { headers: api.citizenTokenHeader, answers: { 200: api.SurveyInvitation } },
    handle: async (r, ports) => ok(await (await citizenRoutes()).surveyForCitizen(attemptOf(r), publicPorts(ports))),
  }),
  defineRoute({
    method: 'POST',
    path: '/public/survey',
    permission: 'public',
    contract: { headers: api.citizenTokenHeader, body: api.surveyRatingBody, answers: { 201: api.SurveyRecorded } },
    handle: async (r, ports) => ({ status: 201 as const, json: await (await citizenRoutes()).rateForCitizen(attemptOf(r), r.body, publicPorts(ports)) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/jobs/{id}',
    permission: 'case:export',
    contract: { path: api.jobPath, answers: { 200: api.ExportJob } },
    handle: async (r, ports) => ok(await exportJobStatus(r.principal, r.params.id!, ports)),
  }),
];
