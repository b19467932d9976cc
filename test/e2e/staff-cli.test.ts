import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestStack, type TestStack } from './support/test-stack';
import { vietnamMonth } from '../../shared/time/vietnam-time';

/** `motcua` as people run it: a child process talking HTTP to the running local stack. */
let t: TestStack;
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

beforeAll(async () => {
  t = await startTestStack(19400);
});

afterAll(async () => {
  await t?.stop();
});

function motcua(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/motcua.js', ...args],
      { cwd: repoRoot, env: { ...process.env, MOTCUA_API_URL: t.stack.urls.api, MOTCUA_DATA_DIR: t.dataDir, MOTCUA_TOKEN: '', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function caseAwaitingReview(): Promise<string> {
  const messageId = `<cli-${Date.now()}-${Math.random()}@example.com>`;
  await t.sendMail({ from: { name: 'Đỗ Thị Mai', address: 'do.thi.mai@example.com' }, to: 'kv1@hcm.thads.example', subject: 'Yêu cầu thi hành án', text: 'Kính gửi.', messageId });
  const caseId = await eventually('the case', async () => (await t.cases.getMessage(messageId))?.caseId);
  await eventually('the review to be pending', async () => ((await t.cases.getCase(caseId))?.pendingStep?.step === 'review' ? true : undefined));
  return caseId;
}

describe('motcua at a terminal, against the local stack', () => {
  let caseId: string;

  beforeAll(async () => {
    caseId = await caseAwaitingReview();
  });

  it('token prints a token that the API accepts (MOTCUA_TOKEN), and queue lists the case', async () => {
    const token = await motcua(['token', '--role', 'officer', '--office', 'HCMKV1', '--name', 'Trần Thị Lan']);
    expect(token.code).toBe(0);
    const queue = await motcua(['queue'], { MOTCUA_TOKEN: token.stdout.trim() });
    expect(queue).toMatchObject({ code: 0, stderr: '' });
    const lines = queue.stdout.split('\n');
    expect(lines[0]).toMatch(/^CASE +STATUS +WAITING FOR +DUE/);
    expect(lines.find((l) => l.startsWith(caseId))).toMatch(/awaiting-review +review +\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(queue.stdout).toContain('of HCMKV1, soonest deadline first');
  });

  it('queue --json gives machines the API answer', async () => {
    const run = await motcua(['queue', '--as', 'auditor:province:HCM', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ order: 'next-deadline', offices: ['HCM', 'HCMKV1', 'HCMKV2'], items: [expect.objectContaining({ caseId })] });
  });

  it('show prints the case, its deadlines and its timeline', async () => {
    const run = await motcua(['show', caseId, '--as', 'officer:HCMKV1']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${caseId}  awaiting-review  (HCMKV1, enforcement-request)`);
    expect(run.stdout).toMatch(/requester: Đỗ Thị Mai <do\.thi\.mai@example\.com>/);
    expect(run.stdout).toMatch(/\ntimeline\n#  +AT +EVENT +BY +DETAIL/);
    expect(run.stdout).toMatch(/step-awaiting +system workflow +step review/);
  });

  it("refuses another office's officer with the API's reason", async () => {
    const run = await motcua(['show', caseId, '--as', 'officer:HCMKV2']);
    expect(run).toMatchObject({ code: 1, stdout: '', stderr: 'motcua: error: 403 Forbidden: officer of HCMKV2 may not read cases of HCMKV1\n' });
  });

  it('act resumes the review; acting again is refused with 409', async () => {
    const run = await motcua(['act', caseId, 'review', '--outcome', 'accept', '--note', 'Đủ hồ sơ', '--as', 'officer:HCMKV1']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(new RegExp(`^${caseId}: review submitted; the workflow records it on the timeline`));
    await eventually('the review recorded', async () => ((await t.cases.listEvents(caseId)).some((e) => e.type === 'step-completed') ? true : undefined));

    const again = await motcua(['act', caseId, 'review', '--json', '{"outcome":"accept"}', '--as', 'officer:HCMKV1']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^motcua: error: 409 NotWaitingForAction: case .* is not waiting for review/);
  });

  it('act refuses an auditor', async () => {
    const run = await motcua(['act', caseId, 'reassign', '--assignee', 'u-minh', '--as', 'auditor:all']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('403 Forbidden: auditors have read-only access');
  });

  it('verify says the timeline is intact', async () => {
    const run = await motcua(['verify', caseId, '--as', 'auditor:office:HCMKV1']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^${caseId}: timeline intact: \\d+ events, chain verified up to event \\d+`));
  });

  it('export writes the cases of the month as CSV, and report the official form', async () => {
    const month = vietnamMonth(new Date());
    const csv = await motcua(['export', '--period', month, '--office', 'HCMKV1', '--as', 'auditor:all']);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toContain(caseId);

    const out = join(mkdtempSync(join(tmpdir(), 'motcua-report-')), 'report.xlsx');
    const xlsx = await motcua(['report', '--period', month, '--as', 'head:HCMKV1', '--out', out]);
    expect(xlsx.code).toBe(0);
    expect(xlsx.stderr).toMatch(/^wrote .*report\.xlsx/);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');

    const binary = await motcua(['report', '--period', month, '--as', 'head:HCMKV1']);
    expect(binary).toMatchObject({ code: 1, stderr: expect.stringContaining('the xlsx file is binary: give --out <file>') });
  });
});
