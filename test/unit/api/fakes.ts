import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { chainEvents, CaseNotFound, type CaseChange, type MessageRecord, type OutboundClaim } from '../../../shared/cases/repository';
import type { CaseStore } from '../../../shared/cases/store';
import { normalizeMessageId } from '../../../shared/cases/keys';
import { toCaseItem } from '../../../shared/cases/items';
import type { CaseRecord, NewEvent, TimelineEvent } from '../../../shared/cases/model';
import { GENESIS_HASH } from '../../../shared/timeline/hash-chain';
import type { OfficeDirectory } from '../../../shared/offices/directory';
import { officeDirectory } from '../../../shared/offices/default-directory';
import type { CaseIndexQuery } from '../../../shared/staff/ports';
import type { ApiPorts } from '../../../functions/api/http';
import { createApi } from '../../../functions/api/router';
import { routes } from '../../../functions/api/routes';
import type { Principal } from '../../../shared/auth/principal';
import { Unauthenticated } from '../../../shared/auth/errors';

/**
 * Three offices of one province: codes, provinces and parents for the rules; levels and names for the report;
 * the agency's office hours for the calendar that judges on time or late.
 */
export const directory = {
  defaultOfficeHours: officeDirectory.defaultOfficeHours,
  offices: [
    { code: 'HCM', province: 'HCM', level: 'province', name: 'THADS TP. Hồ Chí Minh' },
    { code: 'HCMKV1', province: 'HCM', parent: 'HCM', level: 'regional', name: 'Phòng THADS khu vực 1', staff: { desk: 'kv1.canbo@hcm.thads.example', head: 'truong.kv1@hcm.thads.example', decisionDeputies: ['pho.kv1@hcm.thads.example'] } },
    { code: 'HCMKV2', province: 'HCM', parent: 'HCM', level: 'regional', name: 'Phòng THADS khu vực 2' },
  ],
} as unknown as OfficeDirectory;

/** A case store in memory, with the repository's semantics for what the API uses. */
export class MemoryCases {
  readonly records = new Map<string, CaseRecord>();
  readonly events = new Map<string, TimelineEvent[]>();

  add(record: Partial<CaseRecord> & { caseId: string; office: string }, events: NewEvent[] = defaultEvents(record.caseId)): CaseRecord {
    const chained = chainEvents(record.caseId, 0, GENESIS_HASH, events);
    const full: CaseRecord = {
      procedure: 'enforcement-request',
      status: 'awaiting-review',
      requester: { address: 'le.van.cuong@example.com', name: 'Lê Văn Cường' },
      subject: 'Đơn yêu cầu thi hành án',
      receivedAt: '2026-03-02T09:00:00+07:00',
      firstMessageId: '<m@example.com>',
      deadlines: {},
      breaches: [],
      createdAt: '2026-03-02T09:00:01+07:00',
      updatedAt: '2026-03-02T09:00:01+07:00',
      ...record,
      lastSeq: chained.at(-1)?.seq ?? 0,
      lastHash: chained.at(-1)?.hash ?? GENESIS_HASH,
    };
    this.records.set(record.caseId, full);
    this.events.set(record.caseId, chained);
    return full;
  }

  readonly messages = new Map<string, MessageRecord & { claimId?: string }>();

  readonly repository: CaseStore = {
    getCase: async (caseId: string) => structuredClone(this.records.get(caseId)),
    requireCase: async (caseId: string) => {
      const found = this.records.get(caseId);
      if (!found) throw new CaseNotFound(caseId);
      return structuredClone(found);
    },
    listEvents: async (caseId: string) => structuredClone(this.events.get(caseId) ?? []),
    changeCase: async (caseId: string, decide: (current: CaseRecord) => CaseChange | undefined) => {
      const current = await this.repository.requireCase(caseId);
      const change = decide(current);
      if (!change) return { record: current, events: [] };
      const chained = chainEvents(caseId, current.lastSeq, current.lastHash, change.events);
      const next = { ...current, ...change.update, lastSeq: chained.at(-1)?.seq ?? current.lastSeq, lastHash: chained.at(-1)?.hash ?? current.lastHash };
      this.records.set(caseId, next);
      this.events.set(caseId, [...(this.events.get(caseId) ?? []), ...chained]);
      return { record: next, events: chained };
    },
    caseIdsOfRequester: async (address: string) =>
      [...this.records.values()].filter((r) => r.requester.address?.toLowerCase() === address.toLowerCase()).map((r) => r.caseId),
    openCase: async (caseRecord: Omit<CaseRecord, 'lastSeq' | 'lastHash'>, events: NewEvent[], message: MessageRecord) => {
      if (this.records.has(caseRecord.caseId)) return false;
      const chained = chainEvents(caseRecord.caseId, 0, GENESIS_HASH, events);
      this.records.set(caseRecord.caseId, { ...caseRecord, lastSeq: chained.at(-1)?.seq ?? 0, lastHash: chained.at(-1)?.hash ?? GENESIS_HASH });
      this.events.set(caseRecord.caseId, chained);
      this.messages.set(normalizeMessageId(message.messageId), { ...message, reservedCaseId: caseRecord.caseId });
      return true;
    },
    getMessage: async (messageId: string) => structuredClone(this.messages.get(normalizeMessageId(messageId))),
    reserveCaseId: async (messageId: string, register: { office: string; year: number; format: (serial: number) => string }, at: string, rawObject: MessageRecord['rawObject']) => {
      const seen = this.messages.get(normalizeMessageId(messageId));
      const reserved = seen?.reservedCaseId ?? seen?.caseId;
      if (reserved) return reserved;
      const id = register.format([...this.messages.values()].filter((m) => m.reservedCaseId).length + 1);
      this.messages.set(normalizeMessageId(messageId), { messageId: normalizeMessageId(messageId), direction: 'in', status: 'claimed', reservedCaseId: id, at, ...(rawObject ? { rawObject } : {}) });
      return id;
    },
    recordMessage: async (record: MessageRecord) => void this.messages.set(normalizeMessageId(record.messageId), structuredClone(record)),
    completeMessage: async (messageId: string, outcome: { resumedStep: string } | { reason: string }) => {
      const seen = this.messages.get(normalizeMessageId(messageId));
      if (seen?.status === 'claimed') this.messages.set(normalizeMessageId(messageId), { ...seen, status: 'done', ...outcome });
    },
    claimOutbound: async (messageId: string, caseId: string, at: string): Promise<OutboundClaim> => {
      const seen = this.messages.get(normalizeMessageId(messageId));
      if (seen?.status === 'done') return { state: 'sent', ...(seen.providerMessageId ? { providerMessageId: seen.providerMessageId } : {}) };
      if (seen?.status === 'claimed') return { state: 'held', untilMs: Number.MAX_SAFE_INTEGER };
      const claimId = `claim-${this.messages.size + 1}`;
      this.messages.set(normalizeMessageId(messageId), { messageId: normalizeMessageId(messageId), direction: 'out', status: 'claimed', caseId, at, claimId });
      return { state: 'claimed', claimId };
    },
    markOutboundSent: async (messageId: string, claimId: string, providerMessageId: string) => {
      const seen = this.messages.get(normalizeMessageId(messageId));
      if (seen?.claimId === claimId) this.messages.set(normalizeMessageId(messageId), { ...seen, status: 'done', disposition: 'sent', providerMessageId });
    },
    releaseOutbound: async (messageId: string, claimId: string) => {
      const seen = this.messages.get(normalizeMessageId(messageId));
      if (seen?.claimId === claimId && seen.status === 'claimed') this.messages.delete(normalizeMessageId(messageId));
    },
  };

  /** The two indexes, as DynamoDB would build them from the case items. */
  readonly index = {
    queries: [] as CaseIndexQuery[],
    page: async (query: CaseIndexQuery) => {
      this.index.queries.push(query);
      const rows = [...this.records.values()]
        .map((r) => toCaseItem(r))
        .filter((row) => (row as Record<string, unknown>)[`${query.index}PK`] === query.partition)
        .map((row) => ({ row, sk: String((row as Record<string, unknown>)[`${query.index}SK`]) }))
        .filter(({ sk }) => (query.from === undefined || sk >= query.from) && (query.to === undefined || sk <= query.to))
        .sort((a, b) => (a.sk < b.sk ? -1 : 1));
      const after = query.startKey ? String(query.startKey[`${query.index}SK`]) : undefined;
      const remaining = rows.filter(({ sk }) => after === undefined || sk > after);
      const page = remaining.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(({ row }) => row as Record<string, unknown>),
        ...(remaining.length > page.length && last ? { lastKey: { PK: last.row.PK, SK: last.row.SK, [`${query.index}PK`]: query.partition, [`${query.index}SK`]: last.sk } } : {}),
      };
    },
  };
}

export function defaultEvents(caseId: string): NewEvent[] {
  return [
    {
      type: 'message-received',
      at: '2026-03-02T09:00:00+07:00',
      actor: { kind: 'requester', address: 'le.van.cuong@example.com' },
      data: { subject: 'Đơn yêu cầu thi hành án', attachments: [{ name: 'bản án.pdf', contentType: 'application/pdf', size: 1234, bucket: 'docs', key: `cases/${caseId}/1-ban-an.pdf` }] },
    },
    { type: 'case-opened', at: '2026-03-02T09:00:01+07:00', actor: { kind: 'system', component: 'intake' }, data: { office: caseId.split('-')[0] } },
    { type: 'step-awaiting', at: '2026-03-02T09:00:02+07:00', actor: { kind: 'system', component: 'workflow' }, data: { step: 'review', dueAt: '2026-03-03T09:00:00+07:00' } },
  ];
}

export const waitingForReview = (token = 'token-1', dueAt = '2026-03-03T09:00:00+07:00') => ({
  status: 'awaiting-review' as const,
  pendingStep: { step: 'review', taskToken: token, since: '2026-03-02T09:00:02+07:00', dueAt },
  deadlines: { review: { dueAt, startedAt: '2026-03-02T09:00:00+07:00', calendarVersion: 'cal:test', rule: '1 working day' } },
});

/** Tokens in tests are the principal itself, as JSON: the verifier is not under test here. */
export const tokenFor = (principal: Principal) => `Bearer ${Buffer.from(JSON.stringify(principal)).toString('base64url')}`;

export async function fakeVerify(authorization: string | undefined): Promise<Principal> {
  if (!authorization) throw new Unauthenticated('no Authorization header: send "Authorization: Bearer <token>"');
  return JSON.parse(Buffer.from(authorization.replace(/^Bearer /, ''), 'base64url').toString('utf8')) as Principal;
}

export function testApi(options: { sendTaskSuccess?: (token: string, output: Record<string, unknown>) => Promise<'sent' | 'stale'> } = {}) {
  const cases = new MemoryCases();
  const sent: Array<{ token: string; output: Record<string, unknown> }> = [];
  const logs: Array<{ level: 'warn' | 'error'; message: string; data: Record<string, unknown> }> = [];
  const stored: Array<{ key: string; content: Buffer; contentType: string }> = [];
  const ports: ApiPorts = {
    uploads: {
      storeDocument: async (key, content, contentType) => {
        stored.push({ key, content, contentType });
        return { bucket: 'documents', key };
      },
      readDocument: async (ref) => [...stored].reverse().find((s) => s.key === ref.key)?.content,
    },
    cases: cases.repository,
    index: cases.index,
    directory,
    clock: { now: () => new Date('2026-03-02T10:00:00+07:00') },
    workflow: {
      sendTaskSuccess: async (token, output) => {
        sent.push({ token, output });
        return options.sendTaskSuccess ? options.sendTaskSuccess(token, output) : 'sent';
      },
    },
    documents: { signedGetUrl: async (doc, seconds) => `https://signed.example/${doc.bucket}/${doc.key}?expires=${seconds}` },
    caseStoreReachable: async () => true,
    digests: { latest: async () => undefined },
  };
  const api = createApi({
    routes,
    ports,
    verifyToken: fakeVerify,
    log: { warn: (message, data) => logs.push({ level: 'warn', message, data }), error: (message, data) => logs.push({ level: 'error', message, data }) },
  });
  async function call(method: string, path: string, principal?: Principal, body?: unknown) {
    const url = new URL(path, 'http://api');
    const event = {
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      headers: principal ? { authorization: tokenFor(principal) } : {},
      queryStringParameters: url.searchParams.size ? Object.fromEntries(url.searchParams) : undefined,
      requestContext: { http: { method, path: url.pathname, sourceIp: '10.0.0.1' }, requestId: 'req-1' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      isBase64Encoded: false,
    } as unknown as APIGatewayProxyEventV2;
    const result = await api(event);
    const text = typeof result.body === 'string' ? result.body : '';
    return { status: result.statusCode ?? 200, headers: result.headers ?? {}, text, json: text.startsWith('{') ? JSON.parse(text) : undefined };
  }
  return { cases, sent, logs, call, ports, stored };
}

export const officer = (office: string, sub = `officer-${office}`): Principal => ({ sub, name: `Officer ${office}`, roles: ['officer'], office });
export const head = (office: string): Principal => ({ sub: `head-${office}`, name: `Head ${office}`, roles: ['head'], office });
export const auditor = (scope: Principal['scope']): Principal => ({ sub: 'auditor-1', name: 'Auditor', roles: ['auditor'], ...(scope ? { scope } : {}) });
