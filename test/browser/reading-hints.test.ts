import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifecycleDriver } from '../e2e/support/lifecycle';
import { startConsole, type ConsoleUnderTest } from './support/console';
import { openFromQueue } from './support/desk';
import { textPdf } from '../support/page-images';
import { sampleJudgment } from '../support/sample-judgment';

/** Issue 13: the case page shows what was read from the attachments as hints to check, with confidence and where found. */
let c: ConsoleUnderTest;
const drive = lifecycleDriver(() => c.t);
const sample = sampleJudgment();

beforeAll(async () => {
  c = await startConsole(22110);
});

afterAll(async () => {
  await c?.stop();
});

describe('the reading on the case page', () => {
  it('lists what the judgment says as hints to check (value, confidence, file and page), and the files it could not read', async () => {
    // Prepare: a request with the court's PDF, which the workflow reads, and a broken one it cannot.
    const { caseId } = await drive.openCase(
      {
        from: { name: 'Phạm Thị Mai', address: 'pham.thi.mai@example.com' },
        to: 'kv1@hcm.thads.example',
        subject: 'Đơn yêu cầu thi hành án',
        text: 'Tôi yêu cầu thi hành bản án gửi kèm.',
        attachments: [
          { filename: 'Bản án 15-2026-DS-ST.pdf', content: await textPdf(sample.pages), contentType: 'application/pdf' },
          { filename: 'Ảnh hỏng.pdf', content: Buffer.from('%PDF-1.7\nnot a pdf at all'), contentType: 'application/pdf' },
        ],
      },
      'review',
    );
    const officer = await c.signIn({ role: 'officer', office: 'HCMKV1', name: 'Trần Thị Lan' });

    // Act
    await openFromQueue(officer, caseId);

    // Assess: a hint, said to be one, with each value's confidence and where it stands.
    const checks = officer.getByRole('region', { name: 'Kiểm tra tự động' });
    await checks.getByRole('heading', { name: 'Đọc từ tệp đính kèm (gợi ý)' }).waitFor();
    expect(await checks.textContent()).toContain('không phải thông tin đã xác nhận');
    const table = checks.getByRole('table', { name: /Thông tin đọc được từ tệp “Bản án 15-2026-DS-ST.pdf” — cần đối chiếu/ });
    const number = table.getByRole('row', { name: /Số bản án, quyết định/ });
    expect(await number.getByRole('cell').allTextContents()).toEqual(['Số bản án, quyết định', sample.facts.number, expect.stringMatching(/^\d+%/), expect.stringMatching(/^tệp “Bản án 15-2026-DS-ST.pdf”, trang 1\b/)]);
    expect(await table.getByRole('row', { name: /Bị đơn/ }).getByRole('cell').nth(1).textContent()).toBe(sample.facts.defendant);
    const ordered = table.getByRole('row', { name: /Số tiền/ }).filter({ hasText: /trang 2\b/ });
    expect(await ordered.getByRole('cell').nth(1).textContent()).toBe('150.000.000 đồng (khớp số bằng chữ)');
    expect(await checks.getByRole('listitem').filter({ hasText: 'Ảnh hỏng.pdf' }).first().textContent()).toContain('không đọc được');
  });
});
