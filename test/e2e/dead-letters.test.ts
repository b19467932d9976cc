import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import MailComposer from 'nodemailer/lib/mail-composer';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { eventually, startTestStack, testPorts, type TestStack } from './support/test-stack';
import { LocalDeadLetterQueue } from '../../local/local-dead-letters';
import { findUnaccountedMail, storeReconcilePorts } from '../../shared/operations/reconcile';

/**
 * Mail whose intake fails for good ends in the dead letters, says why, and is taken in once when
 * redriven after the cause is gone; `reconcile` names every stored raw mail nobody took in.
 */
const PORT_BASE = 20530;
const OFFICE_ADDRESS = 'kv1@hcm.thads.example';
const citizen = { name: 'Lê Thị Hoa', address: 'le.thi.hoa@example.com' };
const repoRoot = resolve(__dirname, '../..');

let t: TestStack;
let dlq: LocalDeadLetterQueue;
const startedAt = new Date(Date.now() - 60_000);

beforeAll(async () => {
  t = await startTestStack(PORT_BASE);
  dlq = new LocalDeadLetterQueue(t.stack.urls.api);
});

afterAll(async () => {
  await t?.stop();
});

function motcua(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const ports = testPorts(PORT_BASE);
  const env: NodeJS.ProcessEnv = { ...process.env, MOTCUA_API_URL: t.stack.urls.api, MOTCUA_DATA_DIR: t.dataDir, MOTCUA_S3_PORT: String(ports.s3), MOTCUA_DYNAMODB_PORT: new URL(t.stack.urls.dynamodb).port, MOTCUA_DYNAMODB_TABLE: t.names.table, MOTCUA_TOKEN: '' };
  for (const name of ['MOTCUA_DLQ_URL', 'MOTCUA_INTAKE_QUEUE_URL', 'MOTCUA_INBOUND_BUCKET', 'MOTCUA_TABLE']) delete env[name];
  return new Promise((done) => {
    execFile(process.execPath, ['bin/motcua.js', ...args], { cwd: repoRoot, env }, (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}

const unaccounted = () => findUnaccountedMail(startedAt, storeReconcilePorts(t.s3, t.names.inboundBucket, 'inbound/', t.cases));

async function request(tag: string): Promise<{ messageId: string; raw: Buffer }> {
  const messageId = `<${tag}-${Date.now()}@example.com>`;
  const raw = await new MailComposer({ from: citizen, to: OFFICE_ADDRESS, subject: 'Yêu cầu thi hành án dân sự', text: 'Kính đề nghị cơ quan thi hành bản án số 7/2026/DS-ST.', messageId }).compile().build();
  return { messageId, raw };
}

describe('dead letters', () => {
  it('a mail whose intake fails every time lands in the DLQ with its reason; redrive after the cause is gone opens exactly one case', async () => {
    // The intake function fails as often as the queue delivers a message before burying it (5).
    t.stack.faults.inject({ function: 'intake', times: 5, error: { name: 'MailStoreUnavailable', message: 'the document store refused the attachment' } });
    const { messageId, raw } = await request('dead');
    await t.sendMail({ envelope: { from: citizen.address, to: [OFFICE_ADDRESS] }, raw });

    const [letter] = await eventually('the mail in the dead letters', async () => {
      const letters = await dlq.list();
      return letters.length ? letters : undefined;
    });
    expect(letter!.reason).toContain('MailStoreUnavailable: the document store refused the attachment');
    expect(letter!.receiveCount).toBe(5);
    expect(letter!.rawObjects).toHaveLength(1);
    const rawKey = letter!.rawObjects[0]!.slice(`${t.names.inboundBucket}/`.length);
    await t.idle();
    expect(await t.cases.getMessage(messageId)).toBeUndefined();

    const listed = await motcua(['dlq', 'list']);
    expect(listed).toMatchObject({ code: 0 });
    expect(listed.stdout).toContain(letter!.id);
    expect(listed.stdout).toContain('MailStoreUnavailable');

    // Reconcile names it too: stored, never taken in.
    const report = await motcua(['reconcile', '--since', startedAt.toISOString()]);
    expect(report.code).toBe(2);
    expect(report.stdout).toContain(rawKey);
    expect(report.stdout).toContain('no-record');

    // The cause is gone (the fault is used up): redrive takes it in once.
    const redriven = await motcua(['dlq', 'redrive']);
    expect(redriven).toMatchObject({ code: 0 });
    expect(redriven.stdout).toContain('1 dead letter(s) put back');
    const caseId = await eventually('the case of the redriven mail', async () => {
      const record = await t.cases.getMessage(messageId);
      return record?.status === 'done' ? record.caseId : undefined;
    });
    expect(caseId).toBeTruthy();
    await t.idle();
    const acknowledgements = (await t.outbox()).filter((m) => m.subject.startsWith('Xác nhận đã nhận') && m.destination.to.join(',').includes(citizen.address));
    expect(acknowledgements).toHaveLength(1);
    expect(acknowledgements[0]!.subject).toContain(`[${caseId}]`);
    expect(await dlq.list()).toEqual([]);
    expect(await motcua(['dlq', 'redrive'])).toMatchObject({ code: 0, stdout: expect.stringContaining('0 dead letter(s)') });
    expect((await unaccounted()).map((m) => m.key)).not.toContain(rawKey);
  });

  it('reconcile names a raw mail that was stored but never processed, and no mail that was', async () => {
    const { messageId, raw } = await request('lost');
    // Stored as SES stores mail, but its notification never reached the queue.
    const key = `inbound/lost-${Date.now()}`;
    await t.s3.send(new PutObjectCommand({ Bucket: t.names.inboundBucket, Key: key, Body: raw }));
    const taken = await request('taken');
    await t.sendMail({ envelope: { from: citizen.address, to: [OFFICE_ADDRESS] }, raw: taken.raw });
    await eventually('the taken-in mail recorded', async () => ((await t.cases.getMessage(taken.messageId))?.status === 'done' ? true : undefined));
    await t.idle();

    const found = await unaccounted();
    expect(found).toEqual([expect.objectContaining({ key, messageId, state: 'no-record' })]);
    const report = await motcua(['reconcile', '--since', startedAt.toISOString(), '--json']);
    expect(report.code).toBe(2);
    expect(JSON.parse(report.stdout)).toEqual([expect.objectContaining({ key, state: 'no-record' })]);
  });

  it('reconcile refuses a --since it cannot read', async () => {
    const report = await motcua(['reconcile', '--since', 'yesterday']);
    expect(report.code).toBe(1);
    expect(report.stderr).toContain('--since "yesterday"');
  });
});
