import type { Office } from '../offices/directory';
import { subjectTag } from '../cases/case-id';
import { requesterLetter, taggedSubject, type CaseFacts, type Instant, type Notice, type ProcedureWording } from './common';
import { notLost, withinLimitation } from './guidance';
import { at, dayOf, slotText, type AppointmentSlot } from './format';

/** Why an online file is closed without a decision. */
export type ClosingReason =
  /** The guidance asked for more and no reply came in time. */
  | { kind: 'no-reply'; guidanceSentAt: Instant; replyDueAt: Instant }
  /** The requester missed the appointment and the one slot offered after it. */
  | { kind: 'missed-appointments'; missed: AppointmentSlot[] }
  /** The requester withdrew the request. */
  | { kind: 'withdrawn'; withdrawnAt: Instant };

export interface ClosingFacts {
  caseRecord: CaseFacts;
  office: Office;
  procedure: ProcedureWording;
  reason: ClosingReason;
  closedAt: Instant;
}

function whyClosed(reason: ClosingReason, caseId: string, procedure: ProcedureWording): string[] {
  switch (reason.kind) {
    case 'no-reply':
      return [
        `Ngày ${dayOf(reason.guidanceSentAt)}, chúng tôi đã đề nghị Ông/Bà bổ sung hồ sơ, với thời hạn bổ sung đến ${at(reason.replyDueAt)}. Đến hết thời hạn này, chúng tôi chưa nhận được thư bổ sung của Ông/Bà.`,
      ];
    case 'missed-appointments':
      if (reason.missed.length === 0) throw new RangeError(`${caseId} is closed for missed appointments: name them`);
      return ['Ông/Bà đã không đến theo các lịch hẹn nộp hồ sơ bản chính:', ...reason.missed.map((slot) => `  - ${slotText(slot)}`)];
    case 'withdrawn':
      return [`Ngày ${dayOf(reason.withdrawnAt)}, Ông/Bà đã đề nghị rút ${procedure.requestName}.`];
  }
}

function whatNow(reason: ClosingReason, office: Office, caseId: string, procedure: ProcedureWording): string[] {
  const again = `  - Gửi ${procedure.requestName} mới qua thư điện tử ${office.email} hoặc nộp trực tiếp tại ${office.address}${withinLimitation(procedure)}. ${notLost(procedure)} của Ông/Bà.`;
  const mistaken =
    reason.kind === 'no-reply'
      ? `  - Nếu Ông/Bà đã gửi thư bổ sung mà chưa được ghi nhận, xin trả lời thư này và giữ nguyên mã hồ sơ ${subjectTag(caseId)} trong tiêu đề thư.`
      : reason.kind === 'missed-appointments'
        ? `  - Nếu Ông/Bà đã đến mà chưa được ghi nhận, xin trả lời thư này và giữ nguyên mã hồ sơ ${subjectTag(caseId)} trong tiêu đề thư.`
        : `  - Nếu Ông/Bà không đề nghị rút ${procedure.requestName}, xin trả lời ngay thư này và giữ nguyên mã hồ sơ ${subjectTag(caseId)} trong tiêu đề thư.`;
  return ['Ông/Bà có thể:', again, mistaken];
}

/** The online file is closed: why (no reply in time, a second missed appointment, withdrawn) and what the requester can do. */
export function closingNotice({ caseRecord, office, procedure, reason, closedAt }: ClosingFacts): Notice {
  const text = requesterLetter(caseRecord, procedure, office, [
    ...whyClosed(reason, caseRecord.caseId, procedure),
    `Vì vậy, ${office.name} kết thúc xử lý hồ sơ trực tuyến mã ${caseRecord.caseId} từ ${at(closedAt)}.`,
    '',
    ...whatNow(reason, office, caseRecord.caseId, procedure),
  ]);
  return { subject: taggedSubject('Thông báo kết thúc xử lý hồ sơ trực tuyến', caseRecord.caseId), text };
}
