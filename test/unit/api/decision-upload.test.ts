import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { head as headOf, officer as officerOf, testApi } from './fakes';
import { samplePdf } from '../../../local/sample-pdf';

const CASE = 'HCMKV1-2026-000007';
const head = headOf('HCMKV1');

const waitingForDecision = () => ({
  status: 'awaiting-decision' as const,
  pendingStep: { step: 'decision', taskToken: 'decision-token', since: '2026-03-02T09:00:00+07:00', dueAt: '2026-03-09T09:00:00+07:00' },
  deadlines: { decision: { dueAt: '2026-03-09T09:00:00+07:00', startedAt: '2026-03-02T09:00:00+07:00', calendarVersion: 'cal:test', rule: '5 working days' } },
});

describe('recording a decision', () => {
  it('keeps the signed PDF in the documents bucket and hands the workflow a reference to it, never the file', async () => {
    // Prepare
    const t = testApi();
    t.cases.add({ caseId: CASE, office: 'HCMKV1', ...waitingForDecision() });
    const pdf = samplePdf('Quyet dinh 101');

    // Act
    const res = await t.call('POST', `/cases/${CASE}/decision`, head, { number: '101/QĐ-THADS', date: '2026-03-05', signer: 'Nguyễn Văn Bình', pdfBase64: pdf.toString('base64') });

    // Assess
    expect(res.status).toBe(200);
    expect(t.stored).toHaveLength(1);
    expect(t.stored[0]!.content.equals(pdf)).toBe(true);
    // a key of its own (time and content hash): a released decision is never overwritten
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    expect(t.stored[0]!.key).toBe(`cases/${CASE}/documents/decisions/20260302100000-${sha256}.pdf`);
    const output = t.sent[0]!.output;
    expect(output).toMatchObject({
      number: '101/QĐ-THADS',
      signer: 'Nguyễn Văn Bình',
      document: { name: 'Quyết định thi hành án số 101-QĐ-THADS.pdf', contentType: 'application/pdf', bucket: 'documents', key: t.stored[0]!.key, sha256, size: pdf.length },
    });
    expect(output).not.toHaveProperty('pdfBase64');
  });

  it('is refused, naming why, without the PDF or when the file is not a PDF; nothing is stored or resumed', async () => {
    const t = testApi();
    t.cases.add({ caseId: CASE, office: 'HCMKV1', ...waitingForDecision() });

    const missing = await t.call('POST', `/cases/${CASE}/decision`, head, { number: '101/QĐ-THADS', date: '2026-03-05', signer: 'Nguyễn Văn Bình' });
    const notPdf = await t.call('POST', `/cases/${CASE}/decision`, head, { number: '101/QĐ-THADS', date: '2026-03-05', signer: 'Nguyễn Văn Bình', pdfBase64: Buffer.from('<html>not a decision</html>').toString('base64') });

    expect(missing.status).toBe(400);
    expect(missing.text).toContain('pdfBase64');
    expect(notPdf.status).toBe(400);
    expect(notPdf.text).toContain('not a PDF document');
    expect(t.stored).toEqual([]);
    expect(t.sent).toEqual([]);
  });

  it('belongs to the head or a named deputy: an officer of the office is refused before anything is stored', async () => {
    const t = testApi();
    t.cases.add({ caseId: CASE, office: 'HCMKV1', ...waitingForDecision() });
    const body = { number: '101/QĐ-THADS', date: '2026-03-05', signer: 'Nguyễn Văn Bình', pdfBase64: samplePdf('Quyet dinh').toString('base64') };

    const byOfficer = await t.call('POST', `/cases/${CASE}/decision`, officerOf('HCMKV1'), body);
    const byDeputy = await t.call('POST', `/cases/${CASE}/decision`, { ...officerOf('HCMKV1'), email: 'Pho.KV1@hcm.thads.example' }, body);

    expect(byOfficer.status).toBe(403);
    expect(byOfficer.text).toContain('decisionDeputies');
    expect(byDeputy.status).toBe(200);
    expect(t.stored).toHaveLength(1);
  });

  it('on a case that no longer waits for a decision answers 409 and stores nothing', async () => {
    const t = testApi();
    t.cases.add({ caseId: CASE, office: 'HCMKV1', status: 'closed' });

    const res = await t.call('POST', `/cases/${CASE}/decision`, head, { number: '102/QĐ-THADS', date: '2026-03-05', signer: 'Nguyễn Văn Bình', pdfBase64: samplePdf('Thay the').toString('base64') });

    expect(res.status).toBe(409);
    expect(t.stored).toEqual([]);
    expect(t.sent).toEqual([]);
  });
});
