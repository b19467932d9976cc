import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { InProcessFunction } from './lambda/in-process-function';
import type { LocalQueue } from './local-queue';
import { deadLetterRoute, LOCAL_DLQ_PATH } from './local-dead-letters';
import type { LocalClock } from './clock';
import { apiPathOf, serveConsole, type ConsoleServing } from './console/serve-console';
import { serveDeskSite } from './desk-site/desk-site';

/** Turns an HTTP request into the event API Gateway (HTTP API, payload 2.0) would give the function. */
async function toApiGatewayEvent(request: IncomingMessage, body: string): Promise<APIGatewayProxyEventV2> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]));
  const method = request.method ?? 'GET';
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    queryStringParameters: url.searchParams.size ? Object.fromEntries(url.searchParams) : undefined,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: { method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp: request.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    body: body || undefined,
    isBase64Encoded: false,
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  response.writeHead(result.statusCode ?? 200, (result.headers ?? {}) as Record<string, string>);
  // Binary bodies (a spreadsheet) come base64-encoded, as API Gateway expects them; it sends the bytes.
  response.end(result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? ''));
}

/**
 * The HTTP API on one machine: every request goes to the same api handler as on AWS. Routes under
 * /_local/ exist only here, for evaluation and tests (moving the clock forward, the local JWKS).
 * With `console`, the staff console is served on the same origin (local/console).
 */
export function serveApi(api: InProcessFunction, clock: LocalClock, host: string, port: number, local: { jwks?: unknown; digest?: InProcessFunction; procuracy?: InProcessFunction; deadLetters?: LocalQueue; console?: ConsoleServing; deskSiteDist?: string } = {}): Promise<Server> {
  const server = createServer(async (request, response) => {
    try {
      const body = await readBody(request);
      // The staff console on the same origin as the API, which it reaches under /api (as CloudFront serves both on AWS).
      const apiPath = apiPathOf(request.url ?? '/');
      if (apiPath !== undefined) request.url = apiPath;
      // The public desk site under /cong-khai/ (its own CloudFront distribution on AWS).
      else if (local.deskSiteDist && serveDeskSite(local.deskSiteDist, request, response)) return;
      else if (local.console && (await serveConsole(local.console, request, body, response))) return;
      if (request.url?.startsWith('/_local/clock')) return send(response, clockRoute(clock, request.method ?? 'GET', body));
      // What the daily schedule does on AWS: take the chain digest now (the same function, a scheduled event).
      if (local.digest && request.url === '/_local/digest' && request.method === 'POST') {
        const written = await local.digest.invoke({ 'detail-type': 'Scheduled Event', source: 'aws.events', time: clock.now().toISOString(), detail: {} });
        return send(response, { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(written) });
      }
      // What the daily schedule does on AWS at 16:30: the dispatch of due decisions to the procuracies, now (the local
      // clock's day: an office's day off sends nothing). A failed run answers 502 with its error, as a failed invocation.
      if (local.procuracy && request.url === '/_local/procuracy-dispatch' && request.method === 'POST') {
        try {
          const done = await local.procuracy.invoke({ 'detail-type': 'Scheduled Event', source: 'aws.events', time: clock.now().toISOString(), detail: {} });
          return send(response, { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(done) });
        } catch (error) {
          return send(response, { statusCode: 502, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: (error as Error).name, message: (error as Error).message }) });
        }
      }
      // The intake queue's dead letters (the SQS dead-letter queue on AWS): `motcua dlq list|redrive`.
      if (local.deadLetters && request.url === LOCAL_DLQ_PATH) {
        const answer = await deadLetterRoute(local.deadLetters, request.method ?? 'GET', body);
        return send(response, { ...answer, headers: { 'content-type': 'application/json' } });
      }
      // The local token issuer's public keys (what Cognito publishes at its jwks.json on AWS).
      if (local.jwks && request.url === '/_local/.well-known/jwks.json') {
        return send(response, { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(local.jwks) });
      }
      send(response, (await api.invoke(await toApiGatewayEvent(request, body))) as APIGatewayProxyStructuredResultV2);
    } catch (error) {
      send(response, { statusCode: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: 'InternalError', message: (error as Error).message }) });
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

/** GET tells the local time; POST {"advanceMinutes": n} or {"advanceTo": ISO} moves it forward. */
function clockRoute(clock: LocalClock, method: string, body: string): APIGatewayProxyStructuredResultV2 {
  const reply = (statusCode: number, payload: unknown) => ({ statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
  if (method === 'POST') {
    let request: { advanceMinutes?: number; advanceTo?: string };
    try {
      request = JSON.parse(body || '{}');
    } catch {
      return reply(400, { error: 'BadRequest', message: 'the body must be JSON: {"advanceMinutes": n} or {"advanceTo": "<ISO 8601>"}' });
    }
    const ms = request.advanceTo !== undefined ? new Date(request.advanceTo).getTime() - clock.now().getTime() : (request.advanceMinutes ?? NaN) * 60_000;
    if (!Number.isFinite(ms) || ms < 0) return reply(400, { error: 'BadRequest', message: 'the clock only moves forward: give advanceMinutes > 0 or a future advanceTo' });
    clock.advance(ms);
  } else if (method !== 'GET') {
    return reply(405, { error: 'MethodNotAllowed' });
  }
  return reply(200, { now: clock.now().toISOString(), offsetMs: clock.offset });
}
