/**
 * Hints before review (issue 8, item 8): things an experienced officer looks at first, read from the request's
 * own words. They help the officer and decide nothing: each says what was seen and what to check.
 * The text is compared folded (without diacritics), as people often type without them.
 */
import { legalBasis as bundledLegalBasis } from '../procedures/default-legal-basis';
import { citationOf, limitCitation, type LegalBasisData } from '../procedures/legal-basis';
import { foldForComparison } from './fold';

export type ReviewHintKind = 'limitation' | 'first-instance' | 'not-a-party' | 'officer-change-delay' | 'not-read' | 'sender-not-in-judgment';

export interface ReviewHint {
  kind: ReviewHintKind;
  /** In Vietnamese, for the officer: what was seen and what to check. */
  message: string;
  /** The provision the hint relies on, as the law in force on the day of receipt cites it; verify when unconfirmed. */
  legalBasis?: { text: string; verify: boolean };
}

export interface ReviewHintInput {
  procedure: string;
  subject: string;
  /** The writer's own words (quoted lines removed). */
  text: string;
  attachmentNames: readonly string[];
  judgmentRefs: readonly string[];
  /** When the request was received: the limitation is measured to it, and the law cited is the one in force that day. */
  receivedAt?: Date;
  /** The procedure's limitation period in years (the catalog's limitationYears), when it has one. */
  limitationYears?: number;
  legalBasis?: LegalBasisData;
  /** What the reading of the attachments found in the judgment (shared/reading): hints, never facts. */
  readJudgment?: ReadJudgmentFacts;
  /** The sender's display name, as the mail gives it. */
  senderName?: string;
  /** What the reading step could not read, each said for the officer ("tệp X: lý do"). */
  notRead?: string[];
}

/** The few fields of a judgment read from its attachment that the hints use, each with where it was found. */
export interface ReadJudgmentFacts {
  attachment: string;
  date?: { value: string; confidence: number; where: { page: number } };
  effectiveDate?: { value: string; confidence: number; where: { page: number } };
  parties: Array<{ value: { role: string; name: string }; where: { page: number } }>;
}

/** "15/3/2019", "15-03-2019", "ngày 15 tháng 3 năm 2019" (folded), with the line it was on. */
const DATE = /(?:ngay\s*)?(\d{1,2})\s*(?:\/|-|\.|\s+thang\s+)\s*(\d{1,2})\s*(?:\/|-|\.|\s+nam\s+)\s*((?:19|20)\d{2})/g;
/** A line that dates the judgment: it names the judgment or decision, or when it took effect. */
const JUDGMENT_LINE = /\b(ban an|quyet dinh|hieu luc|tuyen an|xet xu)\b/;
/** Dates that are not the judgment's, on the same line: a birth date, an ID card's issue date. */
const NOT_JUDGMENT_DATE = /\b(sinh|cap ngay|ngay cap|cccd|cmnd|can cuoc)\b/;

/** The date a judgment took effect, or else its own date: the first date on a line that names the judgment. */
export function judgmentDateIn(text: string): { date: Date; tookEffect: boolean; written: string } | undefined {
  let found: { date: Date; tookEffect: boolean; written: string } | undefined;
  for (const line of text.split(/\r?\n/).map(foldForComparison)) {
    if (!JUDGMENT_LINE.test(line) || NOT_JUDGMENT_DATE.test(line)) continue;
    for (const match of line.matchAll(DATE)) {
      const [written, d, m, y] = match;
      const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)) - 7 * 3600_000); // midnight in Vietnam
      if (Number.isNaN(date.getTime()) || Number(m) < 1 || Number(m) > 12 || Number(d) < 1 || Number(d) > 31) continue;
      const tookEffect = /hieu luc/.test(line.slice(Math.max(0, (match.index ?? 0) - 40), match.index));
      if (tookEffect) return { date, tookEffect, written: written!.trim() };
      found ??= { date, tookEffect, written: written!.trim() };
    }
  }
  return found;
}

const dayText = (date: Date) => {
  const t = new Date(date.getTime() + 7 * 3600_000).toISOString();
  return `${t.slice(8, 10)}/${t.slice(5, 7)}/${t.slice(0, 4)}`;
};

function addYears(date: Date, years: number): Date {
  const next = new Date(date);
  next.setUTCFullYear(next.getUTCFullYear() + years);
  return next;
}

/** The right to request enforcement lapses some years after the judgment takes effect: say so when the date found is that old, or nearly. */
function limitationHint(input: ReviewHintInput, law: LegalBasisData): ReviewHint | undefined {
  if (input.procedure !== 'enforcement-request' || !input.limitationYears || !input.receivedAt) return undefined;
  const found = judgmentDateIn(`${input.subject}\n${input.text}`) ?? readJudgmentDate(input.readJudgment);
  if (!found) return undefined;
  const lapses = addYears(found.date, input.limitationYears);
  // Within half a year of lapsing, or lapsed.
  const soon = lapses.getTime() - input.receivedAt.getTime() < 183 * 24 * 3600_000;
  if (!soon) return undefined;
  const citation = limitCitation(law, input.procedure, 'limitationYears', input.receivedAt);
  const source = 'readFrom' in found ? ` (đọc từ tệp "${found.readFrom}", cần đối chiếu)` : '';
  const what = found.tookEffect ? `có hiệu lực từ ngày ${dayText(found.date)}` : `ngày ${dayText(found.date)} (ngày của bản án, quyết định; thời hiệu tính từ ngày có hiệu lực pháp luật)`;
  const state = lapses.getTime() <= input.receivedAt.getTime() ? `đã quá ${input.limitationYears} năm` : `sắp hết ${input.limitationYears} năm (đến ${dayText(lapses)})`;
  return {
    kind: 'limitation',
    message: `Bản án, quyết định ${what}${source}: ${state}. Kiểm tra thời hiệu yêu cầu thi hành án, và những khoảng thời gian không tính vào thời hiệu (trở ngại khách quan, hoãn, tạm đình chỉ) nếu người yêu cầu nêu.`,
    ...(citation ? { legalBasis: { text: citation.text, verify: citation.verify } } : {}),
  };
}

/** The date read from the attached judgment (the date it took effect, else its own), when the request's text names none. */
function readJudgmentDate(read: ReadJudgmentFacts | undefined): { date: Date; tookEffect: boolean; written: string; readFrom: string } | undefined {
  const field = read?.effectiveDate ?? read?.date;
  if (!read || !field || field.confidence < 0.5) return undefined;
  const [y, m, d] = field.value.split('-').map(Number);
  return { date: new Date(Date.UTC(y!, m! - 1, d!) - 7 * 3600_000), tookEffect: field === read.effectiveDate, written: field.value, readFrom: read.attachment };
}

/** A first-instance judgment ("…/DS-ST", "…/HNGĐ-ST", "…/QĐST-DS") may still be under appeal: its effect must be checked. */
function firstInstanceHint(input: ReviewHintInput): ReviewHint | undefined {
  if (input.procedure !== 'enforcement-request') return undefined;
  const firstInstance = input.judgmentRefs.filter((ref) => {
    const segments = foldForComparison(ref).toUpperCase().split('/').at(-1)!.split('-');
    const levels = segments.flatMap((s) => s.match(/ST|PT|GDT|TT/g) ?? []);
    return levels.includes('ST') && !levels.some((l) => l === 'PT' || l === 'GDT' || l === 'TT');
  });
  if (firstInstance.length === 0) return undefined;
  return {
    kind: 'first-instance',
    message: `${firstInstance.join(', ')} là bản án, quyết định sơ thẩm: có thể chưa có hiệu lực pháp luật (đang trong thời hạn kháng cáo, kháng nghị hoặc đã bị kháng cáo). Kiểm tra đã có hiệu lực chưa (xác nhận của Tòa án, hoặc bản án phúc thẩm) trước khi nhận yêu cầu.`,
  };
}

/** Words of someone writing for another person, and of a power of attorney. */
const FOR_ANOTHER = /\b(thay mat|thay cho|nop thay|gui thay|lam thay|yeu cau thay|dai dien cho|nho (toi|em|chau)|ho cho|giup (cho )?(me|bo|cha|ong|ba|anh|chi|em))\b/;
const POWER_OF_ATTORNEY = /\b(giay uy quyen|van ban uy quyen|hop dong uy quyen|duoc uy quyen|uy quyen)\b/;

/** A sender who writes for someone else and sends no power of attorney: only a party or their representative may ask. */
function notAPartyHint(input: ReviewHintInput): ReviewHint | undefined {
  if (input.procedure === 'complaint' || input.procedure === 'denunciation') return undefined;
  const text = foldForComparison(`${input.subject}\n${input.text}`);
  const seen = text.match(FOR_ANOTHER);
  if (!seen) return undefined;
  const files = input.attachmentNames.map(foldForComparison).join(' ').replace(/[-_.]/g, ' ');
  if (POWER_OF_ATTORNEY.test(text) || /\buy quyen\b/.test(files)) return undefined;
  return {
    kind: 'not-a-party',
    message: `Người gửi có vẻ gửi thay người khác ("${seen[0]}") và không thấy giấy ủy quyền. Chỉ đương sự hoặc người đại diện hợp pháp có quyền yêu cầu: đề nghị bổ sung văn bản ủy quyền hoặc giấy tờ chứng minh quyền đại diện.`,
  };
}

/** Slowness as the ground for changing the officer: not among the grounds for a change, it is rather a complaint. */
const SLOWNESS = /\b(cham tre|cham tien do|qua cham|cham chap|keo dai|khong giai quyet|khong thi hanh|de lau|tre hen)\b/;

function officerChangeDelayHint(input: ReviewHintInput, law: LegalBasisData): ReviewHint | undefined {
  if (input.procedure !== 'officer-change') return undefined;
  const seen = foldForComparison(`${input.subject}\n${input.text}`).match(SLOWNESS);
  if (!seen) return undefined;
  const citation = input.receivedAt ? citationOf(law, 'officer-change', input.receivedAt) : undefined;
  return {
    kind: 'officer-change-delay',
    message: `Lý do nêu là sự chậm trễ ("${seen[0]}"). Chậm trễ tự nó có thể không thuộc các trường hợp thay đổi Chấp hành viên (người thân của đương sự, đã tham gia với tư cách khác, có căn cứ không vô tư); kiểm tra lại căn cứ, và hướng dẫn khiếu nại hành vi của Chấp hành viên nếu phù hợp.`,
    ...(citation ? { legalBasis: { text: citation.text, verify: citation.verify } } : {}),
  };
}

/**
 * The sender's own name is not among the parties read from the judgment: only a party (or their
 * representative) may request enforcement. Said only when the judgment's parties were read and the
 * mail gives a name; names are compared folded, a name contained in a party's (or the other way) matches.
 */
function senderNotInJudgmentHint(input: ReviewHintInput): ReviewHint | undefined {
  if (input.procedure === 'complaint' || input.procedure === 'denunciation') return undefined;
  const parties = input.readJudgment?.parties ?? [];
  const sender = input.senderName ? foldForComparison(input.senderName) : '';
  if (parties.length === 0 || sender.split(' ').length < 2) return undefined;
  const named = parties.some((p) => {
    const party = foldForComparison(p.value.name);
    return party.includes(sender) || sender.includes(party);
  });
  if (named) return undefined;
  const names = parties.map((p) => `${p.value.name} (trang ${p.where.page})`).join(', ');
  return {
    kind: 'sender-not-in-judgment',
    message: `Tên người gửi ("${input.senderName}") không thấy trong các đương sự đọc được từ tệp "${input.readJudgment!.attachment}": ${names}. Kiểm tra người gửi có phải đương sự hoặc người đại diện hợp pháp (giấy ủy quyền) không.`,
  };
}

/** Attachments the reading step could not read (or the step itself failed): the officer opens them. */
function notReadHint(input: ReviewHintInput): ReviewHint | undefined {
  if (!input.notRead || input.notRead.length === 0) return undefined;
  return { kind: 'not-read', message: `Không đọc được tự động: ${input.notRead.join('; ')}. Công chức mở tệp để xem.` };
}

/** Every hint that applies to a request, in a fixed order. */
export function reviewHints(input: ReviewHintInput): ReviewHint[] {
  const law = input.legalBasis ?? bundledLegalBasis;
  return [notReadHint(input), limitationHint(input, law), firstInstanceHint(input), notAPartyHint(input), senderNotInJudgmentHint(input), officerChangeDelayHint(input, law)].filter(
    (h): h is ReviewHint => h !== undefined,
  );
}
