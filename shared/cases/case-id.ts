/** Human case ids: <OFFICE>-<YYYY>-<NNNNNN>, numbered per office and per year of receipt. */
const CASE_ID = /^([A-Z][A-Z0-9]{1,15})-(\d{4})-(\d{6})$/;

export function formatCaseId(office: string, year: number, serial: number): string {
  if (!Number.isInteger(serial) || serial < 1 || serial > 999_999) {
    throw new RangeError(`case serial ${serial} is outside 1..999999 for ${office} in ${year}`);
  }
  return `${office}-${year}-${String(serial).padStart(6, '0')}`;
}

export function parseCaseId(id: string): { office: string; year: number; serial: number } | undefined {
  const match = CASE_ID.exec(id);
  if (!match) return undefined;
  return { office: match[1]!, year: Number(match[2]), serial: Number(match[3]) };
}

/** Every message the system sends carries "[<case id>]" in its subject, so replies thread back. */
const SUBJECT_TAG = /\[([A-Z][A-Z0-9]{1,15}-\d{4}-\d{6})\]/g;

export function caseIdsInSubject(subject: string): string[] {
  return [...subject.matchAll(SUBJECT_TAG)].map((m) => m[1]!);
}

export const subjectTag = (caseId: string) => `[${caseId}]`;
