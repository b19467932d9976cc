import type { CaseRecord } from '../cases/model';
import type { Office } from '../offices/directory';
import { subjectTag } from '../cases/case-id';
import { staffSignature, taggedSubject, type CaseFacts, type Instant, type Notice, type ProcedureWording } from './common';
import { FORM_04_TITLE } from '../documents/apology-letter';
import { at, workingDuration } from './format';

/** The steps a person must act on, as the staff reads them; the result's steps name the procedure's result. */
export const STEP_LABELS: Readonly<Record<string, string>> = {
  review: 'Kiểm tra yêu cầu và trả lời người yêu cầu',
  visit: 'Tiếp nhận hồ sơ bản chính theo lịch hẹn',
  decision: 'Ban hành kết quả giải quyết',
  handover: 'Trả kết quả',
  registration: 'Xem xét thụ lý đơn',
  answer: 'Trả lời câu hỏi, phản ánh, kiến nghị',
};

export function stepLabel(step: string, procedure?: Pick<ProcedureWording, 'result'>): string {
  const label = STEP_LABELS[step] ?? step;
  return procedure && (step === 'decision' || step === 'handover') ? `${label} (${procedure.result})` : label;
}

const desk = (office: Office) => `Bộ phận một cửa - ${office.name}`;
const requesterOf = (c: CaseFacts) => (c.requester.name ? `${c.requester.name} <${c.requester.address}>` : c.requester.address);

export interface NewCaseFacts {
  caseRecord: CaseFacts & Pick<CaseRecord, 'receivedAt' | 'subject'>;
  office: Office;
  /** The procedure the checks found likely (the officer confirms it at review). */
  procedure: ProcedureWording;
  reviewDueAt: Instant;
  attachmentNames: string[];
  /** Where the officer opens the case, when the deployment has a console. */
  caseUrl?: string;
}

/** To the desk (office.staff.desk): a new request to review, and the deadline for the reply. */
export function newCaseForDeskNotice({ caseRecord, office, procedure, reviewDueAt, attachmentNames, caseUrl }: NewCaseFacts): Notice {
  const files = attachmentNames.length ? attachmentNames.map((n) => `    - ${n}`) : ['    (không có tệp đính kèm)'];
  const text = [
    `Kính gửi: ${desk(office)},`,
    '',
    `Hồ sơ mới ${caseRecord.caseId} đã được tiếp nhận qua thư điện tử lúc ${at(caseRecord.receivedAt)}.`,
    `  Người gửi: ${requesterOf(caseRecord)}`,
    `  Tiêu đề thư: ${caseRecord.subject}`,
    `  Thủ tục (theo kiểm tra tự động; công chức xác nhận khi kiểm tra): ${procedure.name}`,
    `  Tệp đính kèm (${attachmentNames.length}):`,
    ...files,
    '',
    procedure.flow === 'guidance'
      ? `Việc cần làm: xem xét thụ lý ${procedure.requestName} theo thẩm quyền; người gửi đã nhận hướng dẫn thủ tục.`
      : procedure.flow === 'answer'
        ? `Việc cần làm: trả lời ${procedure.requestName} trên giao diện một cửa (nếu đây thực ra là một yêu cầu, đề nghị, đơn khiếu nại hay tố cáo, báo Thủ trưởng để xử lý theo thủ tục đó).`
        : `Việc cần làm: kiểm tra quyền gửi ${procedure.requestName}, thẩm quyền của cơ quan và thành phần hồ sơ, rồi chọn: hẹn nộp hồ sơ bản chính, đề nghị bổ sung, từ chối, hoặc hướng dẫn gửi đến cơ quan có thẩm quyền.`,
    `Hạn trả lời người yêu cầu: ${at(reviewDueAt)}.`,
    ...(caseUrl ? [`Mở hồ sơ: ${caseUrl}`] : []),
    `Khi trao đổi về hồ sơ này, xin giữ nguyên mã ${subjectTag(caseRecord.caseId)} trong tiêu đề thư.`,
    '',
    ...staffSignature(office),
  ].join('\n');
  return { subject: taggedSubject(`Hồ sơ mới cần kiểm tra trước ${at(reviewDueAt)}`, caseRecord.caseId), text };
}

export interface StepWarningFacts {
  caseRecord: CaseFacts;
  office: Office;
  step: string;
  dueAt: Instant;
  /** Working time left until dueAt, in minutes (workingTimeBetween of the office's calendar). */
  remainingWorkingMinutes: number;
  /** The officer the case is assigned to; unset, the warning goes to the desk. */
  assignee?: string;
  /** The case's procedure, so the step names its result. */
  procedure?: ProcedureWording;
}

/** To the assignee, or the desk: a step is coming due, with the working time left. */
export function stepWarningNotice({ caseRecord, office, step, dueAt, remainingWorkingMinutes, assignee, procedure }: StepWarningFacts): Notice {
  const label = stepLabel(step, procedure);
  const left = workingDuration(remainingWorkingMinutes);
  const text = [
    `Kính gửi: ${assignee?.trim() || desk(office)},`,
    '',
    `Hồ sơ ${caseRecord.caseId} (người yêu cầu: ${requesterOf(caseRecord)}) đang chờ bước: ${label}.`,
    `Hạn hoàn thành: ${at(dueAt)}; thời gian còn lại: ${left} làm việc.`,
    `Nếu bước này quá hạn, hồ sơ sẽ được báo cáo Thủ trưởng ${office.name}.`,
    '',
    ...staffSignature(office),
  ].join('\n');
  return { subject: taggedSubject(`Sắp đến hạn: ${label} - còn ${left} làm việc`, caseRecord.caseId), text };
}

export interface StepEscalationFacts {
  caseRecord: CaseFacts;
  office: Office;
  step: string;
  dueAt: Instant;
  /** Working time past dueAt, in minutes (0 at the deadline itself). */
  lateWorkingMinutes: number;
  assignee?: string;
  procedure?: ProcedureWording;
}

/**
 * To the head of office (office.staff.head): a step is past its deadline, by how much, and who has it. The same
 * message reports a breach (the deadline passing) and any later reminder, so breachNotice is this function.
 */
export function stepEscalationNotice({ caseRecord, office, step, dueAt, lateWorkingMinutes, assignee, procedure }: StepEscalationFacts): Notice {
  const label = stepLabel(step, procedure);
  const late = lateWorkingMinutes > 0 ? `trễ ${workingDuration(lateWorkingMinutes)} làm việc` : 'đã đến hạn';
  const text = [
    `Kính gửi: Thủ trưởng ${office.name},`,
    '',
    `Hồ sơ ${caseRecord.caseId} (người yêu cầu: ${requesterOf(caseRecord)}) đã quá hạn bước: ${label}.`,
    `Hạn hoàn thành: ${at(dueAt)}; ${lateWorkingMinutes > 0 ? `đã quá hạn ${workingDuration(lateWorkingMinutes)} làm việc` : 'thời hạn vừa hết'}.`,
    `Người được giao: ${assignee?.trim() || `chưa phân công (${desk(office)})`}.`,
    '',
    `Đề nghị: đôn đốc người được giao hoặc phân công lại hồ sơ. Khi biết trước kết quả sẽ chậm so với ngày hẹn, ghi nhận việc chậm với lý do và ngày hẹn mới trước thời hạn (lệnh "motcua act <mã hồ sơ> delay"): hệ thống gửi người yêu cầu ${FORM_04_TITLE} do Thủ trưởng ký. Nếu đã quá hạn mà chưa ghi nhận, văn bản này được gửi tự động với lý do chung.`,
    '',
    ...staffSignature(office),
  ].join('\n');
  return { subject: taggedSubject(`Quá hạn: ${label} - ${late}`, caseRecord.caseId), text };
}

/** A breach is reported to the head with the escalation message: one template, one wording. */
export const breachNotice = stepEscalationNotice;

export interface NeedsAttentionFacts {
  caseRecord: CaseFacts;
  office: Office;
  /** FAILED, ABORTED or TIMED_OUT. */
  status: string;
  error?: string;
  at: Instant;
}

const ENDED: Readonly<Record<string, string>> = {
  FAILED: 'bị lỗi và đã dừng',
  ABORTED: 'đã bị dừng',
  TIMED_OUT: 'đã hết thời gian chạy tối đa',
};

/** To the head (office.staff.head): the case's workflow stopped without closing the case; it must be resumed. */
export function needsAttentionNotice({ caseRecord, office, status, error, at: endedAt }: NeedsAttentionFacts): Notice {
  const text = [
    `Kính gửi: Thủ trưởng ${office.name},`,
    '',
    `Quy trình xử lý hồ sơ ${caseRecord.caseId} (người yêu cầu: ${requesterOf(caseRecord)}) ${ENDED[status] ?? 'đã dừng'} lúc ${at(endedAt)}${error ? ` (mã lỗi: ${error})` : ''}.`,
    'Hồ sơ chưa kết thúc và đang được đánh dấu "cần xử lý" trong danh sách hồ sơ.',
    '',
    `Đề nghị: kiểm tra nguyên nhân, sau đó cho tiếp tục hồ sơ từ bước đang dừng (lệnh: motcua case resume ${caseRecord.caseId}); các thời hạn đã hẹn được giữ nguyên.`,
    '',
    ...staffSignature(office),
  ].join('\n');
  return { subject: taggedSubject('Cần xử lý: quy trình hồ sơ đã dừng', caseRecord.caseId), text };
}

export interface DeskAttentionFacts {
  caseRecord: CaseFacts;
  office: Office;
  /** The item the case's `attention` list got: a third party's message, or a request past the reschedule limit. */
  item: NonNullable<CaseRecord['attention']>[number];
}

/**
 * To the desk: something on the case that no step waits for and that the system did not act on
 * (a message not from the requester, recorded and not answered; a request to move the
 * appointment past the catalog's limit). One per item (shared/notices/case-notices.ts keys it).
 */
export function deskAttentionNotice({ caseRecord, office, item }: DeskAttentionFacts): Notice {
  const thirdParty = item.kind === 'third-party-message';
  if (item.kind === 'withdrawal-requested') return withdrawalHintNotice({ caseRecord, office, item });
  const what = thirdParty
    ? [
        `Hồ sơ ${caseRecord.caseId} vừa nhận một thư không phải của người yêu cầu (lúc ${at(item.at)}).`,
        `  Lý do: ${item.detail}`,
        ...(item.messageId ? [`  Mã thư: ${item.messageId}`] : []),
        '',
        'Hệ thống đã lưu thư vào hồ sơ nhưng KHÔNG thực hiện đề nghị trong thư và KHÔNG trả lời người gửi.',
        `Việc cần làm: xem thư trong hồ sơ (motcua show ${caseRecord.caseId}); nếu cần, liên hệ người yêu cầu ${requesterOf(caseRecord)} qua địa chỉ đã đăng ký để xác minh.`,
      ]
    : [
        `Người yêu cầu ${requesterOf(caseRecord)} của hồ sơ ${caseRecord.caseId} đề nghị đổi lịch hẹn thêm một lần (lúc ${at(item.at)}).`,
        `  ${item.detail}`,
        '',
        'Hệ thống KHÔNG tự đổi lịch hẹn nữa.',
        'Việc cần làm: Bộ phận một cửa xem xét đề nghị, quyết định giữ hay đổi lịch hẹn và thông báo cho người yêu cầu.',
      ];
  const text = [`Kính gửi: ${desk(office)},`, '', ...what, `Khi trao đổi về hồ sơ này, xin giữ nguyên mã ${subjectTag(caseRecord.caseId)} trong tiêu đề thư.`, '', ...staffSignature(office)].join('\n');
  const subject = thirdParty ? 'Thư của người không phải người yêu cầu gửi vào hồ sơ' : 'Người yêu cầu đề nghị đổi lịch hẹn quá số lần cho phép';
  return { subject: taggedSubject(subject, caseRecord.caseId), text };
}

/**
 * To the desk: the requester wrote on the case thread asking to withdraw. A hint only: the system does nothing on
 * it; an officer reads the writing, checks it is the requester's, and records the withdrawal.
 */
function withdrawalHintNotice({ caseRecord, office, item }: DeskAttentionFacts): Notice {
  const text = [
    `Kính gửi: ${desk(office)},`,
    '',
    `Người yêu cầu ${requesterOf(caseRecord)} của hồ sơ ${caseRecord.caseId} vừa gửi thư có nội dung đề nghị rút yêu cầu (lúc ${at(item.at)}):`,
    `  "${item.detail}"`,
    ...(item.messageId ? [`  Mã thư: ${item.messageId}`] : []),
    '',
    'Hệ thống KHÔNG tự kết thúc hồ sơ theo thư này; hồ sơ vẫn tiếp tục theo quy trình.',
    `Việc cần làm: đọc thư trong hồ sơ (motcua show ${caseRecord.caseId}), xác minh đây là văn bản của người yêu cầu; nếu đúng, ghi nhận việc rút yêu cầu: motcua act ${caseRecord.caseId} withdraw --via email --reference "<thư ngày …>" [--reason "…"].`,
    `Khi trao đổi về hồ sơ này, xin giữ nguyên mã ${subjectTag(caseRecord.caseId)} trong tiêu đề thư.`,
    '',
    ...staffSignature(office),
  ].join('\n');
  return { subject: taggedSubject('Người yêu cầu gửi thư đề nghị rút yêu cầu', caseRecord.caseId), text };
}
