import { vietnameseDateTime } from '../../shared/time/vietnam-time';

/**
 * How the console writes dates, times and durations: dates dd/mm/yyyy and times in Vietnam time
 * (the shared formatter, the one the letters use), working time left in plain words.
 */
const OFFSET_MS = 7 * 60 * 60 * 1000;

/** "16:30 ngày 13/02/2026", in Vietnam time whatever the browser's time zone. */
export const dateTime = (iso: string | undefined | null): string => (iso ? vietnameseDateTime(new Date(iso)) : '—');

/** "13/02/2026" for an instant (its day in Vietnam) or a YYYY-MM-DD date. */
export function date(value: string | undefined | null): string {
  if (!value) return '—';
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : new Date(new Date(value).getTime() + OFFSET_MS).toISOString().slice(0, 10);
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

/** "13/02/2026" (or 13/2/2026) as staff type a date: YYYY-MM-DD, or undefined when it is no real day. */
export function parseVietnameseDate(text: string): string | undefined {
  const match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!match) return undefined;
  const iso = `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
  const day = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(iso) ? iso : undefined;
}

/** Today's date YYYY-MM-DD in Vietnam. */
export const vietnamToday = (now = new Date()) => new Date(now.getTime() + OFFSET_MS).toISOString().slice(0, 10);

export interface TimeLeftInput {
  remainingWorkingMinutes: number;
  lateByWorkingMinutes: number;
  minutesPerDay: number;
  level: 'on-track' | 'warning' | 'breached';
}

function duration(minutes: number, minutesPerDay: number): string {
  const perDay = minutesPerDay > 0 ? minutesPerDay : 480;
  if (minutes >= perDay) {
    const days = Math.floor(minutes / perDay);
    const hours = Math.floor((minutes - days * perDay) / 60);
    return hours > 0 ? `${days} ngày ${hours} giờ làm việc` : `${days} ngày làm việc`;
  }
  if (minutes >= 60) return `${Math.floor(minutes / 60)} giờ làm việc`;
  return `${Math.max(1, Math.floor(minutes))} phút làm việc`;
}

/**
 * The working time left, as an officer reads it: "còn 3 giờ làm việc", "còn 2 ngày làm việc",
 * "quá hạn 1 ngày làm việc", or "quá hạn (sau giờ làm việc ngày đến hạn)" when the deadline passed
 * after office hours on its last day, which is late by no working minute yet.
 */
export function timeLeftWords(t: TimeLeftInput): string {
  if (t.level === 'breached') {
    return t.lateByWorkingMinutes > 0 ? `quá hạn ${duration(t.lateByWorkingMinutes, t.minutesPerDay)}` : 'quá hạn (từ cuối giờ làm việc ngày đến hạn)';
  }
  if (t.remainingWorkingMinutes <= 0) return 'đến hạn';
  return `còn ${duration(t.remainingWorkingMinutes, t.minutesPerDay)}`;
}

export const LEVEL_LABELS: Record<TimeLeftInput['level'], string> = { 'on-track': 'Trong hạn', warning: 'Sắp đến hạn', breached: 'Quá hạn' };

/** The steps a case waits for, as the desk names them. */
export const STEP_NAMES: Record<string, string> = {
  review: 'xem xét hồ sơ',
  'requester-reply': 'người yêu cầu bổ sung hồ sơ',
  visit: 'người yêu cầu đến nộp bản gốc',
  decision: 'ra quyết định thi hành án',
  handover: 'trả kết quả',
  registration: 'thụ lý đơn',
  answer: 'trả lời câu hỏi, phản ánh',
};
export const stepName = (step: string | null | undefined) => (step ? (STEP_NAMES[step] ?? step) : '—');

export const STATUS_NAMES: Record<string, string> = {
  received: 'Mới nhận',
  'awaiting-review': 'Chờ xem xét',
  reviewed: 'Đã xem xét',
  'awaiting-requester': 'Chờ bổ sung',
  'awaiting-visit': 'Chờ người yêu cầu đến',
  'received-in-person': 'Đã nhận bản gốc',
  'awaiting-decision': 'Chờ ra quyết định',
  decided: 'Đã có quyết định',
  'awaiting-handover': 'Chờ trả kết quả',
  'awaiting-registration': 'Chờ thụ lý',
  'awaiting-answer': 'Chờ trả lời',
  closed: 'Đã kết thúc',
};
export const statusName = (status: string) => STATUS_NAMES[status] ?? status;

export const EVENT_NAMES: Record<string, string> = {
  'message-received': 'Nhận thư',
  'case-opened': 'Mở hồ sơ',
  'request-registered': 'Tiếp nhận đơn qua bưu điện hoặc tại Bộ phận một cửa',
  'letter-for-post': 'Thư cần in và gửi qua bưu điện',
  'checks-completed': 'Kiểm tra tự động xong',
  'procedure-identified': 'Xác định thủ tục',
  'deadline-set': 'Đặt thời hạn',
  'step-awaiting': 'Chờ cán bộ xử lý',
  'step-completed': 'Hoàn thành bước',
  'deadline-breached': 'Quá hạn',
  warning: 'Cảnh báo sắp đến hạn',
  'notice-sent': 'Gửi thông báo',
  'delivery-status': 'Tình trạng gửi thư',
  'document-produced': 'Tạo văn bản',
  'clock-paused': 'Tạm dừng tính thời hạn',
  'clock-resumed': 'Tiếp tục tính thời hạn',
  'reply-received': 'Nhận thư trả lời',
  'appointment-booked': 'Đặt lịch hẹn',
  'appointment-missed': 'Người yêu cầu không đến hẹn',
  'visit-recorded': 'Ghi nhận người yêu cầu đến',
  'decision-recorded': 'Ghi nhận quyết định',
  'decision-handed-over': 'Trả quyết định',
  'procuracy-copy-sent': 'Gửi bản sao cho Viện kiểm sát',
  'delay-recorded': 'Ghi nhận chậm trả kết quả',
  reassigned: 'Giao lại hồ sơ',
  'sender-held': 'Tạm giữ: người gửi chưa xác minh',
  'sender-confirmed': 'Xác nhận người gửi',
  'desk-attention-needed': 'Cần bộ phận một cửa xem',
  'needs-attention': 'Quy trình dừng, cần xử lý',
  'workflow-failed': 'Quy trình lỗi',
  'workflow-resumed': 'Tiếp tục quy trình',
  'case-closed': 'Kết thúc hồ sơ',
};
export const eventName = (type: string) => EVENT_NAMES[type] ?? type;

/** Who did it, for the timeline. */
export function actorName(actor: { kind: string; component?: string; address?: string; id?: string; name?: string }): string {
  if (actor.kind === 'system') return 'Hệ thống';
  if (actor.kind === 'requester') return `Người yêu cầu (${actor.address ?? ''})`;
  return `Cán bộ ${actor.name ?? actor.id ?? ''}`.trim();
}
