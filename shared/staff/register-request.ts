import { randomUUID } from 'node:crypto';
import { authorize, officeTarget } from '../auth/authorize';
import { AccessRefused } from '../auth/errors';
import type { Principal } from '../auth/principal';
import type { AttachmentRef, NewEvent, RegisteredChannel } from '../cases/model';
import { openRequestCase } from '../intake/open-case';
import { requestEventOf } from '../intake/request-event';
import { capitalised } from '../notices/common';
import { officeByCode } from '../offices/directory';
import { procedureByCode } from '../procedures/catalog';
import { procedureCatalog } from '../procedures/default-catalog';
import { sha256Hex } from '../timeline/hash-chain';
import { toVietnamIso } from '../time/vietnam-time';
import { actorOf } from './actions';
import { CaseConflict, InvalidRequest } from './errors';
import type { StaffPorts } from './ports';
import { MAX_SCAN_BYTES, registrationBody, type Registration, type RegistrationResult, type ScanType, UPLOAD_LINK_SECONDS, type UploadLink, uploadRequestBody } from './registration-contract';

/**
 * A request that came by post or was handed in at the desk, registered by an officer of the office (or its
 * head) with its scans: it opens its case through the same path as an e-mail (shared/intake/open-case.ts) and
 * then runs the same workflow, clocks and reports. The scans are uploaded first, straight to the documents
 * bucket, through short-lived presigned PUT links (POST /uploads), so no file passes through the API.
 */

/**
 * Not a legal limit: a receipt more than this many days before its registration is taken for a typing error
 * (a wrong year or month), and refused with the reason, rather than starting a clock long run out.
 */
export const MAX_RECEIPT_AGE_DAYS = 30;
/** Clocks of the officer's device and of the server differ by a little: a receipt this far ahead still counts as now. */
const CLOCK_SKEW_MS = 2 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const invalid = (path: string, message: string) => new InvalidRequest(`the registration is not valid: ${path}: ${message}`, [{ path, message }]);

/** Validates a registration's body, naming each problem by its path (400). */
export function parseRegistration(body: unknown): Registration {
  const parsed = registrationBody.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
  throw new InvalidRequest(`the registration is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
}

/**
 * The real receipt, checked against the instant of registration: not in the future, not implausibly old, and
 * for a letter not before its postmark (nor a postmark at the desk). Returns the instant the clock starts from.
 */
export function receiptOf(registration: Pick<Registration, 'receivedAt' | 'channel' | 'postmarkDate'>, now: Date): Date {
  const receivedAt = new Date(registration.receivedAt);
  if (Number.isNaN(receivedAt.getTime())) throw invalid('receivedAt', `${registration.receivedAt} is not a real date and time`);
  if (receivedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw invalid('receivedAt', `${toVietnamIso(receivedAt)} is in the future (now ${toVietnamIso(now)}): give when the office received the request`);
  if (now.getTime() - receivedAt.getTime() > MAX_RECEIPT_AGE_DAYS * DAY_MS) {
    throw invalid('receivedAt', `${toVietnamIso(receivedAt)} is more than ${MAX_RECEIPT_AGE_DAYS} days ago: check the year and the month`);
  }
  if (registration.channel === 'desk') {
    if (registration.postmarkDate) throw invalid('postmarkDate', 'a request handed in at the desk has no postmark');
    return receivedAt;
  }
  if (!registration.postmarkDate) throw invalid('postmarkDate', 'a request received by post gives the date on its postmark');
  const postmark = new Date(`${registration.postmarkDate}T00:00:00+07:00`);
  if (Number.isNaN(postmark.getTime()) || !toVietnamIso(postmark).startsWith(registration.postmarkDate)) throw invalid('postmarkDate', `${registration.postmarkDate} is not a real date`);
  if (postmark.getTime() > receivedAt.getTime()) throw invalid('postmarkDate', `the postmark (${registration.postmarkDate}) is after the receipt (${toVietnamIso(receivedAt)})`);
  if (receivedAt.getTime() - postmark.getTime() > MAX_RECEIPT_AGE_DAYS * DAY_MS) throw invalid('postmarkDate', `the postmark (${registration.postmarkDate}) is more than ${MAX_RECEIPT_AGE_DAYS} days before the receipt: check it`);
  return receivedAt;
}

/** What the file's first bytes say it is, whatever its name says. */
export function sniffScanType(content: Buffer): ScanType | undefined {
  if (content.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'image/jpeg';
  if (content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (content.subarray(0, 4).toString('latin1') === 'RIFF' && content.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return undefined;
}

/** Where an upload waits until the registration takes it: under its office, by an id no one can guess. */
export const uploadKey = (office: string, uploadId: string) => `uploads/${office}/${uploadId}`;

/** Refuses a principal who may not act for the office (a stranger from another office, an auditor) before anything is read. */
function requireOffice(principal: Principal, office: string, ports: Pick<StaffPorts, 'directory'>): void {
  const decision = authorize(principal, 'case:act', officeTarget(ports.directory, office));
  if (!decision.allowed) throw new AccessRefused(decision.reason);
  if (!officeByCode(ports.directory, office)) throw invalid('office', `${office} is not an office of the directory`);
}

/** POST /uploads: a link to upload one scan straight to the documents bucket, for a few minutes. */
export async function createUploadLink(principal: Principal, body: unknown, ports: StaffPorts): Promise<UploadLink> {
  const parsed = uploadRequestBody.safeParse(body ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
    throw new InvalidRequest(`the upload is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
  const { office, contentType } = parsed.data;
  requireOffice(principal, office, ports);
  const scans = requireScans(ports);
  const uploadId = randomUUID();
  // The size is checked again on the bytes themselves when the registration reads them back.
  const url = await scans.signedPutUrl(uploadKey(office, uploadId), contentType, UPLOAD_LINK_SECONDS);
  return { uploadId, method: 'PUT', url, headers: { 'content-type': contentType }, expiresAt: toVietnamIso(new Date(ports.clock.now().getTime() + UPLOAD_LINK_SECONDS * 1000)), maxBytes: MAX_SCAN_BYTES };
}

function requireScans(ports: StaffPorts): NonNullable<StaffPorts['scans']> {
  if (!ports.scans) throw new Error('scan uploads are not configured (StaffPorts.scans)');
  return ports.scans;
}

/** The registration's identity for the one path: the office and the client's key (the same key in another office is another request). */
const identityOf = (office: string, idempotencyKey: string) => `<registration.${office}.${sha256Hex(idempotencyKey).slice(0, 40)}@motcua.invalid>`;

/** The registration's content, without its key: a key used again for other content is refused, not taken as a retry. */
const fingerprintOf = (registration: Registration) => sha256Hex(JSON.stringify({ ...registration, idempotencyKey: undefined }));

/**
 * POST /registrations: opens the case of a request received by post or at the desk, once per idempotency key.
 * The scans are read back from their uploads, checked (type by their first bytes, size), hashed and stored
 * under the case; the registration as sent is kept too (the raw input), and the request's own event
 * (`request-registered`) names them all with their SHA-256, so `verify` re-hashes them.
 */
export async function registerRequest(principal: Principal, body: unknown, ports: StaffPorts): Promise<RegistrationResult> {
  const registration = parseRegistration(body);
  requireOffice(principal, registration.office, ports);
  const now = ports.clock.now();
  const receivedAt = receiptOf(registration, now);
  const identity = identityOf(registration.office, registration.idempotencyKey);
  const fingerprint = fingerprintOf(registration);

  const earlier = await ports.cases.getMessage(identity);
  if (earlier?.status === 'done' && earlier.caseId) return sameRegistration(earlier.caseId, fingerprint, ports);

  const scans = requireScans(ports);
  const files = await Promise.all(registration.documents.map(async (doc, i) => ({ ...doc, ...(await readScan(scans, registration.office, doc.uploadId, `documents.${i}`)) })));
  const procedure = procedureByCode(procedureCatalog, registration.procedure)!;
  const office = officeByCode(ports.directory, registration.office)!;
  const officer = actorOf(principal);
  const channel: RegisteredChannel = {
    kind: registration.channel,
    ...(registration.postmarkDate ? { postmarkDate: registration.postmarkDate } : {}),
    registeredBy: officer.name ?? officer.id,
    registeredAt: toVietnamIso(now),
  };
  const requester = {
    name: registration.requester.name,
    postalAddress: registration.requester.postalAddress,
    ...(registration.requester.email ? { address: registration.requester.email.toLowerCase() } : {}),
    ...(registration.requester.phone ? { phone: registration.requester.phone } : {}),
  };
  const how = registration.channel === 'post' ? 'nhận qua bưu điện' : 'nộp tại Bộ phận một cửa';
  const subject = `${capitalised(procedure.requestName)} của ${requester.name} (${how})`;
  // The registration as the officer sent it, kept before anything is opened (the raw input of this channel).
  const raw = await ports.uploads.storeDocument(`registrations/${registration.office}/${sha256Hex(identity).slice(0, 32)}-${fingerprint.slice(0, 16)}.json`, Buffer.from(JSON.stringify(registration, null, 2)), 'application/json');
  const rawObject = { bucket: raw.bucket, key: raw.key };

  const { caseId, opened } = await openRequestCase(
    {
      identity,
      office,
      receivedAt,
      rawObject,
      record: { requester, subject, procedure: procedure.code, channel },
      storeFiles: (id) =>
        Promise.all(
          files.map(async (f, i): Promise<AttachmentRef & { sha256: string }> => {
            const sha256 = sha256Hex(f.content);
            const stored = await ports.uploads.storeDocument(`cases/${id}/registration/${i + 1}-${sha256.slice(0, 16)}-${safeName(f.filename)}`, f.content, f.contentType);
            return { name: f.filename, contentType: f.contentType, size: f.content.length, bucket: stored.bucket, key: stored.key, sha256 };
          }),
        ),
      events: (id, attachments, at): NewEvent[] => [
        {
          type: 'request-registered',
          at: toVietnamIso(receivedAt),
          actor: officer,
          data: {
            channel,
            from: { name: requester.name, ...(requester.address ? { address: requester.address } : {}) },
            requester,
            subject,
            text: registration.summary ?? '',
            attachments,
            rawObject,
            fingerprint,
            ...(registration.note ? { note: registration.note } : {}),
            authentication: {},
          },
        },
        { type: 'case-opened', at, actor: officer, data: { office: office.code, procedure: procedure.code, channel: channel.kind, requester, caseId: id } },
      ],
    },
    { cases: ports.cases, clock: ports.clock, startWorkflow: (id) => startWorkflow(id, ports), log: { info: () => undefined } },
  );
  if (!opened) return sameRegistration(caseId, fingerprint, ports);
  return { caseId, status: 'opened', receivedAt: toVietnamIso(receivedAt) };
}

/** The case a key already opened: the same registration again is answered with it; other content under the key is refused. */
async function sameRegistration(caseId: string, fingerprint: string, ports: StaffPorts): Promise<RegistrationResult> {
  const { record, events } = ports.cases.requireCaseWithEvents ? await ports.cases.requireCaseWithEvents(caseId) : { record: await ports.cases.requireCase(caseId), events: await ports.cases.listEvents(caseId) };
  const first = requestEventOf(events);
  if (first?.data.fingerprint !== fingerprint) throw new CaseConflict(`this idempotency key already registered case ${caseId} with other content: a new request needs a new key (the console makes one per form)`);
  // A retry after the first attempt stopped between opening the case and starting its workflow: start it (never twice).
  await startWorkflow(caseId, ports);
  return { caseId, status: 'duplicate', receivedAt: record.receivedAt };
}

async function startWorkflow(caseId: string, ports: StaffPorts): Promise<void> {
  if (!ports.executions) throw new Error('the workflow cannot be started (StaffPorts.executions)');
  await ports.executions.start(caseId, { caseId });
}

/** Reads an upload back and checks it: present, within the size, and a PDF or an image by its own bytes. */
async function readScan(scans: NonNullable<StaffPorts['scans']>, office: string, uploadId: string, path: string): Promise<{ content: Buffer; contentType: ScanType }> {
  const content = await scans.read(uploadKey(office, uploadId));
  if (!content) throw invalid(`${path}.uploadId`, `no file was uploaded under ${uploadId} for ${office} (upload it with the link POST /uploads gave, within ${UPLOAD_LINK_SECONDS / 60} minutes)`);
  if (content.length === 0) throw invalid(`${path}.uploadId`, 'the uploaded file is empty');
  if (content.length > MAX_SCAN_BYTES) throw invalid(`${path}.uploadId`, `the uploaded file is ${Math.ceil(content.length / 1024 / 1024)} MB; a scan is at most ${MAX_SCAN_BYTES / 1024 / 1024} MB`);
  const contentType = sniffScanType(content);
  if (!contentType) throw invalid(`${path}.uploadId`, 'the uploaded file is neither a PDF nor a JPEG, PNG or WebP image');
  return { content, contentType };
}

/** A file name safe in an S3 key (the name as given stays on the timeline). */
const safeName = (name: string) => name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^A-Za-z0-9._-]+/g, '_').slice(-80) || 'scan';
