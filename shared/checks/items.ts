/**
 * The items a procedure requires (Law of 2008, art. 31 for a request for enforcement), each looked
 * for in the message: found, missing, or unclear when the checks cannot tell (the text is too short
 * to judge, the request may be a photo of a handwritten form, a hint was found in a doubtful place).
 */
import type { Procedure, RequiredItem } from '../procedures/catalog';
import type { ClassifiedAttachment } from './attachments';
import { findHits, type PreparedText } from './detect';
import type { ItemCheck } from './types';

export interface ItemsContext {
  /** Subject and own text of the message (quoted replies left out), prepared for the hints. */
  text: PreparedText;
  attachments: readonly ClassifiedAttachment[];
  /** Too few words to say that something is absent. */
  textTooShort: boolean;
}

const names = (files: readonly ClassifiedAttachment[]) => files.map((f) => `“${f.filename}”`).join(', ');

/** Files that may hold the request itself: a form, or a file whose name says nothing. */
export function filesThatMayHoldTheRequest(attachments: readonly ClassifiedAttachment[]): ClassifiedAttachment[] {
  return attachments.filter((a) => a.kind === 'request-form' || a.guessed);
}

function checkItem(item: RequiredItem, context: ItemsContext): Omit<ItemCheck, 'id' | 'label'> {
  const { detect } = item;
  if (detect.keywords.length + detect.patterns.length + detect.attachments.length === 0) {
    return { status: 'unclear', evidence: 'Không có gợi ý tự động cho mục này: công chức kiểm tra' };
  }
  const hits = findHits(context.text, detect);
  const found = hits.filter((h) => !h.excluded);
  const doubtful = hits.filter((h) => h.excluded);

  if (detect.attachments.length > 0) {
    const files = context.attachments.filter((a) => detect.attachments.includes(a.kind));
    const sure = files.filter((f) => !f.guessed);
    if (sure.length > 0) return { status: 'found', evidence: `Tệp đính kèm: ${names(sure)}` };
    if (files.length > 0) return { status: 'unclear', evidence: `Có thể là tệp ${names(files)} — cần xem` };
    const mention = found[0] ?? doubtful[0];
    if (mention !== undefined) return { status: 'unclear', evidence: `Thư nhắc tới: ${mention.excerpt} — nhưng không thấy tệp đính kèm tương ứng` };
    return { status: 'missing', evidence: 'Không thấy tệp đính kèm tương ứng' };
  }

  if (found.length > 0) return { status: 'found', evidence: found[0]!.excerpt };
  if (doubtful.length > 0) return { status: 'unclear', evidence: `Chỉ thấy: ${doubtful[0]!.excerpt} — có thể không phải mục này` };
  const holders = filesThatMayHoldTheRequest(context.attachments);
  if (holders.length > 0) return { status: 'unclear', evidence: `Không thấy trong thư; có thể nằm trong tệp ${names(holders)} — cần xem` };
  if (context.textTooShort) return { status: 'unclear', evidence: 'Thư quá ngắn để đánh giá — cần xem' };
  return { status: 'missing', evidence: 'Không thấy trong tiêu đề và nội dung thư' };
}

export function checkItems(procedure: Procedure, context: ItemsContext): ItemCheck[] {
  return procedure.requiredItems.map((item) => ({ id: item.id, label: item.label, ...checkItem(item, context) }));
}
