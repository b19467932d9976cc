import { foldDiacritics } from '../checks/fold';
import type { CaseRecord } from '../cases/model';
import { procedureByCode, type ProcedureCatalog } from '../procedures/catalog';
import { procedureCatalog } from '../procedures/default-catalog';

/** Phrases of a requester asking for another appointment date, folded. */
const RESCHEDULE_PHRASES = ['doi lich', 'doi ngay', 'doi gio', 'doi buoi', 'doi lai lich', 'doi lai ngay', 'hen lai', 'lui lich', 'dich lich', 'ngay khac', 'buoi khac', 'khong den duoc', 'khong the den', 'khong the co mat', 'xin hoan'];

/**
 * Whether a reply asks to move the appointment. A hint, not a decision: a reply that does not
 * match stays on the timeline for the officer, who can move the appointment from the desk.
 */
export function asksToReschedule(subject: string, text: string): boolean {
  // folded to plain lower-case letters, so "doi lich" matches "đổi lịch"
  const folded = foldDiacritics(`${subject}\n${text.split(/\n>|\nOn .* wrote:|\nVào .* đã viết:/)[0] ?? ''}`).toLowerCase();
  return RESCHEDULE_PHRASES.some((phrase) => folded.includes(phrase));
}

/** Without a catalog setting, the requester may move an appointment twice by mail. */
const DEFAULT_RESCHEDULE_LIMIT = 2;

/**
 * Why a reply may no longer move the appointment, or undefined while it may: each move e-mails the
 * requester and takes a slot, so after the catalog's `rescheduleByReplyLimit` the desk decides.
 * The moves the requester asked for are the appointment's attempts beyond the first, less the
 * new dates that a missed appointment gave.
 */
export function rescheduleLimitReached(record: Pick<CaseRecord, 'procedure' | 'appointment'>, catalog: ProcedureCatalog = procedureCatalog): string | undefined {
  const limit = procedureByCode(catalog, record.procedure)?.rescheduleByReplyLimit ?? DEFAULT_RESCHEDULE_LIMIT;
  const moved = record.appointment ? record.appointment.attempt - 1 - record.appointment.missed : 0;
  if (moved < limit) return undefined;
  return `người yêu cầu đã đổi lịch hẹn ${moved} lần (giới hạn ${limit} lần theo danh mục thủ tục): công chức quyết định có đổi lịch nữa không`;
}
