import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { eventually, startTestStack, type TestStack } from './support/test-stack';
import { lifecycleDriver } from './support/lifecycle';
import { signLocalToken, type LocalTokenRequest } from '../../local/auth/local-keys';
import { sha256Hex } from '../../shared/timeline/hash-chain';
import { jpeg, renderPage, textPdf } from '../support/page-images';
import { sampleJudgment } from '../support/sample-judgment';
import type { CaseRecord } from '../../shared/cases/model';

/**
 * The reading step in the workflow, on the local stack (the reading function in its worker thread, as
 * `npm start` runs it): what it finds goes to the checklist as hints, the text read is kept beside each
 * attachment with its hash on the timeline, staff of the office find the case by it, and a reading that
 * fails or meets a broken file never keeps the case from its review.
 */
const PORT_BASE = 22100;
const OFFICE = 'kv1@hcm.thads.example';
const citizen = { name: 'Phạm Thị Mai', address: 'pham.thi.mai@example.com' };
const sample = sampleJudgment();
/** The bound on a case reaching its review: OCR of a page takes seconds, more on a busy machine. */
const REVIEW_WAIT_MS = 240_000;

let t: TestStack;
const drive = lifecycleDriver(() => t);

beforeAll(async () => {
  t = await startTestStack(PORT_BASE);
});

afterAll(async () => {
  await t?.stop();
});

async function openCase(tag: string, attachments: Array<{ filename: string; content: Buffer; contentType: string }>): Promise<CaseRecord> {
  const messageId = `<reading-${tag}-${Date.now()}@example.com>`;
  await t.sendMail({ from: citizen, to: OFFICE, subject: 'Đơn yêu cầu thi hành án dân sự', text: 'Kính gửi Chi cục, tôi yêu cầu thi hành bản án gửi kèm.', attachments, messageId });
  const caseId = await eventually('the case', async () => (await t.cases.getMessage(messageId))?.caseId);
  return drive.waitingFor(caseId, 'review', REVIEW_WAIT_MS);
}

const tokens = new Map<string, string>();
async function search(who: LocalTokenRequest | undefined, query: Record<string, string>) {
  const key = JSON.stringify(who);
  if (who && !tokens.has(key)) tokens.set(key, await signLocalToken(t.dataDir, who));
  const response = await fetch(`${t.stack.urls.api}/cases?${new URLSearchParams(query)}`, { headers: who ? { authorization: `Bearer ${tokens.get(key)}` } : {} });
  const text = await response.text();
  return { status: response.status, json: text.startsWith('{') ? JSON.parse(text) : undefined, text };
}
const idsOf = (res: { json?: { items?: Array<{ caseId: string }> } }) => (res.json?.items ?? []).map((i) => i.caseId);

const officerKV1: LocalTokenRequest = { role: 'officer', office: 'HCMKV1', sub: 'u-lan', name: 'Trần Thị Lan' };
const officerKV2: LocalTokenRequest = { role: 'officer', office: 'HCMKV2', sub: 'u-binh', name: 'Võ Văn Bình' };
const auditorHCM: LocalTokenRequest = { role: 'auditor', scope: { kind: 'province', province: 'HCM' }, sub: 'u-kiem', name: 'Kiểm tra viên' };

describe('a judgment attached as a court PDF (text layer) and its first page as a phone photo (OCR)', () => {
  let read: CaseRecord;

  beforeAll(async () => {
    // Prepare: the two files a requester sends most: the court's electronic copy, and a photo of a page.
    read = await openCase('read', [
      { filename: 'Bản án 15-2026-DS-ST.pdf', content: await textPdf(sample.pages), contentType: 'application/pdf' },
      { filename: 'Ảnh trang 1.jpg', content: jpeg(renderPage(sample.pages[0]!), 85), contentType: 'image/jpeg' },
    ]);
  }, REVIEW_WAIT_MS + 60_000);

  it('gives the checklist what the judgment says, each with a confidence and where it was found', () => {
    const reading = read.checklist?.reading as {
      attachments: Array<{ name: string; status: string; method: string; pagesRead: number[] }>;
      judgment: { attachment: string; number: { value: string; confidence: number; where: { page: number } }; court: { value: string }; parties: Array<{ value: { role: string; name: string } }> };
    };
    expect(reading.attachments.map((a) => [a.name, a.status, a.method])).toEqual([
      ['Bản án 15-2026-DS-ST.pdf', 'read', 'text-layer'],
      ['Ảnh trang 1.jpg', 'read', 'ocr'],
    ]);
    expect(reading.judgment.number).toMatchObject({ value: sample.facts.number, where: { page: 1 } });
    expect(reading.judgment.number.confidence).toBeGreaterThan(0.5);
    expect(reading.judgment.court.value).toBe(sample.facts.court);
    expect(reading.judgment.parties.map((p) => p.value.name)).toEqual(expect.arrayContaining([sample.facts.plaintiff, sample.facts.defendant]));
    // The number read joins the references the checks found (the mail names none).
    expect(read.checklist?.judgmentRefs).toContain(sample.facts.number);
    // The sender is the plaintiff read from the judgment: no hint that she is not a party.
    expect(((read.checklist?.reviewHints ?? []) as Array<{ kind: string }>).map((h) => h.kind)).not.toContain('sender-not-in-judgment');
    // The words kept for the search are not shown as such (the checklist shows what was read).
    expect(JSON.stringify(read.checklist)).not.toContain('searchWords');
  });

  it('keeps the text read beside each attachment, its SHA-256 on the timeline', async () => {
    const event = await drive.event(read.caseId, 'attachments-read');
    const documents = event.data.documents as Array<{ bucket: string; key: string; sha256: string }>;
    expect(documents).toHaveLength(2);
    for (const document of documents) {
      expect(document.key).toMatch(new RegExp(`^cases/${read.caseId}/messages/.+\\.read\\.txt$`));
      const object = await t.s3.send(new GetObjectCommand({ Bucket: document.bucket, Key: document.key }));
      const bytes = Buffer.from(await object.Body!.transformToByteArray());
      expect(sha256Hex(bytes)).toBe(document.sha256);
      expect(bytes.toString('utf8')).toContain('trang 1');
    }
  });

  it('is found by staff of its office through the text read, with or without diacritics; auditors in scope too; others never', async () => {
    expect(idsOf(await search(officerKV1, { text: 'Trần Văn Hùng' }))).toContain(read.caseId);
    expect(idsOf(await search(officerKV1, { text: 'tran van hung' }))).toContain(read.caseId);
    expect(idsOf(await search(officerKV1, { text: sample.facts.number }))).toContain(read.caseId);
    expect(idsOf(await search(auditorHCM, { text: 'Trần Văn Hùng', office: 'HCMKV1' }))).toContain(read.caseId);
    // A word the judgment does not hold: not found (every word must be there).
    expect(idsOf(await search(officerKV1, { text: 'Trần Văn Hùng Nguyễn Thị Xuân' }))).not.toContain(read.caseId);
    // An officer of another office: her own office holds nothing of it, and the case's office is refused.
    expect(idsOf(await search(officerKV2, { text: 'Trần Văn Hùng' }))).not.toContain(read.caseId);
    expect((await search(officerKV2, { text: 'Trần Văn Hùng', office: 'HCMKV1' })).status).toBe(403);
    expect((await search(undefined, { text: 'Trần Văn Hùng' })).status).toBe(401);
    // A search with no word in it is refused with a reason.
    const empty = await search(officerKV1, { text: '!!' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('text');
  });
});

describe('a reading that fails never keeps the case from its review', () => {
  it('the reading function fails: the receipt says the attachments could not be read, and the case waits for its review', async () => {
    t.stack.faults.inject({ function: 'reading', times: 1, error: { name: 'Runtime.ExitError', message: 'the reading ran out of memory' } });
    const opened = await openCase('fails', [{ filename: 'Bản án.pdf', content: await textPdf(sample.pages), contentType: 'application/pdf' }]);
    expect(t.stack.faults.injected.get('reading:')).toBe(1);
    const notRead = await drive.event(opened.caseId, 'attachments-not-read');
    expect(notRead.data.error).toBe('Runtime.ExitError');
    const hints = (opened.checklist?.reviewHints ?? []) as Array<{ kind: string; message: string }>;
    expect(hints.find((h) => h.kind === 'not-read')?.message).toContain('Không đọc được tự động');
    expect(opened.checklist?.reading).toBeUndefined();
    // Nothing read, nothing to find it by.
    expect(idsOf(await search(officerKV1, { text: 'Trần Văn Hùng' }))).not.toContain(opened.caseId);
  });

  it('a broken PDF: it is said unreadable, by name, and the case waits for its review', async () => {
    const broken = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4096, 0x41)]);
    const opened = await openCase('broken', [{ filename: 'Bản án hỏng.pdf', content: broken, contentType: 'application/pdf' }]);
    const reading = opened.checklist?.reading as { attachments: Array<{ name: string; status: string }> };
    expect(reading.attachments).toEqual([expect.objectContaining({ name: 'Bản án hỏng.pdf', status: 'unreadable' })]);
    const hints = (opened.checklist?.reviewHints ?? []) as Array<{ kind: string; message: string }>;
    expect(hints.find((h) => h.kind === 'not-read')?.message).toContain('Bản án hỏng.pdf');
  });
});
