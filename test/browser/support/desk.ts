import type { Locator, Page } from 'playwright-core';

/**
 * What staff do in the console, by the roles and Vietnamese labels a person sees: shared by the
 * browser tests and the screenshots script, so that both drive the console the same way.
 */

/** An action form of the case page, by its heading. */
export const actionForm = (page: Page, title: string): Locator => page.getByRole('form', { name: title });

/** The queue's row of a case. */
export const queueRow = (page: Page, caseId: string): Locator => page.getByRole('row').filter({ has: page.getByRole('link', { name: caseId, exact: true }) });

/** Opens the work queue and, from it, the case page. */
export async function openFromQueue(page: Page, caseId: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Hàng đợi công việc' }).click();
  await page.getByRole('heading', { level: 1, name: 'Hàng đợi công việc' }).waitFor();
  await queueRow(page, caseId).getByRole('link', { name: caseId, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: `Hồ sơ ${caseId}` }).waitFor();
}

/**
 * Shows the case page as it is now. The workflow moves on after an action on its own; the tests wait
 * for the step it reached (over the API), then read the page again, as a person would reload it.
 */
export async function reloadCase(page: Page, caseId: string): Promise<void> {
  await page.goto(`/ho-so/${encodeURIComponent(caseId)}`);
  await page.getByRole('heading', { level: 1, name: `Hồ sơ ${caseId}` }).waitFor();
  await page.getByRole('heading', { name: 'Dòng thời gian' }).waitFor();
}

export async function acceptReview(page: Page): Promise<void> {
  const review = actionForm(page, 'Xem xét hồ sơ');
  await review.getByRole('radio', { name: 'Tiếp nhận' }).check();
  await review.getByRole('button', { name: 'Ghi nhận kết quả xem xét' }).click();
}

/** Ask for more: items ticked from the procedure's catalog, and others typed one a line. */
export async function askForMore(page: Page, items: { fromCatalog: number; others: string[] }): Promise<string[]> {
  const review = actionForm(page, 'Xem xét hồ sơ');
  await review.getByRole('radio', { name: 'Yêu cầu bổ sung' }).check();
  const catalog = review.getByRole('group', { name: 'Giấy tờ còn thiếu' });
  const boxes = catalog.getByRole('checkbox');
  await boxes.first().waitFor();
  const picked: string[] = [];
  for (let i = 0; i < (await boxes.count()); i++) {
    const box = boxes.nth(i);
    const label = ((await box.locator('xpath=..').textContent()) ?? '').trim();
    if (picked.length < items.fromCatalog) {
      await box.check();
      picked.push(label);
    } else await box.uncheck();
  }
  await review.getByLabel('Giấy tờ khác (mỗi dòng một loại)').fill(items.others.join('\n'));
  await review.getByRole('button', { name: 'Ghi nhận kết quả xem xét' }).click();
  return [...picked, ...items.others];
}

export async function recordVisitByPost(page: Page, postalAddress: string): Promise<void> {
  const visit = actionForm(page, 'Người yêu cầu đến cơ quan');
  await visit.getByRole('radio', { name: 'Đã đến, đã đối chiếu bản gốc' }).check();
  await visit.getByRole('group', { name: 'Bản gốc đã kiểm tra' }).getByRole('checkbox').first().check();
  await visit.getByLabel('Cách nhận kết quả').selectOption({ label: 'Gửi qua bưu điện' });
  await visit.getByLabel('Địa chỉ nhận qua bưu điện').fill(postalAddress);
  await visit.getByRole('button', { name: 'Ghi nhận buổi làm việc' }).click();
}

export async function issueDecision(page: Page, decision: { number: string; signer: string; pdf: Buffer; filename: string }): Promise<void> {
  const form = actionForm(page, 'Ra quyết định thi hành án');
  await form.getByLabel('Số quyết định').fill(decision.number);
  await form.getByLabel('Người ký').fill(decision.signer);
  await form.getByLabel('Tệp quyết định (PDF)').setInputFiles({ name: decision.filename, mimeType: 'application/pdf', buffer: decision.pdf });
  await form.getByRole('button', { name: 'Ghi nhận quyết định' }).click();
}

export async function handOverByPost(page: Page, receivedBy: string): Promise<void> {
  const form = actionForm(page, 'Trả kết quả');
  await form.getByLabel('Hình thức trả kết quả').selectOption({ label: 'Qua bưu điện' });
  await form.getByLabel('Người nhận').fill(receivedBy);
  await form.getByRole('button', { name: 'Ghi nhận đã trả kết quả' }).click();
}

/** The verdict of the integrity check of a case, as the verify page states it. */
export async function verifyCase(page: Page, caseId: string): Promise<Locator> {
  await page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Kiểm tra tính toàn vẹn' }).click();
  await page.getByLabel('Mã hồ sơ cần kiểm tra').fill(caseId);
  await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
  const verdict = page.getByRole('region', { name: /^Kết luận:/ });
  await verdict.waitFor();
  return verdict;
}

/** The timeline's entry of one event (by its number). */
export const timelineEntry = (page: Page, seq: number): Locator => page.getByRole('region', { name: 'Dòng thời gian' }).getByRole('listitem').filter({ hasText: new RegExp(`^#${seq} `) });
