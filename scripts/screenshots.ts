/**
 * `npm run screenshots`: starts a local stack serving the console, works sample cases in Chromium as
 * the desk would, and saves the pictures the README shows into docs/screenshots/. Uses the browser
 * tests' stack (ports 21230.., moved by MOTCUA_TEST_PORT_SHIFT) and their Chromium finder.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { ensureConsoleBuilt } from '../local/console/build-console';
import { samplePdf } from '../local/sample-pdf';
import { lifecycleDriver } from '../test/e2e/support/lifecycle';
import { startConsole, type ConsoleUnderTest } from '../test/browser/support/console';
import { acceptReview, issueDecision, openFromQueue, recordVisitByPost, reloadCase, verifyCase } from '../test/browser/support/desk';

const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const PORT_BASE = 21230;

const requests = [
  { from: { name: 'Lê Thị Hồng', address: 'le.thi.hong@example.com' }, text: 'Tôi yêu cầu thi hành Bản án số 41/2026/DS-ST của Tòa án nhân dân Khu vực 2.' },
  { from: { name: 'Trịnh Văn Nam', address: 'trinh.van.nam@example.com' }, text: 'Tôi yêu cầu thi hành Quyết định số 12/2026/QĐST-DS.' },
  { from: { name: 'Phan Thị Ngọc', address: 'phan.thi.ngoc@example.com' }, text: 'Tôi yêu cầu thi hành Bản án số 90/2026/DS-ST.' },
];

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(OUT, name), fullPage, animations: 'disabled' });
  console.log(`saved docs/screenshots/${name}`);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  await ensureConsoleBuilt((line) => console.log(line));
  let c: ConsoleUnderTest | undefined;
  try {
    c = await startConsole(PORT_BASE);
    const t = c.t;
    const drive = lifecycleDriver(() => t);
    const caseIds: string[] = [];
    for (const r of requests) {
      const attachments = [{ filename: 'ban-an.pdf', content: samplePdf('Ban an'), contentType: 'application/pdf' }];
      caseIds.push((await drive.openCase({ ...r, to: 'kv2@hcm.thads.example', subject: 'Đơn yêu cầu thi hành án', attachments })).caseId);
    }
    const [worked] = caseIds as [string];

    const officer = await c.signIn({ role: 'officer', office: 'HCMKV2', name: 'Trần Thị Lan' });
    await officer.getByRole('link', { name: worked, exact: true }).waitFor();
    await shot(officer, 'queue.png');

    await openFromQueue(officer, worked);
    await officer.getByRole('form', { name: 'Xem xét hồ sơ' }).waitFor();
    await shot(officer, 'case.png', true);

    await acceptReview(officer);
    await drive.waitingFor(worked, 'visit');
    await reloadCase(officer, worked);
    await recordVisitByPost(officer, 'Số 25 đường Kha Vạn Cân, phường Linh Đông');
    await drive.waitingFor(worked, 'decision');

    const head = await c.signIn({ role: 'head', office: 'HCMKV2', name: 'Nguyễn Văn Bình' });
    await reloadCase(head, worked);
    await issueDecision(head, { number: '77/QĐ-CCTHADS', signer: 'Nguyễn Văn Bình', pdf: samplePdf('Quyet dinh 77/QD-CCTHADS'), filename: 'quyet-dinh-77.pdf' });
    await drive.waitingFor(worked, 'handover');
    // A working day passes with the other two requests unreviewed: the dashboard shows them late.
    const late = await drive.waitingFor(caseIds[1]!, 'review');
    await drive.passTime(late.deadlines.review!.dueAt);
    await drive.event(caseIds[1]!, 'deadline-breached');
    await t.idle();
    await head.goto('/tong-quan');
    await head.getByRole('heading', { name: 'Khối lượng theo cán bộ' }).waitFor();
    await shot(head, 'head-dashboard.png', true);

    const auditor = await c.signIn({ role: 'auditor', scope: { kind: 'province', province: 'HCM' }, name: 'Lý Quốc Khánh' });
    await verifyCase(auditor, worked);
    await shot(auditor, 'auditor-verify.png');

    const phone = await c.signIn({ role: 'officer', office: 'HCMKV2', name: 'Trần Thị Lan' }, { viewport: { width: 390, height: 844 } });
    await phone.getByRole('link', { name: caseIds[1]!, exact: true }).waitFor();
    await shot(phone, 'queue-phone.png');
  } finally {
    await c?.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
