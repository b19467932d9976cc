import { describe, expect, it } from 'vitest';
import { auditor, head, officer, testApi, waitingForReview } from './fakes';
import { monthsBetween, parseCaseSearch } from '../../../shared/staff/queue';

/** Cases of three offices with deadlines on different days of March 2026. */
function stocked() {
  const t = testApi();
  const add = (caseId: string, office: string, dueDay: number | undefined, extra: Record<string, unknown> = {}) =>
    t.cases.add({
      caseId,
      office,
      receivedAt: `2026-0${dueDay && dueDay > 20 ? 3 : 2}-${String((dueDay ?? 1) % 28 || 1).padStart(2, '0')}T09:00:00+07:00`,
      ...(dueDay ? waitingForReview(`t-${caseId}`, `2026-03-${String(dueDay).padStart(2, '0')}T17:00:00+07:00`) : { status: 'reviewed' }),
      ...extra,
    });
  add('HCMKV1-2026-000001', 'HCMKV1', 12);
  add('HCMKV1-2026-000002', 'HCMKV1', 3, { breaches: ['review'] });
  add('HCMKV1-2026-000003', 'HCMKV1', 25);
  add('HCMKV1-2026-000004', 'HCMKV1', undefined, { status: 'closed' });
  add('HCMKV2-2026-000001', 'HCMKV2', 5);
  add('HCMKV2-2026-000002', 'HCMKV2', 22, { breaches: ['review'] });
  add('HCM-2026-000001', 'HCM', 9);
  return t;
}

const ids = (res: { json: { items: Array<{ caseId: string }> } }) => res.json.items.map((i) => i.caseId);

describe('GET /cases: the work queue', () => {
  it("gives an officer their office's open cases, soonest deadline first, without tokens", async () => {
    const t = stocked();
    const res = await t.call('GET', '/cases', officer('HCMKV1'));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ order: 'next-deadline', offices: ['HCMKV1'] });
    expect(ids(res)).toEqual(['HCMKV1-2026-000002', 'HCMKV1-2026-000001', 'HCMKV1-2026-000003']);
    expect(res.json.items[0]).toMatchObject({ waitingFor: { step: 'review', dueAt: '2026-03-03T17:00:00+07:00' }, nextDeadline: '2026-03-03T17:00:00+07:00', breached: true });
    expect(res.text).not.toContain('t-HCMKV1');
    expect(res.json.nextCursor).toBeUndefined();
  });

  it('merges the offices of a province auditor in deadline order', async () => {
    const t = stocked();
    const res = await t.call('GET', '/cases', auditor({ kind: 'province', province: 'HCM' }));
    expect(res.json.offices).toEqual(['HCM', 'HCMKV1', 'HCMKV2']);
    expect(ids(res)).toEqual(['HCMKV1-2026-000002', 'HCMKV2-2026-000001', 'HCM-2026-000001', 'HCMKV1-2026-000001', 'HCMKV2-2026-000002', 'HCMKV1-2026-000003']);
  });

  it('pages through the merged queue with a cursor, never repeating or skipping a case', async () => {
    const t = stocked();
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await t.call('GET', `/cases?limit=2${cursor ? `&cursor=${cursor}` : ''}`, head('HCM'));
      expect(res.status).toBe(200);
      expect(res.json.items.length).toBeLessThanOrEqual(2);
      seen.push(...ids(res));
      cursor = res.json.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(['HCMKV1-2026-000002', 'HCMKV2-2026-000001', 'HCM-2026-000001', 'HCMKV1-2026-000001', 'HCMKV2-2026-000002', 'HCMKV1-2026-000003']);
  });

  it.each([
    ['breached=true', ['HCMKV1-2026-000002', 'HCMKV2-2026-000002']],
    ['breached=false&office=HCMKV2', ['HCMKV2-2026-000001']],
    ['dueBefore=2026-03-10', ['HCMKV1-2026-000002', 'HCMKV2-2026-000001', 'HCM-2026-000001']],
    ['dueBefore=2026-03-09T17:00:00%2B07:00', ['HCMKV1-2026-000002', 'HCMKV2-2026-000001']],
    ['status=reviewed', []],
    ['procedure=enforcement-request&office=HCM', ['HCM-2026-000001']],
  ])('filters: %s', async (query, expected) => {
    const t = stocked();
    expect(ids(await t.call('GET', `/cases?${query}`, auditor({ kind: 'all' })))).toEqual(expected);
  });

  it('searches a period of receipt in the audit index, closed cases included, in order of receipt', async () => {
    const t = stocked();
    const res = await t.call('GET', '/cases?receivedFrom=2026-02-01&receivedTo=2026-02-28&office=HCMKV1', auditor({ kind: 'all' }));
    expect(res.json.order).toBe('received');
    expect(ids(res)).toEqual(['HCMKV1-2026-000004', 'HCMKV1-2026-000002', 'HCMKV1-2026-000001']);
    expect(t.cases.index.queries.every((q) => q.index === 'GSI2' && q.partition === 'OFFICE#HCMKV1#2026-02')).toBe(true);
    const march = await t.call('GET', '/cases?receivedFrom=2026-03-01&receivedTo=2026-03-31', auditor({ kind: 'all' }));
    expect(ids(march)).toEqual(['HCMKV2-2026-000002', 'HCMKV1-2026-000003']);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['breached=yes', 'breached'],
    ['dueBefore=tomorrow', 'dueBefore'],
    ['receivedFrom=2026-02-30', 'receivedFrom'],
    ['receivedTo=2026-02-01', 'receivedTo needs receivedFrom'],
    ['receivedFrom=2026-03-01&receivedTo=2026-02-01', 'receivedTo is before receivedFrom'],
    ['office=hcmkv1', 'office'],
    ['sort=asc', 'unknown parameter sort'],
    ['cursor=garbage', 'cursor is not valid'],
  ])('refuses a bad query with 400 naming the problem: %s', async (query, problem) => {
    const res = await stocked().call('GET', `/cases?${query}`, auditor({ kind: 'all' }));
    expect(res).toMatchObject({ status: 400, json: { error: 'BadRequest' } });
    expect(res.json.message).toContain(problem);
  });

  it('refuses a cursor given with other filters', async () => {
    const t = stocked();
    const first = await t.call('GET', '/cases?limit=1', auditor({ kind: 'all' }));
    const res = await t.call('GET', `/cases?limit=1&breached=true&cursor=${first.json.nextCursor}`, auditor({ kind: 'all' }));
    expect(res).toMatchObject({ status: 400, json: { message: expect.stringContaining('another query') } });
  });

  it('refuses an admin, who has no office to read', async () => {
    expect(await stocked().call('GET', '/cases', { sub: 'a', roles: ['admin'] })).toMatchObject({ status: 403 });
  });
});

describe('query helpers', () => {
  it('reads a whole day in Vietnam time', () => {
    const q = parseCaseSearch({ receivedFrom: '2026-02-01', receivedTo: '2026-02-01' });
    expect(new Date(q.receivedFrom!).toISOString()).toBe('2026-01-31T17:00:00.000Z');
    expect(new Date(q.receivedTo!).toISOString()).toBe('2026-02-01T16:59:59.999Z');
  });

  it('lists the months of a period', () => {
    expect(monthsBetween(Date.parse('2025-11-15T00:00:00+07:00'), Date.parse('2026-02-01T00:00:00+07:00'))).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});
