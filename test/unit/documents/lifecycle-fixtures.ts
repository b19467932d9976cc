/**
 * One request through its lifecycle: Nguyễn Văn An asks Phòng THADS khu vực 1 of Hồ Chí Minh City to enforce
 * judgment 123/2026/DS-PT. The notice and document tests share these facts.
 */
import { extractText, getDocumentProxy } from 'unpdf';
import type { CaseRecord } from '../../../shared/cases/model';
import { officeByCode, type Office } from '../../../shared/offices/directory';
import { officeDirectory } from '../../../shared/offices/default-directory';
import { procedureCatalog } from '../../../shared/procedures/default-catalog';
import { procedureSettings } from '../../../shared/workflow/procedure-settings';
import { legalBasis } from '../../../shared/procedures/default-legal-basis';
import { citationOf } from '../../../shared/procedures/legal-basis';

const office = (code: string): Office => {
  const found = officeByCode(officeDirectory, code);
  if (!found) throw new Error(`the demo directory has no office ${code}`);
  return found;
};

export const CASE_ID = 'HCMKV1-2026-000001';
export const TAG = `[${CASE_ID}]`;
export const MAIL_DOMAIN = officeDirectory.agency.mailDomain;
export const kv1 = office('HCMKV1');
export const kv2 = office('HCMKV2');
export const provincial = office('HCM');
export const AGENCY_NAME = provincial.name;

export const caseRecord: CaseRecord = {
  caseId: CASE_ID,
  office: 'HCMKV1',
  procedure: 'enforcement-request',
  status: 'awaiting-review',
  requester: { address: 'nguyenvanan.hcm@gmail.com', name: 'Nguyễn Văn An' },
  subject: 'Đơn yêu cầu thi hành án - Bản án số 123/2026/DS-PT',
  receivedAt: '2026-11-23T16:30:00+07:00',
  firstMessageId: '<CAHk3x9t+Qm7Lp0b2VnZ8Jm_1yWcRk4=uXo5s2PzA8dE@mail.gmail.com>',
  deadlines: {},
  breaches: [],
  lastSeq: 3,
  lastHash: 'a'.repeat(64),
  createdAt: '2026-11-23T16:30:02+07:00',
  updatedAt: '2026-11-23T16:30:03+07:00',
};

/** Monday 30/11/2026, the morning session of the office (08:00-11:30). */
export const mondayMorning = { start: '2026-11-30T08:00:00+07:00', end: '2026-11-30T11:30:00+07:00', session: 'sáng' };
/** Wednesday 02/12/2026, the afternoon session (13:30-16:30). */
export const wednesdayAfternoon = { start: '2026-12-02T13:30:00+07:00', end: '2026-12-02T16:30:00+07:00', session: 'chiều' };
/** Thursday 03/12/2026, the morning session. */
export const thursdayMorning = { start: '2026-12-03T08:00:00+07:00', end: '2026-12-03T11:30:00+07:00', session: 'sáng' };

export const bring = ['Bản chính Bản án số 123/2026/DS-PT', 'Căn cước công dân của người yêu cầu (bản chính)'];

export const decision = {
  number: '15/QĐ-THADS',
  issuedAt: '2026-12-04T10:00:00+07:00',
  signer: { name: 'Lê Văn Minh', title: 'Trưởng phòng' },
};

/** Stands in for a PDF where only the bytes matter: every byte value, so a MIME round trip that alters one shows. */
export const opaquePdf = Buffer.concat([Buffer.from('%PDF-1.7\n%âãÏÓ\n', 'latin1'), Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from('\n%%EOF\n')]);

/** The text of a PDF, every run of white space (line breaks included) as one space. */
export async function pdfText(pdf: Buffer): Promise<{ text: string; pages: number }> {
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const { text, totalPages } = await extractText(document, { mergePages: true });
  return { text: text.replace(/\s+/g, ' '), pages: totalPages };
}

/** The catalog's procedures as the notices read them (config/procedures.json). */
export const procedureOf = (code: string) => procedureSettings(procedureCatalog, code);
/** The request for enforcement, the procedure of the fixtures' case. */
export const procedure = procedureOf('enforcement-request');
/** A provision as the law in force on the day the fixtures' case was received cites it. */
export const citation = (provision: string) => citationOf(legalBasis, provision, caseRecord.receivedAt);
