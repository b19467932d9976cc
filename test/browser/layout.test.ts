import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePdf } from '../../local/sample-pdf';
import { lifecycleDriver } from '../e2e/support/lifecycle';
import { LAPTOP, PHONE, startConsole, type ConsoleUnderTest } from './support/console';
import { actionForm, queueRow } from './support/desk';

/**
 * Issue 10, layout: on a 1366×768 office laptop and a 390×844 phone, the queue, a case page and the
 * dashboard never scroll sideways as a whole (a wide table scrolls inside its own box), and their main
 * actions are on screen, whole, once scrolled to.
 */
let c: ConsoleUnderTest;
const drive = lifecycleDriver(() => c.t);
let caseId: string;

beforeAll(async () => {
  c = await startConsole(21620);
  ({ caseId } = await drive.openCase({
    from: { name: 'Huỳnh Thị Thu Trang', address: 'huynh.thi.thu.trang.rat.dai@example.com' },
    to: 'kv2@hcm.thads.example',
    subject: 'Đơn yêu cầu thi hành án dân sự theo Bản án số 120/2026/DS-ST ngày 15/10/2026 của Tòa án nhân dân Khu vực 2',
    text: 'Tôi yêu cầu thi hành Bản án số 120/2026/DS-ST.',
    attachments: [{ filename: 'ban-an-so-120-2026-DS-ST-toa-an-nhan-dan-khu-vuc-2.pdf', content: samplePdf('Ban an so 120/2026/DS-ST'), contentType: 'application/pdf' }],
  }));
});

afterAll(async () => {
  await c?.stop();
});

/** How far the page as a whole scrolls sideways: 0 when it fits the window. */
const sidewaysScroll = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

/** The parts of the page wider than the window, to say what overflows when the check fails. */
const tooWide = (page: Page) =>
  page.evaluate<string[]>(`[...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    // a wide table scrolls in its box; what is positioned out of the flow escapes that box unless the box contains it
    .filter((el) => !el.closest('.table-wrap') || ['absolute', 'fixed'].includes(getComputedStyle(el).position))
    .slice(0, 8)
    .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '') + ' ' + Math.round(el.getBoundingClientRect().right) + 'px')`);

/** Scrolled to, the control is inside the window, whole. */
async function onScreen(page: Page, control: Locator): Promise<boolean> {
  await control.scrollIntoViewIfNeeded();
  const box = await control.boundingBox();
  const size = page.viewportSize()!;
  return !!box && box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width + 0.5 && box.y + box.height <= size.height + 0.5;
}

async function fits(page: Page, what: string): Promise<void> {
  const overflow = await sidewaysScroll(page);
  expect(overflow, `${what} scrolls sideways by ${overflow}px: ${(await tooWide(page)).join(', ')}`).toBeLessThanOrEqual(0);
}

describe('the console on an office laptop and on a phone', () => {
  for (const [size, viewport] of [['an office laptop (1366×768)', LAPTOP], ['a phone (390×844)', PHONE]] as const) {
    it(`the queue, a case page and the dashboard fit ${size}, their main actions on screen`, async () => {
      const officer = await c.signIn({ role: 'officer', office: 'HCMKV2', name: 'Trần Thị Lan' }, { viewport });
      await officer.getByRole('heading', { level: 1, name: 'Hàng đợi công việc' }).waitFor();
      await queueRow(officer, caseId).waitFor();
      await fits(officer, 'the queue');
      expect(await onScreen(officer, officer.getByRole('link', { name: caseId, exact: true }))).toBe(true);
      expect(await onScreen(officer, officer.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Tra cứu hồ sơ' }))).toBe(true);

      await officer.getByRole('link', { name: caseId, exact: true }).click();
      await officer.getByRole('heading', { level: 1, name: `Hồ sơ ${caseId}` }).waitFor();
      const review = actionForm(officer, 'Xem xét hồ sơ');
      await review.waitFor();
      await officer.getByTitle(/Xem tệp PDF/).first().waitFor();
      await fits(officer, 'the case page');
      expect(await onScreen(officer, review.getByRole('radio', { name: 'Tiếp nhận' }))).toBe(true);
      expect(await onScreen(officer, review.getByRole('button', { name: 'Ghi nhận kết quả xem xét' }))).toBe(true);

      const head = await c.signIn({ role: 'head', office: 'HCMKV2', name: 'Nguyễn Văn Bình' }, { viewport });
      await head.goto('/tong-quan');
      await head.getByRole('heading', { name: 'Khối lượng theo cán bộ' }).waitFor();
      await fits(head, 'the dashboard');
      // the server's figures: the one case, open and waiting for its review
      await expect.poll(() => head.getByRole('list', { name: 'Số liệu chính' }).textContent()).toContain('1 hồ sơ đang mở');
      expect(await onScreen(head, head.getByRole('list', { name: 'Số liệu chính' }))).toBe(true);
      expect(await onScreen(head, head.getByLabel('Tháng tính số hồ sơ quá hạn'))).toBe(true);
      expect(c.pageErrors).toEqual([]);
    });
  }
});
