/**
 * The public desk site, generated from the configuration: every page as static HTML (React's
 * renderToStaticMarkup, no script), the stylesheet, and a request form (PDF) per procedure. Pure: the
 * same configuration and date give the same files.
 */
import { readFileSync } from 'node:fs';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { assertPublishable } from '../shared/offices/publication';
import { deskSite, type DeskSiteInput } from './model';
import { CaseStatusPage } from './pages/case-status';
import { FaqPage } from './pages/faq';
import { FormsPage } from './pages/forms';
import { HomePage } from './pages/home';
import { OfficePage, OfficesPage } from './pages/offices';
import { ProcedurePage, ProceduresPage } from './pages/procedures';
import { SendByEmailPage } from './pages/send-by-email';
import { formFile, officePage, PAGES, procedurePage } from './paths';
import { requestFormPdf } from './request-form';

export interface SiteFile {
  /** From the site's root: "co-quan/hcmkv1.html". */
  path: string;
  content: string | Buffer;
}

const STYLESHEET = readFileSync(new URL('./site.css', import.meta.url), 'utf8');

const html = (page: ReactElement) => `<!doctype html>\n${renderToStaticMarkup(page)}\n`;

export async function generateDeskSite(input: DeskSiteInput): Promise<SiteFile[]> {
  assertPublishable(input.directory);
  const site = deskSite(input);
  const pages: SiteFile[] = [
    { path: PAGES.home, content: html(<HomePage site={site} />) },
    { path: PAGES.offices, content: html(<OfficesPage site={site} />) },
    ...site.directory.offices.map((office) => ({ path: officePage(office.code), content: html(<OfficePage site={site} office={office} />) })),
    { path: PAGES.procedures, content: html(<ProceduresPage site={site} />) },
    ...site.catalog.procedures.map((procedure) => ({ path: procedurePage(procedure.code), content: html(<ProcedurePage site={site} procedure={procedure} />) })),
    { path: PAGES.sendByEmail, content: html(<SendByEmailPage site={site} />) },
    { path: PAGES.forms, content: html(<FormsPage site={site} />) },
    { path: PAGES.faq, content: html(<FaqPage site={site} />) },
    { path: PAGES.caseStatus, content: html(<CaseStatusPage site={site} />) },
    { path: PAGES.stylesheet, content: STYLESHEET },
  ];
  const forms = await Promise.all(site.catalog.procedures.map(async (p) => ({ path: formFile(p.code), content: await requestFormPdf(p, site.generatedAt) })));
  return [...pages, ...forms];
}
