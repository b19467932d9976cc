import type { CalendarData } from '../shared/calendar';
import { officeHours, superiorOf, type Office, type OfficeDirectory, type OfficeSession } from '../shared/offices/directory';
import { lawInForce, limitCitation, type Citation, type Law, type LegalBasisData } from '../shared/procedures/legal-basis';
import { LIMIT_FIELDS, type LimitField, type Procedure, type ProcedureCatalog } from '../shared/procedures/catalog';
import { toVietnamIso } from '../shared/time/vietnam-time';
import type { AnsweredQuestion } from './faq';
import { dayMonthYear } from './wording';

/** What the site is generated from: the configuration, read and validated, and the day it is built. */
export interface DeskSiteInput {
  directory: OfficeDirectory;
  catalog: ProcedureCatalog;
  legalBasis: LegalBasisData;
  calendars: CalendarData;
  faq: AnsweredQuestion[];
  /** The build's date: the law in force and the year of the days off shown are those of this day. */
  generatedAt: Date;
}

export interface DeskSite extends DeskSiteInput {
  /** "02/12/2026", Vietnam time. */
  generatedOn: string;
  law: Law;
  /** The law before it, for requests received earlier (the catalog's citations may still name its articles). */
  previousLaw?: Law;
}

export function deskSite(input: DeskSiteInput): DeskSite {
  const day = toVietnamIso(input.generatedAt).slice(0, 10);
  const law = lawInForce(input.legalBasis, input.generatedAt);
  const previousLaw = input.legalBasis.laws.filter((l) => l.inForceFrom < law.inForceFrom).sort((a, b) => a.inForceFrom.localeCompare(b.inForceFrom)).at(-1);
  return { ...input, generatedOn: dayMonthYear(day), law, ...(previousLaw ? { previousLaw } : {}) };
}

export const hoursOf = (site: DeskSite, office: Office): OfficeSession[] => officeHours(site.directory, office);

/** The office one level up, or for the top office the authority above the agency. */
export function superiorName(site: DeskSite, office: Office): { office?: Office; name: string } | undefined {
  const parent = superiorOf(site.directory, office);
  if (parent) return { office: parent, name: parent.name };
  const superior = site.directory.agency.superior;
  return superior ? { name: superior.name } : undefined;
}

export interface PublishedLimit {
  field: LimitField;
  value: number;
  unit: 'ngày làm việc' | 'năm';
  verify: boolean;
  agencySetting: boolean;
  counting: Procedure['counting'][keyof Procedure['counting']] | undefined;
  /** The provision the limit relies on under the law in force on the build's day (config/legal-basis.json). */
  citation?: Citation;
}

/** Each time limit the catalog gives the procedure, with its counting rule and legal basis. */
export function publishedLimits(site: DeskSite, procedure: Procedure): PublishedLimit[] {
  return LIMIT_FIELDS.flatMap((field) => {
    const number = procedure.numbers[field];
    if (!number) return [];
    const citation = limitCitation(site.legalBasis, procedure.code, field, site.generatedAt);
    return [
      {
        field,
        value: number.value,
        unit: field === 'limitationYears' ? 'năm' : 'ngày làm việc',
        verify: number.verify,
        agencySetting: number.agencySetting,
        counting: number.counting,
        ...(citation ? { citation } : {}),
      } as PublishedLimit,
    ];
  });
}

export interface PublishedDayOff {
  from: string;
  through?: string;
  kind: 'off' | 'working';
  reason: string;
  verify: boolean;
  demo: boolean;
}

/**
 * The days off and make-up working days of an office in the build's year and after, as far as the
 * calendars go: the national schedule, the province's and the office's own days.
 */
export function publishedDays(site: DeskSite, office: Office): { years: number[]; days: PublishedDayOff[] } {
  const year = Number(toVietnamIso(site.generatedAt).slice(0, 4));
  const national = [...site.calendars.national.values()].filter((c) => c.year >= year);
  const local = [site.calendars.provinces.get(office.province), site.calendars.offices.get(office.code)].filter((c) => c !== undefined);
  const days = [
    ...national.flatMap((c) => c.days.map((d) => ({ d, demo: c.demo ?? false }))),
    ...local.flatMap((c) => c.days.filter((d) => Number(d.date.slice(0, 4)) >= year).map((d) => ({ d, demo: c.demo ?? false }))),
  ]
    .map(({ d, demo }): PublishedDayOff => ({ from: d.date, ...(d.through ? { through: d.through } : {}), kind: d.kind, reason: d.reason, verify: d.verify ?? false, demo }))
    .sort((a, b) => a.from.localeCompare(b.from));
  return { years: national.map((c) => c.year).sort(), days };
}
