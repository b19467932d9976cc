import type { Office } from '../offices/directory';
import type { WithdrawalRecord } from '../cases/model';
import { subjectTag } from '../cases/case-id';
import type { Citation } from '../procedures/legal-basis';
import { requesterLetter, taggedSubject, type CaseFacts, type Instant, type Notice, type ProcedureWording } from './common';
import { withinLimitation } from './guidance';
import { at, dayOf } from './format';

export interface WithdrawalFacts {
  caseRecord: CaseFacts;
  office: Office;
  procedure: ProcedureWording;
  /** The requester's written withdrawal, as the officer recorded it. */
  withdrawal: WithdrawalRecord;
  /** The provision of the law in force on the day of receipt that the letter relies on (config/legal-basis.json, `withdrawal`). */
  provision: Citation;
  /** Whether the file had been received in person (its originals are at the desk, to be returned). */
  receivedInPerson: boolean;
  closedAt: Instant;
}

const sentence = (text: string) => (/[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

const VIA: Record<WithdrawalRecord['via'], string> = {
  email: 'thư điện tử',
  letter: 'văn bản',
};

/**
 * Confirms to the requester that their written withdrawal was received and that the request ends without a
 * result: which writing, the legal basis, from when, that no decision was issued on it, and what they may do
 * (send a new request within the limitation period; say at once if they did not write it).
 */
export function withdrawalNotice({ caseRecord, office, procedure, withdrawal, provision, receivedInPerson, closedAt }: WithdrawalFacts): Notice {
  if (!withdrawal.reference.trim()) throw new RangeError(`the withdrawal of ${caseRecord.caseId} names the requester's writing`);
  const id = caseRecord.caseId;
  const text = requesterLetter(caseRecord, procedure, office, [
    `Ngày ${dayOf(withdrawal.recordedAt)}, ${office.name} đã nhận ${VIA[withdrawal.via]} của Ông/Bà đề nghị rút ${procedure.requestName} (mã hồ sơ ${id}; thủ tục: ${procedure.name}).`,
    `Văn bản được ghi nhận: ${sentence(withdrawal.reference)}`,
    ...(withdrawal.reason ? [`Lý do Ông/Bà nêu: ${sentence(withdrawal.reason)}`] : []),
    '',
    `Căn cứ ${provision.text}, ${office.name} chấp nhận việc Ông/Bà rút ${procedure.requestName} và kết thúc giải quyết hồ sơ mã ${id} từ ${at(closedAt)}. Chưa có kết quả giải quyết (${procedure.result}) nào được ban hành theo ${procedure.requestName} này.`,
    ...(receivedInPerson ? [`Bản chính giấy tờ Ông/Bà đã nộp tại Bộ phận một cửa được trả lại khi Ông/Bà đến nhận tại ${office.address}, trong giờ làm việc.`] : []),
    '',
    'Ông/Bà có thể:',
    `  - Gửi ${procedure.requestName} mới qua thư điện tử ${office.email} hoặc nộp trực tiếp tại ${office.address}${withinLimitation(procedure)}.`,
    `  - Nếu Ông/Bà không đề nghị rút ${procedure.requestName}, xin trả lời ngay thư này và giữ nguyên mã hồ sơ ${subjectTag(id)} trong tiêu đề thư.`,
  ]);
  return { subject: taggedSubject(`Thông báo về việc rút ${procedure.requestName}`, id), text };
}
