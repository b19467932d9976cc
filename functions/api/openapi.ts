import * as z from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiResponseObject } from 'zod-openapi';
import { ACTIONS, type ActionName } from '../../shared/staff/actions';
import type { FileAnswer, Route } from './http';
import { routes } from './routes';
import * as api from './schemas';

/**
 * The OpenAPI document of the API, assembled from the routes and their zod contracts
 * (functions/api/schemas.ts) with the prose people read: what each operation does, its tags, the
 * errors it answers. Imported by openapi/build.ts and the tests only: the generator never lands
 * in the Lambda bundle. `npm run build:openapi` writes openapi/motcua-api.yaml from it.
 */

const INFO_DESCRIPTION = `JSON over HTTPS. On AWS: API Gateway HTTP API and one Lambda function, also served under
\`/api\` on the staff console's origin (CloudFront); on one machine (\`npm start\`) the same
handler at http://127.0.0.1:3000.

**Who may do what.** Every route but \`/health\` and the citizen's \`/public/*\` (which take the private
token of the requester's link in \`X-Motcua-Access\` instead) needs \`Authorization: Bearer <ID token>\`: on
AWS an ID token of the agency's Cognito user pool, locally a token from \`motcua token\`. The
token's \`cognito:groups\` name the roles:

| role | may |
| --- | --- |
| officer | read and act on the cases of their office (\`custom:office\`) |
| head | the same, reassign cases, export; read and reassign the cases of the offices under theirs (escalations) |
| auditor | read cases, timelines, verifications and exports within \`custom:scope\` (\`office:<CODE>\`, \`province:<CODE>\` or \`all\`); change nothing |
| admin | manage configuration (no case routes) |

A missing, expired or foreign token is answered 401; an action outside one's reach 403. Both
say why in \`message\`, and both are logged with the caller, the route and the reason. Every
refusal and failure has the body \`Error\`.

Times are ISO 8601 in Vietnam time (\`+07:00\`). A date without a time (\`YYYY-MM-DD\`) means the
whole day in Vietnam time.

This document is generated from the zod schemas the API validates with and types its replies by
(functions/api/schemas.ts): \`npm run build:openapi\`. Do not edit it by hand.`;

const TAGS = [
  { name: 'queue', description: 'the work queue and the search' },
  { name: 'case', description: 'one case, its timeline and its files' },
  { name: 'actions', description: 'what officers do; each completes the workflow step the case waits for' },
  { name: 'registration', description: 'requests received by post or at the desk: the scans, and the case they open' },
  { name: 'audit', description: 'verification, exports and the official report' },
  { name: 'citizen', description: "the requester's private status page and satisfaction survey: no staff login, a private token from the letter's link" },
];

// ---- error responses (components.responses) ---------------------------------------------------

const errorResponse = (id: string, description: string, schema: z.ZodType = api.ApiError): ZodOpenApiResponseObject => ({
  id,
  description,
  content: { 'application/json': { schema } },
});

const ERRORS = {
  BadRequest: errorResponse('BadRequest', 'a parameter or the body is not valid; `issues` names each problem'),
  Unauthorized: errorResponse('Unauthorized', 'no token, or a token that is expired, malformed, badly signed, or for another issuer or audience'),
  Forbidden: errorResponse('Forbidden', 'the caller may not do this here (another office, outside the auditor\'s scope, read-only role); logged'),
  NotFound: errorResponse('NotFound', 'no such case (or job, or digest)'),
  NotWaitingForAction: errorResponse(
    'NotWaitingForAction',
    'the case does not wait for this action (nothing was done); `waitingFor` names the step it waits for, if any',
    api.NotWaitingForActionError,
  ),
  TooManyRequests: errorResponse('TooManyRequests', 'too many attempts on the citizen\'s routes from this address, or from everyone, in the current minute; `Retry-After` says when to try again; logged'),
  CitizenNotFound: errorResponse('CitizenNotFound', 'the token is missing, malformed, unknown, for another page, or expired (a set time after the case closed): all get this same answer; logged without the token'),
  InternalError: errorResponse('InternalError', 'the request failed; the message names the request id to look up in the API logs'),
};

const conflict = (description: string): ZodOpenApiResponseObject => ({ description, content: { 'application/json': { schema: api.ApiError } } });

// ---- the prose of each operation ----------------------------------------------------------------

interface Prose {
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  /** What a 409 means on this route, when it is not NotWaitingForAction. */
  conflict?: string;
  /** What each answer means, by status. */
  answers?: Partial<Record<200 | 201 | 202 | 503, string>>;
  /** Descriptions of query parameters the use case's schema does not carry. */
  params?: Record<string, string>;
}

const PERIOD_PARAMS = {
  period: 'a month (`2026-05`), a half year (`2026-H1`, `2026-H2`) or a year (`2026`); or give `from` and `to`',
  from: 'first day of the period (YYYY-MM-DD, included), with `to`',
  to: 'last day of the period (YYYY-MM-DD, included), with `from`',
  basis:
    'with `period`: `calendar` (default) half years and years, or `administrative`, the reporting periods of Nghị định 09/2019/NĐ-CP art. 12 (`2026-H1`: 15/12/2025 to 14/06/2026; `2026`: 15/12/2025 to 14/12/2026)',
  office: 'one office (default every office within reach)',
  province: 'every office of one province',
  format: 'the file format',
};

const JOB_ANSWER =
  'the file would read more cases than the configured threshold (EXPORT_JOB_THRESHOLD_CASES): it is being built as a job; follow it at GET /jobs/{id}';

const PROSE: Record<string, Prose> = {
  'GET /health': { operationId: 'health', summary: 'The API answers and the case store is reachable', answers: { 200: 'healthy', 503: 'the case store does not answer' } },
  'GET /reference': {
    operationId: 'getReference',
    tags: ['queue'],
    summary: "The console's pick lists: the offices, each procedure's required items and its legal basis",
    answers: { 200: 'the offices of the directory and the procedures of the catalog, as deployed' },
  },
  'GET /offices/{office}/appointments': {
    operationId: 'getAppointmentBook',
    tags: ['queue'],
    summary: "The office's appointment book: each session of its working days, its capacity, and the cases booked",
    answers: { 200: 'the book' },
  },
  'GET /offices/{office}/dashboard': {
    operationId: 'getOfficeDashboard',
    tags: ['queue'],
    summary:
      "The head's dashboard of an office: open cases at risk (past their warning point) and late, the deadlines that passed undone in a month (Vietnam time; closed cases and cases received earlier included), load per officer, cases needing attention. Heads of the office and auditors in scope; officers get 403",
    answers: { 200: 'the figures' },
  },
  'GET /cases': {
    operationId: 'searchCases',
    tags: ['queue'],
    summary: 'The work queue, and the search by office, status, procedure, period of receipt and breach',
    description: `Without \`receivedFrom\` this is the **work queue**: the open cases of the offices within
the caller's reach (or of \`office\`), soonest next deadline first. Closed cases are not in
the work queue; search them with a period of receipt.

With \`receivedFrom\` (and optionally \`receivedTo\`) it searches **every case received in
the period**, closed ones included, in order of receipt.

Pages: at most \`limit\` items; pass \`nextCursor\` back as \`cursor\`, with the same filters,
for the next page. No \`nextCursor\` means there is no more.`,
    answers: { 200: 'one page of cases' },
    params: {
      office: 'one office (default every office within reach)',
      status: 'the case status, e.g. `awaiting-review`, `reviewed`, `closed`',
      procedure: 'the procedure, e.g. `enforcement-request`',
      breached: 'only cases with (`true`) or without (`false`) a missed deadline',
      needsAttention: 'only cases whose workflow ended without closing them (true), or only the others (false)',
      dueBefore: 'only cases waiting for a step due before this instant (or the start of this day); a date `YYYY-MM-DD` or an ISO 8601 date-time (without an offset, Vietnam time)',
      receivedFrom: 'start of the period of receipt (included); a date or a date-time',
      receivedTo: 'end of the period of receipt (included; a date includes the whole day); default now. Needs receivedFrom.',
      limit: 'at most this many items (1 to 200, default 50)',
      cursor: 'the `nextCursor` of the previous page (opaque)',
    },
  },
  'GET /cases/{id}': { operationId: 'getCase', tags: ['case'], summary: 'The case, its checklist, its deadlines and how each went, and its full timeline', answers: { 200: 'the case' } },
  'GET /cases/{id}/timeline': { operationId: 'getTimeline', tags: ['case', 'audit'], summary: 'The events of a case, in order', answers: { 200: 'the timeline' } },
  'GET /cases/{id}/verify': {
    operationId: 'verifyCase',
    tags: ['audit'],
    summary: "Re-computes the timeline's hash chain and names the first event edited, removed or reordered",
    answers: { 200: 'the verification (a broken chain is a finding, not an error)' },
  },
  'GET /cases/{id}/documents': {
    operationId: 'listDocuments',
    tags: ['case'],
    summary: 'The files of the case (attachments and generated documents), each with a signed link valid 5 minutes; `disposition=inline` signs links a browser shows in the page (PDFs and PNG/JPEG/GIF/WebP only)',
    answers: { 200: 'the files' },
  },
  'POST /cases/{id}/review': {
    operationId: 'review',
    tags: ['actions'],
    summary: "Record the officer's review of the request (completes the step `review`)",
    description: `\`accept\`; \`request-more\` (name the \`missingItems\`; the requester is asked for them);
\`refuse\` (with the \`reason\` and its \`legalBasis\`); \`refer\` (to the competent office,
\`referTo\`). Answered 409 when the case does not wait for its review.`,
  },
  'POST /cases/{id}/visit': { operationId: 'visit', tags: ['actions'], summary: "Record the requester's in-person visit (completes the step `visit`)" },
  'POST /cases/{id}/decision': { operationId: 'decision', tags: ['actions'], summary: 'Record the enforcement decision (completes the step `decision`)' },
  'POST /cases/{id}/handover': { operationId: 'handover', tags: ['actions'], summary: 'Record the hand-over of the decision (completes the step `handover`)' },
  'POST /cases/{id}/register': { operationId: 'register', tags: ['actions'], summary: 'Register a complaint or denunciation (completes the step `registration`)' },
  'POST /cases/{id}/reassign': {
    operationId: 'reassign',
    tags: ['actions'],
    summary: 'Assign the case to another officer (heads only; recorded on the timeline as `reassigned`)',
    answers: { 200: 'recorded (or `unchanged` when the case already had this assignee)' },
    conflict: 'the case is closed',
  },
  'POST /cases/{id}/delay': {
    operationId: 'delay',
    tags: ['actions'],
    summary: 'Record, before the deadline, that the result will be late (form 04 of circular 03/2025/TT-VPCP)',
    description: `For a case waiting for its result (\`decision\`, or \`registration\` of a complaint), before that
step's deadline: the reason and the new date are recorded (\`delay-recorded\` on the timeline),
the step's deadline moves to the new date (\`deadline-set\`, with \`extendedFrom\`), and the
requester is sent "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết", signed by the
head of office by title and name. After the deadline the apology goes out by itself.`,
    answers: { 200: 'recorded' },
    conflict: 'the case does not wait for a result, is closed, or its deadline has passed',
  },
  'POST /cases/{id}/withdraw': {
    operationId: 'withdraw',
    tags: ['actions'],
    summary: "Record the requester's written withdrawal of the request, which ends the case before its decision",
    description: `For a case waiting for its review, the requester's missing items, the visit or the decision:
the requester's writing (an e-mail on the case thread, or a letter handed in) is recorded
(\`withdrawal-recorded\` on the timeline, with its reference and the legal basis cited), the
waiting step ends, the case closes as withdrawn (\`case-closed\`, reason \`withdrawn\`) with no
reminder, breach or escalation afterwards, and the requester is sent a confirming letter
citing the legal basis (config/legal-basis.json, \`withdrawal\`). A reply that only asks to
withdraw is a hint on the case (\`attention\`, kind \`withdrawal-requested\`), never acted on by
itself. The same withdrawal twice is recorded once (\`unchanged\`).`,
    answers: { 200: 'recorded, and the waiting step ended (or already recorded: `unchanged`)' },
    conflict: 'the case is finished, its decision was issued (a withdrawal then asks the head to stop enforcement, đình chỉ thi hành án), it is a complaint, or it is between two steps',
  },
  'POST /cases/{id}/confirm-sender': {
    operationId: 'confirmSender',
    tags: ['actions'],
    summary: 'Confirm the address of a held sender ("sender not verified"), which sends the held acknowledgement (officers of the case\'s office)',
    description: `Recorded on the timeline as \`sender-confirmed\` (who, when, the note saying why); clears the
hold; then the notify function sends the acknowledgement, once, with the deadline the case
carries. Given again after a failed sending, it records nothing new and asks for it again.`,
    answers: { 200: 'recorded, and what became of the acknowledgement' },
    conflict: 'the sender is not held, or was already confirmed and acknowledged',
  },
  'POST /uploads': {
    operationId: 'createUpload',
    tags: ['registration'],
    summary: 'A link to upload one scan (PDF, JPEG, PNG or WebP, at most 10 MB) of a request received by post or at the desk (officers and the head of the office)',
    description: `Answers a presigned S3 PUT, valid 10 minutes, for the documents bucket: the browser sends the file
there itself, with the headers given, and names the upload by \`uploadId\` in POST /registrations, which
reads it back, checks its type by its first bytes and its size, hashes it and files it under the case.`,
    answers: { 200: 'the link to PUT the file to' },
  },
  'POST /registrations': {
    operationId: 'registerRequest',
    tags: ['registration'],
    summary: 'Register a request received by post or at the desk, with its scans: it opens a case that runs like an e-mailed one (officers and the head of the office)',
    description: `The clocks start from \`receivedAt\`, the real receipt (with the agency's 15:00 cut-off and the working-day
calendar, as for an e-mail); a receipt in the future or more than 30 days old is refused, as is a postmark after
the receipt. The same \`idempotencyKey\` again (a double click, a retry) answers the case it opened (200,
\`duplicate\`); the same key with other content is refused (409). A requester without an e-mail address gets
every letter as a PDF to print and post (\`letter-for-post\` on the timeline).`,
    answers: { 201: 'the case was opened', 200: 'this idempotency key opened the case before; nothing new was opened' },
    conflict: 'the idempotency key was used for another registration',
  },
  'POST /cases/{id}/resume': {
    operationId: 'resumeCase',
    tags: ['actions'],
    summary: 'Restart a case whose workflow ended without closing it ("needs attention"), at the step it was in, with the same deadlines (heads only)',
    description: `Starts a new execution, \`<case id>-r<n>\`, at the Task the last execution was in and with the
input it had there; the case's deadlines are read from the case as before. Recorded on the
timeline as \`workflow-resumed\`; the case's \`workflowEnded\` is cleared.`,
    answers: { 200: 'the workflow was started again' },
    conflict: 'the case is closed, or its workflow is running',
  },
  'GET /digests/latest': {
    operationId: 'latestDigest',
    tags: ['audit'],
    summary: "The latest daily chain digest (every case's chain head and their Merkle root), as kept under S3 Object Lock",
    answers: { 200: 'the digest and its key in the digests bucket' },
  },
  'GET /exports/cases': {
    operationId: 'exportCases',
    tags: ['audit'],
    summary: 'The cases of a period, as CSV (one line per case) or JSON (with their timelines)',
    description: `The cases the official report of the period counts: received in the period, or carried
over into it (received before and not resolved by its start). Heads export their office;
auditors the offices of their grant. Without \`office\` or \`province\`, every office within
reach. Cases are read from the audit index 24 months back from the period's start and from
the work queue (open cases of any age).`,
    answers: { 200: 'the export, as a file (Content-Disposition attachment)', 202: JOB_ANSWER },
    params: PERIOD_PARAMS,
  },
  'GET /reports/official': {
    operationId: 'officialReport',
    tags: ['audit'],
    summary: 'The official one-stop report of a period (form of Công văn 1639/TCTHADS-NV3) for an office or a province',
    description: `XLSX (the form, per office and rolled up for a province, and the list of cases), CSV (the
rows of the form) or JSON. Without \`office\` or \`province\`: a head's own office, or an
auditor's granted office or province. Before the period ends the report is provisional.`,
    answers: { 200: 'the report, as a file (Content-Disposition attachment)', 202: JOB_ANSWER },
    params: PERIOD_PARAMS,
  },
  'GET /reports/satisfaction': {
    operationId: 'satisfactionResults',
    tags: ['audit'],
    summary: "The requesters' satisfaction ratings (1 to 5) of an office or a province in a period: count, mean, distribution, share satisfied, comments",
    description: `Ratings are counted in the period they were given (Vietnam time). Without \`office\` or \`province\`: a head's own
office, or an auditor's granted office or province (the official report's rules).`,
    answers: { 200: 'the results per office and together' },
    params: PERIOD_PARAMS,
  },
  'GET /public/case-status': {
    operationId: 'citizenCaseStatus',
    tags: ['citizen'],
    summary: "Where the requester's case stands, what they must do next, its deadlines, appointment and letters (the token of the acknowledgement's link)",
    description: `No staff token: the header \`X-Motcua-Access\` carries the private token of the link in the
acknowledgement (\`…/trang-thai#<token>\`), which only the requester received; only its SHA-256 is stored.
Nothing internal is shown (the checks' hints, officers' notes, sender verdicts). The link lasts until a
configured number of days after the case closes (config/citizen.json). Attempts are limited per source
address and for everyone together, and logged without the token.`,
    answers: { 200: 'the status' },
  },
  'GET /public/survey': {
    operationId: 'citizenSurvey',
    tags: ['citizen'],
    summary: 'The satisfaction survey of a case (the token of the final letter\'s link): what is rated, and whether it was rated already',
    answers: { 200: 'the survey' },
  },
  'POST /public/survey': {
    operationId: 'citizenRate',
    tags: ['citizen'],
    summary: 'Rate how the case was handled, 1 to 5, with an optional comment: once per case',
    answers: { 201: 'recorded' },
    conflict: 'the case was rated already (`AlreadyRated`; also for the second of two ratings sent at the same instant)',
  },
  'GET /jobs/{id}': {
    operationId: 'getExportJob',
    tags: ['audit'],
    summary: 'How a large export or report is going and, when it is done, a five-minute signed link to its file',
    description: `Readable by who asked for it, and by an auditor who may export every office it covers; anyone
else is answered 404, as if it did not exist. Records expire a week after the request.`,
    answers: { 200: 'the job' },
  },
};

const camel = (name: string) => name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

/** The prose of a route; an action without its own falls back on the action table's summary. */
export function proseOf(route: Route): Prose {
  const key = `${route.method} ${route.path}`;
  const own = PROSE[key];
  if (own) return own;
  const action = route.method === 'POST' ? (route.path.split('/').at(-1) as ActionName) : undefined;
  if (action && action in ACTIONS) return { operationId: camel(action), tags: ['actions'], summary: ACTIONS[action].summary };
  throw new Error(`${key} has no prose in functions/api/openapi.ts: give it an operationId and a summary`);
}

/** The same query schema, its fields described for the document (the validator is untouched). */
function described(schema: z.ZodType, descriptions: Record<string, string> = {}): z.ZodObject {
  if (!(schema instanceof z.ZodObject)) throw new Error('a query or path contract must be a zod object');
  const shape = Object.fromEntries(
    Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => {
      const description = descriptions[name];
      return [name, description && !field.meta()?.description ? field.meta({ description }) : field];
    }),
  );
  return z.strictObject(shape);
}

const isFile = (answer: z.ZodType | FileAnswer): answer is FileAnswer => 'files' in answer && !(answer instanceof z.ZodType);

/** The operation of one route: its parameters, body, answers and the refusals the router gives. */
function operationOf(route: Route): ZodOpenApiOperationObject {
  const prose = proseOf(route);
  const { contract } = route;
  const responses: ZodOpenApiOperationObject['responses'] = {};
  for (const [status, answer] of Object.entries(contract.answers) as Array<[string, z.ZodType | FileAnswer]>) {
    const description = prose.answers?.[Number(status) as 200] ?? (route.method === 'POST' ? 'done; the workflow records the outcome on the timeline' : 'the answer');
    const content = isFile(answer)
      ? Object.fromEntries(Object.entries(answer.files).map(([type, schema]) => [type, { schema }]))
      : { 'application/json': { schema: answer } };
    responses[status as '200'] = { description, content };
  }
  const takesInput = contract.query !== undefined || contract.body !== undefined || contract.path === api.casePath;
  if (takesInput) responses['400'] = ERRORS.BadRequest;
  if (route.permission !== 'public') {
    responses['401'] = ERRORS.Unauthorized;
    responses['403'] = ERRORS.Forbidden;
  }
  if (contract.path || route.path === '/digests/latest') responses['404'] = ERRORS.NotFound;
  if (route.path.startsWith('/public/')) {
    responses['404'] = ERRORS.CitizenNotFound;
    responses['429'] = ERRORS.TooManyRequests;
  }
  if (route.method === 'POST') {
    const action = route.path.split('/').at(-1) as ActionName;
    const completesStep = action in ACTIONS && 'step' in ACTIONS[action];
    responses['409'] = completesStep && !prose.conflict ? ERRORS.NotWaitingForAction : conflict(prose.conflict ?? 'the case cannot take this change in its present state');
  }
  responses['500'] = ERRORS.InternalError;

  return {
    operationId: prose.operationId,
    ...(prose.tags ? { tags: prose.tags } : {}),
    summary: prose.summary,
    ...(prose.description ? { description: prose.description } : {}),
    ...(route.permission === 'public' ? { security: [] } : {}),
    ...(contract.path || contract.query || contract.headers
      ? {
          requestParams: {
            ...(contract.path ? { path: described(contract.path) } : {}),
            ...(contract.query ? { query: described(contract.query, prose.params) } : {}),
            ...(contract.headers ? { header: contract.headers } : {}),
          },
        }
      : {}),
    ...(contract.body ? { requestBody: { required: !contract.bodyOptional, content: { 'application/json': { schema: contract.body } } } } : {}),
    responses,
  };
}

/** Names the action bodies as components (ReviewBody, ConfirmSenderBody...) without touching the validators. */
function namedBodies(list: Route[]): Map<Route, z.ZodType> {
  const named = new Map<Route, z.ZodType>();
  for (const route of list) {
    const body = route.contract.body;
    if (!body) continue;
    const name = `${camel(route.path.split('/').at(-1)!).replace(/^./, (c) => c.toUpperCase())}Body`;
    named.set(route, body.meta({ id: name, ...(body.meta() ?? {}) }));
  }
  return named;
}

/** The OpenAPI 3.1 document of these routes (by default, the API's). */
export function openApiDocument(list: Route[] = routes) {
  const bodies = namedBodies(list);
  const paths: Record<string, Record<string, ZodOpenApiOperationObject>> = {};
  for (const route of list) {
    const withBody = bodies.has(route) ? { ...route, contract: { ...route.contract, body: bodies.get(route)! } } : route;
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operationOf(withBody) };
  }
  return createDocument(
    {
      openapi: '3.1.0',
      info: {
        title: 'motcua staff and auditor API',
        version: '0.1.0',
        description: INFO_DESCRIPTION,
        // OpenAPI 3.1's info.summary, which the library's types do not list yet.
        ...({ summary: 'The one-stop desk of civil judgment enforcement (THADS), for officers, heads and auditors.' } as object),
      },
      servers: [
        { url: '/api', description: "the staff console's origin on AWS (CloudFront forwards /api/* to the HTTP API)" },
        { url: 'http://127.0.0.1:3000', description: 'the local stack (`npm start`)' },
      ],
      security: [{ bearer: [] }],
      tags: TAGS,
      paths,
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description: 'A Cognito ID token (groups in `cognito:groups`, `custom:office`, `custom:scope`); locally one from `motcua token`.',
          },
        },
      },
    }
  );
}
