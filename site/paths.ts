import { posix } from 'node:path';

/**
 * Where each page of the public desk site lives, as a path from the site's root. The pages are flat
 * files (co-quan/hcmkv1.html, not co-quan/hcmkv1/): a private S3 bucket behind CloudFront answers them
 * as they are, with no rewriting, and every link between pages is relative, so the same files work at
 * the root of their own distribution on AWS and under a prefix on the local server.
 */
export const PAGES = {
  home: 'index.html',
  offices: 'co-quan.html',
  procedures: 'thu-tuc.html',
  sendByEmail: 'gui-thu-dien-tu.html',
  forms: 'bieu-mau.html',
  faq: 'hoi-dap.html',
  caseStatus: 'tra-cuu-ho-so.html',
  stylesheet: 'site.css',
} as const;

export const officePage = (code: string) => `co-quan/${code.toLowerCase()}.html`;
export const procedurePage = (code: string) => `thu-tuc/${code}.html`;
export const formFile = (code: string) => `bieu-mau/don-${code}.pdf`;

/** The link from one page to another, relative to the first ("../index.html"). */
export function linkFrom(from: string, to: string): string {
  const [target, fragment] = to.split('#') as [string, string | undefined];
  const relative = posix.relative(posix.dirname(from), target) || posix.basename(target);
  return fragment === undefined ? relative : `${relative}#${fragment}`;
}
