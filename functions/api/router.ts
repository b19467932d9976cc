import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { authorize } from '../../shared/auth/authorize';
import { AccessRefused, Unauthenticated } from '../../shared/auth/errors';
import { describePrincipal, type Principal } from '../../shared/auth/principal';
import type { TokenVerifier } from '../../shared/auth/verify-token';
import { CaseNotFound } from '../../shared/cases/repository';
import { CaseConflict, CaseNotFoundError, InvalidRequest, NotWaitingForAction } from '../../shared/staff/errors';
import { ExportJobNotFound } from '../../shared/staff/export-jobs';
import type { ApiPorts, ApiReply, Route } from './http';
import { NoSuchAccess, SurveyAlreadyAnswered, TooManyAttempts } from '../../shared/citizen/public-errors';

export interface RouterLog {
  warn(message: string, data: Record<string, unknown>): void;
  error(message: string, data: Record<string, unknown>): void;
}

export interface ApiDependencies {
  routes: Route[];
  ports: ApiPorts;
  verifyToken: TokenVerifier;
  log: RouterLog;
}

type Result = APIGatewayProxyStructuredResultV2;

const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): Result => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  body: JSON.stringify(body),
});

/** Finds the route for a method and path; `allowed` lists the methods of a path that exists under another method. */
export function matchRoute(routes: Route[], method: string, path: string): { route: Route; params: Record<string, string> } | { allowed: string[] } {
  const segments = path.replace(/\/+$/, '').split('/').slice(1);
  const allowed: string[] = [];
  for (const route of routes) {
    const template = route.path.split('/').slice(1);
    if (template.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = template.every((part, i) => {
      const segment = segments[i]!;
      if (part.startsWith('{') && part.endsWith('}')) {
        if (!segment) return false;
        try {
          params[part.slice(1, -1)] = decodeURIComponent(segment);
        } catch {
          return false;
        }
        return true;
      }
      return part === segment;
    });
    if (!matches) continue;
    if (route.method === method) return { route, params };
    allowed.push(route.method);
  }
  return { allowed };
}

function parseBody(event: APIGatewayProxyEventV2): unknown {
  if (!event.body) return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidRequest('the body must be JSON');
  }
}

function reply(result: ApiReply): Result {
  if ('json' in result) return json(result.status, result.json);
  const { content, contentType, filename } = result.file;
  const headers = {
    'content-type': contentType,
    'content-disposition': `attachment; filename="${filename.replace(/[^\x20-\x7e]|"/g, '_')}"`,
    'cache-control': 'no-store',
  };
  return typeof content === 'string'
    ? { statusCode: result.status, headers, body: content }
    : { statusCode: result.status, headers, body: content.toString('base64'), isBase64Encoded: true };
}

/**
 * The API as one function of an API Gateway (HTTP API, payload 2.0) event: find the route, verify
 * the caller's token, check the route's permission, run the handler, and turn every refusal into
 * a JSON error that says why. Every refused access (401, 403) is logged with who, where and why.
 */
export function createApi(deps: ApiDependencies): (event: APIGatewayProxyEventV2) => Promise<Result> {
  return async (event) => {
    const method = event.requestContext.http.method.toUpperCase();
    const path = event.rawPath;
    const found = matchRoute(deps.routes, method, path);
    if (!('route' in found)) {
      return found.allowed.length
        ? json(405, { error: 'MethodNotAllowed', message: `${method} is not allowed on ${path}; use ${found.allowed.join(', ')}` }, { allow: found.allowed.join(', ') })
        : json(404, { error: 'NotFound', message: `no route ${method} ${path}` });
    }
    const { route, params } = found;
    const routeKey = `${method} ${route.path}`;
    let principal: Principal | undefined;
    const refuse = (status: 401 | 403, reason: string, claimedSubject?: string) => {
      deps.log.warn('access refused', {
        status,
        route: routeKey,
        path,
        principal: describePrincipal(principal) ?? 'unauthenticated',
        ...(claimedSubject ? { claimedSubject } : {}),
        reason,
        sourceIp: event.requestContext.http.sourceIp,
      });
      return status === 401
        ? json(401, { error: 'Unauthorized', message: reason }, { 'www-authenticate': `Bearer error="invalid_token", error_description="${reason.replace(/["\\]/g, "'")}"` })
        : json(403, { error: 'Forbidden', message: reason });
    };
    try {
      if (route.permission !== 'public') {
        principal = await deps.verifyToken(event.headers?.authorization ?? event.headers?.Authorization);
        const decision = authorize(principal, route.permission);
        if (!decision.allowed) return refuse(403, decision.reason);
      }
      const body = method === 'POST' ? parseBody(event) : undefined;
      const query = Object.fromEntries(Object.entries(event.queryStringParameters ?? {}));
      const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
      return reply(await route.handle({ principal: principal ?? anonymous, params, query, body, headers, sourceIp: event.requestContext.http.sourceIp }, deps.ports));
    } catch (error) {
      if (error instanceof Unauthenticated) return refuse(401, error.reason, error.claimedSubject);
      if (error instanceof AccessRefused) return refuse(403, error.reason);
      if (error instanceof InvalidRequest) return json(400, { error: 'BadRequest', message: error.message, ...(error.issues.length ? { issues: error.issues } : {}) });
      if (error instanceof CaseNotFoundError || error instanceof CaseNotFound || error instanceof ExportJobNotFound) return json(404, { error: 'NotFound', message: error.message });
      if (error instanceof NotWaitingForAction) {
        return json(409, { error: 'NotWaitingForAction', message: error.message, caseId: error.caseId, action: error.action, step: error.step ?? null, waitingFor: error.waitingFor });
      }
      if (error instanceof CaseConflict) return json(409, { error: 'Conflict', message: error.message });
      // The citizen's routes: every token that opens nothing gets the same answer (the log says which it was).
      if (error instanceof NoSuchAccess) return json(404, { error: 'NotFound', message: error.message });
      if (error instanceof TooManyAttempts) return json(429, { error: 'TooManyRequests', message: error.message }, { 'retry-after': String(error.retryAfterSeconds) });
      if (error instanceof SurveyAlreadyAnswered) return json(409, { error: 'AlreadyRated', message: error.message });
      deps.log.error('request failed', { route: routeKey, path, principal: describePrincipal(principal), error });
      return json(500, { error: 'InternalError', message: `the request failed; see the API logs (request ${event.requestContext.requestId})` });
    }
  };
}

/** Public routes run without a caller; they never look at the principal. */
const anonymous: Principal = { sub: 'anonymous', roles: [] };
