import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { lifecycleDriver } from '../e2e/support/lifecycle';
import { PHONE, seriousAccessibilityViolations, startConsole, type ConsoleUnderTest } from './support/console';
import { mintAccessToken } from '../../shared/citizen/access-token';

/** Issue 11: the requester's own pages on a phone, opened from the links of the letters they received. */
let c: ConsoleUnderTest;
const drive = lifecycleDriver(() => c.t);

beforeAll(async () => {
  c = await startConsole(21810);
});

afterAll(async () => {
  await c?.stop();
});

const citizen = { name: 'Đặng Thị Thu', address: 'dang.thi.thu@example.com' };

/** The link of a page in a letter of the case, as the requester's mail program shows it. */
async function linkIn(caseId: string, subjectPhrase: string, page: 'trang-thai' | 'danh-gia'): Promise<string> {
  const mail = await drive.mail(caseId, citizen.address, subjectPhrase);
  const link = new RegExp(`http://\\S+/${page}#[A-Za-z0-9_-]{43}`).exec(mail.body.text ?? '')?.[0];
  expect(link, `a /${page}# link in "${mail.subject}"`).toBeDefined();
  return link!;
}

/** A phone's page that records every script it loads. */
async function phonePage(): Promise<{ page: Page; scripts: string[]; scriptBytes: () => number }> {
  const page = await c.newPage({ viewport: PHONE });
  const scripts: string[] = [];
  let bytes = 0;
  page.on('response', async (response) => {
    if (response.request().resourceType() !== 'script') return;
    scripts.push(response.url());
    bytes += (await response.body().catch(() => Buffer.alloc(0))).length;
  });
  return { page, scripts, scriptBytes: () => bytes };
}

describe("the requester's pages on a phone (390×844)", () => {
  it('open the case status from the acknowledgement, rate the closed case once, refuse a second rating, and show nothing for a wrong token', async () => {
    const { caseId } = await drive.openCase({ from: citizen, to: 'kv1@hcm.thads.example', subject: 'Đơn yêu cầu thi hành án', text: 'Tôi yêu cầu thi hành Bản án số 71/2026/DS-ST.' });
    await c.t.idle();
    const statusLink = await linkIn(caseId, 'Xác nhận đã nhận', 'trang-thai');

    // The status page: its own small entry, without the staff console's code or its login library.
    const status = await phonePage();
    await status.page.goto(statusLink);
    await status.page.getByRole('heading', { name: 'Tình trạng hồ sơ' }).waitFor();
    await status.page.getByText(`Mã hồ sơ: ${caseId}`).waitFor();
    await status.page.getByText('Đang kiểm tra hồ sơ').waitFor();
    await status.page.getByRole('heading', { name: 'Việc Ông/Bà cần làm' }).waitFor();
    const deadlines = await status.page.getByRole('region', { name: 'Thời hạn' }).or(status.page.locator('section', { hasText: 'Thời hạn' })).first().innerText();
    expect(deadlines).toMatch(/Trả lời kết quả kiểm tra hồ sơ\s+Hạn: \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4} — /);
    await status.page.getByText(`Xác nhận đã nhận yêu cầu thi hành án [${caseId}]`).waitFor();
    expect(status.scripts.length).toBeGreaterThan(0);
    expect(status.scripts.filter((url) => /console|oidc|index-/i.test(url))).toEqual([]);
    expect(status.scriptBytes()).toBeLessThan(30_000);
    expect(await status.page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousAccessibilityViolations(status.page)).toEqual([]);

    // The desk refuses the request: the case closes, and the refusal carries the survey's link.
    await drive.act(caseId, 'review', { outcome: 'refuse', reason: 'Bản án chưa có hiệu lực pháp luật', legalBasis: 'Khoản 1 Điều 2 Luật Thi hành án dân sự' });
    await drive.closed(caseId);
    await c.t.idle();
    const surveyLink = await linkIn(caseId, 'từ chối', 'danh-gia');

    // Two pages of the survey open at once (a second tab, a second phone): the first rating counts, the second is refused.
    const first = await phonePage();
    const second = await phonePage();
    for (const { page } of [first, second]) {
      await page.goto(surveyLink);
      await page.getByRole('heading', { name: 'Đánh giá mức độ hài lòng' }).waitFor();
    }
    expect(first.scripts.filter((url) => /console|oidc|index-/i.test(url))).toEqual([]);
    expect(await seriousAccessibilityViolations(first.page)).toEqual([]);
    await first.page.getByLabel('4 — Hài lòng').check();
    await first.page.getByLabel(/^Góp ý/).fill('Cán bộ trả lời nhanh, hướng dẫn dễ hiểu.');
    await first.page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await first.page.getByText('Cảm ơn Ông/Bà đã đánh giá.').waitFor();

    await second.page.getByLabel('1 — Rất không hài lòng').check();
    await second.page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await second.page.getByText(/Hồ sơ này đã được đánh giá lúc \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}\. Mỗi hồ sơ chỉ được đánh giá một lần/).waitFor();

    // Opened again, the survey says it was answered, and offers no form.
    await second.page.goto('about:blank');
    await second.page.goto(surveyLink);
    await second.page.getByText('Hồ sơ này đã được đánh giá.').waitFor();
    expect(await second.page.getByRole('button', { name: 'Gửi đánh giá' }).count()).toBe(0);

    // The status page of the closed case says how it ended.
    await status.page.reload();
    await status.page.getByText('Hồ sơ không được tiếp nhận', { exact: false }).waitFor();

    // A wrong token shows nothing of any case.
    const stranger = await phonePage();
    const origin = new URL(statusLink).origin;
    for (const link of [`${origin}/trang-thai#${mintAccessToken().token}`, `${origin}/danh-gia#${mintAccessToken().token}`, `${origin}/trang-thai`]) {
      await stranger.page.goto('about:blank');
      await stranger.page.goto(link);
      await stranger.page.getByText('Không tìm thấy hồ sơ: liên kết không đúng hoặc đã hết hạn.', { exact: false }).waitFor();
      const text = await stranger.page.locator('main').innerText();
      expect(text).not.toContain(caseId);
      expect(text).not.toContain('Mã hồ sơ');
    }
    expect(c.pageErrors).toEqual([]);
  });
});
