/**
 * Large exports and reports as jobs, on the local stack: with the threshold set low (configuration,
 * EXPORT_JOB_THRESHOLD_CASES), the API answers 202, the same api handler builds the file through an
 * asynchronous Lambda invocation, and `motcua report`/`motcua export` wait and download it through
 * the signed link. The files downloaded equal what the synchronous path gives for the same period.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestStack, type TestStack } from './support/test-stack';
import { signLocalToken, type LocalTokenRequest } from '../../local/auth/local-keys';
import { toVietnamIso } from '../../shared/time/vietnam-time';

let t: TestStack;
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'motcua-jobs-'));
let day: string;

function motcua(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/motcua.js', ...args],
      { cwd: repoRoot, env: { ...process.env, MOTCUA_API_URL: t.stack.urls.api, MOTCUA_DATA_DIR: t.dataDir, MOTCUA_TOKEN: '' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function caseAwaitingReview(n: number): Promise<string> {
  const messageId = `<job-${n}-${Date.now()}-${Math.random()}@example.com>`;
  await t.sendMail({ from: { name: 'Đỗ Thị Mai', address: 'do.thi.mai@example.com' }, to: 'kv1@hcm.thads.example', subject: `Yêu cầu thi hành án số ${n}`, text: 'Kính gửi.', messageId });
  const caseId = await eventually('the case', async () => (await t.cases.getMessage(messageId))?.caseId, 120_000);
  await eventually('the review to be pending', async () => ((await t.cases.getCase(caseId))?.pendingStep?.step === 'review' ? true : undefined), 120_000);
  return caseId;
}

/** Every cell of every sheet: an XLSX's bytes carry the time it was written, its content does not. */
async function cells(file: Buffer): Promise<Record<string, unknown[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as never);
  const sheets: Record<string, unknown[][]> = {};
  workbook.eachSheet((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => void rows.push(JSON.parse(JSON.stringify(row.values))));
    sheets[sheet.name] = rows;
  });
  return sheets;
}

/** A file through the CLI; the threshold is a configuration the api handler reads at each invocation. */
async function download(kind: 'report' | 'export', format: string, threshold: string | undefined) {
  if (threshold === undefined) delete process.env.EXPORT_JOB_THRESHOLD_CASES;
  else process.env.EXPORT_JOB_THRESHOLD_CASES = threshold;
  const file = join(out, `${kind}-${threshold ?? 'sync'}.${format}`);
  const run = await motcua([kind, '--from', day, '--to', day, '--office', 'HCMKV1', '--format', format, '--as', 'head:HCMKV1', '--out', file]);
  expect(run.code, run.stderr).toBe(0);
  return { stderr: run.stderr, content: readFileSync(file) };
}

beforeAll(async () => {
  t = await startTestStack(20330);
  await caseAwaitingReview(1);
  await caseAwaitingReview(2);
  day = toVietnamIso(t.stack.clock.now()).slice(0, 10);
  // The period ends before the report is taken, so it is final (not "provisional as of now") and both paths agree.
  const after = new Date(Date.parse(`${day}T00:00:00+07:00`) + 24 * 60 * 60 * 1000 + 60_000);
  const moved = await fetch(`${t.stack.urls.api}/_local/clock`, { method: 'POST', body: JSON.stringify({ advanceTo: after.toISOString() }) });
  expect(moved.ok).toBe(true);
  await t.idle();
}, 300_000);

afterAll(async () => {
  delete process.env.EXPORT_JOB_THRESHOLD_CASES;
  await t?.stop();
});

describe('a report over the threshold becomes a job that the CLI waits for and downloads', () => {
  it('XLSX and CSV of the official report, and the CSV export, equal the synchronous files', async () => {
    for (const [kind, format] of [['report', 'xlsx'], ['report', 'csv'], ['export', 'csv']] as const) {
      const job = await download(kind, format, '1');
      expect(job.stderr).toMatch(/being built as job [0-9a-f-]{36}/);
      const sync = await download(kind, format, undefined);
      expect(sync.stderr).not.toMatch(/being built as job/);
      if (format === 'xlsx') expect(await cells(job.content)).toEqual(await cells(sync.content));
      else expect(job.content.toString('utf8')).toBe(sync.content.toString('utf8'));
      expect(job.content.toString('utf8')).not.toBe('');
    }
  });

  it('shows the job to who asked and to an auditor of the province, not to a stranger', async () => {
    process.env.EXPORT_JOB_THRESHOLD_CASES = '1';
    const as = (who: LocalTokenRequest) => signLocalToken(t.dataDir, who).then((token) => ({ authorization: `Bearer ${token}` }));
    const head = await as({ role: 'head', office: 'HCMKV1', name: 'Trưởng KV1' });
    const accepted = await fetch(`${t.stack.urls.api}/reports/official?from=${day}&to=${day}&office=HCMKV1&format=csv`, { headers: head });
    expect(accepted.status).toBe(202);
    const { jobId } = (await accepted.json()) as { jobId: string };
    const done = await eventually('the job to finish', async () => {
      const job = (await (await fetch(`${t.stack.urls.api}/jobs/${jobId}`, { headers: head })).json()) as { status: string; file?: { url: string } };
      return job.status === 'running' ? undefined : job;
    }, 120_000);
    expect(done.status).toBe('done');
    expect((await fetch(done.file!.url)).status).toBe(200);
    const auditor = await as({ role: 'auditor', scope: { kind: 'province', province: 'HCM' }, name: 'Kiểm tra' });
    expect((await fetch(`${t.stack.urls.api}/jobs/${jobId}`, { headers: auditor })).status).toBe(200);
    const stranger = await as({ role: 'head', office: 'HCMKV2', name: 'Trưởng KV2' });
    const refused = await fetch(`${t.stack.urls.api}/jobs/${jobId}`, { headers: stranger });
    expect(refused.status).toBe(404);
    expect(await refused.text()).not.toContain('url');
  });
});
