import * as z from 'zod';
import { PROCEDURE_CODES } from '../procedures/catalog';

/**
 * The contract of the registration of a request received by post or at the desk (POST /uploads, POST
 * /registrations): the bodies and answers the API validates and documents. Apart from its use case
 * (shared/staff/register-request.ts) so that the API loads that one only when a registration comes.
 */

/** What a scan may be: a PDF or a photo, as the desk's scanner or a phone gives them. */
export const SCAN_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;
export type ScanType = (typeof SCAN_TYPES)[number];
/** One scan at most 10 MB, a registration at most 10 of them: read back and hashed within the API's memory and time. */
export const MAX_SCAN_BYTES = 10 * 1024 * 1024;
export const MAX_SCANS = 10;
/** How long an upload link lives: long enough for a slow connection at the desk, short enough to be of no use later. */
export const UPLOAD_LINK_SECONDS = 10 * 60;

const officeCode = z.string().regex(/^[A-Z][A-Z0-9]{1,15}$/, 'an office code, such as HCMKV1');
const line = (max: number) => z.string().trim().min(1).max(max);

/** POST /uploads: what the officer is about to upload (the link is signed for this type). */
export const uploadRequestBody = z.strictObject({
  office: officeCode,
  filename: line(200),
  contentType: z.enum(SCAN_TYPES, { error: `a scan is a PDF or an image (${SCAN_TYPES.join(', ')})` }),
  size: z.int().min(1, 'the file is empty').max(MAX_SCAN_BYTES, `a scan is at most ${MAX_SCAN_BYTES / 1024 / 1024} MB`),
});

/** A date and time with its offset, as the console sends it (2026-12-01T14:30:00+07:00). */
const instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)$/, 'a date and time with its offset, e.g. 2026-12-01T14:30:00+07:00');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

/** POST /registrations: the request as the officer registers it. */
export const registrationBody = z.strictObject({
  /** Chosen by the console once per form: the same key again (a double click, a retry) is the same registration. */
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, '8 to 100 letters, digits, - or _'),
  office: officeCode,
  channel: z.enum(['post', 'desk']),
  /** The date on the postmark (by post only). */
  postmarkDate: day.optional(),
  /** When the office received the request: the letter's arrival, or the visit to the desk. The clock starts here. */
  receivedAt: instant,
  procedure: z.enum(PROCEDURE_CODES),
  requester: z.strictObject({
    name: line(200),
    postalAddress: line(500),
    phone: z.string().trim().regex(/^[0-9+().\s-]{6,20}$/, 'a phone number: 6 to 20 digits, spaces, +, -, ( or )').optional(),
    email: z.email('an e-mail address, or leave it out').max(254).optional(),
  }),
  /** What the request asks, in the officer's words or copied from the letter: the automatic checks read it. */
  summary: z.string().trim().max(20_000).optional(),
  documents: z
    .array(z.strictObject({ uploadId: z.uuid('the uploadId POST /uploads answered'), filename: line(200) }))
    .min(1, 'attach the scan of the request')
    .max(MAX_SCANS, `at most ${MAX_SCANS} scans`),
  note: z.string().trim().max(4000).optional(),
});
export type Registration = z.infer<typeof registrationBody>;

export interface UploadLink {
  uploadId: string;
  method: 'PUT';
  url: string;
  /** The headers the PUT must send as they are: the link is signed for them. */
  headers: Record<string, string>;
  expiresAt: string;
  maxBytes: number;
}

export interface RegistrationResult {
  caseId: string;
  /** `opened`: this call opened the case; `duplicate`: the same registration (same idempotency key) opened it before. */
  status: 'opened' | 'duplicate';
  receivedAt: string;
}
