import { foldDiacritics } from '../checks/fold';

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
