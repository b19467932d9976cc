import { createHash } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './support/test-stack';
import { lifecycleDriver } from './support/lifecycle';
import { signLocalToken, type LocalTokenRequest } from '../../local/auth/local-keys';
import { samplePdf } from '../../local/sample-pdf';


/**
 * Issue 14, finding 3: a released decision could be replaced (uploaded to a fixed key before the
 * state was checked), any officer could issue one, and `verify` never looked at the documents.
 */
let t: TestStack;
const drive = lifecycleDriver(() => t);

beforeAll(async () => {
  t = await startTestStack(20700);
});

afterAll(async () => {
  await t?.stop();
});

const citizen = { name: 'Phan Thị Hoa', address: 'phan.thi.hoa@example.com' };
const officer: LocalTokenRequest = { role: 'officer', office: 'HCMKV1', name: 'Trần Thị Lan', email: 'kv1.canbo@hcm.thads.example' };
const deputy: LocalTokenRequest = { role: 'officer', office: 'HCMKV1', name: 'Võ Minh Phó', email: 'pho.kv1@hcm.thads.example' };
const head: LocalTokenRequest = { role: 'head', office: 'HCMKV1', name: 'Nguyễn Văn Bình', email: 'truong.kv1@hcm.thads.example' };
const auditor: LocalTokenRequest = { role: 'auditor', scope: { kind: 'province', province: 'HCM' } };

async function call(method: 'GET' | 'POST', path: string, who: LocalTokenRequest, body?: unknown) {
  const token = await signLocalToken(t.dataDir, who);
  const response = await fetch(`${t.stack.urls.api}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

const sha256Hex = (content: Buffer) => createHash('sha256').update(content).digest('hex');

const decisionBody = (pdf: Buffer, number = '77/QĐ-THADS') => ({ number, date: '2026-12-02', signer: 'Nguyễn Văn Bình', pdfBase64: pdf.toString('base64') });

/** Every object the documents bucket holds for a case, with its bytes' hash. */
async function storedDocuments(caseId: string): Promise<Map<string, string>> {
  const listed = await t.s3.send(new ListObjectsV2Command({ Bucket: t.names.documentsBucket, Prefix: `cases/${caseId}/` }));
  const found = new Map<string, string>();
  for (const object of listed.Contents ?? []) {
    const body = await t.s3.send(new GetObjectCommand({ Bucket: t.names.documentsBucket, Key: object.Key! }));
    found.set(object.Key!, sha256Hex(Buffer.from(await body.Body!.transformToByteArray())));
  }
  return found;
}

describe('a decision belongs to the head, is stored once, and is verified by its hash', () => {
  let caseId: string;

  beforeAll(async () => {
    ({ caseId } = await drive.openCase({ from: citizen, to: 'kv1@hcm.thads.example', subject: 'Đơn yêu cầu thi hành án', text: 'Tôi yêu cầu thi hành Bản án số 41/2026/DS-ST.' }));
    expect((await call('POST', `/cases/${caseId}/review`, officer, { outcome: 'accept' })).status).toBe(200);
    await drive.waitingFor(caseId, 'visit');
    expect((await call('POST', `/cases/${caseId}/visit`, officer, { collection: 'at-desk' })).status).toBe(200);
    await drive.waitingFor(caseId, 'decision');
  });

  it('an officer who is neither the head nor a named deputy is refused, and nothing is stored', async () => {
    const before = await storedDocuments(caseId);

    const refused = await call('POST', `/cases/${caseId}/decision`, officer, decisionBody(samplePdf('Quyet dinh cua can bo')));

    expect(refused.status).toBe(403);
    expect(refused.json.message).toContain('head');
    expect(await storedDocuments(caseId)).toEqual(before);
    expect((await t.cases.getCase(caseId))?.pendingStep?.step).toBe('decision');
  });

  it('the deputy named in the staff directory issues it: stored under a key of its own, its SHA-256 on the chained event', async () => {
    const pdf = samplePdf('Quyet dinh thi hanh an so 77/QD-THADS');

    expect((await call('POST', `/cases/${caseId}/decision`, deputy, decisionBody(pdf))).status).toBe(200);

    const recorded = await drive.event(caseId, 'decision-recorded');
    const document = recorded.data.document as { key: string; sha256: string; size: number };
    expect(document).toMatchObject({ sha256: sha256Hex(pdf), size: pdf.length });
    expect((await storedDocuments(caseId)).get(document.key)).toBe(sha256Hex(pdf));
    expect(recorded.actor).toMatchObject({ kind: 'officer', name: 'Võ Minh Phó' });
  });

  it('a second decision after release answers 409 and leaves every stored file as it was', async () => {
    await drive.waitingFor(caseId, 'handover');
    const before = await storedDocuments(caseId);

    const again = await call('POST', `/cases/${caseId}/decision`, head, decisionBody(samplePdf('Quyet dinh thay the'), '78/QĐ-THADS'));

    expect(again.status).toBe(409);
    expect(await storedDocuments(caseId)).toEqual(before);
    const verified = await call('GET', `/cases/${caseId}/verify`, auditor);
    // the decision, the receipt slip and the request's attachment, each re-hashed
    expect(verified.json).toMatchObject({ ok: true, caseState: 'matches', documents: { broken: [] } });
    expect(verified.json.documents.checked).toBeGreaterThanOrEqual(2);
  });

  it('verify re-hashes the documents and names the one replaced behind the timeline', async () => {
    const recorded = await drive.event(caseId, 'decision-recorded');
    const document = recorded.data.document as { key: string; bucket: string };
    // what an administrator with bucket access could do: put other bytes under the same key
    await t.s3.send(new PutObjectCommand({ Bucket: document.bucket, Key: document.key, Body: samplePdf('Quyet dinh gia mao'), ContentType: 'application/pdf' }));

    const verified = await call('GET', `/cases/${caseId}/verify`, auditor);

    expect(verified.json.ok).toBe(false);
    expect(verified.json.documents.broken).toEqual([expect.objectContaining({ key: document.key, seq: recorded.seq, problem: 'altered' })]);
    expect(verified.json.documents.broken[0].message).toContain(document.key);
  });
});
