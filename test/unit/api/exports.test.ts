import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../shared/reports/csv';
import { auditor, defaultEvents, head, officer, testApi } from './fakes';

/** A case received in person: the visit recorded, and the result's deadline set with it (as the workflow does). */
function receivedInPerson(caseId: string, emailed: string, visit: string, dueAt: string) {
  const deadline = (at: string, due: string, workingDays: number) => ({ dueAt: due, startedAt: at, receivedAt: at, calendarVersion: 'cal:test', rule: `${workingDays} working days`, workingMinutes: workingDays * 480, workingDays, skipped: [], pauses: [] });
  return {
    record: { caseId, office: caseId.split('-')[0]!, receivedAt: emailed, status: 'awaiting-decision' as const, deadlines: { review: deadline(emailed, emailed, 1), decision: deadline(visit, dueAt, 5) } },
    events: [...defaultEvents(caseId).map((e) => ({ ...e, at: emailed })), { type: 'visit-recorded', at: visit, actor: { kind: 'officer' as const, id: 'nv01' }, data: {} }],
  };
}

function stocked() {
  const t = testApi();
  const review = (dueAt: string) => ({ review: { dueAt, startedAt: dueAt, calendarVersion: 'cal:test', rule: '1 working day' } });
  const kv1 = receivedInPerson('HCMKV1-2026-000001', '2026-02-02T09:00:00+07:00', '2026-02-04T09:00:00+07:00', '2026-02-11T09:00:00+07:00');
  t.cases.add(kv1.record, kv1.events);
  t.cases.add({ caseId: 'HCMKV1-2026-000002', office: 'HCMKV1', receivedAt: '2026-03-02T09:00:00+07:00', status: 'awaiting-review', deadlines: review('2026-03-03T09:00:00+07:00') });
  t.cases.add({ caseId: 'HCMKV2-2026-000001', office: 'HCMKV2', receivedAt: '2026-02-10T09:00:00+07:00', status: 'closed', deadlines: review('2026-02-11T09:00:00+07:00') });
  // received in person in the previous year and still open: carried over into 2026
  const old = receivedInPerson('HCMKV2-2025-000009', '2025-12-29T09:00:00+07:00', '2025-12-30T09:00:00+07:00', '2026-01-07T09:00:00+07:00');
  t.cases.add(old.record, old.events);
  return t;
}

describe('GET /exports/cases', () => {
  it('exports the cases of a period within a province auditor’s grant as CSV, carried-over cases included', async () => {
    const t = stocked();
    const res = await t.call('GET', '/exports/cases?from=2026-02-01&to=2026-02-28&format=csv', auditor({ kind: 'province', province: 'HCM' }));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="motcua-cases-all-2026-02-01..2026-02-28.csv"');
    const rows = parseCsv(res.text.replace(/^\uFEFF/, ''));
    expect(rows.slice(1).map((r) => r[0])).toEqual(['HCMKV1-2026-000001', 'HCMKV2-2025-000009', 'HCMKV2-2026-000001']);
  });

  it('exports one office as JSON with the timelines', async () => {
    const t = stocked();
    const res = await t.call('GET', '/exports/cases?period=2026-03&office=HCMKV1&format=json', head('HCMKV1'));
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text);
    expect(body.period).toMatchObject({ key: '2026-03' });
    // the February case has no result: it is carried over into March; the March request is still in its online stage
    expect(body.cases.map((c: { caseId: string; standing?: { intake: string }; online?: string }) => [c.caseId, c.standing?.intake, c.online])).toEqual([
      ['HCMKV1-2026-000001', 'carried-over', undefined],
      ['HCMKV1-2026-000002', undefined, 'pending'],
    ]);
    expect(body.cases[1].timeline.map((e: { type: string }) => e.type)).toEqual(['message-received', 'case-opened', 'step-awaiting']);
  });

  it('refuses officers, and offices outside the grant', async () => {
    const t = stocked();
    expect(await t.call('GET', '/exports/cases?period=2026-03', officer('HCMKV1'))).toMatchObject({ status: 403 });
    expect(await t.call('GET', '/exports/cases?period=2026-03&office=HCMKV2', auditor({ kind: 'office', office: 'HCMKV1' }))).toMatchObject({ status: 403 });
    expect(await t.call('GET', '/exports/cases?period=2026-03&office=HCMKV2', head('HCMKV1'))).toMatchObject({ status: 403 });
  });

  it.each([
    ['period=2026-13', 'the month must be 01 to 12'],
    ['from=2026-03-01', 'both from and to'],
    ['period=2026-03&format=xml', 'format'],
    ['period=2026-03&office=HCMKV1&province=HCM', 'not both'],
    ['period=2026-03&province=HN', 'no office of the directory is in province HN'],
  ])('refuses a bad query: %s', async (query, problem) => {
    const res = await stocked().call('GET', `/exports/cases?${query}`, auditor({ kind: 'all' }));
    expect(res).toMatchObject({ status: 400 });
    expect(res.json.message).toContain(problem);
  });
});

describe('GET /reports/official', () => {
  it("gives a head their office's report as JSON, provisional before the period ends", async () => {
    const res = await stocked().call('GET', '/reports/official?period=2026-H1&format=json', head('HCMKV1'));
    expect(res.status).toBe(200);
    const report = JSON.parse(res.text);
    expect(report).toMatchObject({ scope: { kind: 'office', office: 'HCMKV1' }, provisional: true });
    expect(report.ledger.map((e: { caseId: string }) => e.caseId)).toEqual(['HCMKV1-2026-000001']);
    expect(report.online).toMatchObject({ received: 2, outcomes: { 'received-in-person': 1, pending: 1 } });
  });

  it('reports the administrative year (15 December to 14 December): a file received in person on 30 December 2025 is new in 2026', async () => {
    const res = await stocked().call('GET', '/reports/official?period=2026&basis=administrative&office=HCMKV2&format=json', auditor({ kind: 'all' }));
    expect(res.status).toBe(200);
    const report = JSON.parse(res.text);
    expect(report.period).toMatchObject({ basis: 'administrative', firstDay: '2025-12-15', lastDay: '2026-12-14' });
    expect(report.ledger).toMatchObject([{ caseId: 'HCMKV2-2025-000009', intake: 'newly-received' }]);
    const calendar = JSON.parse((await stocked().call('GET', '/reports/official?period=2026&office=HCMKV2&format=json', auditor({ kind: 'all' }))).text);
    expect(calendar.ledger).toMatchObject([{ caseId: 'HCMKV2-2025-000009', intake: 'carried-over' }]);
    expect(await stocked().call('GET', '/reports/official?period=2026&basis=fiscal', auditor({ kind: 'all' }))).toMatchObject({ status: 400 });
  });

  it("gives a province auditor the province's report as a workbook", async () => {
    const res = await stocked().call('GET', '/reports/official?period=2026-H1', auditor({ kind: 'province', province: 'HCM' }));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain('motcua-official-report-HCM-2026-H1.xlsx');
  });

  it('refuses a province report to an auditor of one office', async () => {
    const res = await stocked().call('GET', '/reports/official?period=2026-H1&province=HCM', auditor({ kind: 'office', office: 'HCMKV1' }));
    expect(res).toMatchObject({ status: 403, json: { message: 'auditor with scope office:HCMKV1 may not export cases of HCM' } });
  });
});
