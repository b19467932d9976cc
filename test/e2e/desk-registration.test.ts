import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './support/test-stack';
import { lifecycleDriver } from './support/lifecycle';
import { postalRegistration } from './support/registration';
import { signLocalToken } from '../../local/auth/local-keys';
import { samplePdf } from '../../local/sample-pdf';
import { deadlineFor } from '../../shared/calendar';
import { officeDirectory } from '../../shared/offices/default-directory';
import { procedureCatalog } from '../../shared/procedures/default-catalog';
import { procedureSettings } from '../../shared/workflow/procedure-settings';
import { sha256Hex } from '../../shared/timeline/hash-chain';
import { toVietnamIso } from '../../shared/time/vietnam-time';

let t: TestStack;
const drive = lifecycleDriver(() => t);

beforeAll(async () => {
  t = await startTestStack(22200);
});

afterAll(async () => {
  await t?.stop();
});

type Who = { role: 'officer' | 'head'; office: string } | { role: 'auditor' };

async function tokenOf(who: Who) {
  return who.role === 'auditor'
    ? signLocalToken(t.dataDir, { role: 'auditor', scope: { kind: 'all' } })
    : signLocalToken(t.dataDir, { role: who.role, office: who.office, name: who.role === 'head' ? 'Nguyễn Văn Bình' : 'Trần Thị Lan' });
}

async function call(method: 'GET' | 'POST', path: string, who: Who, body?: unknown) {
  const response = await fetch(`${t.stack.urls.api}${path}`, {
    method,
    headers: { authorization: `Bearer ${await tokenOf(who)}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

const officer = { role: 'officer', office: 'HCMKV1' } as const;
const head = { role: 'head', office: 'HCMKV1' } as const;

/** What the console does: ask for a link, then PUT the file to S3 (s3rver here) with the headers given. */
async function upload(content: Buffer, filename: string, contentType = 'application/pdf', who: Who = officer) {
  const link = await call('POST', '/uploads', who, { office: 'HCMKV1', filename, contentType, size: content.length });
  expect(link.status).toBe(200);
  const put = await fetch(link.json.url, { method: 'PUT', headers: link.json.headers, body: content });
  expect(put.status).toBe(200);
  return link.json.uploadId as string;
}

/** A receipt three hours before the registration (whatever the time of day, its review is not yet due). */
async function receiptHoursAgo() {
  return toVietnamIso(new Date((await drive.stackNow()).getTime() - 3 * 3600 * 1000)).replace(/\.\d+/, '');
}

/** A receipt two days before now at 16:30 Vietnam time: after the 15:00 cut-off, and well before the registration. */
async function receiptTwoDaysAgo() {
  const now = await drive.stackNow();
  const day = toVietnamIso(new Date(now.getTime() - 2 * 24 * 3600 * 1000)).slice(0, 10);
  return `${day}T16:30:00+07:00`;
}

describe('a request received by post, registered by an officer with its scan', () => {
  it('opens a case whose clocks start at the receipt, runs the e-mailed lifecycle, and writes to the requester by post', async () => {
    const scan = samplePdf('Don yeu cau thi hanh an - ban quet');
    const uploadId = await upload(scan, 'Đơn yêu cầu thi hành án.pdf');
    const receivedAt = await receiptHoursAgo();

    const registered = await call('POST', '/registrations', officer, postalRegistration(receivedAt, uploadId));
    expect(registered).toMatchObject({ status: 201, json: { status: 'opened', receivedAt } });
    const caseId = registered.json.caseId as string;
    const waiting = await drive.waitingFor(caseId, 'review');
    await t.idle();

    // the review's clock runs from the receipt, by the calendar and the cut-off every e-mail gets, not from the registration
    const procedure = procedureSettings(procedureCatalog, 'enforcement-request');
    const expected = deadlineFor({ receivedAt: new Date(receivedAt), workingDays: procedure.limits.review.workingDays, counting: procedure.limits.review.counting, office: 'HCMKV1', directory: officeDirectory, ...(procedure.afterCutoff ? { afterCutoff: procedure.afterCutoff } : {}) });
    expect(waiting.deadlines.review?.dueAt).toBe(expected.dueAt);
    expect(waiting).toMatchObject({ procedure: 'enforcement-request', channel: { kind: 'post', postmarkDate: receivedAt.slice(0, 10), registeredBy: 'Trần Thị Lan' }, requester: { name: 'Lê Thị Hoa' } });
    expect(waiting.requester.address).toBeUndefined();

    // the scan is kept, hashed, on the timeline; the registration as sent is kept too
    const events = await t.cases.listEvents(caseId);
    const request = events.find((e) => e.type === 'request-registered')!;
    expect(request.at).toBe(receivedAt);
    expect(request.data.attachments).toEqual([expect.objectContaining({ name: 'Đơn yêu cầu thi hành án.pdf', contentType: 'application/pdf', size: scan.length, sha256: sha256Hex(scan) })]);
    expect(request.data.rawObject).toMatchObject({ bucket: t.names.documentsBucket });

    // no e-mail address: the acknowledgement is a letter to print, listed among the case's files; the desk is told as usual
    const acknowledgement = await drive.event(caseId, 'letter-for-post');
    expect(acknowledgement.data).toMatchObject({ notice: 'acknowledgement', audience: 'requester', to: expect.stringContaining('Số 8 đường Lê Lợi') });
    const letter = (acknowledgement.data.documents as Array<{ name: string; contentType: string }>)[0]!;
    expect(letter.contentType).toBe('application/pdf');
    const files = await call('GET', `/cases/${caseId}/documents`, officer);
    expect(files.json.documents.map((d: { name: string }) => d.name)).toEqual(expect.arrayContaining(['Đơn yêu cầu thi hành án.pdf', letter.name]));
    const mails = await drive.mailsOf(caseId);
    expect(mails.filter((m) => m.destination.to.some((to) => !to.endsWith('@hcm.thads.example')))).toEqual([]);
    await drive.mail(caseId, 'kv1.canbo@hcm.thads.example', '');

    // then the same steps as an e-mailed request: review, appointment, visit, decision, hand-over
    const review = await call('POST', `/cases/${caseId}/review`, officer, { outcome: 'accept' });
    expect({ status: review.status, message: review.json.message }).toEqual({ status: 200, message: undefined });
    await drive.waitingFor(caseId, 'visit');
    await drive.event(caseId, 'letter-for-post', 2);
    expect(await call('POST', `/cases/${caseId}/visit`, officer, { collection: 'at-desk' })).toMatchObject({ status: 200 });
    await drive.waitingFor(caseId, 'decision');
    expect(await call('POST', `/cases/${caseId}/decision`, head, { number: '77/QĐ-THADS', date: toVietnamIso(await drive.stackNow()).slice(0, 10), signer: 'Nguyễn Văn Bình', pdfBase64: samplePdf('Quyet dinh 77').toString('base64') })).toMatchObject({ status: 200 });
    await drive.waitingFor(caseId, 'handover');
    expect(await call('POST', `/cases/${caseId}/handover`, officer, { method: 'at-desk', receivedBy: 'Lê Thị Hoa' })).toMatchObject({ status: 200 });
    await drive.closed(caseId);
    await t.idle();

    const printed = (await t.cases.listEvents(caseId)).filter((e) => e.type === 'letter-for-post').map((e) => e.data.notice);
    expect(printed).toEqual(['acknowledgement', 'appointment', 'receipt-slip', 'decision-released']);
    expect(new Set(printed).size).toBe(printed.length);
    expect((await drive.mailsOf(caseId)).filter((m) => m.destination.to.some((to) => !to.endsWith('@hcm.thads.example') && !to.endsWith('.vks.example')))).toEqual([]);
    // every scan and letter re-hashes to what the chain recorded
    const verified = await call('GET', `/cases/${caseId}/verify`, { role: 'auditor' });
    expect(verified.json).toMatchObject({ ok: true });
    expect(verified.json.documents.checked).toBeGreaterThanOrEqual(6);
  });

  it('a requester who gives an e-mail address at the desk gets the usual e-mails', async () => {
    const uploadId = await upload(samplePdf('Don nop tai quay'), 'Đơn.pdf');
    const now = toVietnamIso(await drive.stackNow());
    const body = { ...postalRegistration(now, uploadId), channel: 'desk', postmarkDate: undefined, requester: { name: 'Phạm Văn Tâm', postalAddress: 'Số 3 đường Hai Bà Trưng', email: 'pham.van.tam@example.com' } };
    const registered = await call('POST', '/registrations', officer, body);
    expect(registered.status).toBe(201);
    await drive.waitingFor(registered.json.caseId, 'review');
    await drive.mail(registered.json.caseId, 'pham.van.tam@example.com', '');
    await t.idle();
    expect((await drive.eventTypes(registered.json.caseId)).filter((type) => type === 'letter-for-post')).toEqual([]);
  });
});

describe('registering as an adversary would', () => {
  it('the same registration twice at the same instant opens one case; the same key with other content is refused', async () => {
    const uploadId = await upload(samplePdf('Don gui hai lan'), 'Đơn.pdf');
    const body = postalRegistration(await receiptTwoDaysAgo(), uploadId);
    const [a, b, c] = await Promise.all([call('POST', '/registrations', officer, body), call('POST', '/registrations', officer, body), call('POST', '/registrations', head, body)]);
    expect(new Set([a.json.caseId, b.json.caseId, c.json.caseId]).size).toBe(1);
    expect([a.status, b.status, c.status].sort()).toEqual([200, 200, 201]);
    const caseId = a.json.caseId as string;
    await drive.waitingFor(caseId, 'review');
    await t.idle();
    expect((await drive.eventTypes(caseId)).filter((type) => type === 'case-opened' || type === 'request-registered')).toEqual(['request-registered', 'case-opened']);
    expect((await drive.eventTypes(caseId)).filter((type) => type === 'letter-for-post')).toHaveLength(1);

    const reused = await call('POST', '/registrations', officer, { ...body, requester: { ...body.requester, name: 'Người khác' } });
    expect(reused.status).toBe(409);
    expect(reused.json.message).toContain(caseId);
  });

  it('a stranger from another office, or an auditor, can neither upload for the office nor register into it', async () => {
    const stranger = { role: 'officer', office: 'HCMKV2' } as const;
    const uploadId = await upload(samplePdf('Don cua KV1'), 'Đơn.pdf');
    expect((await call('POST', '/uploads', stranger, { office: 'HCMKV1', filename: 'x.pdf', contentType: 'application/pdf', size: 100 })).status).toBe(403);
    expect((await call('POST', '/registrations', stranger, postalRegistration(await receiptTwoDaysAgo(), uploadId))).status).toBe(403);
    expect((await call('POST', '/registrations', { role: 'auditor' }, postalRegistration(await receiptTwoDaysAgo(), uploadId))).status).toBe(403);
    // nor can they take the office's upload into their own office: uploads are kept per office
    const own = await call('POST', '/registrations', stranger, { ...postalRegistration(await receiptTwoDaysAgo(), uploadId), office: 'HCMKV2' });
    expect(own.status).toBe(400);
    expect(own.json.message).toContain('no file was uploaded');
  });

  it('refuses a receipt in the future, a file that is not a PDF or an image, and a type the link does not allow', async () => {
    const uploadId = await upload(samplePdf('Don'), 'Đơn.pdf');
    const future = toVietnamIso(new Date((await drive.stackNow()).getTime() + 3 * 24 * 3600 * 1000));
    const ahead = await call('POST', '/registrations', officer, postalRegistration(future, uploadId, { postmarkDate: future.slice(0, 10) }));
    expect(ahead.status).toBe(400);
    expect(ahead.json.message).toContain('is in the future');

    const disguised = await upload(Buffer.from('<html><script>alert(1)</script></html>'), 'Đơn.pdf');
    const notPdf = await call('POST', '/registrations', officer, postalRegistration(await receiptTwoDaysAgo(), disguised));
    expect(notPdf.status).toBe(400);
    expect(notPdf.json.message).toContain('neither a PDF nor a JPEG');

    const word = await call('POST', '/uploads', officer, { office: 'HCMKV1', filename: 'Đơn.docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: 1000 });
    expect(word.status).toBe(400);
    const huge = await call('POST', '/uploads', officer, { office: 'HCMKV1', filename: 'Đơn.pdf', contentType: 'application/pdf', size: 50 * 1024 * 1024 });
    expect(huge.status).toBe(400);
    expect(huge.json.message).toContain('at most 10 MB');
  });
});
