import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './support/test-stack';
import { lifecycleDriver } from './support/lifecycle';
import { signLocalToken, type LocalTokenRequest } from '../../local/auth/local-keys';
import { localClientConfig } from '../../local/services/aws-local';
import { chainEvents } from '../../shared/cases/repository';
import { caseKey, eventKey } from '../../shared/cases/keys';
import type { CaseRecord, TimelineEvent } from '../../shared/cases/model';
import { GENESIS_HASH } from '../../shared/timeline/hash-chain';
import { caseStateHash } from '../../shared/timeline/case-state';

/**
 * Issue 14, finding 4: the chain's head lived in the same writable item, the case fields the report
 * reads were not chained, and nothing was anchored outside the table. These tests do what an
 * administrator with write access to the table could do.
 */
let t: TestStack;
let db: DynamoDBDocumentClient;
const drive = lifecycleDriver(() => t);
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

beforeAll(async () => {
  t = await startTestStack(20710);
  db = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(t.stack.urls.dynamodb)), { marshallOptions: { removeUndefinedValues: true } });
});

afterAll(async () => {
  await t?.stop();
});

const citizen = { name: 'Trịnh Văn Nam', address: 'trinh.van.nam@example.com' };
const officer: LocalTokenRequest = { role: 'officer', office: 'HCMKV2', name: 'Trần Thị Lan' };
const auditor: LocalTokenRequest = { role: 'auditor', scope: { kind: 'all' } };

async function call(method: 'GET' | 'POST', path: string, who: LocalTokenRequest, body?: unknown) {
  const token = await signLocalToken(t.dataDir, who);
  const response = await fetch(`${t.stack.urls.api}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

function motcua(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/motcua.js', ...args], { cwd: repoRoot, env: { ...process.env, MOTCUA_API_URL: t.stack.urls.api, MOTCUA_DATA_DIR: t.dataDir, MOTCUA_TOKEN: '' } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const rawCase = async (caseId: string) => (await db.send(new GetCommand({ TableName: t.names.table, Key: caseKey(caseId) }))).Item!;
const putRaw = (item: Record<string, unknown>) => db.send(new PutCommand({ TableName: t.names.table, Item: item }));

describe('tamper evidence that survives an administrator', () => {
  let caseId: string;

  beforeAll(async () => {
    // A review done late: the breach is recorded, then the officer accepts.
    const pending = await drive.openCase({ from: citizen, to: 'kv2@hcm.thads.example', subject: 'Đơn yêu cầu thi hành án', text: 'Tôi yêu cầu thi hành Bản án số 12/2026/DS-ST.' });
    caseId = pending.caseId;
    await drive.passTime(pending.deadlines.review!.dueAt);
    await drive.event(caseId, 'deadline-breached');
    // After the breach the step escalates, then waits again under a new token: act once it waits.
    await t.idle();
    await drive.waitingFor(caseId, 'review');
    expect((await call('POST', `/cases/${caseId}/review`, officer, { outcome: 'accept' })).status).toBe(200);
    await drive.waitingFor(caseId, 'visit');
    expect((await t.cases.getCase(caseId))?.breaches).toEqual(['review']);
  });

  it('an edit of the case record alone (the breach taken off) no longer matches the state its last event chained', async () => {
    const original = await rawCase(caseId);
    await putRaw({ ...original, breaches: [] });

    const edited = await call('GET', `/cases/${caseId}/verify`, auditor);
    await putRaw(original);
    const restored = await call('GET', `/cases/${caseId}/verify`, auditor);

    expect(edited.json).toMatchObject({ ok: false, caseState: 'differs', firstBreak: { kind: 'case-edited' } });
    expect(restored.json).toMatchObject({ ok: true, caseState: 'matches' });
  });

  it('a chain rewritten consistently after the daily digest (breach removed, completion back-dated) is named by verify --digest', async () => {
    const taken = await fetch(`${t.stack.urls.api}/_local/digest`, { method: 'POST' });
    expect(taken.status).toBe(200);
    const file = join(mkdtempSync(join(tmpdir(), 'motcua-digest-')), 'digest.json');
    const printed = await motcua(['digest', '--as', 'auditor:all', '--out', file]);
    expect(printed.code, printed.stderr).toBe(0);
    const digest = JSON.parse(readFileSync(file, 'utf8')) as { heads: Array<{ caseId: string }> };
    expect(digest.heads.map((h) => h.caseId)).toContain(caseId);
    expect((await motcua(['verify', '--as', 'auditor:all', '--digest', file])).code).toBe(0);

    // The administrator's rewrite: drop the breach, back-date the review, re-chain every event and
    // the case record so that each verifies on its own.
    const record = (await t.cases.getCase(caseId))!;
    const events = await t.cases.listEvents(caseId);
    const review = record.deadlines.review!;
    const rewritten = events
      .filter((e) => e.type !== 'deadline-breached')
      .map((e) => (e.type === 'step-completed' && e.data.step === 'review' ? { ...e, at: review.startedAt, data: { ...e.data, onTime: true, lateByWorkingMinutes: 0 } } : e));
    const forged: CaseRecord = { ...record, breaches: [] };
    const chained = chainEvents(caseId, 0, GENESIS_HASH, rewritten.map(({ type, at, actor, data }: TimelineEvent) => ({ type, at, actor, data })), caseStateHash(forged));
    for (const event of events) await db.send(new DeleteCommand({ TableName: t.names.table, Key: eventKey(caseId, event.seq) }));
    for (const event of chained) await putRaw({ ...eventKey(caseId, event.seq), entity: 'event', ...event });
    await putRaw({ ...(await rawCase(caseId)), breaches: [], lastSeq: chained.at(-1)!.seq, lastHash: chained.at(-1)!.hash });

    // On its own, the rewritten case verifies: nothing inside the table can tell.
    expect((await call('GET', `/cases/${caseId}/verify`, auditor)).json).toMatchObject({ ok: true, caseState: 'matches' });
    expect((await t.cases.getCase(caseId))?.breaches).toEqual([]);

    // Against the digest kept outside the table, it is named.
    const checked = await motcua(['verify', '--as', 'auditor:all', '--digest', file, '--json']);
    expect(checked.code).toBe(2);
    const findings = (JSON.parse(checked.stdout) as { findings: Array<{ caseId: string; problem: string }> }).findings;
    expect(findings).toEqual([expect.objectContaining({ caseId, problem: expect.stringMatching(/rewritten|truncated/) })]);
    const text = await motcua(['verify', '--as', 'auditor:all', '--digest', file]);
    expect(text.stdout).toContain(`${caseId}: REWRITTEN since the digest`);
  });

  it('a digest file edited by hand is refused: its heads no longer give its root', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'motcua-digest-')), 'digest.json');
    expect((await motcua(['digest', '--as', 'auditor:all', '--out', file])).code).toBe(0);
    const digest = JSON.parse(readFileSync(file, 'utf8')) as { heads: Array<{ lastHash: string }> };
    digest.heads[0]!.lastHash = 'f'.repeat(64);
    writeFileSync(file, JSON.stringify(digest));

    const checked = await motcua(['verify', '--as', 'auditor:all', '--digest', file]);

    expect(checked.code).toBe(1);
    expect(checked.stderr).toContain('the file was altered');
  });
});
