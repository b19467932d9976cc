import { terminalText } from '../../shared/mail/display-text';
import { readingLines } from '../../shared/reading/reading-lines';
import type { CaseReading } from '../../shared/reading/read-case-attachments';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Command, Option } from 'commander';
import type { LocalTokenRequest } from '../../local/auth/local-keys';
import { parseAuditScope, ROLES, type Role } from '../../shared/auth/principal';
import { ACTION_NAMES, type ActionName } from '../../shared/staff/action-names';
import type { ChainDigest } from '../../shared/digest/chain-digest';

/**
 * The staff and auditor commands: the HTTP API from a terminal. `queue`, `show`, `act`, `verify`,
 * `export` and `report` call the API at MOTCUA_API_URL with the token of MOTCUA_TOKEN (or
 * --token); `--as officer:HCMKV1` mints a local development token instead. `token` signs one.
 */

export const DEFAULT_API_URL = 'http://127.0.0.1:3000';

/** A problem the person can fix: one line on stderr, exit code 1. */
export class CliError extends Error {}

const CODE = /^[A-Z][A-Z0-9]{1,15}$/;

interface ConnectionOptions {
  api?: string;
  token?: string;
  as?: string;
}

interface OutputOptions {
  json?: boolean;
}

const dataDir = () => resolve(process.env.MOTCUA_DATA_DIR || '.local/data');

/** `officer:HCMKV1`, `head:HCM`, `auditor:province:HCM`, `auditor:office:HCMKV1`, `auditor:all`, `admin`. */
export function parseAs(text: string): LocalTokenRequest {
  const [role, ...rest] = text.split(':');
  if (!(ROLES as readonly string[]).includes(role ?? '')) throw new CliError(`--as "${text}": the role must be one of ${ROLES.join(', ')} (e.g. officer:HCMKV1)`);
  const grant = rest.join(':');
  switch (role as Role) {
    case 'officer':
    case 'head':
      if (!CODE.test(grant)) throw new CliError(`--as "${text}": give the office, e.g. ${role}:HCMKV1`);
      return { role: role as Role, office: grant };
    case 'auditor': {
      const scope = parseAuditScope(grant);
      if (!scope) throw new CliError(`--as "${text}": give the auditor's scope, e.g. auditor:province:HCM, auditor:office:HCMKV1 or auditor:all`);
      return { role: 'auditor', scope };
    }
    case 'admin':
      if (grant) throw new CliError(`--as "${text}": an admin has no office; write --as admin`);
      return { role: 'admin' };
  }
}

/** A duration for a token: seconds, or 30m, 8h, 2d. */
export function parseTtl(text: string): string | number {
  if (/^\d+$/.test(text) && Number(text) > 0) return Number(text);
  if (/^[1-9]\d*(s|m|h|d)$/.test(text)) return text;
  throw new CliError(`--ttl "${text}" is not a duration: give seconds or e.g. 30m, 8h, 2d`);
}

/**
 * Signs a local development token. Loaded on use, like every heavy module of the command, so that
 * `motcua --help` and the calendar commands start without the JWT library or the AWS SDK.
 */
async function signLocal(request: LocalTokenRequest): Promise<string> {
  const { signLocalToken } = await import('../../local/auth/local-keys');
  return signLocalToken(dataDir(), request);
}

async function bearerToken(options: ConnectionOptions): Promise<string> {
  if (options.as) return signLocal(parseAs(options.as));
  const token = options.token ?? process.env.MOTCUA_TOKEN;
  if (!token) throw new CliError('no token: give --token <jwt>, set MOTCUA_TOKEN, or use --as officer:HCMKV1 with a local stack (see motcua token --help)');
  return token;
}

interface ApiAnswer {
  status: number;
  contentType: string;
  body: Buffer;
  filename?: string;
}

/** Calls the API; an error answer becomes a CliError with the API's own message. */
export async function callApi(options: ConnectionOptions, method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiAnswer> {
  const base = (options.api ?? process.env.MOTCUA_API_URL ?? DEFAULT_API_URL).replace(/\/+$/, '');
  const token = await bearerToken(options);
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new CliError(`cannot reach the motcua API at ${base} (${cause?.code ?? cause?.message ?? (error as Error).message}); is the stack running (npm start), or is MOTCUA_API_URL right?`);
  }
  const answer: ApiAnswer = {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: Buffer.from(await response.arrayBuffer()),
    ...(filenameOf(response.headers.get('content-disposition')) ? { filename: filenameOf(response.headers.get('content-disposition'))! } : {}),
  };
  if (response.ok) return answer;
  let message = answer.body.toString('utf8').slice(0, 500);
  try {
    const parsed = JSON.parse(message) as { error?: string; message?: string; issues?: Array<{ path: string; message: string }> };
    message = `${parsed.error ?? 'Error'}: ${parsed.message ?? message}`;
  } catch {
    // not JSON: show the text as it came
  }
  throw new CliError(`${response.status} ${message}`);
}

function filenameOf(disposition: string | null): string | undefined {
  return disposition ? /filename="([^"]+)"/.exec(disposition)?.[1] : undefined;
}

const jsonOf = <T>(answer: ApiAnswer): T => JSON.parse(answer.body.toString('utf8')) as T;

/** A plain text table: a header, a rule, and the rows, each column as wide as its widest cell. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** An ISO instant as people read it in Vietnam: 2026-03-02 09:00. */
const shortTime = (iso: string | null | undefined) => (iso ? iso.replace('T', ' ').slice(0, 16) : '');

/** Everything the command prints passes here: text that came from e-mail cannot drive the terminal. */
function print(text: string): void {
  const safe = terminalText(text);
  process.stdout.write(safe.endsWith('\n') ? safe : `${safe}\n`);
}

function withConnection(command: Command): Command {
  return command
    .option('--api <url>', `API base URL (default: $MOTCUA_API_URL or ${DEFAULT_API_URL})`)
    .option('--token <jwt>', 'bearer token (default: $MOTCUA_TOKEN)')
    .option('--as <who>', 'mint a local development token: officer:HCMKV1, head:HCM, auditor:province:HCM, auditor:all, admin');
}

/** Runs a command body; a CliError becomes `motcua: error: ...` on stderr and exit code 1. */
export function reporting<A extends unknown[]>(body: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await body(...args);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      process.stderr.write(`motcua: error: ${terminalText(error.message)}\n`);
      process.exitCode = 1;
    }
  };
}

// --- queue ---------------------------------------------------------------------------------------

interface QueueOptions extends ConnectionOptions, OutputOptions {
  office?: string;
  status?: string;
  procedure?: string;
  breached?: boolean;
  needsAttention?: boolean;
  dueBefore?: string;
  receivedFrom?: string;
  receivedTo?: string;
  limit?: string;
  cursor?: string;
  all?: boolean;
}

interface CaseSummary {
  caseId: string;
  office: string;
  status: string;
  subject: string;
  requester: { address: string; name?: string };
  receivedAt: string;
  assignee?: string;
  waitingFor: { step: string; dueAt: string } | null;
  breached: boolean;
  needsAttention?: boolean;
  attentionItems?: number;
  senderHeld?: boolean;
}

/** The queue's short markers of what a person must look at: the workflow ended, an unverified sender, items for the desk. */
export function queueMarkers(c: Pick<CaseSummary, 'needsAttention' | 'senderHeld' | 'attentionItems'>): string {
  return [c.needsAttention ? 'NEEDS ATTENTION' : '', c.senderHeld ? 'SENDER HELD' : '', c.attentionItems ? `DESK ${c.attentionItems}` : ''].filter(Boolean).join(' ');
}

export function queueQuery(options: QueueOptions): string {
  const params = new URLSearchParams();
  const set = (name: string, value: string | undefined) => value !== undefined && params.set(name, value);
  set('office', options.office);
  set('status', options.status);
  set('procedure', options.procedure);
  set('breached', options.breached === undefined ? undefined : String(options.breached));
  set('needsAttention', options.needsAttention === undefined ? undefined : String(options.needsAttention));
  set('dueBefore', options.dueBefore);
  set('receivedFrom', options.receivedFrom);
  set('receivedTo', options.receivedTo);
  set('limit', options.limit);
  set('cursor', options.cursor);
  const query = params.toString();
  return query ? `?${query}` : '';
}

async function queue(options: QueueOptions): Promise<void> {
  const items: CaseSummary[] = [];
  let cursor = options.cursor;
  let result: { order: string; offices: string[]; items: CaseSummary[]; nextCursor?: string };
  do {
    result = jsonOf(await callApi(options, 'GET', `/cases${queueQuery({ ...options, ...(cursor ? { cursor } : {}) })}`));
    items.push(...result.items);
    cursor = result.nextCursor;
  } while (options.all && cursor);
  if (options.json) return print(JSON.stringify({ ...result, items }, null, 2));
  if (!items.length) return print(`no cases (${result.offices.join(', ')})`);
  print(
    formatTable(
      ['CASE', 'STATUS', 'WAITING FOR', 'DUE', 'LATE', 'RECEIVED', 'REQUESTER', 'SUBJECT'],
      items.map((c) => [
        c.caseId,
        [c.status, queueMarkers(c)].filter(Boolean).join(' '),
        c.waitingFor?.step ?? '-',
        shortTime(c.waitingFor?.dueAt) || '-',
        c.breached ? 'yes' : '',
        shortTime(c.receivedAt),
        c.requester.name ?? c.requester.address,
        c.subject.length > 40 ? `${c.subject.slice(0, 39)}…` : c.subject,
      ]),
    ),
  );
  const order = result.order === 'received' ? 'in order of receipt' : 'soonest deadline first';
  print(`${items.length} case(s) of ${result.offices.join(', ')}, ${order}${cursor ? `; more: --cursor ${cursor} (or --all)` : ''}`);
}

// --- show ----------------------------------------------------------------------------------------

interface TimelineEvent {
  seq: number;
  type: string;
  at: string;
  actor: { kind: string; id?: string; name?: string; address?: string; component?: string };
  data: Record<string, unknown>;
}

interface CaseDetail extends CaseSummary {
  procedure: string;
  workflowEnded?: { status: string; at: string; error?: string };
  senderHold?: { reasons: string[]; at: string; confirmed?: { at: string; by: string; note?: string } };
  attention?: Array<{ kind: string; at: string; detail: string; messageId?: string }>;
  pendingStep?: { step: string; since: string; dueAt: string };
  checklist?: Record<string, unknown> | null;
  resultDelivered?: { at: string; method: string; recipientName?: string };
  steps: Array<{ step: string; dueAt: string; waiting: boolean; breached: boolean; completedAt?: string; onTime?: boolean; closedBy?: string }>;
  timeline: TimelineEvent[];
}

const actorText = (a: TimelineEvent['actor']) => (a.kind === 'officer' ? `officer ${a.name ?? a.id}` : a.kind === 'requester' ? `requester ${a.address}` : `${a.kind} ${a.component ?? ''}`.trim());

function eventDetail(e: TimelineEvent): string {
  const d = e.data;
  const outcome = d.outcome as Record<string, unknown> | undefined;
  const parts = [
    d.step ? `step ${d.step}` : '',
    outcome?.outcome ? `outcome ${outcome.outcome}` : '',
    d.dueAt && e.type !== 'step-completed' ? `due ${shortTime(String(d.dueAt))}` : '',
    d.onTime === true ? 'on time' : d.onTime === false ? 'LATE' : '',
    d.to ? `to ${d.to}` : '',
    d.subject && e.type.endsWith('received') ? `"${d.subject}"` : '',
    d.reason ? `reason ${d.reason}` : '',
  ];
  return parts.filter(Boolean).join(', ');
}

/** The automatic checks before review, as the officer reads them: they help, they never decide. */
export function checklistLines(checklist: Record<string, unknown>): string[] {
  const list = <T>(key: string) => (Array.isArray(checklist[key]) ? (checklist[key] as T[]) : []);
  const likely = checklist.likelyProcedure as { code?: string; confidence?: string } | undefined;
  const sender = checklist.sender as { status?: string; detail?: string } | undefined;
  const mark: Record<string, string> = { found: '[x]', missing: '[ ]', unclear: '[?]' };
  return [
    `checks (automatic; they help, the officer decides): ${String(checklist.summary ?? '')}`,
    ...(likely?.code ? [`  likely procedure: ${likely.code} (${likely.confidence ?? '?'})`] : []),
    ...(sender?.status ? [`  sender: ${sender.status}${sender.detail ? ` — ${sender.detail}` : ''}`] : []),
    ...list<{ filename: string; kind: string; reason?: string }>('attachments').map((a) => `  file ${a.filename}: ${a.kind}${a.reason ? ` — ${a.reason}` : ''}`),
    ...list<{ label: string; status: string }>('items').map((i) => `  ${mark[i.status] ?? '[?]'} ${i.label}`),
    ...list<{ caseId: string; reason?: string; likelihood?: string }>('duplicates').map((d) => `  ${d.likelihood ?? 'possible'} duplicate of ${d.caseId}${d.reason ? `: ${d.reason}` : ''}`),
    ...list<{ message: string }>('reviewHints').map((h) => `  hint: ${h.message}`),
    ...(checklist.reading ? readingLines(checklist.reading as CaseReading) : []),
  ];
}

/** A held sender (no notice goes to them) and the items left to the desk, as `show` prints them (through terminalText, like all it prints). */
export function senderAndAttentionLines(c: Pick<CaseDetail, 'caseId' | 'senderHold' | 'attention'>): string[] {
  const hold = c.senderHold;
  const sender = !hold
    ? []
    : hold.confirmed
      ? [`sender:    not verified by mail (${hold.reasons.join('; ')}); address confirmed by ${hold.confirmed.by} at ${shortTime(hold.confirmed.at)}${hold.confirmed.note ? `: ${hold.confirmed.note}` : ''}`]
      : [
          `SENDER NOT VERIFIED: no notice goes to the requester until an officer confirms the address (motcua act ${c.caseId} confirm-sender --note <why>)`,
          ...hold.reasons.map((reason) => `  - ${reason}`),
        ];
  const items = c.attention ?? [];
  const desk = items.length ? [`FOR THE DESK (${items.length}):`, ...items.map((a) => `  ${shortTime(a.at)} ${a.kind}: ${a.detail}${a.messageId ? ` (message ${a.messageId})` : ''}`)] : [];
  return [...sender, ...desk];
}

function printChecklist(checklist: Record<string, unknown>): void {
  print('');
  for (const line of checklistLines(checklist)) print(line);
}

async function show(caseId: string, options: ConnectionOptions & OutputOptions): Promise<void> {
  const answer = await callApi(options, 'GET', `/cases/${encodeURIComponent(caseId)}`);
  if (options.json) return print(answer.body.toString('utf8'));
  const c = jsonOf<CaseDetail>(answer);
  print(`${c.caseId}  ${c.status}  (${c.office}, ${c.procedure})`);
  print(`subject:   ${c.subject}`);
  print(`requester: ${c.requester.name ? `${c.requester.name} <${c.requester.address}>` : c.requester.address}`);
  print(`received:  ${shortTime(c.receivedAt)}`);
  if (c.assignee) print(`assignee:  ${c.assignee}`);
  print(`waiting:   ${c.pendingStep ? `${c.pendingStep.step}, due ${shortTime(c.pendingStep.dueAt)}` : 'for no one'}`);
  if (c.needsAttention && c.workflowEnded) print(`ATTENTION: its workflow ${c.workflowEnded.status} at ${shortTime(c.workflowEnded.at)}${c.workflowEnded.error ? ` (${c.workflowEnded.error})` : ''}: resume it with motcua case resume ${c.caseId}`);
  for (const line of senderAndAttentionLines(c)) print(line);
  if (c.resultDelivered) print(`delivered: ${shortTime(c.resultDelivered.at)}, ${c.resultDelivered.method}${c.resultDelivered.recipientName ? ` to ${c.resultDelivered.recipientName}` : ''} — do not deliver the decision again`);
  if (c.checklist) printChecklist(c.checklist);
  if (c.steps.length) {
    print('\ndeadlines');
    print(
      formatTable(
        ['STEP', 'DUE', 'DONE', 'ON TIME'],
        c.steps.map((s) => [s.step, shortTime(s.dueAt), s.completedAt ? shortTime(s.completedAt) : s.waiting ? 'waiting' : s.closedBy ? 'withdrawn' : '-', s.onTime === undefined ? (s.breached ? 'no (breached)' : '') : s.onTime ? 'yes' : 'no']),
      ),
    );
  }
  print('\ntimeline');
  print(formatTable(['#', 'AT', 'EVENT', 'BY', 'DETAIL'], c.timeline.map((e) => [String(e.seq), shortTime(e.at), e.type, actorText(e.actor), eventDetail(e)])));
}

// --- act -----------------------------------------------------------------------------------------

interface ActOptions extends ConnectionOptions {
  json?: string | boolean;
  outcome?: string;
  note?: string;
  missing?: string[];
  reason?: string;
  legalBasis?: string;
  referTo?: string;
  assignee?: string;
  number?: string;
  date?: string;
  signer?: string;
  pdf?: string;
  method?: string;
  receivedBy?: string;
  collection?: string;
  postalAddress?: string;
  newDate?: string;
  via?: string;
  reference?: string;
  answer?: string;
  answerFile?: string;
}

/** The body of an action: the options given, with --json <body> merged over them. */
export function actionBody(action: ActionName, options: ActOptions): Record<string, unknown> {
  const fromOptions: Record<string, unknown> = {
    outcome: options.outcome,
    note: options.note,
    missingItems: options.missing,
    reason: options.reason,
    legalBasis: options.legalBasis,
    referTo: options.referTo,
    assignee: options.assignee,
    number: options.number,
    date: options.date,
    signer: options.signer,
    ...(options.pdf ? { pdfBase64: readFileSync(options.pdf).toString('base64'), filename: basename(options.pdf) } : {}),
    method: options.method,
    receivedBy: options.receivedBy,
    collection: options.collection,
    postalAddress: options.postalAddress,
    newDate: options.newDate,
    via: options.via,
    reference: options.reference,
    answer: options.answerFile ? readFileSync(options.answerFile, 'utf8') : options.answer,
  };
  let fromJson: Record<string, unknown> = {};
  if (typeof options.json === 'string') {
    try {
      fromJson = JSON.parse(options.json) as Record<string, unknown>;
    } catch {
      throw new CliError(`--json for ${action} must be a JSON object, e.g. '{"outcome":"accept"}'`);
    }
    if (!fromJson || typeof fromJson !== 'object' || Array.isArray(fromJson)) throw new CliError(`--json for ${action} must be a JSON object`);
  }
  return Object.fromEntries(Object.entries({ ...fromOptions, ...fromJson }).filter(([, v]) => v !== undefined));
}

async function act(caseId: string, action: string, options: ActOptions): Promise<void> {
  if (!(ACTION_NAMES as readonly string[]).includes(action)) throw new CliError(`unknown action "${action}": one of ${ACTION_NAMES.join(', ')}`);
  const answer = await callApi(options, 'POST', `/cases/${encodeURIComponent(caseId)}/${action}`, actionBody(action as ActionName, options));
  if (options.json === true) return print(answer.body.toString('utf8'));
  const result = jsonOf<{ caseId: string; action: string; step?: string; status: string; at: string; acknowledgement?: { alreadySent: boolean; needless?: string } }>(answer);
  const acknowledgement = result.acknowledgement
    ? result.acknowledgement.needless
      ? `; acknowledgement not sent: ${result.acknowledgement.needless}`
      : result.acknowledgement.alreadySent
        ? '; acknowledgement already sent'
        : '; acknowledgement sent'
    : '';
  const what =
    result.status === 'submitted'
      ? `${result.step} submitted; the workflow records it on the timeline`
      : result.status === 'recorded'
        ? `${result.action} recorded on the timeline`
        : `${result.action}: nothing to change`;
  print(`${result.caseId}: ${what}${acknowledgement} (${shortTime(result.at)})`);
}

// --- verify --------------------------------------------------------------------------------------

/** Exit code of `verify` when the chain is broken: a finding, not a failure of the command. */
export const VERIFY_BROKEN_EXIT = 2;

interface VerifyAnswer {
  caseId: string;
  ok: boolean;
  events: number;
  head: { lastSeq: number; lastHash: string };
  firstBreak?: { kind: string; seq: number; message: string };
  caseState?: string;
  documents?: { checked: number; broken: Array<{ message: string }> };
}

async function verify(caseId: string | undefined, options: ConnectionOptions & OutputOptions & { digest?: string }): Promise<void> {
  if (options.digest) return verifyAgainstDigest(caseId, options as ConnectionOptions & OutputOptions & { digest: string });
  if (!caseId) throw new CliError('give a case id, or --digest <file> to check every case of a digest');
  const answer = await callApi(options, 'GET', `/cases/${encodeURIComponent(caseId)}/verify`);
  const report = jsonOf<VerifyAnswer>(answer);
  if (options.json) print(answer.body.toString('utf8'));
  else if (report.ok) {
    const documents = report.documents ? `, ${report.documents.checked} document(s) re-hashed` : '';
    print(`${report.caseId}: timeline intact: ${report.events} events, chain verified up to event ${report.head.lastSeq} (${report.head.lastHash.slice(0, 12)}…)${documents}`);
  } else {
    if (report.firstBreak) print(`${report.caseId}: timeline BROKEN at event ${report.firstBreak.seq} (${report.firstBreak.kind}): ${report.firstBreak.message}`);
    for (const broken of report.documents?.broken ?? []) print(`${report.caseId}: document BROKEN: ${broken.message}`);
  }
  if (!report.ok) process.exitCode = VERIFY_BROKEN_EXIT;
}

// --- case resume ---------------------------------------------------------------------------------

async function resume(caseId: string, options: ConnectionOptions & OutputOptions): Promise<void> {
  const answer = await callApi(options, 'POST', `/cases/${encodeURIComponent(caseId)}/resume`);
  if (options.json) return print(answer.body.toString('utf8'));
  const result = jsonOf<{ caseId: string; execution: string; from: string; resumedAt: string }>(answer);
  print(`${result.caseId}: resumed at "${result.resumedAt}" as execution ${result.execution} (after ${result.from}); its deadlines are unchanged`);
}

/**
 * `verify --digest <file>`: proves that no chain of the digest was rewritten after it. The file's
 * heads must give its root; each case's events, as the API serves them, must still verify and
 * still reach the head the digest recorded (the hash at that event is the anchor).
 */
async function verifyAgainstDigest(caseId: string | undefined, options: ConnectionOptions & OutputOptions & { digest: string }): Promise<void> {
  const { compareWithHead, InvalidDigest, parseDigest } = await import('../../shared/digest/chain-digest');
  let digest: ChainDigest;
  try {
    digest = parseDigest(readFileSync(options.digest, 'utf8'));
  } catch (error) {
    if (error instanceof InvalidDigest) throw new CliError(`${options.digest}: ${error.message}`);
    throw new CliError(`cannot read ${options.digest}: ${(error as Error).message}`);
  }
  const heads = caseId ? digest.heads.filter((h) => h.caseId === caseId) : digest.heads;
  if (caseId && !heads.length) throw new CliError(`${caseId} is not in the digest of ${digest.day}`);
  const findings: Array<{ caseId: string; problem: string; message: string }> = [];
  const skipped: string[] = [];
  for (const head of heads) {
    const path = `/cases/${encodeURIComponent(head.caseId)}`;
    let events: Array<TimelineEvent & { hash: string; prevHash: string }> | undefined;
    let report: VerifyAnswer | undefined;
    try {
      events = jsonOf<{ events: Array<TimelineEvent & { hash: string; prevHash: string }> }>(await callApi(options, 'GET', `${path}/timeline`)).events;
      report = jsonOf<VerifyAnswer>(await callApi(options, 'GET', `${path}/verify`));
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      if (error.message.startsWith('404')) events = undefined;
      else if (error.message.startsWith('403')) {
        skipped.push(head.caseId);
        continue;
      } else throw error;
    }
    const finding = compareWithHead(head, events, digest.day);
    if (finding) findings.push(finding);
    else if (report && !report.ok) findings.push({ caseId: head.caseId, problem: 'broken', message: `${head.caseId}: ${report.firstBreak?.message ?? report.documents?.broken[0]?.message ?? 'verify failed'}` });
  }
  if (options.json) print(JSON.stringify({ digest: { day: digest.day, createdAt: digest.createdAt, root: digest.root }, checked: heads.length - skipped.length, skipped, findings }, null, 2));
  else {
    for (const finding of findings) print(`${finding.caseId}: REWRITTEN since the digest: ${finding.message}`);
    if (skipped.length) print(`${skipped.length} case(s) outside your reach were not checked: ${skipped.join(', ')}`);
    print(`digest of ${digest.day} (root ${digest.root.slice(0, 12)}…): ${heads.length - skipped.length} case(s) checked, ${findings.length} rewritten or broken`);
  }
  if (findings.length) process.exitCode = VERIFY_BROKEN_EXIT;
}

// --- digest --------------------------------------------------------------------------------------

async function digestCommand(options: ConnectionOptions & OutputOptions & { day?: string; out?: string }): Promise<void> {
  const answer = await callApi(options, 'GET', `/digests/latest${options.day ? `?day=${encodeURIComponent(options.day)}` : ''}`);
  const { key, digest } = jsonOf<{ key: string; digest: ChainDigest }>(answer);
  const text = `${JSON.stringify(digest, null, 2)}\n`;
  if (options.out) {
    writeFileSync(options.out, text);
    process.stderr.write(`wrote ${options.out}: the digest of ${digest.day} (${digest.cases} cases, root ${digest.root})\n`);
    return;
  }
  if (options.json) return print(text);
  print(`chain digest of ${digest.day}, taken ${shortTime(digest.createdAt)}: ${digest.cases} case(s), Merkle root ${digest.root} (${key})`);
}

// --- export and report ---------------------------------------------------------------------------

export interface FileOptions extends ConnectionOptions {
  period?: string;
  from?: string;
  to?: string;
  basis?: string;
  office?: string;
  province?: string;
  format: string;
  out?: string;
}

/** The query of an export or a report: the period (and its basis), the scope and the format. */
export function periodQuery(options: FileOptions): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of ['period', 'from', 'to', 'basis', 'office', 'province', 'format'] as const) if (options[name] !== undefined) params.set(name, options[name]!);
  return params;
}

interface JobAnswer {
  jobId: string;
  status: 'running' | 'done' | 'failed';
  file?: { name: string; contentType: string; url: string };
  error?: string;
}

/** How often the CLI asks how a job is going; a large report takes seconds to minutes. */
const JOB_POLL_MS = 1_000;

/** A file too large for a response is built as a job: wait for it, then fetch it through its signed link. */
async function awaitJob(job: JobAnswer, options: FileOptions): Promise<ApiAnswer> {
  process.stderr.write(`the file is large: it is being built as job ${job.jobId}\n`);
  let current = job;
  while (current.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, JOB_POLL_MS));
    current = jsonOf<JobAnswer>(await callApi(options, 'GET', `/jobs/${encodeURIComponent(job.jobId)}`));
  }
  if (current.status !== 'done' || !current.file) throw new CliError(`job ${job.jobId} failed: ${current.error ?? current.status}`);
  const response = await fetch(current.file.url);
  if (!response.ok) throw new CliError(`downloading the file of job ${job.jobId} failed: ${response.status} ${(await response.text()).slice(0, 300)}`);
  return { status: 200, contentType: current.file.contentType, body: Buffer.from(await response.arrayBuffer()), filename: current.file.name };
}

async function download(path: string, options: FileOptions): Promise<void> {
  let answer = await callApi(options, 'GET', path);
  if (answer.status === 202) answer = await awaitJob(jsonOf<JobAnswer>(answer), options);
  if (options.out) {
    writeFileSync(options.out, answer.body);
    process.stderr.write(`wrote ${options.out} (${answer.body.length} bytes)\n`);
    return;
  }
  if (!/^(text\/|application\/json)/.test(answer.contentType)) {
    throw new CliError(`the ${options.format} file is binary: give --out <file> (e.g. --out ${answer.filename ?? `report.${options.format}`})`);
  }
  // Piped to a file, the export stays byte for byte; on a terminal, its text is shown safely.
  process.stdout.write(process.stdout.isTTY ? terminalText(answer.body.toString('utf8')) : answer.body);
}

async function exportCases(options: FileOptions): Promise<void> {
  await download(`/exports/cases?${periodQuery(options)}`, options);
}

async function officialReport(options: FileOptions): Promise<void> {
  await download(`/reports/official?${periodQuery(options)}`, options);
}

// --- token ---------------------------------------------------------------------------------------

interface TokenOptions {
  role: string;
  office?: string;
  scope?: string;
  name?: string;
  email?: string;
  sub?: string;
  ttl: string;
  decode?: boolean;
}

export function tokenRequest(options: TokenOptions): LocalTokenRequest {
  if (!(ROLES as readonly string[]).includes(options.role)) throw new CliError(`--role must be one of ${ROLES.join(', ')}, got "${options.role}"`);
  const role = options.role as Role;
  if (options.office !== undefined && !CODE.test(options.office)) throw new CliError(`--office "${options.office}" is not an office code (e.g. HCMKV1)`);
  if ((role === 'officer' || role === 'head') && !options.office) throw new CliError(`${role === 'officer' ? 'an' : 'a'} ${role} works in an office: give --office <CODE>`);
  const scope = options.scope === undefined ? undefined : parseAuditScope(options.scope);
  if (options.scope !== undefined && !scope) throw new CliError(`--scope "${options.scope}" must be office:<CODE>, province:<CODE> or all`);
  if (role === 'auditor' && !scope) throw new CliError('an auditor reads within a grant: give --scope office:<CODE>, province:<CODE> or all');
  return {
    role,
    ...(options.office ? { office: options.office } : {}),
    ...(scope ? { scope } : {}),
    ...(options.name ? { name: options.name } : {}),
    ...(options.email ? { email: options.email } : {}),
    ...(options.sub ? { sub: options.sub } : {}),
    ttl: parseTtl(options.ttl),
  };
}

async function token(options: TokenOptions): Promise<void> {
  const jwt = await signLocal(tokenRequest(options));
  print(options.decode ? JSON.stringify((await import('jose')).decodeJwt(jwt), null, 2) : jwt);
}

// --- registration --------------------------------------------------------------------------------

export function registerStaffCommands(program: Command): void {
  withConnection(
    program
      .command('queue')
      .description('the work queue: open cases, soonest deadline first; with --received-from, every case received in a period')
      .option('--office <code>', 'one office (default: every office within your reach)')
      .option('--status <status>', 'e.g. awaiting-review')
      .option('--procedure <code>', 'e.g. enforcement-request')
      .option('--breached', 'only cases with a missed deadline')
      .option('--no-breached', 'only cases without a missed deadline')
      .option('--needs-attention', 'only cases whose workflow ended without closing them (resume with: motcua case resume)')
      .option('--due-before <when>', 'only cases waiting for a step due before this (YYYY-MM-DD or ISO date-time)')
      .option('--received-from <when>', 'start of a period of receipt (includes closed cases)')
      .option('--received-to <when>', 'end of the period of receipt (default: now)')
      .option('--limit <n>', 'cases per page (1-200, default 50)')
      .option('--cursor <cursor>', 'continue from a previous page')
      .option('--all', 'follow every page')
      .option('--json', 'print JSON for machines'),
  ).action(reporting(queue));

  withConnection(program.command('show').description('a case: its deadlines, how each went, and its full timeline').argument('<caseId>', 'e.g. HCMKV1-2026-000001').option('--json', 'print JSON for machines')).action(
    reporting(show),
  );

  withConnection(
    program
      .command('act')
      .description(`do what a case waits for: ${ACTION_NAMES.join(', ')}`)
      .argument('<caseId>', 'e.g. HCMKV1-2026-000001')
      .argument('<action>', ACTION_NAMES.join(' | '))
      .addOption(new Option('--outcome <outcome>', 'review: accept | request-more | refuse | refer'))
      .option('--note <text>', 'a note for the timeline (confirm-sender: why the address is the requester\'s)')
      .option('--missing <item...>', 'review request-more: the missing items')
      .option('--reason <text>', 'review refuse/refer: why; delay: why the result will be late (the letter says it); withdraw: the reason the requester gave')
      .option('--legal-basis <text>', 'review refuse: the legal basis')
      .option('--refer-to <office>', 'review refer: the competent office')
      .option('--collection <how>', 'visit: at-desk | by-post')
      .option('--postal-address <address>', 'visit by-post: where to send the result')
      .option('--number <number>', 'decision: its number')
      .option('--date <YYYY-MM-DD>', 'decision: its date')
      .option('--signer <name>', 'decision: who signed it')
      .option('--pdf <file>', 'decision: the signed decision, a PDF file')
      .option('--method <how>', 'handover: at-desk | by-post')
      .option('--received-by <name>', 'handover: who received it')
      .option('--assignee <officer>', 'reassign: the officer who takes the case')
      .option('--new-date <date>', 'delay: the new date of the result, YYYY-MM-DD (close of office hours) or YYYY-MM-DDTHH:MM+07:00; with --reason')
      .option('--via <how>', "withdraw: how the requester's written withdrawal came: email | letter")
      .option('--reference <text>', 'withdraw: which writing it is (its date, Message-ID or register number)')
      .option('--answer <text>', 'answer: the answer to a question or feedback, in Vietnamese with diacritics (it is mailed to the sender as the office\'s letter)')
      .option('--answer-file <file>', 'answer: the same, read from a UTF-8 text file')
      .option('--json [body]', 'with a value: the request body as JSON (over the options above); without: print the result as JSON'),
  ).action(reporting(act));

  withConnection(
    program
      .command('verify')
      .description(`re-compute a case's hash chain, check its case record and re-hash its documents, naming the first thing edited, removed or replaced (exit code ${VERIFY_BROKEN_EXIT} if broken)`)
      .argument('[caseId]', 'e.g. HCMKV1-2026-000001 (with --digest: only this case of the digest)')
      .option('--digest <file>', 'prove against a digest (motcua digest --out <file>) that no chain was rewritten after it')
      .option('--json', 'print JSON for machines'),
  ).action(reporting(verify));

  const caseCommand = program.command('case').description("one case's workflow");
  withConnection(
    caseCommand
      .command('resume')
      .description('restart a case whose workflow ended without closing it ("needs attention"), at the step it was in, with the same deadlines (head of office)')
      .argument('<caseId>', 'e.g. HCMKV1-2026-000001')
      .option('--json', 'print JSON for machines'),
  ).action(reporting(resume));

  withConnection(
    program
      .command('digest')
      .description('the latest daily chain digest: every case\'s chain head and their Merkle root, as kept under S3 Object Lock')
      .option('--day <YYYY-MM-DD>', 'the latest digest of that day')
      .option('--out <file>', 'write the digest to a file, for verify --digest')
      .option('--json', 'print the digest as JSON'),
  ).action(reporting(digestCommand));

  const fileOptions = (command: Command, formats: string[], fallback: string) =>
    withConnection(
      command
        .option('--period <period>', 'a month (2026-05), half year (2026-H1) or year (2026)')
        .option('--from <YYYY-MM-DD>', 'first day of the period (with --to)')
        .option('--to <YYYY-MM-DD>', 'last day of the period (with --from)')
        .addOption(new Option('--basis <basis>', 'half years and years: calendar, or the administrative reporting period (2026-H1: 15/12/2025-14/06/2026; 2026: 15/12/2025-14/12/2026)').choices(['calendar', 'administrative']))
        .option('--office <code>', 'one office')
        .option('--province <code>', 'every office of a province')
        .addOption(new Option('--format <format>', 'file format').choices(formats).default(fallback))
        .option('--out <file>', 'write to this file (default: standard output, text formats only)'),
    );

  fileOptions(program.command('export').description('the cases of a period, as CSV (one line per case) or JSON (with their timelines)'), ['csv', 'json'], 'csv').action(reporting(exportCases));
  fileOptions(program.command('report').description('the official one-stop report of a period (Công văn 1639/TCTHADS-NV3), for an office or a province'), ['xlsx', 'csv', 'json'], 'xlsx').action(
    reporting(officialReport),
  );

  program
    .command('token')
    .description('print a development token signed with the local key (in $MOTCUA_DATA_DIR/auth, default .local/data/auth), as the local stack accepts')
    .requiredOption('--role <role>', ROLES.join(' | '))
    .option('--office <code>', 'officer/head: their office')
    .option('--scope <scope>', 'auditor: office:<CODE> | province:<CODE> | all')
    .option('--name <name>', 'the name recorded on the timeline')
    .option('--email <email>', 'their e-mail')
    .option('--sub <id>', 'their user id (default: local-<role>-<office>)')
    .option('--ttl <duration>', 'validity: seconds, or 30m, 8h, 2d', '8h')
    .option('--decode', 'print the claims instead of the token')
    .action(reporting(token));
}
