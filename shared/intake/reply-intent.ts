/** Vietnamese folded to plain letters (no tone marks, đ → d), so "doi lich" matches "đổi lịch". */
export function foldVietnamese(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

/** Phrases of a requester asking for another appointment date, folded. */
const RESCHEDULE_PHRASES = ['doi lich', 'doi ngay', 'doi gio', 'doi buoi', 'doi lai lich', 'doi lai ngay', 'hen lai', 'lui lich', 'dich lich', 'ngay khac', 'buoi khac', 'khong den duoc', 'khong the den', 'khong the co mat', 'xin hoan'];

/**
 * Whether a reply asks to move the appointment. A hint, not a decision: a reply that does not
 * match stays on the timeline for the officer, who can move the appointment from the desk.
 */
export function asksToReschedule(subject: string, text: string): boolean {
  const folded = foldVietnamese(`${subject}\n${text.split(/\n>|\nOn .* wrote:|\nVào .* đã viết:/)[0] ?? ''}`);
  return RESCHEDULE_PHRASES.some((phrase) => folded.includes(phrase));
}
