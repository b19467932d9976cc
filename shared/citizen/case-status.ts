import { calendarFor, checkTimeliness } from '../calendar';
import type { CaseRecord, CaseStatus, ClosureReason, DocumentRef, TimelineEvent } from '../cases/model';
import { officeByCode, type OfficeDirectory } from '../offices/directory';
import { at, slotText } from '../notices/format';
import { toVietnamIso } from '../time/vietnam-time';
import type { ProcedureSettings } from '../workflow/procedure-settings';

/**
 * What the requester may see of their case: where it stands, what they must do next, the deadlines
 * that concern them, the appointment, and the letters sent to them. Built from a whitelist of the
 * case's fields: the checks' hints, officers' notes, sender verdicts and staff notices never reach it.
 */
export interface CitizenCaseStatus {
  caseId: string;
  office: { name: string; address: string; email: string; phone?: string };
  procedure: string;
  receivedAt: string;
  /** dd/mm/yyyy lúc HH:MM, Vietnam time. */
  receivedAtText: string;
  stage: { code: CaseStatus; text: string };
  /** What the requester must do now, in a sentence; none when the desk acts next. */
  nextForRequester?: string;
  deadlines: Array<{ name: string; dueAt: string; dueAtText: string; workingDaysLeft: number; state: 'running' | 'passed' }>;
  appointment?: { text: string; start: string; place: string; bring: string[] };
  letters: Array<{ subject: string; sentAt: string; sentAtText: string }>;
  documents: Array<{ name: string; url: string; expiresAt: string }>;
  closed?: { at: string; atText: string; text: string };
}

/** The deadlines the requester is told about, in the words of the letters; the procuracy's copy and internal warnings are the office's own. */
const REQUESTER_DEADLINES: Record<string, string> = {
  review: 'Trả lời kết quả kiểm tra hồ sơ',
  'requester-reply': 'Hạn Ông/Bà gửi bổ sung hồ sơ',
  registration: 'Thông báo việc thụ lý đơn',
  decision: 'Trả kết quả giải quyết',
  answer: 'Trả lời câu hỏi, phản ánh, kiến nghị',
};

const STAGES: Record<CaseStatus, string> = {
  received: 'Đã tiếp nhận, đang kiểm tra hồ sơ',
  'awaiting-review': 'Đang kiểm tra hồ sơ',
  reviewed: 'Đã kiểm tra hồ sơ',
  'awaiting-requester': 'Chờ Ông/Bà bổ sung hồ sơ',
  'awaiting-visit': 'Chờ Ông/Bà đến nộp bản chính theo lịch hẹn',
  'received-in-person': 'Đã nhận bản chính, đang giải quyết',
  'awaiting-decision': 'Đang giải quyết',
  decided: 'Đã có kết quả giải quyết',
  'awaiting-handover': 'Đã có kết quả, chờ trả kết quả cho Ông/Bà',
  'awaiting-registration': 'Đang xem xét việc thụ lý đơn',
  'awaiting-answer': 'Đang chuẩn bị trả lời câu hỏi, phản ánh, kiến nghị của Ông/Bà',
  closed: 'Đã kết thúc',
};

const CLOSURES: Record<ClosureReason, string> = {
  resolved: 'Hồ sơ đã được giải quyết và trả kết quả.',
  refused: 'Hồ sơ không được tiếp nhận; lý do và căn cứ pháp lý nêu trong thư thông báo từ chối.',
  referred: 'Hồ sơ đã được hướng dẫn gửi đến cơ quan có thẩm quyền nêu trong thư thông báo.',
  'no-reply': 'Hồ sơ kết thúc xử lý trực tuyến do chưa nhận được hồ sơ bổ sung trong thời hạn.',
  'missed-twice': 'Hồ sơ kết thúc xử lý trực tuyến do Ông/Bà không đến theo lịch hẹn.',
  'guidance-given': 'Đã hướng dẫn Ông/Bà thủ tục và nơi gửi đơn.',
  withdrawn: 'Hồ sơ kết thúc do Ông/Bà đã rút yêu cầu.',
  answered: 'Đã trả lời câu hỏi, phản ánh, kiến nghị của Ông/Bà bằng thư điện tử.',
};

export interface StatusFacts {
  record: CaseRecord;
  events: TimelineEvent[];
  directory: OfficeDirectory;
  procedure: ProcedureSettings;
  now: Date;
}

/** The documents sent to the requester that the case keeps as files: the receipt slip, the decision, form 04. */
export function requesterDocuments(record: CaseRecord): DocumentRef[] {
  const produced = Object.values(record.documents ?? {});
  return [...produced, ...(record.decision?.document ? [record.decision.document] : [])].filter((d) => d.contentType === 'application/pdf');
}

export function citizenCaseStatus({ record, events, directory, procedure, now }: StatusFacts, documents: CitizenCaseStatus['documents'] = []): CitizenCaseStatus {
  const office = officeByCode(directory, record.office);
  if (!office) throw new Error(`office ${record.office} of case ${record.caseId} is not in the office directory`);
  const scope = { directory, office: record.office };
  const minutesPerDay = calendarFor(scope).minutesPerDay;
  const closed = record.status === 'closed';
  const deadlines = closed
    ? []
    : Object.entries(REQUESTER_DEADLINES)
        .filter(([step]) => record.deadlines[step] && isCurrent(record, step))
        .map(([step, name]) => {
          const deadline = record.deadlines[step]!;
          const { remainingWorkingMinutes } = checkTimeliness(deadline, now, scope);
          const passed = now.getTime() > new Date(deadline.dueAt).getTime();
          return { name, dueAt: toVietnamIso(new Date(deadline.dueAt)), dueAtText: at(deadline.dueAt), workingDaysLeft: Math.ceil(Math.max(0, remainingWorkingMinutes) / minutesPerDay), state: passed ? ('passed' as const) : ('running' as const) };
        });
  const appointment = record.appointment && record.status === 'awaiting-visit' ? { text: slotText(record.appointment.slot), start: record.appointment.slot.start, place: office.address, bring: procedure.bringToAppointment } : undefined;
  return {
    caseId: record.caseId,
    office: { name: office.name, address: office.address, email: office.email, ...(office.phone ? { phone: office.phone } : {}) },
    procedure: procedure.name,
    receivedAt: toVietnamIso(new Date(record.receivedAt)),
    receivedAtText: at(record.receivedAt),
    stage: { code: record.status, text: STAGES[record.status] },
    ...nextStep(record, appointment),
    deadlines,
    ...(appointment ? { appointment } : {}),
    letters: events
      .filter((e) => e.type === 'notice-sent' && e.data.audience === 'requester')
      .map((e) => ({ subject: String(e.data.subject ?? ''), sentAt: toVietnamIso(new Date(e.at)), sentAtText: at(e.at) })),
    documents,
    ...(closed && record.closure ? { closed: { at: toVietnamIso(new Date(record.closure.at)), atText: at(record.closure.at), text: CLOSURES[record.closure.reason] } } : {}),
  };
}

/** A deadline still in force for the requester: the review before the decision's clock starts, the reply only while it is awaited. */
function isCurrent(record: CaseRecord, step: string): boolean {
  switch (step) {
    case 'requester-reply':
      return record.status === 'awaiting-requester';
    case 'review':
      return ['received', 'awaiting-review', 'reviewed'].includes(record.status);
    case 'registration':
      return record.status === 'awaiting-registration';
    case 'decision':
      return ['received-in-person', 'awaiting-decision'].includes(record.status);
    default:
      return false;
  }
}

function nextStep(record: CaseRecord, appointment: CitizenCaseStatus['appointment']): { nextForRequester?: string } {
  if (record.status === 'awaiting-requester') {
    const due = record.deadlines['requester-reply']?.dueAt;
    return { nextForRequester: `Gửi bổ sung các giấy tờ nêu trong thư đề nghị bổ sung hồ sơ bằng cách trả lời thư đó (giữ nguyên mã hồ sơ [${record.caseId}] trong tiêu đề)${due ? ` trước ${at(due)}` : ''}.` };
  }
  if (appointment) return { nextForRequester: `Đến ${appointment.place} ${appointment.text} để nộp bản chính hồ sơ.` };
  if (record.status === 'awaiting-handover') return { nextForRequester: 'Nhận kết quả theo hướng dẫn trong thư thông báo kết quả.' };
  if (record.status === 'closed') return {};
  return { nextForRequester: 'Ông/Bà chưa cần làm gì thêm; chúng tôi sẽ thông báo qua thư điện tử khi có kết quả.' };
}

/** Whether a link still opens a case: until the configured number of days after it closed (an open case always). */
export function linkStillValid(record: Pick<CaseRecord, 'status' | 'closure'>, validDaysAfterClosing: number, now: Date): boolean {
  if (record.status !== 'closed' || !record.closure) return true;
  return now.getTime() <= new Date(record.closure.at).getTime() + validDaysAfterClosing * 24 * 60 * 60 * 1000;
}
