import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../../functions/api/router';
import { routes } from '../../../functions/api/routes';
import { auditor, head, officer, testApi, waitingForReview } from './fakes';

const CASE = 'HCMKV1-2026-000001';

describe('routing', () => {
  it('matches templates and decodes path parameters', () => {
    expect(matchRoute(routes, 'GET', `/cases/${CASE}/verify`)).toMatchObject({ route: { path: '/cases/{id}/verify' }, params: { id: CASE } });
    expect(matchRoute(routes, 'POST', `/cases/${CASE}/review`)).toMatchObject({ route: { path: '/cases/{id}/review', permission: 'case:act' } });
    expect(matchRoute(routes, 'GET', '/cases/')).toMatchObject({ route: { path: '/cases' } });
    expect(matchRoute(routes, 'DELETE', `/cases/${CASE}`)).toEqual({ allowed: ['GET'] });
    expect(matchRoute(routes, 'GET', '/nothing/here')).toEqual({ allowed: [] });
  });

  it('answers 404 for an unknown route and 405 for a known path with another method', async () => {
    const t = testApi();
    expect(await t.call('GET', '/nothing')).toMatchObject({ status: 404, json: { error: 'NotFound' } });
    const wrong = await t.call('DELETE', `/cases/${CASE}`, officer('HCMKV1'));
    expect(wrong).toMatchObject({ status: 405, json: { error: 'MethodNotAllowed' }, headers: { allow: 'GET' } });
  });

  it('serves /health without a token', async () => {
    expect(await testApi().call('GET', '/health')).toMatchObject({ status: 200, json: { status: 'ok', caseStore: 'reachable' } });
  });
});

describe('refusals', () => {
  it('answers 401 without a token, says why, and logs it', async () => {
    const t = testApi();
    const res = await t.call('GET', '/cases');
    expect(res).toMatchObject({ status: 401, json: { error: 'Unauthorized', message: expect.stringContaining('no Authorization header') } });
    expect(res.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
    expect(t.logs).toEqual([{ level: 'warn', message: 'access refused', data: expect.objectContaining({ status: 401, route: 'GET /cases', principal: 'unauthenticated', reason: expect.any(String) }) }]);
  });

  it('refuses an auditor any action before reading anything, and logs who, where and why', async () => {
    const t = testApi();
    t.cases.add({ caseId: CASE, office: 'HCMKV1', ...waitingForReview() });
    const res = await t.call('POST', `/cases/${CASE}/review`, auditor({ kind: 'all' }), { outcome: 'accept' });
    expect(res).toMatchObject({ status: 403, json: { error: 'Forbidden', message: expect.stringContaining('auditors have read-only access') } });
    expect(t.sent).toEqual([]);
    expect(t.logs[0]).toMatchObject({
      message: 'access refused',
      data: { status: 403, route: 'POST /cases/{id}/review', path: `/cases/${CASE}/review`, principal: { sub: 'auditor-1', roles: ['auditor'], scope: 'all' } },
    });
  });

  it("refuses an officer another office's case, whether it exists or not", async () => {
    const t = testApi();
    t.cases.add({ caseId: CASE, office: 'HCMKV1', ...waitingForReview() });
    for (const path of [`/cases/${CASE}`, `/cases/${CASE}/timeline`, `/cases/${CASE}/verify`, `/cases/${CASE}/documents`, '/cases/HCMKV1-2026-000999']) {
      expect(await t.call('GET', path, officer('HCMKV2')), path).toMatchObject({ status: 403, json: { message: 'officer of HCMKV2 may not read cases of HCMKV1' } });
    }
    expect(await t.call('POST', `/cases/${CASE}/review`, officer('HCMKV2'), { outcome: 'accept' })).toMatchObject({
      status: 403,
      json: { message: 'officer of HCMKV2 may not act on cases of HCMKV1' },
    });
    expect(await t.call('GET', '/cases?office=HCMKV1', officer('HCMKV2'))).toMatchObject({ status: 403 });
    expect(t.sent).toEqual([]);
    expect(t.logs).toHaveLength(7);
    expect(t.logs.every((l) => l.data.reason && l.data.principal)).toBe(true);
  });

  it('answers 404 for a missing case of an office within reach, and 400 for what is not a case id', async () => {
    const t = testApi();
    expect(await t.call('GET', '/cases/HCMKV1-2026-000999', officer('HCMKV1'))).toMatchObject({ status: 404, json: { error: 'NotFound' } });
    expect(await t.call('GET', '/cases/42', officer('HCMKV1'))).toMatchObject({ status: 400, json: { error: 'BadRequest' } });
  });
});

describe('the case as people see it', () => {
  it('has its deadlines, checklist, step clocks and full timeline, and never its task token', async () => {
    const t = testApi();
    t.cases.add({ caseId: CASE, office: 'HCMKV1', ...waitingForReview('secret-token-xyz') });
    const res = await t.call('GET', `/cases/${CASE}`, officer('HCMKV1'));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      caseId: CASE,
      pendingStep: { step: 'review', dueAt: '2026-03-03T09:00:00+07:00' },
      deadlines: { review: { dueAt: '2026-03-03T09:00:00+07:00' } },
      checklist: null,
      steps: [{ step: 'review', waiting: true, breached: false }],
    });
    expect(res.json.timeline.map((e: { type: string }) => e.type)).toEqual(['message-received', 'case-opened', 'step-awaiting']);
    expect(res.text).not.toContain('secret-token-xyz');
    expect(res.text).not.toContain('taskToken');
  });

  it('filters the timeline by type', async () => {
    const t = testApi();
    t.cases.add({ caseId: CASE, office: 'HCMKV1', ...waitingForReview() });
    const res = await t.call('GET', `/cases/${CASE}/timeline?type=case-opened,step-awaiting`, auditor({ kind: 'province', province: 'HCM' }));
    expect(res.json.events.map((e: { seq: number }) => e.seq)).toEqual([2, 3]);
    expect(await t.call('GET', `/cases/${CASE}/timeline?kind=x`, officer('HCMKV1'))).toMatchObject({ status: 400 });
  });

  it('lists attachments with signed links', async () => {
    const t = testApi();
    t.cases.add({ caseId: CASE, office: 'HCMKV1', ...waitingForReview() });
    const res = await t.call('GET', `/cases/${CASE}/documents`, officer('HCMKV1'));
    expect(res.json.documents).toEqual([
      {
        name: 'bản án.pdf',
        contentType: 'application/pdf',
        size: 1234,
        source: { seq: 1, type: 'message-received', at: '2026-03-02T09:00:00+07:00' },
        url: `https://signed.example/docs/cases/${CASE}/1-ban-an.pdf?expires=300`,
        expiresAt: expect.any(String),
      },
    ]);
  });

  it('verifies the chain, and names an edited event', async () => {
    const t = testApi();
    t.cases.add({ caseId: CASE, office: 'HCMKV1', ...waitingForReview() });
    expect((await t.call('GET', `/cases/${CASE}/verify`, auditor({ kind: 'all' }))).json).toMatchObject({ ok: true, events: 3, head: { lastSeq: 3 } });
    t.cases.events.get(CASE)![1]!.data.office = 'HCMKV2';
    const res = await t.call('GET', `/cases/${CASE}/verify`, auditor({ kind: 'all' }));
    expect(res.json).toMatchObject({ ok: false, firstBreak: { kind: 'edited', seq: 2, found: { type: 'case-opened' } } });
  });
});

describe('actions', () => {
  it('resumes the waiting review with the body, the officer and the time', async () => {
    const t = testApi();
    t.cases.add({ caseId: CASE, office: 'HCMKV1', ...waitingForReview('token-1') });
    const res = await t.call('POST', `/cases/${CASE}/review`, officer('HCMKV1', 'u-lan'), { outcome: 'request-more', missingItems: ['bản sao bản án'] });
    expect(res).toMatchObject({ status: 200, json: { caseId: CASE, action: 'review', step: 'review', status: 'submitted' } });
    expect(t.sent).toEqual([
      {
        token: 'token-1',
        output: { outcome: 'request-more', missingItems: ['bản sao bản án'], actor: { kind: 'officer', id: 'u-lan', name: 'Officer HCMKV1' }, at: '2026-03-02T10:00:00+07:00' },
      },
    ]);
  });

  it.each([
    [{ outcome: 'request-more' }, 'missingItems'],
    [{ outcome: 'request-more', missingItems: [] }, 'name at least one missing item'],
    [{ outcome: 'refuse', reason: 'không thuộc thẩm quyền' }, 'legalBasis'],
    [{ outcome: 'refer' }, 'referTo'],
    [{ outcome: 'approve' }, 'outcome'],
    [{ outcome: 'accept', officer: 'someone' }, 'officer'],
    ['not json', 'the body must be JSON'],
  ])('refuses a review body that does not fit its outcome: %j', async (body, problem) => {
    const t = testApi();
    t.cases.add({ caseId: CASE, office: 'HCMKV1', ...waitingForReview() });
    const res = await t.call('POST', `/cases/${CASE}/review`, officer('HCMKV1'), body);
    expect(res).toMatchObject({ status: 400, json: { error: 'BadRequest' } });
    expect(res.text).toContain(problem);
    expect(t.sent).toEqual([]);
  });

  it('answers 409 naming the step the case waits for, and sends nothing', async () => {
    const t = testApi();
    t.cases.add({ caseId: CASE, office: 'HCMKV1', ...waitingForReview() });
    t.cases.add({ caseId: 'HCMKV1-2026-000002', office: 'HCMKV1', status: 'reviewed' });
    expect(await t.call('POST', `/cases/${CASE}/visit`, officer('HCMKV1'), { collection: 'at-desk' })).toMatchObject({
      status: 409,
      json: { error: 'NotWaitingForAction', step: 'visit', waitingFor: 'review', message: `case ${CASE} is not waiting for visit: it waits for review` },
    });
    expect(await t.call('POST', '/cases/HCMKV1-2026-000002/review', officer('HCMKV1'), { outcome: 'accept' })).toMatchObject({
      status: 409,
      json: { waitingFor: null, message: 'case HCMKV1-2026-000002 is not waiting for review: it waits for no action' },
    });
    expect(t.sent).toEqual([]);
  });

  it('retries once with the new token when a breach renewed the wait under us', async () => {
    const t = testApi({ sendTaskSuccess: async (token) => (token === 'old-token' ? 'stale' : 'sent') });
    t.cases.add({ caseId: CASE, office: 'HCMKV1', ...waitingForReview('old-token') });
    const getCase = t.cases.repository.getCase.bind(t.cases.repository);
    // the API reads the case with the old token; by the time it resumes, the token was renewed
    t.cases.repository.getCase = async (id) => {
      const record = await getCase(id);
      t.cases.records.get(id)!.pendingStep!.taskToken = 'new-token';
      return record;
    };
    expect(await t.call('POST', `/cases/${CASE}/review`, officer('HCMKV1'), { outcome: 'accept' })).toMatchObject({ status: 200 });
    expect(t.sent.map((s) => s.token)).toEqual(['old-token', 'new-token']);
  });

  it('answers 409 when the token no longer resumes anything and was not renewed (done meanwhile)', async () => {
    const t = testApi({ sendTaskSuccess: async () => 'stale' });
    t.cases.add({ caseId: CASE, office: 'HCMKV1', ...waitingForReview('used-token') });
    const res = await t.call('POST', `/cases/${CASE}/review`, officer('HCMKV1'), { outcome: 'accept' });
    expect(res).toMatchObject({ status: 409, json: { error: 'NotWaitingForAction', message: expect.stringContaining('no longer waits') } });
    expect(t.sent).toHaveLength(1);
  });

  it('lets a head reassign a case, recorded on the timeline; not an officer', async () => {
    const t = testApi();
    t.cases.add({ caseId: CASE, office: 'HCMKV1', ...waitingForReview() });
    expect(await t.call('POST', `/cases/${CASE}/reassign`, officer('HCMKV1'), { assignee: 'u-minh' })).toMatchObject({ status: 403 });
    const res = await t.call('POST', `/cases/${CASE}/reassign`, head('HCMKV1'), { assignee: 'u-minh', note: 'cán bộ Lan nghỉ phép' });
    expect(res).toMatchObject({ status: 200, json: { action: 'reassign', status: 'recorded' } });
    expect(t.cases.records.get(CASE)).toMatchObject({ assignee: 'u-minh', pendingStep: { taskToken: 'token-1' } });
    expect(t.cases.events.get(CASE)!.at(-1)).toMatchObject({
      type: 'reassigned',
      actor: { kind: 'officer', id: 'head-HCMKV1', name: 'Head HCMKV1' },
      data: { from: null, to: 'u-minh', note: 'cán bộ Lan nghỉ phép' },
    });
    expect((await t.call('POST', `/cases/${CASE}/reassign`, head('HCMKV1'), { assignee: 'u-minh' })).json).toMatchObject({ status: 'unchanged' });
    // the head of the office above receives escalations: may reassign, may not act in their place
    expect(await t.call('POST', `/cases/${CASE}/reassign`, head('HCM'), { assignee: 'u-hoa' })).toMatchObject({ status: 200 });
    expect(await t.call('POST', `/cases/${CASE}/review`, head('HCM'), { outcome: 'accept' })).toMatchObject({ status: 403 });
  });

  it('refuses to reassign a closed case', async () => {
    const t = testApi();
    t.cases.add({ caseId: CASE, office: 'HCMKV1', status: 'closed' });
    expect(await t.call('POST', `/cases/${CASE}/reassign`, head('HCMKV1'), { assignee: 'u-minh' })).toMatchObject({ status: 409, json: { error: 'Conflict' } });
  });
});
