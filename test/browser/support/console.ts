import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { formatAuditScope, type AuditScope, type Role } from '../../../shared/auth/principal';
import { startTestStack, type TestStack } from '../../e2e/support/test-stack';
import { findChromium } from './chromium';

/** Who signs in on the local login page: what it lets a developer pick. */
export interface Identity {
  role: Role;
  office?: string;
  scope?: AuditScope;
  name?: string;
}

/** The office laptop the issue names, and a phone (a common Android size). */
export const LAPTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

export interface ConsoleUnderTest {
  t: TestStack;
  browser: Browser;
  /** The console's address on the stack (the API's origin). */
  url: string;
  /** A page in a fresh browser context (its own session storage), signed in as nobody. */
  newPage(options?: { viewport?: { width: number; height: number } }): Promise<Page>;
  /** A fresh browser context, signed in as `who` through the local login page. */
  signIn(who: Identity, options?: { viewport?: { width: number; height: number } }): Promise<Page>;
  /** Errors the pages threw (uncaught exceptions): a console that throws is broken even if it looks fine. */
  pageErrors: string[];
  stop(): Promise<void>;
}

/**
 * Playwright gives up on an action or a wait after 30 s. Beside other test files on two cores a page of the
 * console has taken longer than that to render, and a slow page is not a wrong one: the bound only names a
 * hang, and the test's own timeout is the outer one.
 */
export const BUSY_MACHINE_TIMEOUT_MS = 150_000;

export function allowForABusyMachine(context: BrowserContext): void {
  context.setDefaultTimeout(BUSY_MACHINE_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(BUSY_MACHINE_TIMEOUT_MS);
}

/** A local stack serving the console, and Chromium to drive it. Fails (never skips) when there is no Chromium. */
export async function startConsole(portBase: number): Promise<ConsoleUnderTest> {
  const { executablePath } = findChromium();
  const t = await startTestStack(portBase);
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath });
  } catch (error) {
    await t.stop();
    throw error;
  }
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const url = t.stack.urls.console;
  const newPage: ConsoleUnderTest['newPage'] = async (options = {}) => {
    const context = await browser.newContext({ viewport: options.viewport ?? LAPTOP, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', acceptDownloads: true, baseURL: url });
    contexts.push(context);
    allowForABusyMachine(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    return page;
  };
  return {
    t,
    browser,
    url,
    pageErrors,
    newPage,
    async signIn(who, options = {}) {
      const page = await newPage(options);
      await page.goto('/_local/login');
      await page.getByLabel('Vai trò').selectOption(who.role);
      if (who.office) await page.getByLabel('Cơ quan (cán bộ, thủ trưởng)').selectOption(who.office);
      if (who.scope) await page.getByLabel('Phạm vi kiểm tra (kiểm tra viên)').selectOption(formatAuditScope(who.scope));
      if (who.name) await page.getByLabel('Họ và tên (không bắt buộc)').fill(who.name);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      // The signed-in page keeps the token and opens the console at its root.
      await page.waitForURL((address: URL) => !address.pathname.startsWith('/_local/'));
      await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
      return page;
    },
    async stop() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await t.stop();
    },
  };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** axe-core's serious and critical findings on the page as it is now (injected as source: no test framework glue). */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as { document: unknown; axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> } };
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')})`);
}
