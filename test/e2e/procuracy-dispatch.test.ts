import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { startTestStack, type TestStack } from './support/test-stack';
import { lifecycleDriver } from './support/lifecycle';
import { localClientConfig } from '../../local/services/aws-local';
import { samplePdf } from '../../local/sample-pdf';
import { verifyChain } from '../../shared/timeline/hash-chain';
import { officeDirectory } from '../../shared/offices/default-directory';
import { procedureCatalog } from '../../shared/procedures/default-catalog';
import { procedureSettings } from '../../shared/workflow/procedure-settings';
import { systemClock } from '../../shared/clock';
import { ProcuracyDispatchStore } from '../../shared/procuracy/dispatch-store';
import { dispatchToProcuracies, nextDispatchAt, ProcuracyDispatchFailed } from '../../shared/procuracy/dispatch';
import type { OutboxEmail } from '../../local/services/ses-outbox';

/**
 * The decisions of the day go to the procuracy in one dispatch per office (shared/procuracy/dispatch.ts),
 * run on the local stack as the 16:30 schedule runs it on AWS, on cases the real workflow decided.
 */
let t: TestStack;
const drive = lifecycleDriver(() => t);
const PROCURACY = 'vks.kv1@hcm.vks.example';
let store: ProcuracyDispatchStore;

beforeAll(async () => {
  t = await startTestStack(22400);
  const db = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(t.stack.urls.dynamodb)), { marshallOptions: { removeUndefinedValues: true } });
  store = new ProcuracyDispatchStore(db, t.names.table);
}, 120_000);

afterAll(async () => {
  await t?.stop();
});

const request = (i: number) => ({
  from: { name: 'Phạm Thị Mai', address: `pham.thi.mai.${i}@example.com` },
  to: 'kv1@hcm.thads.example',
  subject: `Đơn yêu cầu thi hành án - Bản án số ${i}/2026/DS-ST`,
  text: `Kính gửi Phòng Thi hành án dân sự khu vực 1,\nTôi yêu cầu thi hành Bản án số ${i}/2026/DS-ST ngày 10/01/2026 của Tòa án nhân dân khu vực 1, buộc ông Đỗ Văn Hùng trả cho tôi 150.000.000 đồng.\nNgười yêu cầu ký tên: Phạm Thị Mai`,
  attachments: [{ filename: `Bản án ${i}-2026-DS-ST.pdf`, content: samplePdf(`Ban an ${i}/2026/DS-ST`), contentType: 'application/pdf' }],
});

/** A request taken through review and the in-person receipt by the real workflow, to the wait for its decision. */
async function caseAwaitingDecision(i: number): Promise<string> {
  const { caseId } = await drive.openCase(request(i));
  await drive.act(caseId, 'review', { outcome: 'accept' });
  await drive.act(caseId, 'visit', { action: 'visit', collection: 'at-desk' });
  await drive.waitingFor(caseId, 'decision');
  return caseId;
}

/** The head signs the decision; the workflow releases it to the requester and goes on to the hand-over. */
async function decide(caseId: string, number: string): Promise<void> {
  await drive.act(caseId, 'decision', { number, date: '2026-12-01', signer: { name: 'Nguyễn Văn Bình', title: 'Trưởng phòng' }, document: await drive.decisionDocument(caseId) });
  await drive.noticeSent(caseId, 'decision-released');
  await drive.waitingFor(caseId, 'handover');
}

const toProcuracy = async (): Promise<OutboxEmail[]> => (await t.outbox()).filter((m) => m.destination.to.join(',').includes(PROCURACY));
const copiesSent = async (caseId: string) => (await t.cases.listEvents(caseId)).filter((e) => e.type === 'notice-sent' && e.data.notice === 'procuracy-copy');

let waiting: string[] = [];

describe('the daily dispatch of decisions to the procuracy', () => {
  beforeAll(async () => {
    waiting = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => caseAwaitingDecision(i)));
  }, 600_000);

  it('carries the decisions released since the last one in one e-mail, each on its timeline; the workflow itself sends no copy', async () => {
    const cases = waiting.slice(0, 3);
    for (const [i, caseId] of cases.entries()) await decide(caseId, `${101 + i}/QĐ-THADS`);
    await t.idle();
    // the workflow went from the release to the hand-over: the copy is due, not sent
    expect(await toProcuracy()).toEqual([]);
    for (const caseId of cases) expect((await t.cases.getCase(caseId))!.deadlines['procuracy-copy']).toBeDefined();
    // the requester can come for the decision before it goes: the hand-over does not wait for the copy
    await drive.act(cases[0]!, 'handover', { method: 'at-desk', recipientName: 'Phạm Thị Mai', signedSlip: true });
    await drive.closed(cases[0]!);

    const run = await drive.dispatchToProcuracy();
    expect(run.status).toBe(200);

    const mails = await toProcuracy();
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail!.subject).toMatch(/^V\/v gửi 03 quyết định về thi hành án - Phòng Thi hành án dân sự khu vực 1/);
    expect(mail!.attachments.map((a) => a.filename).sort()).toEqual(cases.map((id, i) => `${id} - Quyết định thi hành án số ${101 + i}-QĐ-THADS.pdf`).sort());
    const decisionPdf = await (await t.s3.send(new GetObjectCommand({ Bucket: t.names.documentsBucket, Key: `cases/${cases[0]}/documents/quyet-dinh.pdf` }))).Body!.transformToByteArray();
    expect(Buffer.from(mail!.attachments.find((a) => String(a.filename).startsWith(cases[0]!))!.content, 'base64').equals(Buffer.from(decisionPdf))).toBe(true);
    for (const caseId of cases) expect(mail!.body.text).toContain(`mã hồ sơ ${caseId}`);

    for (const caseId of cases) {
      const record = (await t.cases.getCase(caseId))!;
      const events = await t.cases.listEvents(caseId);
      expect(verifyChain(events, record)).toEqual({ ok: true });
      const sent = events.filter((e) => e.type === 'notice-sent' && e.data.notice === 'procuracy-copy');
      expect(sent).toHaveLength(1);
      expect(sent[0]!.data).toMatchObject({ audience: 'procuracy', to: PROCURACY, subject: mail!.subject, dispatch: { decisions: 3, part: 1, parts: 1 } });
      expect(sent[0]!.data.textSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(events.find((e) => e.type === 'procuracy-copy-sent')!.data).toMatchObject({ onTime: true });
      expect(record.procuracyCopy?.onTime).toBe(true);
    }
    // one letter: the same Message-ID and text on every timeline
    const sentOf = await Promise.all(cases.map(copiesSent));
    expect(new Set(sentOf.map((s) => s[0]!.data.messageId)).size).toBe(1);
    expect(new Set(sentOf.map((s) => s[0]!.data.textSha256)).size).toBe(1);
    expect((await store.listOffice('HCMKV1'))).toEqual({ due: [], dispatches: [] });

    // a later run has nothing to send
    expect((await drive.dispatchToProcuracy({ moveClock: false })).status).toBe(200);
    expect(await toProcuracy()).toHaveLength(1);
  }, 300_000);

  it('sends once when two runs start at the same instant', async () => {
    const cases = waiting.slice(3, 5);
    for (const [i, caseId] of cases.entries()) await decide(caseId, `${201 + i}/QĐ-THADS`);
    await t.idle();
    const before = (await toProcuracy()).length;

    const runs = await Promise.all([drive.dispatchToProcuracy({ moveClock: false }), drive.dispatchToProcuracy({ moveClock: false })]);

    expect(runs.map((r) => r.status)).toEqual([200, 200]);
    const mails = (await toProcuracy()).slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.attachments).toHaveLength(2);
    for (const caseId of cases) {
      expect(await copiesSent(caseId)).toHaveLength(1);
      expect((await t.cases.listEvents(caseId)).filter((e) => e.type === 'procuracy-copy-sent')).toHaveLength(1);
    }
    const sent = runs.flatMap((r) => r.body.results as Array<{ office: string; sent: number }>).filter((r) => r.office === 'HCMKV1');
    expect(sent.reduce((n, r) => n + r.sent, 0)).toBe(1);
  }, 300_000);

  it('leaves a copy the mail service refused to the next run, which sends it once; a copy past its deadline is a breach, and sent late', async () => {
    const caseId = waiting[5]!;
    await decide(caseId, '301/QĐ-THADS');
    await t.idle();
    const before = (await toProcuracy()).length;
    // The same dispatch as the function runs it, on the stack's table and bucket, but SES refuses the message.
    let attempts = 0;
    const refusing = {
      cases: t.cases,
      store,
      directory: officeDirectory,
      clock: systemClock,
      procedureOf: (code: string) => procedureSettings(procedureCatalog, code),
      readDocument: async (ref: { bucket: string; key: string }) => Buffer.from(await (await t.s3.send(new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key }))).Body!.transformToByteArray()),
      sendRaw: async () => {
        attempts += 1;
        throw Object.assign(new Error('Throttling: Maximum sending rate exceeded.'), { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
      },
    };

    await expect(dispatchToProcuracies(refusing, ['HCMKV1'])).rejects.toThrow(ProcuracyDispatchFailed);

    expect(attempts).toBe(1);
    expect((await toProcuracy()).length).toBe(before);
    expect(await copiesSent(caseId)).toEqual([]);
    const left = await store.listOffice('HCMKV1');
    expect(left.due.map((d) => d.caseId)).toEqual([caseId]);
    expect(left.dispatches.map((d) => d.caseIds)).toEqual([[caseId]]);

    // Still refused on the first working day past the copy's deadline: the copy is late, recorded as a breach once.
    const dueAt = (await t.cases.getCase(caseId))!.deadlines['procuracy-copy']!.dueAt;
    await t.idle();
    await drive.passTime(nextDispatchAt(officeDirectory, 'HCMKV1', new Date(Date.parse(dueAt) + 60_000)), 0);
    await expect(dispatchToProcuracies(refusing, ['HCMKV1'])).rejects.toThrow(ProcuracyDispatchFailed);
    await expect(dispatchToProcuracies(refusing, ['HCMKV1'])).rejects.toThrow(ProcuracyDispatchFailed);
    expect(attempts).toBe(3);
    const late = (await t.cases.getCase(caseId))!;
    expect(late.breaches).toContain('procuracy-copy');
    expect((await t.cases.listEvents(caseId)).filter((e) => e.type === 'deadline-breached' && e.data.step === 'procuracy-copy')).toHaveLength(1);

    const next = await drive.dispatchToProcuracy({ moveClock: false });

    expect(next.status).toBe(200);
    const mails = (await toProcuracy()).slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.attachments.map((a) => a.filename)).toEqual([`${caseId} - Quyết định thi hành án số 301-QĐ-THADS.pdf`]);
    expect(await copiesSent(caseId)).toHaveLength(1);
    // sent, and late: the case view and the exports say so
    expect((await t.cases.listEvents(caseId)).find((e) => e.type === 'procuracy-copy-sent')!.data).toMatchObject({ onTime: false });
    expect((await t.cases.getCase(caseId))!.procuracyCopy).toMatchObject({ onTime: false });
    expect(await store.listOffice('HCMKV1')).toEqual({ due: [], dispatches: [] });
  }, 300_000);
});
