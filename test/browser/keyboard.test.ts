import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifecycleDriver } from '../e2e/support/lifecycle';
import { startConsole, type ConsoleUnderTest } from './support/console';
import { queueRow } from './support/desk';

/**
 * Issue 10, keyboard use: an officer opens a case from the queue and records a review with the
 * keyboard alone (Tab, Shift+Tab, Enter, the arrow keys in a radio group and a list), always seeing
 * where the focus is; the skip link leads to the main content; after moving to another page the
 * focus is on its heading.
 */
let c: ConsoleUnderTest;
const drive = lifecycleDriver(() => c.t);

beforeAll(async () => {
  c = await startConsole(21610);
});

afterAll(async () => {
  await c?.stop();
});

interface Focused {
  tag: string;
  id: string;
  name: string;
  type: string;
  checked: boolean;
  value: string;
  /** The focus ring as drawn: an outline at least 2px wide, not `none`. */
  outlined: boolean;
  /** Some of it is inside the window (the browser scrolls a focused element into view). */
  inView: boolean;
}

/** What has the focus, by the name a person would read on it (run in the page: the test's own compiler has no DOM types). */
const READ_FOCUS = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return { tag: 'body', id: '', name: '', type: '', checked: false, value: '', outlined: false, inView: false };
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const name = el.getAttribute('aria-label') ?? ((el.labels && el.labels[0] && el.labels[0].textContent) || el.textContent || '');
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    name: name.replace(/\\s+/g, ' ').trim(),
    type: typeof el.type === 'string' ? el.type : '',
    checked: el.checked === true,
    value: typeof el.value === 'string' ? el.value : '',
    outlined: style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2,
    inView: box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth && box.width > 0 && box.height > 0,
  };
})()`;

async function focused(page: Page): Promise<Focused> {
  return page.evaluate<Focused>(READ_FOCUS);
}

/** Presses Tab until `wanted` has the focus, checking that every stop on the way shows where the focus is. */
async function tabTo(page: Page, wanted: (f: Focused) => boolean, what: string, unseen: string[], max = 120): Promise<Focused> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (!f.outlined || !f.inView) unseen.push(`${f.tag}${f.id ? `#${f.id}` : ''} "${f.name.slice(0, 60)}"`);
    if (wanted(f)) return f;
  }
  throw new Error(`${what} was not reached in ${max} presses of Tab (last: ${JSON.stringify(await focused(page))})`);
}

describe('the console with the keyboard alone', () => {
  it('an officer skips to the content, opens a case from the queue and refuses it at review, the focus always visible', async () => {
    const { caseId } = await drive.openCase({
      from: { name: 'Đỗ Thị Mai', address: 'do.thi.mai@example.com' },
      to: 'kv2@hcm.thads.example',
      subject: 'Đơn yêu cầu thi hành án',
      text: 'Tôi yêu cầu thi hành Bản án số 55/2026/DS-ST.',
    });
    const page = await c.signIn({ role: 'officer', office: 'HCMKV2', name: 'Trần Thị Lan' });
    await page.getByRole('heading', { level: 1, name: 'Hàng đợi công việc' }).waitFor();
    await queueRow(page, caseId).waitFor();
    const unseen: string[] = [];

    // The first Tab of the page reaches the skip link, shown while it has the focus; Enter moves to the main content.
    await page.keyboard.press('Tab');
    const skip = await focused(page);
    expect(skip).toMatchObject({ tag: 'a', name: 'Bỏ qua tới nội dung chính', outlined: true, inView: true });
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).id).toBe('noi-dung');
    // From the main content the next stop is the page's own, not the menu again; Shift+Tab goes back to the header's last control.
    await page.keyboard.press('Tab');
    expect((await focused(page)).name).toBe('Tải lại');
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toMatchObject({ tag: 'button', name: 'Đăng xuất', outlined: true, inView: true });
    await page.keyboard.press('Tab');
    expect((await focused(page)).name).toBe('Tải lại');

    // The queue's link to the case, then Enter: the case page, with the focus on its heading.
    await tabTo(page, (f) => f.tag === 'a' && f.name === caseId, `the queue's link to ${caseId}`, unseen);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === `/ho-so/${caseId}`);
    await expect.poll(async () => (await focused(page)).name).toBe(`Hồ sơ ${caseId}`);
    expect(await focused(page)).toMatchObject({ tag: 'h1', outlined: true, inView: true });

    // The review's outcomes are a radio group: Tab enters it on the chosen one, the arrows move the choice.
    await tabTo(page, (f) => f.type === 'radio' && f.name === 'Tiếp nhận', 'the review form', unseen);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toMatchObject({ type: 'radio', name: 'Từ chối', checked: true, outlined: true });

    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'textarea', name: 'Lý do từ chối', outlined: true });
    await page.keyboard.type('Bản án chưa có hiệu lực pháp luật');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'select', name: expect.stringContaining('Căn cứ pháp lý') as unknown as string, value: '' });
    await page.keyboard.press('ArrowDown');
    const basis = (await focused(page)).value;
    expect(basis).not.toBe('');
    // Shift+Tab goes back to the reason, Tab forward again to the list, which kept its choice.
    await page.keyboard.press('Shift+Tab');
    expect((await focused(page)).name).toBe('Lý do từ chối');
    await page.keyboard.press('Tab');
    expect((await focused(page)).value).toBe(basis);

    const submit = await tabTo(page, (f) => f.tag === 'button' && f.name === 'Ghi nhận kết quả xem xét', 'the button that records the review', unseen);
    expect(submit.outlined).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Đã ghi nhận.' }).waitFor();

    const closed = await drive.closed(caseId);
    expect(closed.closure?.reason).toBe('refused');
    const review = (await c.t.cases.listEvents(caseId)).find((e) => e.type === 'step-completed' && e.data.step === 'review');
    expect(review?.data.outcome).toMatchObject({ outcome: 'refuse', reason: 'Bản án chưa có hiệu lực pháp luật', legalBasis: basis });
    expect(unseen).toEqual([]);
    expect(c.pageErrors).toEqual([]);
  });
});
