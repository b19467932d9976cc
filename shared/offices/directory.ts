import * as z from 'zod';

/** "HH:MM" in the office's local time (Asia/Ho_Chi_Minh). */
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24-hour clock)');

const session = z
  .object({ from: clockTime, to: clockTime })
  .refine((s) => s.from < s.to, { message: 'a session must end after it starts' });

/** Office codes become part of case ids (<OFFICE>-<YYYY>-<NNNNNN>), so they carry no hyphen. */
const officeCode = z.string().regex(/^[A-Z][A-Z0-9]{1,15}$/, 'expected 2-16 capital letters or digits, starting with a letter');

/**
 * A telephone number as it is published: Vietnamese digits with optional spaces or dots, starting with 0
 * or +84 ("028 3822 0101", "1900 0000"). The site dials it with the spaces taken out (tel:).
 */
const phoneNumber = z.string().regex(/^(\+84 ?|0|1[89]00)[0-9 .]{3,14}[0-9]$/, 'expected a telephone number: digits, spaces or dots, starting with 0, +84, 1800 or 1900');

/**
 * A named contact officer of the one-stop desk (công chức đầu mối), whose name and telephone the agency
 * publishes (dispatch 1639/TCTHADS-NV3, seed 004). `demo`: a fictitious name shipped with the demo data,
 * which the public site marks as such.
 */
const contactOfficer = z.strictObject({
  name: z.string().trim().min(1, 'the name of the contact officer'),
  /** What they do at the desk, as the site shows it: "Công chức Bộ phận một cửa". */
  role: z.string().trim().min(1, 'the role of the contact officer, e.g. "Công chức Bộ phận một cửa"'),
  phone: phoneNumber.optional(),
  email: z.email().optional(),
  demo: z.boolean().optional(),
});

const office = z.object({
  code: officeCode,
  level: z.enum(['province', 'regional']),
  province: z.string().min(1),
  parent: officeCode.optional(),
  name: z.string().min(1),
  address: z.string().min(1),
  email: z.email(),
  phone: phoneNumber.optional(),
  /** The hotline (đường dây nóng) for questions about the desk's service (seed 002); published on the public site. */
  hotline: phoneNumber.optional(),
  /** The desk's contact officers (công chức đầu mối), published on the public site (seed 004). */
  contactOfficers: z.array(contactOfficer).optional(),
  procuracyEmail: z.email(),
  /** The procuracy at the office's level, as a letter addresses it: "Viện kiểm sát nhân dân khu vực 1 - Thành phố Hồ Chí Minh". */
  procuracyName: z.string().startsWith('Viện kiểm sát nhân dân').optional(),
  officeHours: z.array(session).min(1).optional(),
  /** The head of office as letters name them: the title of the signature block ("Trưởng phòng") and the name. They sign form 04. */
  headTitle: z.string().trim().min(1, 'the title of the head of office, as the signature block writes it'),
  headName: z.string().trim().min(1, 'the name of the head of office'),
  /** Who is told: the one-stop desk's officers (warnings, new cases) and the head of office (escalations). */
  staff: z.object({
    desk: z.email(),
    head: z.email(),
    /** Deputies the head named to sign decisions in their stead (their staff e-mail, as the token carries it); none by default. */
    decisionDeputies: z.array(z.email()).optional(),
  }),
  /** In-person appointments: half-day sessions and how many requesters each can receive. */
  appointments: z
    .object({
      sessions: z.array(z.object({ name: z.string().min(1), from: clockTime, to: clockTime })).min(1),
      capacityPerSession: z.number().int().positive(),
      /** Working days of notice before the first appointment offered (time to gather the originals; the reminder goes the working day before). */
      leadWorkingDays: z.number().int().min(0).max(10).optional(),
    })
    .optional(),
});

export const officeDirectorySchema = z
  .object({
    $comment: z.string().optional(),
    agency: z.object({
      name: z.string().min(1),
      mailDomain: z.string().min(3),
      senderAddress: z.email(),
      senderName: z.string().min(1),
      /**
       * The authority one level above the agency's top office (since 1/7/2025 the Cục Quản lý Thi hành án
       * dân sự, Ministry of Justice: domain brief): the public site names it as the top office's superior.
       */
      superior: z.strictObject({ name: z.string().trim().min(1), address: z.string().trim().min(1).optional(), source: z.string().trim().min(1) }).optional(),
    }),
    timeZone: z.literal('Asia/Ho_Chi_Minh'),
    defaultOfficeHours: z.array(session).min(1),
    defaultAppointments: z.object({
      sessions: z.array(z.object({ name: z.string().min(1), from: clockTime, to: clockTime })).min(1),
      capacityPerSession: z.number().int().positive(),
      /** Working days of notice before the first appointment offered (time to gather the originals; the reminder goes the working day before). */
      leadWorkingDays: z.number().int().min(0).max(10).optional(),
    }),
    offices: z.array(office).min(1),
  })
  .superRefine((dir, ctx) => {
    const codes = new Set<string>();
    const addresses = new Set<string>();
    dir.offices.forEach((o, i) => {
      if (codes.has(o.code)) ctx.addIssue({ code: 'custom', path: ['offices', i, 'code'], message: `duplicate office code ${o.code}` });
      codes.add(o.code);
      const address = o.email.toLowerCase();
      if (addresses.has(address)) ctx.addIssue({ code: 'custom', path: ['offices', i, 'email'], message: `address ${o.email} is used by two offices` });
      addresses.add(address);
      if (!address.endsWith(`@${dir.agency.mailDomain.toLowerCase()}`)) {
        ctx.addIssue({ code: 'custom', path: ['offices', i, 'email'], message: `${o.email} is not in the agency's mail domain ${dir.agency.mailDomain}` });
      }
    });
    dir.offices.forEach((o, i) => {
      if (o.parent && !codes.has(o.parent)) ctx.addIssue({ code: 'custom', path: ['offices', i, 'parent'], message: `unknown parent office ${o.parent}` });
    });
    if (!dir.agency.senderAddress.toLowerCase().endsWith(`@${dir.agency.mailDomain.toLowerCase()}`)) {
      ctx.addIssue({ code: 'custom', path: ['agency', 'senderAddress'], message: 'the sender address must be in the agency mail domain (the SES identity)' });
    }
  });

export type OfficeDirectory = z.infer<typeof officeDirectorySchema>;
export type Office = OfficeDirectory['offices'][number];
export type OfficeSession = z.infer<typeof session>;
export type ContactOfficer = z.infer<typeof contactOfficer>;

export class InvalidOfficeDirectory extends Error {
  override readonly name = 'InvalidOfficeDirectory';
}

/** Validates an office directory, naming every problem with its path so an agency can fix the file. */
export function parseOfficeDirectory(input: unknown, source = 'office directory'): OfficeDirectory {
  const result = officeDirectorySchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new InvalidOfficeDirectory(`${source} is invalid:\n${problems.join('\n')}`);
}

/** The office that owns a mailbox address, or undefined. Addresses compare case-insensitively. */
export function officeByAddress(directory: OfficeDirectory, address: string): Office | undefined {
  const wanted = address.trim().toLowerCase();
  return directory.offices.find((o) => o.email.toLowerCase() === wanted);
}

export function officeByCode(directory: OfficeDirectory, code: string): Office | undefined {
  return directory.offices.find((o) => o.code === code);
}

/** The office's working sessions of a day: its own hours, or the agency default. */
export function officeHours(directory: OfficeDirectory, office: Office): OfficeSession[] {
  return office.officeHours ?? directory.defaultOfficeHours;
}

/** The office's appointment sessions and capacity: its own, or the agency default. */
export function officeAppointments(directory: OfficeDirectory, office: Office): OfficeDirectory['defaultAppointments'] {
  return office.appointments ?? directory.defaultAppointments;
}

/** The office one level up (its parent), where a complaint about the head's decision is resolved; undefined for the top level. */
export function superiorOf(directory: OfficeDirectory, office: Office): Office | undefined {
  return office.parent ? officeByCode(directory, office.parent) : undefined;
}

/** Who signs for an office: its head, by title and name. */
export const headOf = (office: Office) => ({ title: office.headTitle, name: office.headName });
