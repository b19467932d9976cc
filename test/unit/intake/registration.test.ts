import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../../shared/cases/model';
import { procedureCatalog } from '../../../shared/procedures/default-catalog';
import { InvalidRequest } from '../../../shared/staff/errors';
import { MAX_RECEIPT_AGE_DAYS, parseRegistration, receiptOf, sniffScanType } from '../../../shared/staff/register-request';
import { procedureSettings } from '../../../shared/workflow/procedure-settings';
import { decideReceipt, type ReceiptChecklist } from '../../../shared/workflow/receipt-decisions';
import { samplePdf } from '../../../local/sample-pdf';
import { directory, iso, vn } from '../calendar/fixtures';

/** A registration as the console sends it; each test changes what it is about. */
const valid = {
  idempotencyKey: 'form-0123456789',
  office: 'HCMKV1',
  channel: 'post',
  postmarkDate: '2026-03-04',
  receivedAt: '2026-03-06T16:30:00+07:00',
  procedure: 'enforcement-request',
  requester: { name: 'Lê Thị Hoa', postalAddress: 'Số 8 đường Lê Lợi, phường Bến Thành' },
  documents: [{ uploadId: '3f1c1b8e-4a57-4c1e-9a55-1d7d0c3a9b11', filename: 'Đơn yêu cầu.pdf' }],
};

function refusal(run: () => unknown): InvalidRequest {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidRequest) return error;
    throw error;
  }
  throw new Error('expected the registration to be refused');
}

describe('the body of a registration', () => {
  it('takes a letter with its postmark, the requester without an e-mail address, and its scans', () => {
    expect(parseRegistration(valid)).toMatchObject({ channel: 'post', requester: { name: 'Lê Thị Hoa' } });
  });

  it('names each problem by its path: no scan, an unknown procedure, a bad e-mail, a receipt without its offset, a stray field', () => {
    const refused = refusal(() =>
      parseRegistration({ ...valid, documents: [], procedure: 'parking-ticket', receivedAt: '2026-03-06 16:30', requester: { ...valid.requester, email: 'not-an-address' }, secret: 1 }),
    );
    expect(refused.issues.map((i) => i.path).sort()).toEqual(['(body)', 'documents', 'procedure', 'receivedAt', 'requester.email']);
    expect(refused.message).toContain('attach the scan of the request');
  });

  it('refuses a name or address of spaces only, and more than ten scans', () => {
    const refused = refusal(() => parseRegistration({ ...valid, requester: { name: '   ', postalAddress: '' }, documents: Array.from({ length: 11 }, () => valid.documents[0]) }));
    expect(refused.issues.map((i) => i.path).sort()).toEqual(['documents', 'requester.name', 'requester.postalAddress']);
  });
});

describe('the receipt a registration gives', () => {
  const now = vn('2026-03-09 10:00'); // Monday: the letter of Friday is registered

  it('is the instant the office received the request, not the registration', () => {
    expect(receiptOf(valid as never, now).toISOString()).toBe(new Date('2026-03-06T16:30:00+07:00').toISOString());
  });

  it('refuses a receipt in the future, saying so', () => {
    expect(refusal(() => receiptOf({ ...valid, receivedAt: '2026-03-09T11:00:00+07:00' } as never, now)).message).toContain('is in the future');
  });

  it(`refuses a receipt more than ${MAX_RECEIPT_AGE_DAYS} days old (a wrong year or month)`, () => {
    expect(refusal(() => receiptOf({ ...valid, receivedAt: '2025-03-06T16:30:00+07:00', postmarkDate: '2025-03-05' } as never, now)).message).toContain('check the year and the month');
  });

  it('refuses a postmark after the receipt, a letter without a postmark, a postmark at the desk, and a day that does not exist', () => {
    expect(refusal(() => receiptOf({ ...valid, postmarkDate: '2026-03-07' } as never, now)).issues[0]).toMatchObject({ path: 'postmarkDate', message: expect.stringContaining('after the receipt') });
    expect(refusal(() => receiptOf({ ...valid, postmarkDate: undefined } as never, now)).issues[0]!.path).toBe('postmarkDate');
    expect(refusal(() => receiptOf({ ...valid, channel: 'desk' } as never, now)).issues[0]!.message).toContain('no postmark');
    expect(refusal(() => receiptOf({ ...valid, postmarkDate: '2026-02-30' } as never, now)).issues[0]!.message).toContain('not a real date');
  });
});

describe('a scan is what its bytes say', () => {
  it('recognises a PDF, a JPEG, a PNG and a WebP, and nothing else', () => {
    expect(sniffScanType(samplePdf('Don'))).toBe('application/pdf');
    expect(sniffScanType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(sniffScanType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffScanType(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]))).toBe('image/webp');
    expect(sniffScanType(Buffer.from('<html><script>alert(1)</script></html>'))).toBeUndefined();
    expect(sniffScanType(Buffer.from('%PD'))).toBeUndefined();
  });
});

describe("a registered request's first clock", () => {
  const enforcement = procedureSettings(procedureCatalog, 'enforcement-request');
  const checklist: ReceiptChecklist = { likelyProcedure: { code: 'enforcement-request', confidence: 'registered', evidence: [] }, judgmentRefs: [], summary: '' };
  const registered: CaseRecord = {
    caseId: 'HCMKV1-2026-000021',
    office: 'HCMKV1',
    procedure: 'enforcement-request',
    status: 'received',
    requester: { name: 'Lê Thị Hoa', postalAddress: 'Số 8 đường Lê Lợi' },
    subject: 'Yêu cầu thi hành án của Lê Thị Hoa (nhận qua bưu điện)',
    receivedAt: iso('2026-03-06 16:30'),
    firstMessageId: '<registration.HCMKV1.x@motcua.invalid>',
    channel: { kind: 'post', postmarkDate: '2026-03-04', registeredBy: 'Trần Thị Lan', registeredAt: iso('2026-03-09 10:00') },
    deadlines: {},
    breaches: [],
    lastSeq: 2,
    lastHash: 'h',
    createdAt: iso('2026-03-09 10:00'),
    updatedAt: iso('2026-03-09 10:00'),
  };

  it("a letter received on Friday at 16:30, after the 15:00 cut-off, and registered on Monday at 10:00 is due for review at Monday's close", () => {
    // The cut-off moves Friday 16:30 to Monday 08:00; one working day (8 working hours) from there ends Monday 17:00.
    // Counted from the registration (Monday 10:00) it would be Tuesday 10:00: the clock runs from the real receipt.
    const change = decideReceipt(registered, { likely: checklist.likelyProcedure, procedure: enforcement, checklist }, vn('2026-03-09 10:01'), { directory })!;
    expect(change.update.deadlines!.review).toMatchObject({ dueAt: iso('2026-03-09 17:00') });
  });
});
