import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './support/test-stack';
import { lifecycleDriver } from './support/lifecycle';
import { postalRegistration } from './support/registration';
import { signLocalToken } from '../../local/auth/local-keys';
import { samplePdf } from '../../local/sample-pdf';
import { toVietnamIso } from '../../shared/time/vietnam-time';

let t: TestStack;
const drive = lifecycleDriver(() => t);

beforeAll(async () => {
  t = await startTestStack(22000);
});

afterAll(async () => {
  await t?.stop();
});

async function call(method: 'GET' | 'POST', path: string, body?: unknown) {
  const token = await signLocalToken(t.dataDir, { role: 'officer', office: 'HCMKV1', name: 'Trần Thị Lan' });
  const response = await fetch(`${t.stack.urls.api}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

/** A letter that reached the office `days` days ago, registered only now: its review was due before the case began to wait. */
async function registerLetterReceivedDaysAgo(days: number): Promise<string> {
  const scan = samplePdf('Don den muon');
  const link = await call('POST', '/uploads', { office: 'HCMKV1', filename: 'Đơn.pdf', contentType: 'application/pdf', size: scan.length });
  await fetch(link.json.url, { method: 'PUT', headers: link.json.headers, body: scan });
  const receivedAt = `${toVietnamIso(new Date((await drive.stackNow()).getTime() - days * 24 * 3600 * 1000)).slice(0, 10)}T09:00:00+07:00`;
  const registered = await call('POST', '/registrations', postalRegistration(receivedAt, link.json.uploadId));
  expect(registered.status).toBe(201);
  return registered.json.caseId as string;
}

describe('a wait whose deadline had passed before it began (a letter registered late)', () => {
  it('takes the officer’s action, as soon as the case waits: the breach is on the timeline and the review is recorded late', async () => {
    const caseId = await registerLetterReceivedDaysAgo(20);
    const waiting = await drive.waitingFor(caseId, 'review');
    expect(new Date(waiting.deadlines.review!.dueAt).getTime()).toBeLessThan((await drive.stackNow()).getTime());

    const review = await call('POST', `/cases/${caseId}/review`, { outcome: 'accept' });
    expect({ status: review.status, message: review.json.message }).toEqual({ status: 200, message: undefined });
    const completed = await drive.event(caseId, 'step-completed');
    expect(completed.data).toMatchObject({ step: 'review', onTime: false });
    await drive.waitingFor(caseId, 'visit');
    await t.idle();
    const types = await drive.eventTypes(caseId);
    expect(types.filter((type) => type === 'deadline-breached')).toHaveLength(1);
    expect(types.indexOf('deadline-breached')).toBeLessThan(types.indexOf('step-completed'));
  });

  it('takes it once the stack is at rest too', async () => {
    const caseId = await registerLetterReceivedDaysAgo(20);
    await drive.waitingFor(caseId, 'review');
    await t.idle();
    const review = await call('POST', `/cases/${caseId}/review`, { outcome: 'accept' });
    expect({ status: review.status, message: review.json.message }).toEqual({ status: 200, message: undefined });
    await drive.waitingFor(caseId, 'visit');
  });
});
