import * as z from 'zod';
import { ACTIONS } from '../../shared/staff/actions';
import { caseSearchQuery } from '../../shared/staff/queue';
import { timeLeftSchema } from '../../shared/staff/time-left';
import { consoleReferenceSchema } from '../../shared/staff/reference';
import { appointmentBookQuery, appointmentBookSchema } from '../../shared/staff/appointment-book';
import { documentsQuery } from '../../shared/staff/case-view';
import { dashboardMonth } from '../../shared/staff/dashboard';
import type { OfficeDashboard as Dashboard, MonthlyBreach as Breach, OfficerLoad as Load } from '../../shared/staff/dashboard';
import { exportQuery, reportQuery, satisfactionQuery as satisfactionScopeQuery } from '../../shared/staff/report-queries';
import { satisfactionResultsSchema } from '../../shared/citizen/satisfaction';
import { citizenConfig } from '../../shared/citizen/citizen-config';
import { ratingBody } from '../../shared/citizen/survey';
import type { CitizenCaseStatus as CitizenStatusView } from '../../shared/citizen/case-status';
import type { SurveyInvitation as Invitation } from '../../shared/citizen/public-access';
import type { CaseRecord, CaseStatus, ClosureReason, ProcedureFlow, TimelineEvent as TimelineEventRecord } from '../../shared/cases/model';
import type { ActionResult as ActionOutcome } from '../../shared/staff/actions';
import type { CaseDocument as CaseFile, StepClock as StepClockView, VerifyReport as Verification } from '../../shared/staff/case-view';
import type { ExportJobView } from '../../shared/staff/export-jobs';
import type { CaseSearchResult as SearchResult, CaseSummary as Summary } from '../../shared/staff/queue';
import type { ResumeResult as Resumed } from '../../shared/staff/resume';
import type { ChainDigest as Digest } from '../../shared/digest/chain-digest';
import { registrationBody, uploadRequestBody, type RegistrationResult as Registered, type UploadLink as UploadLinkView } from '../../shared/staff/registration-contract';

/**
 * The API's contract in zod: what each route takes (query, path, body: the very schemas the use
 * cases validate with) and what it answers. The routes (routes.ts) type their handlers' replies
 * with `z.infer` of these, and openapi/motcua-api.yaml is generated from them (openapi/build.ts),
 * so the document, the handlers and the console's generated client types cannot drift apart.
 *
 * Only zod lives here: the OpenAPI assembly (functions/api/openapi.ts) is imported by the build
 * script and the tests alone, never by the Lambda handler.
 */

const dateTime = () => z.string().meta({ format: 'date-time', description: 'ISO 8601, in Vietnam time (+07:00)' });
const date = () => z.string().meta({ format: 'date', description: 'a calendar day YYYY-MM-DD' });

// ---- requests --------------------------------------------------------------------------------

/** The case id of a path: `<OFFICE>-<YYYY>-<NNNNNN>`. The use cases answer 404 (or 403) for any other. */
export const CaseIdParam = z
  .string()
  .regex(/^[A-Z][A-Z0-9]{1,15}-\d{4}-\d{6}$/)
  .meta({ id: 'CaseId', description: 'the case id, `<OFFICE>-<YYYY>-<NNNNNN>`', examples: ['HCMKV1-2026-000001'] });
export const casePath = z.strictObject({ id: CaseIdParam });
export const jobPath = z.strictObject({ id: z.string().max(64).meta({ description: 'the job id GET /exports/cases or GET /reports/official answered with 202' }) });

export const timelineQuery = z.strictObject({
  type: z.string().optional().meta({ description: 'only events of these types (comma-separated), e.g. `step-completed,deadline-breached`' }),
});

export const digestQuery = z.strictObject({
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
    .optional()
    .meta({ description: 'a Vietnamese calendar day (YYYY-MM-DD); default the latest digest of any day' }),
});

export { caseSearchQuery, exportQuery, reportQuery, appointmentBookQuery, documentsQuery };

/** The office code of a path (GET /offices/{office}/appointments). */
export const officePath = z.strictObject({
  office: z.string().regex(/^[A-Z][A-Z0-9]{1,15}$/).meta({ id: 'OfficeCode', description: 'an office code of the directory', examples: ['HCMKV1'] }),
});

export const dashboardQuery = z.strictObject({
  month: dashboardMonth.optional().meta({ description: 'the month (YYYY-MM, Vietnam time) whose breaches are counted; default this month' }),
});

/** The body each action takes, by action (shared/staff/actions.ts validates with these). */
export const actionBodies = Object.fromEntries(Object.entries(ACTIONS).map(([name, spec]) => [name, spec.body])) as {
  [K in keyof typeof ACTIONS]: (typeof ACTIONS)[K]['body'];
};

// ---- errors ----------------------------------------------------------------------------------

export const ERROR_CODES = ['BadRequest', 'Unauthorized', 'Forbidden', 'NotFound', 'MethodNotAllowed', 'NotWaitingForAction', 'Conflict', 'InternalError'] as const;

export const ApiError = z
  .object({
    error: z.enum(ERROR_CODES),
    message: z.string().meta({ description: 'why, in words a person can act on' }),
    issues: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .meta({ description: '400 only: each problem of the query or body, by its path' }),
  })
  .meta({ id: 'Error', description: 'every refusal and failure has this shape' });
export type ApiError = z.infer<typeof ApiError>;

export const NotWaitingForActionError = z
  .object({
    error: z.literal('NotWaitingForAction'),
    message: z.string(),
    caseId: z.string(),
    action: z.string(),
    step: z.string().nullable().meta({ description: 'the step this action completes' }),
    waitingFor: z.string().nullable().meta({ description: 'the step the case waits for, or null when it waits for no action' }),
  })
  .meta({ id: 'NotWaitingForActionError', description: 'the case does not wait for this action (nothing was done)' });

// ---- responses -------------------------------------------------------------------------------

export const Health = z.object({ status: z.literal('ok'), caseStore: z.literal('reachable'), time: dateTime() }).meta({ id: 'Health' });
export const HealthDegraded = z.object({ status: z.literal('degraded'), caseStore: z.literal('unreachable') }).meta({ id: 'HealthDegraded' });

export const Requester = z
  .object({
    address: z.string().optional().meta({ description: "the requester's e-mail address; absent for a request registered from the post or the desk without one (its letters are printed for the post)" }),
    name: z.string().optional(),
    postalAddress: z.string().optional().meta({ description: 'where letters go by post' }),
    phone: z.string().optional(),
  })
  .meta({ id: 'Requester' });

export const RegisteredChannel = z
  .object({
    kind: z.enum(['post', 'desk']),
    postmarkDate: date().optional().meta({ description: 'the date on the postmark, for a request received by post' }),
    registeredBy: z.string(),
    registeredAt: dateTime(),
  })
  .meta({ id: 'RegisteredChannel', description: 'how a request that did not come by e-mail reached the office, and who registered it' });

export const WaitingStep = z
  .object({ step: z.string().meta({ examples: ['review'] }), since: dateTime(), dueAt: dateTime() })
  .meta({ id: 'WaitingStep', description: 'the human step the workflow waits for' });

export const TimeLeft = timeLeftSchema.meta({
  id: 'TimeLeft',
  description: "the working time the waiting step has left on the office's calendar, and whether its warning point passed (shared/staff/time-left)",
});

export const ConsoleReference = consoleReferenceSchema.meta({
  id: 'ConsoleReference',
  description: "the console's pick lists: the offices of the directory, each procedure's required items, legal basis and the originals brought to the appointment",
});

export const AppointmentBook = appointmentBookSchema.meta({
  id: 'AppointmentBook',
  description: "the office's appointment book: each session of its working days, its capacity, and the cases booked",
});

export const CaseSummary = z
  .object({
    caseId: z.string(),
    office: z.string(),
    procedure: z.string(),
    status: z.string(),
    subject: z.string(),
    requester: Requester,
    receivedAt: dateTime(),
    assignee: z.string().optional(),
    waitingFor: WaitingStep.nullable(),
    nextDeadline: dateTime().nullable(),
    breached: z.boolean(),
    breaches: z.array(z.string()),
    needsAttention: z.boolean().meta({ description: "the case's workflow ended without closing it; POST /cases/{id}/resume restarts it" }),
    attentionItems: z.int().meta({ description: "items on the case's `attention` list for the desk (a third party's message, a request past the reschedule limit, a reply asking to withdraw)" }),
    senderHeld: z.boolean().meta({ description: 'the sender failed verification and no officer confirmed the address (confirm-sender); no notice goes to the requester' }),
    timeLeft: TimeLeft.optional(),
  })
  .meta({ id: 'CaseSummary', description: 'a case in a list: what an officer needs to pick the next one' });

export const CaseSearchResult = z
  .object({
    order: z.enum(['next-deadline', 'received']),
    offices: z.array(z.string()).meta({ description: 'the offices searched' }),
    items: z.array(CaseSummary),
    nextCursor: z.string().optional().meta({ description: 'pass it back as `cursor`, with the same filters, for the next page; absent on the last page' }),
  })
  .meta({ id: 'CaseSearchResult' });

export const MonthlyBreach = z
  .object({
    caseId: z.string(),
    step: z.string(),
    dueAt: dateTime().meta({ description: 'the deadline that passed undone; it falls in the month asked for' }),
    closed: z.boolean().meta({ description: 'the case is closed now; its breach still counts in its month' }),
    assignee: z.string().optional(),
  })
  .meta({ id: 'MonthlyBreach' });

export const OfficerLoad = z
  .object({ officer: z.string(), open: z.int(), warning: z.int(), breached: z.int() })
  .meta({ id: 'OfficerLoad', description: "an assignee's open cases, and how many are past their warning point or late" });

export const OfficeDashboard = z
  .object({
    office: z.string(),
    month: z.string().meta({ description: 'YYYY-MM, Vietnam time' }),
    at: z.string().meta({ format: 'date-time', description: 'when the figures were taken' }),
    open: z.int().meta({ description: "the office's open cases" }),
    atRisk: z.array(CaseSummary).meta({ description: 'open cases past their warning point (time left level `warning`)' }),
    late: z.array(CaseSummary).meta({ description: "open cases whose waiting step's deadline passed, or with a breach recorded" }),
    attention: z.array(CaseSummary).meta({ description: 'open cases the desk must look at (workflow stopped, attention items, sender held)' }),
    breachesInMonth: z.array(MonthlyBreach).meta({ description: 'deadlines that passed undone in the month (Vietnam time), on open and closed cases, whenever received' }),
    load: z.array(OfficerLoad),
    closedCasesReceivedSince: z.string().meta({ description: 'YYYY-MM: closed cases received before this month are not read' }),
  })
  .meta({ id: 'OfficeDashboard', description: "the head's figures for an office: at risk, late, breaches of a month, load per officer, cases needing attention" });

export const Actor = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('system'), component: z.string() }),
    z.object({ kind: z.literal('requester'), address: z.string() }),
    z.object({ kind: z.literal('officer'), id: z.string(), name: z.string().optional() }),
  ])
  .meta({ id: 'Actor', description: 'who did it: a component of the system, the requester, or an officer' });

export const TimelineEvent = z
  .object({
    caseId: z.string(),
    seq: z.int().min(1),
    type: z.string().meta({ examples: ['message-received', 'case-opened', 'deadline-set', 'step-awaiting', 'deadline-breached', 'step-completed', 'reassigned'] }),
    at: dateTime(),
    actor: Actor,
    data: z.record(z.string(), z.unknown()),
    prevHash: z.string(),
    hash: z.string(),
    caseState: z.string().optional().meta({ description: 'the hash of the case item this event left (verify compares it)' }),
  })
  .meta({ id: 'TimelineEvent', description: 'one event of the hash-chained timeline' });

export const StepDeadline = z
  .looseObject({
    dueAt: dateTime(),
    startedAt: dateTime(),
    calendarVersion: z.string(),
    rule: z.string(),
    counting: z.enum(['legal', 'working-hours']).optional().meta({ description: 'the counting rule of the limit (absent on deadlines stored before: working-hours)' }),
    provisional: z
      .object({ years: z.array(z.int()) })
      .optional()
      .meta({ description: 'present when a year spanned has no official schedule of days off: the date is a forecast' }),
    extendedFrom: dateTime().optional().meta({ description: 'the due instant before a recorded delay (form 04) moved it' }),
  })
  .meta({ id: 'StepDeadline', description: 'a deadline as given to the case, with the calendar version that produced it (and details of its rule)' });

export const StepClock = z
  .object({
    step: z.string(),
    dueAt: dateTime(),
    waiting: z.boolean(),
    breached: z.boolean().meta({ description: 'the deadline passed with the step undone' }),
    completedAt: dateTime().optional(),
    onTime: z.boolean().optional().meta({ description: 'done at or before the due instant (checkTimeliness, the one definition)' }),
    counting: z.string().optional().meta({ description: 'the counting rule of the limit: `legal` or `working-hours`' }),
    provisional: z.literal(true).optional().meta({ description: 'the due date is a forecast (a year without an official schedule)' }),
    closedBy: z.literal('withdrawal').optional().meta({ description: 'the step was never done because the requester withdrew the request; its clock closed then' }),
  })
  .meta({ id: 'StepClock', description: 'whether a step with a deadline was done on time' });

export const DocumentRef = z
  .object({ name: z.string(), contentType: z.string(), bucket: z.string(), key: z.string(), sha256: z.string().optional(), size: z.int().optional() })
  .meta({ id: 'DocumentRef', description: 'a stored file (S3 bucket and key); GET /cases/{id}/documents gives links to them' });

export const NeedsAttention = z
  .object({
    status: z.string().meta({ description: 'FAILED, ABORTED or TIMED_OUT, as Step Functions reports the end' }),
    execution: z.string(),
    error: z.string().optional(),
    cause: z.string().optional(),
    at: dateTime(),
  })
  .meta({ id: 'NeedsAttention', description: "the case's workflow ended without closing it (failed, aborted, timed out)" });

export const CASE_STATUSES = [
  'received',
  'awaiting-review',
  'reviewed',
  'awaiting-requester',
  'awaiting-visit',
  'received-in-person',
  'awaiting-decision',
  'decided',
  'awaiting-handover',
  'awaiting-registration',
  'awaiting-answer',
  'closed',
] as const;

export const CaseDetail = z
  .object({
    caseId: z.string(),
    office: z.string(),
    procedure: z.string(),
    status: z.enum(CASE_STATUSES),
    requester: Requester,
    subject: z.string(),
    receivedAt: dateTime(),
    firstMessageId: z.string(),
    channel: RegisteredChannel.optional().meta({ description: 'absent for a request received by e-mail' }),
    deadlines: z.record(z.string(), StepDeadline).meta({ description: 'by step' }),
    breaches: z.array(z.string()).meta({ description: 'the steps whose deadline passed undone' }),
    pendingStep: WaitingStep.optional(),
    flow: z.enum(['enforcement-request', 'one-stop', 'guidance', 'answer']).optional(),
    round: z.int().optional().meta({ description: 'the review round: 1, then +1 after each reply to a request for more' }),
    checklist: z.record(z.string(), z.unknown()).nullable().meta({ description: 'the automatic checks before review, or null before they ran' }),
    appointment: z
      .object({
        slot: z.object({ office: z.string(), date: date(), session: z.string(), start: z.string(), end: z.string() }),
        reminderAt: dateTime(),
        bookedAt: dateTime(),
        attempt: z.int(),
        missed: z.int(),
      })
      .optional()
      .meta({ description: 'the place booked in a half-day session of the office for the in-person receipt' }),
    appointmentChange: z.string().optional(),
    resultCollection: z.object({ method: z.enum(['at-desk', 'by-post']), postalAddress: z.string().optional() }).optional(),
    decision: z
      .object({
        number: z.string(),
        date: date(),
        signer: z.union([z.string(), z.object({ name: z.string(), title: z.string() })]),
        document: DocumentRef.optional(),
        recordedAt: dateTime(),
      })
      .optional(),
    resultDelivered: z
      .object({
        at: dateTime(),
        method: z.enum(['at-desk', 'by-post']),
        recipientName: z.string().optional(),
        signedSlip: z.union([z.boolean(), DocumentRef]).optional(),
        by: z.string().optional(),
      })
      .optional(),
    procuracyCopy: z.object({ sentAt: dateTime(), onTime: z.boolean() }).optional(),
    documents: z.record(z.string(), DocumentRef).optional().meta({ description: 'documents the system produced (receipt slip, apology letter), by kind' }),
    closure: z
      .object({
        reason: z.enum(['resolved', 'refused', 'referred', 'no-reply', 'missed-twice', 'guidance-given', 'withdrawn', 'answered']),
        at: dateTime(),
        note: z.string().optional(),
      })
      .optional(),
    delays: z
      .array(z.object({ step: z.string(), recordedAt: dateTime(), by: Actor, reason: z.string(), originalDueAt: dateTime(), newDueAt: dateTime() }))
      .optional()
      .meta({ description: 'delays recorded before a deadline (form 04 sent), oldest first' }),
    withdrawal: z
      .object({ recordedAt: dateTime(), by: Actor, via: z.enum(['email', 'letter']), reference: z.string(), reason: z.string().optional(), step: z.string() })
      .optional()
      .meta({ description: "the requester's written withdrawal, recorded by an officer (POST /cases/{id}/withdraw); the case then closes as withdrawn" }),
    assignee: z.string().optional(),
    workflowEnded: NeedsAttention.optional(),
    execution: z.string().optional().meta({ description: "the case's current execution (the case id until a resume)" }),
    resumes: z.int().optional(),
    requesterHadCases: z.boolean().optional().meta({ description: 'whether the requester had opened cases before this one, as the opening saw it (absent: not known)' }),
    senderHold: z
      .object({
        reasons: z.array(z.string()),
        at: dateTime(),
        confirmed: z.object({ at: dateTime(), by: z.string(), note: z.string().optional() }).optional(),
      })
      .optional()
      .meta({ description: 'the sender failed verification: nothing is sent to them until an officer confirms the address' }),
    authorisedAddresses: z.array(z.string()).optional(),
    attention: z
      .array(z.object({ kind: z.enum(['third-party-message', 'reschedule-limit', 'withdrawal-requested']), at: dateTime(), detail: z.string(), messageId: z.string().optional() }))
      .optional()
      .meta({ description: 'what the desk must look at that no step waits for' }),
    lastSeq: z.int(),
    lastHash: z.string(),
    createdAt: dateTime(),
    updatedAt: dateTime(),
    steps: z.array(StepClock),
    timeline: z.array(TimelineEvent),
    needsAttention: z.boolean().meta({ description: 'the workflow ended without closing the case (see `workflowEnded`): a head resumes it' }),
  })
  .meta({ id: 'CaseDetail', description: 'the case record (never its task token), its checklist, how each deadline went, and the full timeline' });

export const CaseTimeline = z.object({ caseId: z.string(), events: z.array(TimelineEvent) }).meta({ id: 'CaseTimeline' });

export const VerifyReport = z
  .object({
    caseId: z.string(),
    ok: z.boolean(),
    events: z.int().meta({ description: 'how many events were read' }),
    head: z.object({ lastSeq: z.int(), lastHash: z.string() }).meta({ description: 'what the case records as its last event' }),
    verifiedAt: dateTime(),
    firstBreak: z
      .object({
        kind: z.string().meta({
          description: 'how the chain breaks: edited, removed, reordered, relinked, added (an event behind the case\'s back) or case-edited (the case item); a kind the chain check adds later is passed on as it is',
          examples: ['edited', 'removed', 'reordered', 'relinked', 'added', 'case-edited'],
        }),
        seq: z.int().meta({ description: 'the first event edited, removed or reordered' }),
        message: z.string(),
        found: z.object({ seq: z.int(), type: z.string(), at: dateTime() }).optional().meta({ description: 'the event that stands at that place now' }),
      })
      .optional(),
    caseState: z
      .enum(['matches', 'differs', 'unchained'])
      .meta({ description: 'whether the case item (status, deadlines, breaches...) is the state its last change chained' }),
    documents: z
      .object({
        checked: z.int(),
        broken: z.array(
          z.object({
            name: z.string(),
            bucket: z.string(),
            key: z.string(),
            seq: z.int(),
            problem: z.enum(['altered', 'missing']),
            recordedSha256: z.string(),
            foundSha256: z.string().optional(),
            message: z.string(),
          }),
        ),
      })
      .meta({ description: 'documents re-hashed against the SHA-256 their event recorded' }),
  })
  .meta({ id: 'VerifyReport' });

export const CaseDocument = z
  .object({
    name: z.string(),
    contentType: z.string(),
    size: z.int().optional(),
    source: z.object({ seq: z.int(), type: z.string(), at: dateTime() }).meta({ description: 'the event that brought the file' }),
    url: z.string().meta({ format: 'uri', description: 'a presigned S3 GET, valid 5 minutes' }),
    expiresAt: dateTime(),
  })
  .meta({ id: 'CaseDocument' });

/** POST /uploads and POST /registrations take the registration's own schemas (shared/staff/registration-contract.ts). */
export const uploadBody = uploadRequestBody.meta({ description: 'a scan about to be uploaded: its office, name, type (PDF, JPEG, PNG, WebP) and size (at most 10 MB)' });
export const registrationBodySchema = registrationBody.meta({ description: 'a request received by post or at the desk, registered by an officer of the office' });

export const UploadLink = z
  .object({
    uploadId: z.string().meta({ description: 'names the upload in POST /registrations `documents`' }),
    method: z.literal('PUT'),
    url: z.string().meta({ format: 'uri', description: 'a presigned S3 PUT, valid 10 minutes: send the file as the body' }),
    headers: z.record(z.string(), z.string()).meta({ description: 'the headers the PUT must carry as given (the link is signed for them)' }),
    expiresAt: dateTime(),
    maxBytes: z.int(),
  })
  .meta({ id: 'UploadLink' });

export const RegistrationResult = z
  .object({
    caseId: z.string(),
    status: z.enum(['opened', 'duplicate']).meta({ description: '`duplicate`: this idempotency key registered the case before; nothing new was opened' }),
    receivedAt: dateTime().meta({ description: 'the receipt the clocks start from' }),
  })
  .meta({ id: 'RegistrationResult' });

export const CaseDocuments = z.object({ caseId: z.string(), documents: z.array(CaseDocument) }).meta({ id: 'CaseDocuments' });

export const ActionResult = z
  .object({
    caseId: z.string(),
    action: z.enum(Object.keys(ACTIONS) as [keyof typeof ACTIONS, ...(keyof typeof ACTIONS)[]]),
    step: z.string().optional(),
    status: z.enum(['submitted', 'recorded', 'unchanged']),
    at: dateTime(),
    acknowledgement: z
      .object({ messageId: z.string(), alreadySent: z.boolean(), needless: z.string().optional() })
      .optional()
      .meta({ description: 'confirm-sender only: what the notify function did with the held acknowledgement' }),
  })
  .meta({ id: 'ActionResult' });

export const ResumeResult = z
  .object({
    caseId: z.string(),
    execution: z.string().meta({ description: 'the new execution: <case id>-r<n>' }),
    from: z.string().meta({ description: 'the execution that had ended' }),
    resumedAt: z.string().meta({ description: 'the step (Task) the workflow goes on from' }),
  })
  .meta({ id: 'ResumeResult' });

export const ChainDigest = z
  .object({
    kind: z.literal('motcua-chain-digest'),
    version: z.literal(1),
    day: date(),
    createdAt: dateTime(),
    cases: z.int(),
    heads: z.array(z.object({ caseId: z.string(), lastSeq: z.int(), lastHash: z.string() })),
    root: z.string().meta({ description: 'Merkle root (SHA-256, RFC 6962 prefixes) over the heads in case id order' }),
  })
  .meta({ id: 'ChainDigest' });

export const LatestDigest = z.object({ key: z.string().meta({ description: 'its key in the digests bucket' }), digest: ChainDigest }).meta({ id: 'LatestDigest' });

export const ExportJob = z
  .object({
    jobId: z.string(),
    kind: z.enum(['export', 'report']),
    status: z.enum(['running', 'done', 'failed']),
    createdAt: dateTime(),
    finishedAt: dateTime().optional(),
    error: z.string().optional(),
    file: z
      .object({ name: z.string(), contentType: z.string(), size: z.int(), url: z.string().meta({ format: 'uri' }), expiresInSeconds: z.int() })
      .optional()
      .meta({ description: 'when done: the file and a signed link to it' }),
  })
  .meta({ id: 'ExportJob' });

/** The JSON form of GET /exports/cases (a file, shared/reports): its period and the cases with their timelines. */
export const CaseExport = z
  .object({ period: z.record(z.string(), z.unknown()).nullable(), cases: z.array(z.record(z.string(), z.unknown())) })
  .meta({ id: 'CaseExport' });

// ---- the citizen's side (no staff login: a private token in a header) ---------------------------

/** The header that carries the citizen's token; the page reads it from its URL's fragment, so it never reaches a server log. */
export const citizenTokenHeader = z.strictObject({
  'x-motcua-access': z.string().max(200).optional().meta({ description: "the private token of the citizen's link (the part after # of the link in the letter)" }),
});

export const CitizenCaseStatus = z
  .object({
    caseId: z.string(),
    office: z.object({ name: z.string(), address: z.string(), email: z.string(), phone: z.string().optional() }),
    procedure: z.string(),
    receivedAt: dateTime(),
    receivedAtText: z.string().meta({ description: 'HH:MM ngày dd/mm/yyyy, Vietnam time' }),
    stage: z.object({ code: z.enum(CASE_STATUSES), text: z.string() }),
    nextForRequester: z.string().optional().meta({ description: 'what the requester must do now; absent when the office acts next or the case is closed' }),
    deadlines: z.array(
      z.object({
        name: z.string(),
        dueAt: dateTime(),
        dueAtText: z.string(),
        workingDaysLeft: z.int().meta({ description: 'working days left on the office calendar (rounded up; 0 once passed)' }),
        state: z.enum(['running', 'passed']),
      }),
    ),
    appointment: z.object({ text: z.string(), start: z.string(), place: z.string(), bring: z.array(z.string()) }).optional(),
    letters: z.array(z.object({ subject: z.string(), sentAt: dateTime(), sentAtText: z.string() })).meta({ description: 'the letters sent to the requester, oldest first' }),
    documents: z.array(z.object({ name: z.string(), url: z.string().meta({ format: 'uri' }), expiresAt: dateTime() })).meta({ description: 'PDFs sent to the requester, each with a 5-minute signed link' }),
    closed: z.object({ at: dateTime(), atText: z.string(), text: z.string() }).optional(),
  })
  .meta({ id: 'CitizenCaseStatus' });

export const SurveyInvitation = z
  .object({
    caseId: z.string(),
    officeName: z.string(),
    procedure: z.string(),
    commentMaxLength: z.int(),
    answered: z.object({ rating: z.int(), ratedAt: dateTime() }).optional().meta({ description: 'present when the case was rated already' }),
  })
  .meta({ id: 'SurveyInvitation' });

export const surveyRatingBody = ratingBody(citizenConfig.survey.commentMaxLength);

export const SurveyRecorded = z.object({ caseId: z.string(), rating: z.int(), ratedAt: dateTime() }).meta({ id: 'SurveyRecorded' });

export const satisfactionQuery = satisfactionScopeQuery;
export const SatisfactionResults = satisfactionResultsSchema.meta({ id: 'SatisfactionResults' });

// ---- the contract and the use cases agree (checked by the compiler) --------------------------

/** The case's enums are the model's own (shared/cases/model.ts): the compiler refuses either side gaining a value alone. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type SameKeys<Documented, Answered> = Same<keyof Documented, keyof Answered>;
export type ContractMatchesTheModel = [
  Assert<Same<(typeof CASE_STATUSES)[number], CaseStatus>>,
  Assert<Same<z.infer<typeof CaseDetail>['flow'], ProcedureFlow | undefined>>,
  Assert<Same<NonNullable<z.infer<typeof CaseDetail>['closure']>['reason'], ClosureReason>>,
  // Every field of the case record is documented, and nothing else (besides what the detail adds; the words kept for the search stay in).
  Assert<Same<Exclude<keyof z.infer<typeof CaseDetail>, 'steps' | 'timeline' | 'needsAttention'>, Exclude<keyof CaseRecord, 'readingWords'>>>,
];

/**
 * The use cases' result types name exactly the fields their schema documents (the routes' typing
 * already refuses a missing or mistyped field; this refuses an undocumented one).
 */
export type AnswersNameTheirFields = [
  Assert<SameKeys<z.infer<typeof CaseSummary>, Summary>>,
  Assert<SameKeys<z.infer<typeof CaseSearchResult>, SearchResult>>,
  Assert<SameKeys<z.infer<typeof OfficeDashboard>, Dashboard>>,
  Assert<SameKeys<z.infer<typeof MonthlyBreach>, Breach>>,
  Assert<SameKeys<z.infer<typeof OfficerLoad>, Load>>,
  Assert<SameKeys<z.infer<typeof TimelineEvent>, TimelineEventRecord>>,
  Assert<SameKeys<z.infer<typeof StepClock>, StepClockView>>,
  Assert<SameKeys<z.infer<typeof VerifyReport>, Verification>>,
  Assert<SameKeys<z.infer<typeof CaseDocument>, CaseFile>>,
  Assert<SameKeys<z.infer<typeof ActionResult>, ActionOutcome>>,
  Assert<SameKeys<z.infer<typeof ResumeResult>, Resumed>>,
  Assert<SameKeys<z.infer<typeof ExportJob>, ExportJobView>>,
  Assert<SameKeys<z.infer<typeof ChainDigest>, Digest>>,
  Assert<SameKeys<z.infer<typeof CitizenCaseStatus>, CitizenStatusView>>,
  Assert<SameKeys<z.infer<typeof SurveyInvitation>, Invitation>>,
  Assert<SameKeys<z.infer<typeof UploadLink>, UploadLinkView>>,
  Assert<SameKeys<z.infer<typeof RegistrationResult>, Registered>>,
];
