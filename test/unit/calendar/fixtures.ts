import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseOfficeDirectory, type OfficeDirectory } from '../../../shared/offices/directory';
import { parseInstant } from '../../../shared/calendar';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The demo office directory: HCM and HCMKV1 keep 08:00-12:00, 13:00-17:00; HCMKV2 opens 07:30-11:30, 13:00-17:00. */
export const directory: OfficeDirectory = parseOfficeDirectory(JSON.parse(readFileSync(`${repoRoot}config/offices.json`, 'utf8')));

/** A Vietnam local time written as "2026-02-13 16:30" (tests read like the desk's register). */
export function vn(text: string): Date {
  const ms = parseInstant(text.replace(' ', 'T'));
  if (ms === undefined) throw new Error(`bad test time ${text}`);
  return new Date(ms);
}

/** The same, as the ISO string a deadline holds. */
export function iso(text: string): string {
  const [date, time] = text.split(' ');
  return `${date}T${time}:00+07:00`;
}
