import type { OfficeDirectory } from './directory';

/**
 * What the source documents ask an agency to publish about each office before the public desk site can
 * go out: its mailbox and address (seed 003), its telephone and the contact officers of the one-stop desk
 * (dispatch 1639/TCTHADS-NV3, seed 004), a hotline (seed 002), and, for the top office, the authority one
 * level up. The workflow needs none of these, so the directory accepts an office without them; the site
 * build refuses to publish one, naming each gap by its path in config/offices.json.
 */
export function publicationProblems(directory: OfficeDirectory): string[] {
  const problems: string[] = [];
  directory.offices.forEach((office, i) => {
    const at = `offices.${i} (${office.code})`;
    if (!office.phone) problems.push(`${at}.phone: the office's telephone number is published (seed 004); add it`);
    if (!office.hotline) problems.push(`${at}.hotline: the hotline (đường dây nóng) is published (seed 002); add it`);
    if (!office.contactOfficers?.length) {
      problems.push(`${at}.contactOfficers: the desk's contact officers (công chức đầu mối) are published with a telephone (seed 004); name at least one`);
    }
    office.contactOfficers?.forEach((officer, j) => {
      if (!officer.phone && !office.phone) problems.push(`${at}.contactOfficers.${j}.phone: ${officer.name} needs a telephone, or the office one`);
    });
  });
  if (directory.offices.some((o) => !o.parent) && !directory.agency.superior) {
    problems.push('agency.superior: the authority one level above the top office (Cục Quản lý Thi hành án dân sự) is published as where complaints about it go; add it');
  }
  return problems;
}

export class UnpublishableDirectory extends Error {
  override readonly name = 'UnpublishableDirectory';
}

/** Throws, listing every gap, when the directory lacks something the public desk site publishes. */
export function assertPublishable(directory: OfficeDirectory, source = 'config/offices.json'): void {
  const problems = publicationProblems(directory);
  if (problems.length > 0) throw new UnpublishableDirectory(`${source} lacks what the public desk site publishes:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}
