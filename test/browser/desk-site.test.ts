import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESK_SITE_PATH } from '../../local/desk-site/desk-site';
import { allowForABusyMachine, PHONE, seriousAccessibilityViolations, startConsole, type ConsoleUnderTest } from './support/console';

/**
 * Issue 11, the public desk site on a phone (390×844) against the local stack, as a citizen uses it:
 * from the home page to an office's hours and hotline, to a procedure's time limit and legal basis, and
 * to the prepared e-mail; axe-core finds no serious violation on any page.
 */
let c: ConsoleUnderTest;
let page: Page;

beforeAll(async () => {
  c = await startConsole(21700);
  page = await c.newPage({ viewport: PHONE });
});

afterAll(async () => {
  await c?.stop();
});

async function heading(name: string | RegExp) {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

describe('the public desk site on a phone', () => {
  it('finds an office, its reception hours and its hotline from the home page', async () => {
    await page.goto(DESK_SITE_PATH);
    await heading('Gửi yêu cầu thi hành án qua thư điện tử');
    await page.getByRole('navigation', { name: 'Mục chính' }).getByRole('link', { name: 'Cơ quan, giờ tiếp nhận' }).click();
    await heading('Cơ quan và giờ tiếp nhận');
    await page.getByRole('link', { name: 'Phòng Thi hành án dân sự khu vực 2 - Thành phố Hồ Chí Minh' }).click();
    await heading('Phòng Thi hành án dân sự khu vực 2 - Thành phố Hồ Chí Minh');

    // Its own hours in config/offices.json (07:30-11:30, 13:00-17:00), not the agency's default.
    const main = page.getByRole('main');
    const hours = await main.getByRole('listitem').allTextContents();
    expect(hours).toEqual(expect.arrayContaining(['Buổi sáng: từ 7 giờ 30 đến 11 giờ 30', 'Buổi chiều: từ 13 giờ đến 17 giờ']));
    // The hotline, under its label, dialled with a tap.
    const facts = await main.locator('dl.facts').innerText();
    expect(facts).toMatch(/Đường dây nóng\s+028 3822 0299/);
    expect(await main.getByRole('link', { name: '028 3822 0299' }).getAttribute('href')).toBe('tel:02838220299');
    expect(await main.getByRole('listitem').filter({ hasText: 'Bùi Văn Khoa' }).textContent()).toContain('Bùi Văn Khoa (tên minh họa)');
    // The office one level up, one tap away.
    await main.getByRole('link', { name: 'Thi hành án dân sự Thành phố Hồ Chí Minh' }).click();
    await heading('Thi hành án dân sự Thành phố Hồ Chí Minh');
    expect(await page.getByRole('main').locator('dl.facts').innerText()).toMatch(/Cơ quan cấp trên\s+Cục Quản lý Thi hành án dân sự - Bộ Tư pháp/);
  });

  it("finds a procedure, its time limit with the counting rule and legal basis, and the prepared e-mail to the office's mailbox", async () => {
    await page.goto(DESK_SITE_PATH);
    await page.getByRole('navigation', { name: 'Mục chính' }).getByRole('link', { name: 'Thủ tục' }).click();
    await heading('Thủ tục');
    await page.getByRole('link', { name: 'Yêu cầu thay đổi Chấp hành viên' }).click();
    await heading('Yêu cầu thay đổi Chấp hành viên');

    const result = page.getByRole('row', { name: /^Ra kết quả/ });
    const [limit, counting, basis] = await result.getByRole('cell').allTextContents();
    expect(limit).toBe('5 ngày làm việc (đang rà soát)');
    expect(counting).toContain('Không tính ngày nhận');
    expect(basis).toContain('thay đổi Chấp hành viên (đang rà soát)');
    expect(await page.getByRole('listitem').filter({ hasText: 'Điều 10 Nghị định 62/2015/NĐ-CP' }).textContent()).toContain('(đang rà soát)');

    const mailto = await page.getByRole('link', { name: 'Gửi đến Phòng Thi hành án dân sự khu vực 2 - Thành phố Hồ Chí Minh' }).getAttribute('href');
    const mail = new URL(mailto!);
    expect(mail.protocol).toBe('mailto:');
    expect(mail.pathname).toBe('kv2@hcm.thads.example');
    expect(mail.searchParams.get('subject')).toBe('Yêu cầu thay đổi Chấp hành viên');
    expect(mail.searchParams.get('body')).toContain('[ ] Lý do đề nghị thay đổi Chấp hành viên');

    // The form downloads as a PDF.
    const form = await page.getByRole('link', { name: 'tải mẫu đơn (PDF)' }).getAttribute('href');
    const response = await page.request.get(new URL(form!, page.url()).toString());
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('has no serious or critical axe-core finding, and nothing wider than the phone, on any page', async () => {
    const pages = ['', 'co-quan.html', 'co-quan/hcmkv1.html', 'thu-tuc.html', 'thu-tuc/enforcement-request.html', 'gui-thu-dien-tu.html', 'bieu-mau.html', 'hoi-dap.html', 'tra-cuu-ho-so.html'];
    const found: Record<string, string[]> = {};
    const tooWide: string[] = [];
    // The site's CSP forbids inline scripts, axe's injection with them (the header is still checked on each answer).
    const context = await c.browser.newContext({ viewport: PHONE, locale: 'vi-VN', baseURL: c.url, bypassCSP: true });
    allowForABusyMachine(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => c.pageErrors.push(`${page.url()}: ${error.message}`));
    for (const path of pages) {
      const response = await page.goto(`${DESK_SITE_PATH}${path}`);
      expect(response?.status(), path).toBe(200);
      expect(response?.headers()['content-security-policy'], path).toContain("default-src 'none'");
      const violations = await seriousAccessibilityViolations(page);
      if (violations.length) found[path || 'index'] = violations;
      if (await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth > 390)) tooWide.push(path);
    }
    await context.close();
    expect(found).toEqual({});
    expect(tooWide).toEqual([]);
    expect(c.pageErrors).toEqual([]);
  });
});
