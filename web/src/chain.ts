import type { TimelineEvent, VerifyReport } from './api/client';
import { dateTime, eventName } from './format';

/**
 * What `verify` found, in words: each event's chain status on the timeline, and the verdict that
 * names the first event edited, removed or reordered and every altered or missing document.
 */
/** The chain status of one event, from the verification of the whole timeline. */
export function chainStatus(event: Pick<TimelineEvent, 'seq'>, report: VerifyReport | undefined): { label: string; ok: boolean | undefined } {
  if (!report) return { label: 'Chưa kiểm tra chuỗi', ok: undefined };
  if (report.ok || !report.firstBreak) return { label: 'Chuỗi hợp lệ', ok: true };
  const at = report.firstBreak.seq;
  if (event.seq < at) return { label: 'Chuỗi hợp lệ', ok: true };
  if (event.seq === at) return { label: BREAK_WORDS[report.firstBreak.kind] ?? 'Chuỗi bị phá vỡ tại đây', ok: false };
  return { label: 'Không xác nhận được (sau chỗ chuỗi bị phá vỡ)', ok: false };
}

export const BREAK_WORDS: Record<string, string> = {
  edited: 'Bị sửa sau khi ghi',
  removed: 'Bị xóa khỏi dòng thời gian',
  reordered: 'Bị đảo thứ tự',
  relinked: 'Liên kết chuỗi bị thay đổi',
  added: 'Bị thêm vào sau',
  'case-edited': 'Hồ sơ bị sửa ngoài dòng thời gian',
};

/** The verdict of a verification, in one sentence, naming what failed. */
export function verdictOf(report: VerifyReport): { ok: boolean; headline: string; details: string[] } {
  const details: string[] = [];
  if (report.firstBreak) {
    const f = report.firstBreak;
    const found = f.found ? ` (${eventName(f.found.type ?? '')}, ${dateTime(f.found.at)})` : '';
    details.push(`Sự kiện số ${f.seq}${found}: ${(BREAK_WORDS[f.kind] ?? 'chuỗi bị phá vỡ').toLowerCase()}.`);
  }
  if (report.caseState === 'differs') details.push('Hồ sơ bị sửa ngoài dòng thời gian: trạng thái hiện tại khác với trạng thái đã ghi vào chuỗi.');
  for (const d of report.documents.broken) {
    details.push(d.problem === 'missing' ? `Tài liệu “${d.name}” (sự kiện số ${d.seq}) đã bị mất.` : `Tài liệu “${d.name}” (sự kiện số ${d.seq}) đã bị thay thế: mã băm không khớp.`);
  }
  const ok = report.ok && report.caseState !== 'differs' && report.documents.broken.length === 0;
  return {
    ok,
    headline: ok
      ? `Toàn vẹn: ${report.events} sự kiện khớp chuỗi băm, ${report.documents.checked} tài liệu khớp mã băm.`
      : 'KHÔNG toàn vẹn: dữ liệu hồ sơ đã bị thay đổi sau khi ghi.',
    details,
  };
}

