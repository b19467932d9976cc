import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePdf } from '../../local/sample-pdf';
import { lifecycleDriver } from '../e2e/support/lifecycle';
import { sha256Hex } from '../../shared/timeline/hash-chain';
import { toVietnamIso } from '../../shared/time/vietnam-time';
import { startConsole, type ConsoleUnderTest } from './support/console';

/** Issue 11: an officer registers a request received by post, with its PDF scan, and lands on its case. */
let c: ConsoleUnderTest;
const drive = lifecycleDriver(() => c.t);

beforeAll(async () => {
  c = await startConsole(22210);
});

afterAll(async () => {
  await c?.stop();
});

describe('registering a postal request in the console', () => {
  it('uploads the scan, opens the case from the real receipt, and shows the letter to print for a requester without e-mail', async () => {
    const officer = await c.signIn({ role: 'officer', office: 'HCMKV1', name: 'Đỗ Thị Mai' });
    await officer.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Tiếp nhận hồ sơ' }).click();
    await officer.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ qua bưu điện hoặc tại Bộ phận một cửa' }).waitFor();

    // received an hour ago (whatever the hour now), typed as the desk writes dates: dd/mm/yyyy
    const received = toVietnamIso(new Date((await drive.stackNow()).getTime() - 3600 * 1000));
    const day = `${received.slice(8, 10)}/${received.slice(5, 7)}/${received.slice(0, 4)}`;
    await officer.getByLabel('Qua bưu điện').check();
    await officer.getByLabel('Ngày dấu bưu điện (dd/mm/yyyy)').fill(day);
    await officer.getByLabel('Ngày nhận (dd/mm/yyyy)').fill(day);
    await officer.getByLabel('Giờ nhận').fill(received.slice(11, 16));
    await officer.getByLabel('Họ và tên (hoặc tên tổ chức)').fill('Vũ Thị Ngọc');
    await officer.getByLabel('Địa chỉ liên hệ').fill('Số 21 đường Nguyễn Trãi, phường Bến Thành');
    const scan = samplePdf('Don yeu cau thi hanh an - Vu Thi Ngoc');
    await officer.getByLabel(/Bản quét đơn/).setInputFiles({ name: 'Đơn yêu cầu - Vũ Thị Ngọc.pdf', mimeType: 'application/pdf', buffer: scan });
    await officer.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();

    await officer.waitForURL(/\/ho-so\/HCMKV1-\d{4}-\d{6}$/);
    const caseId = decodeURIComponent(new URL(officer.url()).pathname.split('/').pop()!);
    await officer.getByRole('heading', { level: 1, name: `Hồ sơ ${caseId}` }).waitFor();
    const record = await drive.waitingFor(caseId, 'review');
    expect(record.receivedAt).toBe(`${received.slice(0, 16)}:00+07:00`);
    expect(record.channel).toMatchObject({ kind: 'post', registeredBy: 'Đỗ Thị Mai' });
    const registered = (await c.t.cases.listEvents(caseId)).find((e) => e.type === 'request-registered')!;
    expect(registered.data.attachments).toEqual([expect.objectContaining({ name: 'Đơn yêu cầu - Vũ Thị Ngọc.pdf', sha256: sha256Hex(scan) })]);

    // the acknowledgement is a letter to print: the page lists it for the officer
    await drive.event(caseId, 'letter-for-post');
    await officer.reload();
    const letters = officer.getByRole('region', { name: 'Thư cần in và gửi qua bưu điện' });
    await letters.getByRole('link', { name: /Thư gửi qua bưu điện/ }).first().waitFor();
    expect(c.pageErrors).toEqual([]);
  });

  it('says in Vietnamese what is wrong with a date before anything is sent', async () => {
    const officer = await c.signIn({ role: 'officer', office: 'HCMKV1', name: 'Đỗ Thị Mai' });
    await officer.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Tiếp nhận hồ sơ' }).click();
    await officer.getByLabel('Ngày dấu bưu điện (dd/mm/yyyy)').fill('31/02/2026');
    await officer.getByLabel('Ngày nhận (dd/mm/yyyy)').fill('2026-12-01');
    await officer.getByLabel('Giờ nhận').fill('09:00');
    await officer.getByLabel('Họ và tên (hoặc tên tổ chức)').fill('Vũ Thị Ngọc');
    await officer.getByLabel('Địa chỉ liên hệ').fill('Số 21 đường Nguyễn Trãi');
    await officer.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await officer.getByRole('alert').filter({ hasText: 'Nhập ngày nhận theo dạng dd/mm/yyyy' }).waitFor();
    expect(officer.url()).toContain('/tiep-nhan');
  });
});
