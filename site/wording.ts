/** The site's Vietnamese wording of what the configuration holds: hours, limits and how they are counted. */
import { LEGAL_COUNTING_SOURCE, type CountingRule } from '../shared/calendar';
import type { OfficeSession } from '../shared/offices/directory';
import type { LimitField, Procedure } from '../shared/procedures/catalog';

/** "08:00" → "8 giờ", "07:30" → "7 giờ 30". */
export function clock(time: string): string {
  const [hours, minutes] = time.split(':') as [string, string];
  return minutes === '00' ? `${Number(hours)} giờ` : `${Number(hours)} giờ ${minutes}`;
}

const SESSION_NAMES = ['Buổi sáng', 'Buổi chiều', 'Buổi tối'];

/** "Buổi sáng: từ 8 giờ đến 12 giờ", one line per session of the day. */
export const sessionLines = (sessions: readonly OfficeSession[]) =>
  sessions.map((s, i) => `${SESSION_NAMES[i] ?? `Ca ${i + 1}`}: từ ${clock(s.from)} đến ${clock(s.to)}`);

/**
 * The working week. The calendar's weekly rest is Saturday and Sunday (shared/calendar, isWeekend); days
 * off and make-up Saturdays come from the calendars, listed on each office's page.
 */
export const WORKING_WEEK = 'Từ thứ Hai đến thứ Sáu (trừ ngày nghỉ lễ, Tết; làm việc cả thứ Bảy làm bù theo lịch của Nhà nước)';

/** What each time limit of a procedure is, as a citizen asks it. */
export function limitLabel(field: LimitField, procedure: Procedure): string {
  switch (field) {
    case 'reviewWorkingDays':
      return 'Trả lời thư: xác nhận tiếp nhận và hẹn ngày, hoặc hướng dẫn bổ sung';
    case 'resultWorkingDays':
      return `Ra kết quả (${procedure.result.name})`;
    case 'refusalWorkingDays':
      return 'Thông báo từ chối bằng văn bản, nếu yêu cầu không được tiếp nhận';
    case 'procuracyCopyWorkingDays':
      return 'Gửi quyết định cho Viện kiểm sát cùng cấp';
    case 'requesterReplyWorkingDays':
      return 'Thời gian Ông/Bà bổ sung hồ sơ khi được hướng dẫn';
    case 'limitationYears':
      return 'Thời hiệu yêu cầu thi hành án (kể từ ngày bản án, quyết định có hiệu lực pháp luật)';
  }
}

/** How a limit in working days is counted, in words (the counting rule of the catalog and its source). */
export function countingText(rule: CountingRule | undefined): string {
  if (rule === 'legal') return `Không tính ngày nhận; hết hạn vào cuối giờ làm việc của ngày làm việc cuối cùng (${LEGAL_COUNTING_SOURCE})`;
  if (rule === 'working-hours') return 'Tính theo giờ làm việc của cơ quan, kể từ khi nhận thư (cam kết phục vụ của cơ quan)';
  return 'Tính theo năm dương lịch';
}

/** "2026-02-14" → "14/02/2026". */
export const dayMonthYear = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

/**
 * A calendar entry's reason without the English gloss the data carries for developers: "(New Year’s Day)"
 * and ", a Sunday" are dropped; Vietnamese parentheses ("(Chủ nhật 26/4)") stay.
 */
export function vietnameseReason(reason: string): string {
  return reason
    .replace(/\s*\(([\x20-\x7E’]*)\)/g, '')
    .replace(/,\s*[A-Za-z][A-Za-z ]*$/, '')
    .trim();
}
