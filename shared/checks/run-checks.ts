/**
 * The automatic checks of a request, before the officer's review: a pure function of the message,
 * the catalog and the requester's open cases. Shown as a checklist on the case; it decides nothing.
 */
import { procedureByCode, type ProcedureCatalog, type ProcedureCode } from '../procedures/catalog';
import { classifyAttachments, type ClassifiedAttachment } from './attachments';
import { prepareText, wordCount } from './detect';
import { findDuplicates } from './duplicates';
import { checkItems, filesThatMayHoldTheRequest } from './items';
import { judgmentRefKey, judgmentRefsOf } from './judgment-refs';
import type { CaseReading } from '../reading/read-case-attachments';
import { likelyProcedure } from './likely-procedure';
import { checkSender } from './sender';
import { reviewHints } from './review-hints';
import type { Checklist, ChecksInput, Confidence, DuplicateCheck, ItemCheck, ReadingFacts, SenderCheck } from './types';
import { ownText } from './own-text';

/** Fewer words than this, and the checks do not say that an item is missing, only that it is unclear. */
export const SHORT_TEXT_WORDS = 30;

export { ownText };

export function runChecks(input: ChecksInput): Checklist {
  const { message, catalog } = input;
  const body = ownText(message.text);
  const filenames = message.attachments.map((a) => a.filename.normalize('NFC')).join('\n');

  const likely = likelyProcedure(catalog, prepareText(message.subject), prepareText(`${body}\n${filenames}`));
  const checkedProcedure = input.procedure ?? likely.code;
  const procedure = procedureByCode(catalog, checkedProcedure);
  if (procedure === undefined) throw new Error(`the catalog has no procedure ${checkedProcedure}`);

  const attachments = classifyAttachments(message.attachments);
  const items = checkItems(procedure, {
    text: prepareText(`${message.subject}\n${body}`),
    attachments,
    textTooShort: wordCount(body) < SHORT_TEXT_WORDS,
  });
  const sender = checkSender(message.authentication, message.from);
  const reading = readSummaryOf(input.reading);
  const readNumber = reading?.judgment?.number && reading.judgment.number.confidence >= 0.5 ? [reading.judgment.number.value] : [];
  const judgmentRefs = sharedOrAdded(judgmentRefsOf({ ...message, text: body }), readNumber);
  const receivedAt = message.receivedAt ?? input.now;
  const duplicates = findDuplicates(
    { subject: message.subject, judgmentRefs, ...(receivedAt === undefined ? {} : { receivedAt }) },
    input.openCasesOfRequester,
  );

  return {
    ...(input.now === undefined ? {} : { generatedAt: input.now.toISOString() }),
    likelyProcedure: likely,
    checkedProcedure,
    attachments: attachments.map(({ filename, kind, reason }) => ({ filename, kind, reason })),
    items,
    sender,
    duplicates,
    judgmentRefs,
    reviewHints: reviewHints({
      procedure: checkedProcedure,
      subject: message.subject,
      text: body,
      attachmentNames: message.attachments.map((a) => a.filename),
      judgmentRefs,
      ...(receivedAt === undefined ? {} : { receivedAt: new Date(receivedAt) }),
      ...(procedure.limitationYears === undefined ? {} : { limitationYears: procedure.limitationYears }),
      ...(reading?.judgment ? { readJudgment: reading.judgment } : {}),
      ...(message.from?.name ? { senderName: message.from.name } : {}),
      ...(input.reading ? { notRead: notReadOf(input.reading) } : {}),
    }),
    ...(reading ? { reading } : {}),
    summary: summarize({ catalog, likely: { code: likely.code, confidence: likely.confidence }, checkedProcedure, attachments, items, sender, duplicates }),
  };
}

/** The references of the message, then those read from its attachments that it does not name already. */
function sharedOrAdded(refs: string[], read: string[]): string[] {
  const keys = new Set(refs.map(judgmentRefKey));
  return [...refs, ...read.filter((r) => !keys.has(judgmentRefKey(r)))];
}

/** What the reading step read, as the checklist shows it; the words kept for the staff search stay on the case (shared/reading/search-words.ts). */
function readSummaryOf(reading: ReadingFacts | undefined): Omit<CaseReading, 'searchWords'> | undefined {
  if (!reading || !('attachments' in reading)) return undefined;
  const { searchWords: _words, ...summary } = reading as CaseReading;
  return summary;
}

/** What the reading could not read, for the officer: each attachment and why, or the step's own failure. */
function notReadOf(reading: ReadingFacts): string[] {
  if (!('attachments' in reading)) return [`bước đọc tệp đính kèm không hoàn thành (${reading.Error === 'States.Timeout' ? 'quá thời gian' : (reading.Error ?? 'lỗi')})`];
  return (reading as CaseReading).attachments.filter((a) => a.status !== 'read').map((a) => `tệp "${a.name}": ${a.problem ?? a.notRead.map((n) => `trang ${n.pages.join(', ')} (${n.why})`).join('; ')}`);
}

const CONFIDENCE_WORDS: Record<Confidence, string> = { high: 'cao', medium: 'trung bình', low: 'thấp' };
const SENDER_WORDS: Record<SenderCheck['status'], string> = {
  verified: 'đã xác thực địa chỉ',
  unverified: 'chưa xác thực được địa chỉ',
  failed: 'KHÔNG ĐẠT xác thực (có thể giả mạo)',
};

/** A label without its parenthesis: "Chữ ký hoặc điểm chỉ của người yêu cầu". */
const shortLabel = (label: string) => label.replace(/\s*\(.*$/, '').trim();

function attachmentsLine(attachments: readonly ClassifiedAttachment[]): string {
  if (attachments.length === 0) return 'Không có tệp đính kèm';
  const count = (predicate: (a: ClassifiedAttachment) => boolean) => attachments.filter(predicate).length;
  const judgments = count((a) => (a.kind === 'judgment-pdf' || a.kind === 'judgment-photo') && !a.guessed);
  const maybeJudgments = count((a) => (a.kind === 'judgment-pdf' || a.kind === 'judgment-photo') && a.guessed);
  const parts = [
    judgments > 0 ? `${judgments} bản án, quyết định` : '',
    maybeJudgments > 0 ? `${maybeJudgments} tệp có thể là bản án (chưa chắc)` : '',
    count((a) => a.kind === 'request-form') > 0 ? `${count((a) => a.kind === 'request-form')} đơn` : '',
    count((a) => a.kind === 'id-document') > 0 ? `${count((a) => a.kind === 'id-document')} giấy tờ tùy thân` : '',
    count((a) => a.kind === 'other') > 0 ? `${count((a) => a.kind === 'other')} tệp khác` : '',
  ].filter(Boolean);
  return `Tệp đính kèm: ${parts.join(', ')}`;
}

/** The summary names this many missing items and counts the rest: it is one line. */
const MISSING_NAMED = 3;

function itemsLine(items: readonly ItemCheck[], required: ReadonlySet<string>): string {
  const mandatory = items.filter((i) => required.has(i.id));
  const found = mandatory.filter((i) => i.status === 'found').length;
  const missing = mandatory.filter((i) => i.status === 'missing');
  const unclear = mandatory.filter((i) => i.status === 'unclear').length;
  const parts = [`Đơn: thấy ${found}/${mandatory.length} mục bắt buộc`];
  if (missing.length > 0) {
    const named = missing.slice(0, MISSING_NAMED).map((i) => shortLabel(i.label).toLowerCase());
    const more = missing.length > MISSING_NAMED ? ` và ${missing.length - MISSING_NAMED} mục khác` : '';
    parts.push(`thiếu ${named.join('; ')}${more}`);
  }
  if (unclear > 0) parts.push(`${unclear} mục chưa rõ`);
  return parts.join(', ');
}

interface SummaryFacts {
  catalog: ProcedureCatalog;
  likely: { code: ProcedureCode; confidence: Confidence };
  checkedProcedure: ProcedureCode;
  attachments: readonly ClassifiedAttachment[];
  items: readonly ItemCheck[];
  sender: SenderCheck;
  duplicates: readonly DuplicateCheck[];
}

/** One line for the officer, in Vietnamese, that always ends by saying the officer decides. */
function summarize(facts: SummaryFacts): string {
  const name = (code: ProcedureCode) => procedureByCode(facts.catalog, code)?.name ?? code;
  const procedure = procedureByCode(facts.catalog, facts.checkedProcedure);
  const required = new Set(procedure?.requiredItems.filter((i) => i.required).map((i) => i.id) ?? []);
  const sentences = [
    `Có vẻ là: ${name(facts.likely.code)} — độ tin cậy ${CONFIDENCE_WORDS[facts.likely.confidence]}` +
      (facts.checkedProcedure !== facts.likely.code ? `; hồ sơ đang theo thủ tục: ${name(facts.checkedProcedure)}` : ''),
    attachmentsLine(facts.attachments),
    itemsLine(facts.items, required),
    `Người gửi: ${SENDER_WORDS[facts.sender.status]}`,
  ];
  if (facts.duplicates.length > 0) {
    const likely = facts.duplicates.some((d) => d.likelihood === 'likely');
    sentences.push(`${likely ? 'Nhiều khả năng trùng' : 'Có thể trùng'} hồ sơ ${facts.duplicates.map((d) => d.caseId).join(', ')}`);
  }
  const mustLook =
    facts.items.some((i) => i.status === 'unclear') || facts.attachments.some((a) => a.guessed) || filesThatMayHoldTheRequest(facts.attachments).length > 0;
  if (mustLook) sentences.push('Công chức cần xem tệp đính kèm và nội dung thư để xác định các mục chưa rõ');
  sentences.push('Kết quả kiểm tra tự động chỉ để hỗ trợ, công chức xem xét và quyết định.');
  return sentences.join('. ').replace(/\s+/g, ' ');
}
