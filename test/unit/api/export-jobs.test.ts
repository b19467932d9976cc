import { describe, expect, it } from 'vitest';
import { runExportJob, type ExportJob, type ExportJobPorts } from '../../../shared/staff/export-jobs';
import { auditor, head, officer, testApi } from './fakes';

/** Two cases of HCMKV1 in March 2026 and a job threshold of one case: the export of March is a job. */
function withJobs(thresholdCases = 1) {
  const t = testApi();
  const review = (dueAt: string) => ({ review: { dueAt, startedAt: dueAt, calendarVersion: 'cal:test', rule: '1 working day' } });
  t.cases.add({ caseId: 'HCMKV1-2026-000001', office: 'HCMKV1', receivedAt: '2026-03-02T09:00:00+07:00', status: 'awaiting-review', deadlines: review('2026-03-03T09:00:00+07:00') });
  t.cases.add({ caseId: 'HCMKV1-2026-000002', office: 'HCMKV1', receivedAt: '2026-03-02T09:30:00+07:00', status: 'awaiting-review', deadlines: review('2026-03-03T09:30:00+07:00') });
  const jobs = new Map<string, ExportJob>();
  const started: string[] = [];
  const exportJobs: ExportJobPorts = {
    thresholdCases,
    store: { put: async (job) => void jobs.set(job.jobId, structuredClone(job)), get: async (id) => structuredClone(jobs.get(id)) },
    start: async (id) => void started.push(id),
  };
  t.ports.exportJobs = exportJobs;
  return { ...t, jobs, started, exportJobs, run: (id: string) => runExportJob(id, { ...t.ports, exportJobs }) };
}

const MARCH = '/exports/cases?period=2026-03&office=HCMKV1&format=csv';

describe('large exports as jobs', () => {
  it('answers 202 with a running job over the threshold, builds the same file as the synchronous route, and links it for five minutes', async () => {
    const t = withJobs();
    const accepted = await t.call('GET', MARCH, head('HCMKV1'));
    expect(accepted.status).toBe(202);
    expect(accepted.json).toMatchObject({ kind: 'export', status: 'running' });
    expect(t.started).toEqual([accepted.json.jobId]);

    const before = await t.call('GET', `/jobs/${accepted.json.jobId}`, head('HCMKV1'));
    expect(before.json).toMatchObject({ status: 'running' });
    expect(before.json.file).toBeUndefined();

    expect(await t.run(accepted.json.jobId)).toBe('done');
    const done = await t.call('GET', `/jobs/${accepted.json.jobId}`, head('HCMKV1'));
    expect(done.status).toBe(200);
    expect(done.json.file).toMatchObject({ name: 'motcua-cases-HCMKV1-2026-03.csv', contentType: 'text/csv; charset=utf-8', expiresInSeconds: 300 });
    expect(done.json.file.url).toBe(`https://signed.example/documents/exports/${accepted.json.jobId}/motcua-cases-HCMKV1-2026-03.csv?expires=300`);

    t.ports.exportJobs = undefined;
    const sync = await t.call('GET', MARCH, head('HCMKV1'));
    expect(sync.status).toBe(200);
    expect(t.stored.at(-1)!.content.toString('utf8')).toBe(sync.text);
    // A second delivery of the same invocation (Lambda may retry an event) builds nothing twice.
    expect(await t.run(accepted.json.jobId)).toBe('done');
    expect(t.stored).toHaveLength(1);
  });

  it('keeps a result at or under the threshold synchronous', async () => {
    const t = withJobs(2);
    const res = await t.call('GET', MARCH, head('HCMKV1'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(t.started).toEqual([]);
  });

  it('makes no job of a request it refuses or cannot parse', async () => {
    const t = withJobs();
    expect((await t.call('GET', MARCH, head('HCMKV2'))).status).toBe(403);
    expect((await t.call('GET', '/reports/official?period=2026-13&office=HCMKV1', head('HCMKV1'))).status).toBe(400);
    expect(t.jobs.size).toBe(0);
  });

  it('shows a job only to who asked and to an auditor of its offices; a stranger gets 404, as for no job', async () => {
    const t = withJobs();
    const { jobId } = (await t.call('GET', '/reports/official?period=2026-03&office=HCMKV1&format=csv', head('HCMKV1'))).json;
    await t.run(jobId);
    expect((await t.call('GET', `/jobs/${jobId}`, head('HCMKV1'))).status).toBe(200);
    expect((await t.call('GET', `/jobs/${jobId}`, auditor({ kind: 'province', province: 'HCM' }))).status).toBe(200);
    const stranger = await t.call('GET', `/jobs/${jobId}`, head('HCMKV2'));
    expect(stranger.status).toBe(404);
    expect(stranger.text).not.toContain('url');
    expect((await t.call('GET', `/jobs/${jobId}`, auditor({ kind: 'office', office: 'HCMKV2' }))).status).toBe(404);
    // An officer holds no export right at all: refused before any job is read.
    expect((await t.call('GET', `/jobs/${jobId}`, officer('HCMKV1'))).status).toBe(403);
    expect((await t.call('GET', '/jobs/no-such-job', head('HCMKV1'))).status).toBe(404);
  });

  it('says failed, not running forever, of a job whose function stopped without a word', async () => {
    const t = withJobs();
    const { jobId } = (await t.call('GET', MARCH, head('HCMKV1'))).json;
    expect((await t.call('GET', `/jobs/${jobId}`, head('HCMKV1'))).json).toMatchObject({ status: 'running' });
    t.ports.clock = { now: () => new Date(Date.parse('2026-03-02T10:00:00+07:00') + 8 * 60 * 60 * 1000) };
    expect((await t.call('GET', `/jobs/${jobId}`, head('HCMKV1'))).json).toMatchObject({ status: 'failed', error: expect.stringContaining('did not finish') });
  });

  it('records a failure on the job rather than failing silently', async () => {
    const t = withJobs();
    const { jobId } = (await t.call('GET', MARCH, head('HCMKV1'))).json;
    t.ports.uploads.storeDocument = async () => {
      throw new Error('SlowDown: the bucket refused the write');
    };
    expect(await t.run(jobId)).toBe('failed');
    expect((await t.call('GET', `/jobs/${jobId}`, head('HCMKV1'))).json).toMatchObject({ status: 'failed', error: 'SlowDown: the bucket refused the write' });
  });
});
