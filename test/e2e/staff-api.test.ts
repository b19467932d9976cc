import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { eventually, startTestStack, type TestStack } from './support/test-stack';
import { localClientConfig } from '../../local/services/aws-local';
import { signLocalToken, type LocalTokenRequest } from '../../local/auth/local-keys';
import { eventKey } from '../../shared/cases/keys';
import { samplePdf } from '../../local/sample-pdf';

let t: TestStack;
let db: DynamoDBDocumentClient;
const PORT_BASE = 19300;

/** What the api handler logs (Powertools writes JSON lines to stdout and stderr). */
const logLines: string[] = [];

beforeAll(async () => {
  t = await startTestStack(PORT_BASE);
  db = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(t.stack.urls.dynamodb)));
  // The stack logs errors only; refusals are warnings. The handlers' logger is made on their first
  // call, with the level of the environment (Powertools returns to it on every invocation).
  process.env.POWERTOOLS_LOG_LEVEL = 'WARN';
  const { logger } = await import('../../functions/commons/powertools');
  expect(logger.getLevelName()).toBe('WARN');
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = String(chunk);
      if (text.includes('"access refused"')) {
        logLines.push(text);
        return true;
      }
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write);
  }
});

afterAll(async () => {
  vi.restoreAllMocks();
  await t?.stop();
});

const citizen = { name: 'Phạm Minh Tuấn', address: 'pham.minh.tuan@example.com' };
const judgment = samplePdf('Ban an so 12/2026/DS-ST');

/** Opens a case by e-mail to an office and waits until it waits for its review. */
async function caseAwaitingReview(to: string, subject: string) {
  const messageId = `<staff-${Date.now()}-${Math.random()}@example.com>`;
  await t.sendMail({
    from: citizen,
    to,
    subject,
    text: 'Kính gửi cơ quan thi hành án, tôi yêu cầu thi hành bản án đính kèm.',
    messageId,
    attachments: [{ filename: 'bản án 12-2026.pdf', content: judgment, contentType: 'application/pdf' }],
  });
  const caseId = await eventually('the case', async () => (await t.cases.getMessage(messageId))?.caseId);
  return eventually('the review to be pending', async () => {
    const record = await t.cases.getCase(caseId);
    return record?.pendingStep?.step === 'review' ? record : undefined;
  });
}

const tokens = new Map<string, string>();
async function tokenFor(request: LocalTokenRequest): Promise<string> {
  const key = JSON.stringify(request);
  if (!tokens.has(key)) tokens.set(key, await signLocalToken(t.dataDir, request));
  return tokens.get(key)!;
}

const officerKV1: LocalTokenRequest = { role: 'officer', office: 'HCMKV1', sub: 'u-lan', name: 'Trần Thị Lan' };
const officerKV2: LocalTokenRequest = { role: 'officer', office: 'HCMKV2', sub: 'u-binh', name: 'Võ Văn Bình' };
const headKV1: LocalTokenRequest = { role: 'head', office: 'HCMKV1', sub: 'u-hai', name: 'Nguyễn Văn Hải' };
const auditorHCM: LocalTokenRequest = { role: 'auditor', scope: { kind: 'province', province: 'HCM' }, sub: 'u-kiem', name: 'Kiểm tra viên' };

async function api(method: 'GET' | 'POST', path: string, who?: LocalTokenRequest | string, body?: unknown) {
  const authorization = who === undefined ? undefined : `Bearer ${typeof who === 'string' ? who : await tokenFor(who)}`;
  const response = await fetch(`${t.stack.urls.api}${path}`, {
    method,
    headers: { ...(authorization ? { authorization } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, text, json: text.startsWith('{') ? JSON.parse(text) : undefined };
}

describe('the staff API on the local stack', () => {
  let first: Awaited<ReturnType<typeof caseAwaitingReview>>;
  let second: Awaited<ReturnType<typeof caseAwaitingReview>>;

  beforeAll(async () => {
    first = await caseAwaitingReview('kv1@hcm.thads.example', 'Đơn yêu cầu thi hành án (1)');
    second = await caseAwaitingReview('kv1@hcm.thads.example', 'Đơn yêu cầu thi hành án (2)');
  });

  it("lists the office's work queue for its officer, soonest deadline first, without task tokens", async () => {
    const res = await api('GET', '/cases', officerKV1);
    expect(res.status).toBe(200);
    const ids = res.json.items.map((i: { caseId: string }) => i.caseId);
    expect(ids).toEqual(expect.arrayContaining([first.caseId, second.caseId]));
    expect(ids.indexOf(first.caseId)).toBeLessThan(ids.indexOf(second.caseId));
    const deadlines = res.json.items.map((i: { nextDeadline: string }) => Date.parse(i.nextDeadline));
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
    expect(res.json.items.find((i: { caseId: string }) => i.caseId === first.caseId)).toMatchObject({ office: 'HCMKV1', waitingFor: { step: 'review' } });
    expect(res.text).not.toContain(first.pendingStep!.taskToken);
    expect(res.text).not.toContain('taskToken');
  });

  it('shows a case with its deadlines and full timeline, and never its task token', async () => {
    const res = await api('GET', `/cases/${first.caseId}`, officerKV1);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ caseId: first.caseId, pendingStep: { step: 'review' }, deadlines: { review: { dueAt: first.deadlines.review!.dueAt } } });
    expect(res.json.steps).toEqual(expect.arrayContaining([expect.objectContaining({ step: 'review', waiting: true, breached: false })]));
    expect(res.json.timeline.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['message-received', 'case-opened', 'step-awaiting']));
    expect(res.text).not.toContain(first.pendingStep!.taskToken);
    expect(res.text).not.toContain('taskToken');
  });

  it('refuses an officer of another office, to read and to act, and logs each refusal', async () => {
    const before = logLines.length;
    expect(await api('GET', `/cases/${first.caseId}`, officerKV2)).toMatchObject({ status: 403, json: { error: 'Forbidden', message: 'officer of HCMKV2 may not read cases of HCMKV1' } });
    expect(await api('GET', `/cases/${first.caseId}/timeline`, officerKV2)).toMatchObject({ status: 403 });
    expect(await api('GET', '/cases?office=HCMKV1', officerKV2)).toMatchObject({ status: 403 });
    expect(await api('POST', `/cases/${first.caseId}/review`, officerKV2, { outcome: 'accept' })).toMatchObject({
      status: 403,
      json: { message: 'officer of HCMKV2 may not act on cases of HCMKV1' },
    });
    // their own queue does not show the other office's cases
    const own = await api('GET', '/cases', officerKV2);
    expect(own.json.items.map((i: { caseId: string }) => i.caseId)).not.toContain(first.caseId);

    const refusals = logLines.slice(before).map((line) => JSON.parse(line.trim()));
    expect(refusals).toHaveLength(4);
    expect(refusals[3]).toMatchObject({
      level: 'WARN',
      message: 'access refused',
      status: 403,
      route: 'POST /cases/{id}/review',
      principal: { sub: 'u-binh', roles: ['officer'], office: 'HCMKV2' },
      reason: 'officer of HCMKV2 may not act on cases of HCMKV1',
    });
  });

  it('lets a province auditor read but change nothing, and logs the refusal', async () => {
    const before = logLines.length;
    expect(await api('GET', `/cases/${first.caseId}`, auditorHCM)).toMatchObject({ status: 200 });
    expect((await api('GET', '/cases', auditorHCM)).json.offices).toEqual(['HCM', 'HCMKV1', 'HCMKV2']);
    for (const action of ['review', 'reassign', 'visit']) {
      const res = await api('POST', `/cases/${first.caseId}/${action}`, auditorHCM, { outcome: 'accept', assignee: 'x' });
      expect(res, action).toMatchObject({ status: 403, json: { message: expect.stringContaining('auditors have read-only access') } });
    }
    const refusals = logLines.slice(before).map((line) => JSON.parse(line.trim()));
    expect(refusals.map((r) => [r.status, r.route, r.principal.scope])).toEqual([
      [403, 'POST /cases/{id}/review', 'province:HCM'],
      [403, 'POST /cases/{id}/reassign', 'province:HCM'],
      [403, 'POST /cases/{id}/visit', 'province:HCM'],
    ]);
    expect((await t.cases.requireCase(first.caseId)).pendingStep?.step).toBe('review');
  });

  it('refuses a missing, expired or foreign token with 401, and logs it', async () => {
    const before = logLines.length;
    expect(await api('GET', '/cases')).toMatchObject({ status: 401, json: { error: 'Unauthorized', message: expect.stringContaining('no Authorization header') } });
    const expired = await signLocalToken(t.dataDir, { ...officerKV1, ttl: -30 });
    expect(await api('GET', '/cases', expired)).toMatchObject({ status: 401, json: { message: expect.stringMatching(/^the token expired/) } });
    const foreign = await signLocalToken(t.dataDir, { ...officerKV1, audience: 'another-app' });
    expect(await api('GET', '/cases', foreign)).toMatchObject({ status: 401, json: { message: expect.stringContaining('not for this API') } });
    const refusals = logLines.slice(before).map((line) => JSON.parse(line.trim()));
    expect(refusals.map((r) => [r.status, r.route, r.principal])).toEqual([
      [401, 'GET /cases', 'unauthenticated'],
      [401, 'GET /cases', 'unauthenticated'],
      [401, 'GET /cases', 'unauthenticated'],
    ]);
    // who the refused token claimed to be, for the record
    expect(refusals[1]).toMatchObject({ claimedSubject: 'u-lan', reason: expect.stringMatching(/^the token expired/) });
  });

  it('resumes the waiting review when the officer acts, and answers 409 when acted on again', async () => {
    const res = await api('POST', `/cases/${first.caseId}/review`, officerKV1, { outcome: 'accept', note: 'Hồ sơ đầy đủ' });
    expect(res).toMatchObject({ status: 200, json: { caseId: first.caseId, action: 'review', step: 'review', status: 'submitted' } });

    const again = await api('POST', `/cases/${first.caseId}/review`, officerKV1, { outcome: 'accept' });
    expect(again).toMatchObject({ status: 409, json: { error: 'NotWaitingForAction', caseId: first.caseId, action: 'review' } });

    const completed = await eventually('the review on the timeline', async () => {
      const timeline = await api('GET', `/cases/${first.caseId}/timeline?type=step-completed`, officerKV1);
      return timeline.json.events.find((e: { data: { step: string } }) => e.data.step === 'review');
    });
    expect(completed.data).toMatchObject({ step: 'review', onTime: true, outcome: { outcome: 'accept', note: 'Hồ sơ đầy đủ', actor: { kind: 'officer', id: 'u-lan', name: 'Trần Thị Lan' } } });

    const later = await api('POST', `/cases/${first.caseId}/review`, officerKV1, { outcome: 'accept' });
    expect(later).toMatchObject({ status: 409, json: { error: 'NotWaitingForAction' } });
    expect(later.json.waitingFor).not.toBe('review');
  });

  it('refuses an action whose body does not fit, naming the problem', async () => {
    const res = await api('POST', `/cases/${second.caseId}/review`, officerKV1, { outcome: 'refuse', reason: 'Không thuộc thẩm quyền' });
    expect(res).toMatchObject({ status: 400, json: { error: 'BadRequest', issues: [{ path: 'legalBasis' }] } });
  });

  it('lets a head reassign a case, on the timeline', async () => {
    expect(await api('POST', `/cases/${second.caseId}/reassign`, headKV1, { assignee: 'u-minh', note: 'phân công lại' })).toMatchObject({ status: 200, json: { status: 'recorded' } });
    const res = await api('GET', `/cases/${second.caseId}`, officerKV1);
    expect(res.json.assignee).toBe('u-minh');
    expect(res.json.timeline.at(-1)).toMatchObject({ type: 'reassigned', actor: { kind: 'officer', id: 'u-hai', name: 'Nguyễn Văn Hải' }, data: { to: 'u-minh' } });
  });

  it('gives the attachments through short-lived signed links that download the very bytes received', async () => {
    const res = await api('GET', `/cases/${second.caseId}/documents`, auditorHCM);
    expect(res.status).toBe(200);
    expect(res.json.documents).toHaveLength(1);
    const [doc] = res.json.documents;
    expect(doc).toMatchObject({ name: 'bản án 12-2026.pdf', contentType: 'application/pdf', source: { seq: 1, type: 'message-received' } });
    expect(doc.url).toMatch(/X-Amz-Expires=300/);
    const download = await fetch(doc.url);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(judgment)).toBe(true);
    expect(download.headers.get('content-type')).toBe('application/pdf');
  });

  describe('verification of the timeline', () => {
    const key = (seq: number) => ({ TableName: t.names.table, Key: eventKey(second.caseId, seq) });
    const verify = async () => (await api('GET', `/cases/${second.caseId}/verify`, auditorHCM)).json;
    const original = async (seq: number) => (await db.send(new GetCommand(key(seq)))).Item!;
    const restore = async (...items: Array<Record<string, unknown>>) => {
      for (const item of items) await db.send(new PutCommand({ TableName: t.names.table, Item: item }));
      expect(await verify()).toMatchObject({ ok: true });
    };

    it('finds an intact chain', async () => {
      expect(await verify()).toMatchObject({ caseId: second.caseId, ok: true, head: { lastSeq: expect.any(Number) } });
    });

    it('names an event edited in the table', async () => {
      const item = await original(2);
      await db.send(new UpdateCommand({ ...key(2), UpdateExpression: 'SET #data.#office = :other', ExpressionAttributeNames: { '#data': 'data', '#office': 'office' }, ExpressionAttributeValues: { ':other': 'HCMKV2' } }));
      expect(await verify()).toMatchObject({ ok: false, firstBreak: { kind: 'edited', seq: 2, found: { type: 'case-opened' } } });
      await restore(item);
    });

    it('names an event removed from the table', async () => {
      const item = await original(2);
      await db.send(new DeleteCommand(key(2)));
      expect(await verify()).toMatchObject({ ok: false, firstBreak: { kind: 'removed', seq: 2, message: expect.stringContaining('event 2 was removed') } });
      await restore(item);
    });

    it('names events reordered in the table', async () => {
      const [two, three] = [await original(2), await original(3)];
      await db.send(new UpdateCommand({ ...key(2), UpdateExpression: 'SET seq = :s', ExpressionAttributeValues: { ':s': 3 } }));
      await db.send(new UpdateCommand({ ...key(3), UpdateExpression: 'SET seq = :s', ExpressionAttributeValues: { ':s': 2 } }));
      expect(await verify()).toMatchObject({ ok: false, firstBreak: { kind: 'reordered', seq: 2 } });
      await restore(two, three);
    });
  });
});
