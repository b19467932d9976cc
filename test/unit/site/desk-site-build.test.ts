import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromProjectRoot } from '../../../infra/paths';
import { parseOfficeDirectory } from '../../../shared/offices/directory';
import { UnpublishableDirectory } from '../../../shared/offices/publication';
import { buildDeskSite, deployedSiteInput } from '../../../site/build';
import { formFile, officePage, PAGES, procedurePage } from '../../../site/paths';

/**
 * The build check of the public desk site (issue 11): it is generated from the deployed configuration,
 * and every office and procedure that config/ lists is published with what the source documents ask.
 * The expectations read the JSON files themselves, not the generator's model, so a page the generator
 * forgets fails here.
 */
const raw = (file: string) => JSON.parse(readFileSync(fromProjectRoot('config', file), 'utf8'));
const offices = raw('offices.json').offices as Array<{ code: string; name: string; address: string; email: string; phone: string; hotline: string; parent?: string; contactOfficers: Array<{ name: string; demo?: boolean }> }>;
const procedures = raw('procedures.json').procedures as Array<{ code: string; name: string; result: { name: string }; fee?: { text: string } }>;
/** The site as a browser reads it: entities decoded, tags gone. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

const GENERATED_AT = new Date('2026-12-02T10:00:00+07:00');
let dir: string;
const page = (path: string) => readFileSync(join(dir, path), 'utf8');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'motcua-site-'));
  await buildDeskSite(dir, deployedSiteInput(GENERATED_AT));
}, 60_000);

describe('the public desk site built from config/', () => {
  it('publishes every office of config/offices.json: address, mailbox, telephone, hotline, named contact officers (marked as demo), the office one level up', () => {
    expect(offices.length).toBeGreaterThan(0);
    for (const office of offices) {
      const path = officePage(office.code);
      expect(existsSync(join(dir, path)), `${path} for ${office.code}`).toBe(true);
      const body = text(page(path));
      for (const fact of [office.name, office.address, office.email, office.phone, office.hotline]) expect(body, `${office.code}: ${fact}`).toContain(fact);
      for (const officer of office.contactOfficers) expect(body).toContain(officer.demo ? `${officer.name} (tên minh họa)` : officer.name);
      const superior = office.parent ? offices.find((o) => o.code === office.parent)!.name : raw('offices.json').agency.superior.name;
      expect(body).toContain(`Cơ quan cấp trên ${superior}`);
      expect(page(PAGES.offices)).toContain(officePage(office.code));
    }
  });

  it('publishes every procedure of config/procedures.json: its result, fee, time limits and a form to download', async () => {
    for (const procedure of procedures) {
      const path = procedurePage(procedure.code);
      expect(existsSync(join(dir, path)), `${path} for ${procedure.code}`).toBe(true);
      const body = text(page(path));
      expect(body).toContain(procedure.name);
      expect(body).toContain(procedure.result.name);
      expect(body).toContain(procedure.fee?.text ?? 'chưa công bố thông tin về phí');
      expect(body).toContain('Thời hạn');
      const form = readFileSync(join(dir, formFile(procedure.code)));
      expect(form.subarray(0, 5).toString()).toBe('%PDF-');
      expect(page(PAGES.forms)).toContain(formFile(procedure.code).replace('bieu-mau/', ''));
    }
  });

  it('shows a time limit, its counting rule and its legal basis with the "verify" marks of the data kept visible', () => {
    const body = text(page(procedurePage('enforcement-request')));
    // 5 working days for the decision: verify in procedures.json, and its article under Law 106/2025 is not identified yet.
    expect(body).toMatch(/Ra kết quả \(Quyết định thi hành án\) 5 ngày làm việc \(đang rà soát\) Không tính ngày nhận;[^|]*Bộ luật Dân sự số 91\/2015\/QH13, Điều 147 và Điều 148\) Luật Thi hành án dân sự số 106\/2025\/QH15, quy định về ra quyết định thi hành án theo yêu cầu \(đang rà soát\)/);
    // The one-working-day reply is the agency's own commitment (seed 002), not marked verify.
    expect(body).toMatch(/Trả lời thư: xác nhận tiếp nhận và hẹn ngày, hoặc hướng dẫn bổ sung 1 ngày làm việc Tính theo giờ làm việc/);
    // Art. 31 of the 2008 law is confirmed (no verify); art. 36 is not.
    expect(body).toContain('Điều 31 Luật Thi hành án dân sự 2008 (sửa đổi, bổ sung 2014, 2022): nội dung đơn yêu cầu thi hành án Điều 36');
    expect(body).toContain('ra quyết định thi hành án theo yêu cầu (đang rà soát)');
  });

  it('is static, Vietnamese and accessible by construction: no script, lang="vi", one h1, landmarks, a skip link, relative links only', () => {
    const pages = listFiles(dir).filter((f) => f.endsWith('.html'));
    expect(pages).toEqual(expect.arrayContaining([PAGES.home, PAGES.sendByEmail, PAGES.faq, PAGES.caseStatus, PAGES.forms]));
    for (const path of pages) {
      const html = page(path);
      expect(html.startsWith('<!doctype html>'), path).toBe(true);
      expect(html, path).toContain('<html lang="vi">');
      expect(html, path).not.toMatch(/<script/i);
      expect(html.match(/<h1[ >]/g), path).toHaveLength(1);
      for (const landmark of ['<header>', '<nav aria-label="Mục chính">', '<main id="noi-dung">', '<footer>']) expect(html, `${path} ${landmark}`).toContain(landmark);
      // Every link to another page resolves to a file of the site (mailto: and tel: aside).
      for (const [, href] of html.matchAll(/href="([^"]+)"/g)) {
        if (/^(mailto|tel):/.test(href!)) continue;
        expect(href, `${path}: ${href}`).not.toMatch(/^(\/|https?:)/);
        const target = join(dir, path, '..', href!.split('#')[0]!);
        expect(existsSync(target), `${path} links to ${href}`).toBe(true);
      }
    }
  });

  it('is light on a phone: each page under 20 KB compressed, the stylesheet under 3 KB', () => {
    for (const path of listFiles(dir).filter((f) => f.endsWith('.html'))) {
      expect(gzipSync(readFileSync(join(dir, path))).length, path).toBeLessThan(20_000);
    }
    expect(readFileSync(join(dir, PAGES.stylesheet)).length).toBeLessThan(3_000);
  });

  it('says where the case-status link is: in the acknowledgement e-mail', () => {
    expect(text(page(PAGES.caseStatus))).toContain('Đường liên kết để xem tình trạng hồ sơ có trong thư xác nhận đã nhận yêu cầu');
    expect(page(PAGES.home)).toContain(`href="${PAGES.caseStatus}"`);
  });

  it('gives each procedure a form (PDF) with its title and every item the request must contain', async () => {
    const { text: formText } = await extractText(await getDocumentProxy(new Uint8Array(readFileSync(join(dir, formFile('officer-change'))))), { mergePages: true });
    const flat = formText.replace(/\s+/g, ' ');
    expect(flat).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(flat).toContain('ĐƠN YÊU CẦU THAY ĐỔI CHẤP HÀNH VIÊN');
    for (const label of ['Họ, tên Chấp hành viên đang tổ chức thi hành', 'Lý do đề nghị thay đổi Chấp hành viên', 'NGƯỜI LÀM ĐƠN']) expect(flat).toContain(label);
  });
});

describe('a configuration the site cannot publish', () => {
  it('is refused, naming each gap by its path, and the last good site stays in place', async () => {
    // Prepare: an office without its hotline nor contact officers, and a site already built in the folder.
    const edited = structuredClone(raw('offices.json'));
    delete edited.offices[1].hotline;
    delete edited.offices[1].contactOfficers;
    const out = mkdtempSync(join(tmpdir(), 'motcua-site-'));
    mkdirSync(join(out, 'co-quan'));
    writeFileSync(join(out, PAGES.home), 'the last good site');

    // Act
    const build = buildDeskSite(out, { ...deployedSiteInput(GENERATED_AT), directory: parseOfficeDirectory(edited) });

    // Assess
    await expect(build).rejects.toThrow(UnpublishableDirectory);
    await expect(build).rejects.toThrow(/offices\.1 \(HCMKV1\)\.hotline: the hotline \(đường dây nóng\) is published/);
    await expect(build).rejects.toThrow(/offices\.1 \(HCMKV1\)\.contactOfficers: /);
    expect(readFileSync(join(out, PAGES.home), 'utf8')).toBe('the last good site');
  });

  it('refuses a contact officer without a name and a hotline that is not a telephone number, at load', () => {
    const edited = structuredClone(raw('offices.json'));
    edited.offices[2].contactOfficers[0].name = ' ';
    edited.offices[2].hotline = 'gọi cho chúng tôi';
    expect(() => parseOfficeDirectory(edited, 'config/offices.json')).toThrow(/offices\.2\.hotline: expected a telephone number[\s\S]*offices\.2\.contactOfficers\.0\.name: the name of the contact officer/);
  });
});

function listFiles(root: string, under = ''): string[] {
  return readdirSync(join(root, under), { withFileTypes: true }).flatMap((entry) => {
    const path = under ? `${under}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(root, path) : [path];
  });
}
