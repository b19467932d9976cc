import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './support/test-stack';
import { lifecycleDriver } from './support/lifecycle';
import { signLocalToken } from '../../local/auth/local-keys';
import { samplePdf } from '../../local/sample-pdf';

let t: TestStack;
const drive = lifecycleDriver(() => t);

beforeAll(async () => {
  t = await startTestStack(19700);
});

afterAll(async () => {
  await t?.stop();
});

const citizen = { name: 'Đặng Quốc Bảo', address: 'dang.quoc.bao@example.com' };

/** What an officer or head does at the desk: an HTTP call to the API, with their token. */
async function post(path: string, who: 'officer' | 'head', body: Record<string, unknown>) {
  const token = await signLocalToken(t.dataDir, { role: who, office: 'HCMKV2', name: who === 'head' ? 'Nguyễn Văn Bình' : 'Trần Thị Lan' });
  const response = await fetch(`${t.stack.urls.api}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

async function get(path: string) {
  const token = await signLocalToken(t.dataDir, { role: 'auditor', scope: { kind: 'province', province: 'HCM' } });
  return (await fetch(`${t.stack.urls.api}${path}`, { headers: { authorization: `Bearer ${token}` } })).json() as Promise<Record<string, any>>;
}

describe('the desk works a request through the HTTP API', () => {
  it('reviews, records the visit, uploads the decision and records the hand-over; an auditor then reads who did what, and when', async () => {
    const { caseId } = await drive.openCase({ from: citizen, to: 'kv2@hcm.thads.example', subject: 'Đơn yêu cầu thi hành án', text: 'Tôi yêu cầu thi hành Bản án số 30/2026/DS-ST.' });

    expect(await post(`/cases/${caseId}/review`, 'officer', { outcome: 'accept' })).toMatchObject({ status: 200 });
    await drive.waitingFor(caseId, 'visit');
    expect(await post(`/cases/${caseId}/visit`, 'officer', { collection: 'by-post', postalAddress: 'Số 12 đường Võ Văn Ngân, phường Thủ Đức' })).toMatchObject({ status: 200 });
    await drive.waitingFor(caseId, 'decision');
    // acting on a step the case does not wait for is refused, naming what it waits for
    expect(await post(`/cases/${caseId}/handover`, 'officer', { method: 'by-post' })).toMatchObject({ status: 409 });
    const decision = samplePdf('Quyet dinh thi hanh an so 55/QD-THADS');
    expect(await post(`/cases/${caseId}/decision`, 'head', { number: '55/QĐ-THADS', date: '2026-12-01', signer: 'Nguyễn Văn Bình', pdfBase64: decision.toString('base64') })).toMatchObject({ status: 200 });

    // the decision goes to the requester, the signed PDF attached (and to the procuracy in the office's daily dispatch, below)
    const released = await drive.mail(caseId, citizen.address, 'Đã ban hành Quyết định thi hành án số 55/QĐ-THADS');
    expect(Buffer.from(String(released.attachments.find((a) => a.contentType === 'application/pdf')?.content), 'base64').equals(decision)).toBe(true);

    await drive.waitingFor(caseId, 'handover');
    expect(await post(`/cases/${caseId}/handover`, 'officer', { method: 'by-post', receivedBy: citizen.name })).toMatchObject({ status: 200 });
    const closed = await drive.closed(caseId);
    expect(closed.resultDelivered).toMatchObject({ method: 'by-post', recipientName: citizen.name, by: 'Trần Thị Lan' });

    const view = await get(`/cases/${caseId}`);
    expect(view.status).toBe('closed');
    const byType = (type: string) => view.timeline.filter((e: { type: string }) => e.type === type);
    expect(byType('step-completed').map((e: { data: { step: string }; actor: { name?: string } }) => [e.data.step, e.actor.name])).toEqual([
      ['review', 'Trần Thị Lan'],
      ['decision', 'Nguyễn Văn Bình'],
      ['handover', 'Trần Thị Lan'],
    ]);
    expect(byType('visit-recorded')[0].data).toMatchObject({ collection: 'by-post', postalAddress: 'Số 12 đường Võ Văn Ngân, phường Thủ Đức' });
    expect(byType('decision-handed-over')).toHaveLength(1);
    expect((await get(`/cases/${caseId}/verify`)).ok).toBe(true);

    // the office's daily dispatch takes the decision to the procuracy, the signed PDF attached
    expect((await drive.dispatchToProcuracy({ office: 'HCMKV2' })).status).toBe(200);
    const dispatch = (await t.outbox()).find((m) => m.destination.to.join(',').includes('vks.kv2@hcm.vks.example') && m.body.text?.includes(caseId));
    expect(Buffer.from(String(dispatch?.attachments.find((a) => String(a.filename).startsWith(caseId))?.content), 'base64').equals(decision)).toBe(true);
    expect((await get(`/cases/${caseId}`)).steps.find((s: { step: string }) => s.step === 'procuracy-copy')).toMatchObject({ onTime: true });
    expect((await get(`/cases/${caseId}/verify`)).ok).toBe(true);
  });
});
