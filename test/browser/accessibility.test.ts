import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePdf } from '../../local/sample-pdf';
import { lifecycleDriver } from '../e2e/support/lifecycle';
import { LAPTOP, PHONE, seriousAccessibilityViolations, startConsole, type ConsoleUnderTest, type Identity } from './support/console';

/** Issue 10: no serious or critical axe-core finding on the console's main pages, on an office laptop and on a phone. */
let c: ConsoleUnderTest;
const drive = lifecycleDriver(() => c.t);
let caseId: string;

beforeAll(async () => {
  c = await startConsole(21230);
  // A case with an attachment, waiting for the review: the queue, the case page and the dashboard have something to show.
  ({ caseId } = await drive.openCase({
    from: { name: 'Phan Thị Ngọc', address: 'phan.thi.ngoc@example.com' },
    to: 'kv2@hcm.thads.example',
    subject: 'Đơn yêu cầu thi hành án',
    text: 'Tôi yêu cầu thi hành Bản án số 90/2026/DS-ST.',
    attachments: [{ filename: 'ban-an.pdf', content: samplePdf('Ban an so 90/2026/DS-ST'), contentType: 'application/pdf' }],
  }));
});

afterAll(async () => {
  await c?.stop();
});

const officer: Identity = { role: 'officer', office: 'HCMKV2', name: 'Trần Thị Lan' };
const head: Identity = { role: 'head', office: 'HCMKV2', name: 'Nguyễn Văn Bình' };
const auditor: Identity = { role: 'auditor', scope: { kind: 'all' }, name: 'Lý Quốc Khánh' };

/** The main pages, each opened as its user opens it, once it shows what it is for. */
const mainPages: Array<{ page: string; who?: Identity; open: (page: Page) => Promise<void> }> = [
  { page: 'local login', open: (p) => shows(p, '/_local/login', 'Đăng nhập thử nghiệm') },
  { page: 'work queue', who: officer, open: async (p) => {
      await shows(p, '/', 'Hàng đợi công việc');
      await p.getByRole('link', { name: caseId, exact: true }).waitFor();
    } },
  { page: 'case page with the review form', who: officer, open: async (p) => {
      await shows(p, `/ho-so/${caseId}`, `Hồ sơ ${caseId}`);
      await p.getByRole('form', { name: 'Xem xét hồ sơ' }).waitFor();
      await p.getByTitle('Xem tệp PDF: ban-an.pdf').waitFor();
    } },
  { page: 'appointment book', who: officer, open: (p) => shows(p, '/lich-hen', 'Lịch hẹn') },
  { page: 'registration of a request by post or at the desk', who: officer, open: (p) => shows(p, '/tiep-nhan', 'Tiếp nhận hồ sơ qua bưu điện hoặc tại Bộ phận một cửa') },
  { page: 'head dashboard', who: head, open: async (p) => {
      await shows(p, '/tong-quan', 'Tổng quan');
      await p.getByRole('heading', { name: 'Khối lượng theo cán bộ' }).waitFor();
    } },
  { page: 'search', who: auditor, open: (p) => shows(p, '/tra-cuu', 'Tra cứu hồ sơ') },
  { page: 'verify with its verdict', who: auditor, open: async (p) => {
      await shows(p, '/kiem-tra', 'Kiểm tra tính toàn vẹn');
      await p.getByLabel('Mã hồ sơ cần kiểm tra').fill(caseId);
      await p.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
      await p.getByRole('region', { name: /^Kết luận: Toàn vẹn/ }).waitFor();
    } },
  { page: 'reports', who: auditor, open: (p) => shows(p, '/bao-cao', 'Báo cáo và trích xuất') },
];

async function shows(page: Page, path: string, heading: string): Promise<void> {
  await page.goto(path);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

describe('accessibility of the console (axe-core)', () => {
  for (const [size, viewport] of [['an office laptop (1366×768)', LAPTOP], ['a phone (390×844)', PHONE]] as const) {
    it(`has no serious or critical violation on the main pages, on ${size}`, async () => {
      const found: Record<string, string[]> = {};
      const pages = new Map<string, Page>();
      for (const { page: name, who, open } of mainPages) {
        const key = who ? JSON.stringify(who) : 'anonymous';
        if (!pages.has(key)) pages.set(key, who ? await c.signIn(who, { viewport }) : await c.newPage({ viewport }));
        const page = pages.get(key)!;
        await open(page);
        const violations = await seriousAccessibilityViolations(page);
        if (violations.length) found[name] = violations;
      }
      expect(found).toEqual({});
      expect(c.pageErrors).toEqual([]);
    });
  }

  it('the check finds what it looks for: a page with an unlabelled field and unreadable text fails it', async () => {
    const page = await c.newPage();
    await page.setContent('<!doctype html><html lang="vi"><head><title>Thử</title></head><body><main><h1>Thử</h1><input type="text"><p style="color:#bbb;background:#fff">Chữ mờ</p></main></body></html>');
    const violations = await seriousAccessibilityViolations(page);
    expect(violations.some((v) => v.includes('label'))).toBe(true);
    expect(violations.some((v) => v.includes('color-contrast'))).toBe(true);
  });
});
