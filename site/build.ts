/**
 * `npm run build:site`: writes the public desk site into site/dist (or the folder given) from the
 * configuration: config/offices.json, config/procedures.json, config/legal-basis.json, config/calendars
 * and config/faq.json. Refuses, naming what is wrong, when any of them is invalid or incomplete.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import faqJson from '../config/faq.json';
import { bundledCalendarData } from '../shared/calendar';
import { officeDirectory } from '../shared/offices/default-directory';
import { procedureCatalog } from '../shared/procedures/default-catalog';
import { legalBasis } from '../shared/procedures/default-legal-basis';
import { answeredQuestions } from './faq';
import { generateDeskSite, type SiteFile } from './generate';
import type { DeskSiteInput } from './model';

export const SITE_DIR = fileURLToPath(new URL('.', import.meta.url));
export const SITE_DIST = join(SITE_DIR, 'dist');

/** The deployed configuration, as the site publishes it. */
export function deployedSiteInput(generatedAt = new Date()): DeskSiteInput {
  return {
    directory: officeDirectory,
    catalog: procedureCatalog,
    legalBasis,
    calendars: bundledCalendarData(),
    faq: answeredQuestions(faqJson, procedureCatalog),
    generatedAt,
  };
}

/** Generates every file first, then replaces the folder: a failed build leaves the last good site in place. */
export async function buildDeskSite(outDir = SITE_DIST, input: DeskSiteInput = deployedSiteInput()): Promise<SiteFile[]> {
  const files = await generateDeskSite(input);
  rmSync(outDir, { recursive: true, force: true });
  for (const file of files) {
    const target = join(outDir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.content);
  }
  return files;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = resolve(process.argv[2] ?? SITE_DIST);
  buildDeskSite(outDir).then(
    (files) => console.log(`public desk site: ${files.length} files in ${outDir}`),
    (error: Error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
