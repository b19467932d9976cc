import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signLocalToken } from '../../local/auth/local-keys';
import { localClientConfig } from '../../local/services/aws-local';
import { eventKey } from '../../shared/cases/keys';
import { LEDGER_SHEET } from '../../shared/reports/official-report-xlsx';
import { vietnameseDateTime, vietnamMonth, vietnamYear } from '../../shared/time/vietnam-time';
import { lifecycleDriver } from '../e2e/support/lifecycle';
import { startConsole, type ConsoleUnderTest } from './support/console';
import { reloadCase, timelineEntry, verifyCase } from './support/desk';

/** Issue 10: an auditor verifies a case, sees which event was tampered with, and downloads the half-year report. */
let c: ConsoleUnderTest;
let db: DynamoDBDocumentClient;
const drive = lifecycleDriver(() => c.t);

beforeAll(async () => {
  c = await startConsole(21220);
  db = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(c.t.stack.urls.dynamodb)), { marshallOptions: { removeUndefinedValues: true } });
});

afterAll(async () => {
  await c?.stop();
});

const citizen = { name: 'Vũ Thị Thu', address: 'vu.thi.thu@example.com' };

/** The desk's part, done over the API as the officer's console would: accepted, then the originals checked at the visit. */
async function caseReceivedInPerson(): Promise<string> {
  const { caseId } = await drive.openCase({ from: citizen, to: 'kv1@hcm.thads.example', subject: 'Đơn yêu cầu thi hành án', text: 'Tôi yêu cầu thi hành Bản án số 66/2026/DS-ST.' });
  const token = await signLocalToken(c.t.dataDir, { role: 'officer', office: 'HCMKV1', name: 'Đỗ Thị Mai' });
  const post = async (action: string, body: unknown) => {
    const response = await fetch(`${c.t.stack.urls.api}/cases/${caseId}/${action}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status, await response.text()).toBe(200);
  };
  await post('review', { outcome: 'accept' });
  await drive.waitingFor(caseId, 'visit');
  await post('visit', { action: 'received', collection: 'at-desk' });
  await drive.waitingFor(caseId, 'decision');
  await c.t.idle();
  return caseId;
}

describe('the auditor in the console', () => {
  it('verifies a case, sees the event an administrator edited named, and downloads the half-year report holding the case', async () => {
    const caseId = await caseReceivedInPerson();
    const auditor = await c.signIn({ role: 'auditor', scope: { kind: 'province', province: 'HCM' }, name: 'Lý Quốc Khánh' });

    const intact = await verifyCase(auditor, caseId);
    await expect.poll(() => intact.textContent()).toMatch(/^Kết luận: Toàn vẹn: \d+ sự kiện khớp chuỗi băm/);

    // Someone with write access to the table turns the accepted review into a refusal.
    const accepted = await drive.event(caseId, 'step-completed');
    expect(accepted.data).toMatchObject({ step: 'review', outcome: { outcome: 'accept' } });
    const item = (await db.send(new GetCommand({ TableName: c.t.names.table, Key: eventKey(caseId, accepted.seq) }))).Item!;
    await db.send(new PutCommand({ TableName: c.t.names.table, Item: { ...item, data: { ...item.data, outcome: { ...item.data.outcome, outcome: 'refuse' } } } }));

    await auditor.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
    const broken = auditor.getByRole('region', { name: /^Kết luận: KHÔNG toàn vẹn/ });
    await broken.waitFor();
    const named = broken.getByRole('listitem').filter({ hasText: `Sự kiện số ${accepted.seq} ` });
    await expect.poll(() => named.textContent()).toBe(`Sự kiện số ${accepted.seq} (Hoàn thành bước, ${vietnameseDateTime(new Date(accepted.at))}): bị sửa sau khi ghi.`);

    // The case's timeline marks the same event, and does not vouch for what follows it.
    await broken.getByRole('link', { name: `Xem dòng thời gian của hồ sơ ${caseId}` }).click();
    await auditor.getByRole('heading', { level: 1, name: `Hồ sơ ${caseId}` }).waitFor();
    await expect.poll(() => timelineEntry(auditor, accepted.seq).textContent()).toContain('Bị sửa sau khi ghi');
    expect(await timelineEntry(auditor, accepted.seq - 1).textContent()).toContain('Chuỗi hợp lệ');
    expect(await timelineEntry(auditor, accepted.seq + 1).textContent()).toContain('Không xác nhận được');

    // The half-year report of the office, downloaded as the browser saves it.
    const now = await drive.stackNow();
    const half = Number(vietnamMonth(now).slice(5, 7)) <= 6 ? `6 tháng đầu năm ${vietnamYear(now)}` : `6 tháng cuối năm ${vietnamYear(now)}`;
    await auditor.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Báo cáo và trích xuất' }).click();
    await auditor.getByRole('combobox', { name: /^Kỳ báo cáo/ }).selectOption({ label: half });
    await auditor.getByRole('combobox', { name: /^Phạm vi/ }).selectOption('office:HCMKV1');
    const [download] = await Promise.all([auditor.waitForEvent('download'), auditor.getByRole('button', { name: 'Tải báo cáo chính thức (XLSX)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await auditor.getByRole('status').filter({ hasText: `Đã tải về ${download.suggestedFilename()}.` }).waitFor();

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync((await download.path())!) as never);
    const ledger = workbook.getWorksheet(LEDGER_SHEET);
    expect(ledger, `the workbook has sheets ${workbook.worksheets.map((w) => w.name).join(', ')}`).toBeDefined();
    const ids = ledger!.getColumn(1).values.slice(2);
    expect(ids).toContain(caseId);
    expect(c.pageErrors).toEqual([]);
  });
});
