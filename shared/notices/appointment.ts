import type { Office } from '../offices/directory';
import { subjectTag } from '../cases/case-id';
import { appointmentIcs, appointmentUid, icsContentType } from '../documents/appointment-ics';
import { capitalised, requesterLetter, taggedSubject, type CaseFacts, type Instant, type Notice, type NoticeAttachment, type ProcedureWording } from './common';
import { at, dayOf, instantOf, numbered, requireItems, slotText, type AppointmentSlot } from './format';

export type { AppointmentSlot } from './format';

/** A slot as it was sent to the requester, with the SEQUENCE of the invitation that carried it. */
export interface SentAppointment extends AppointmentSlot {
  sequence: number;
}

interface InvitationFacts {
  caseRecord: CaseFacts;
  office: Office;
  procedure: ProcedureWording;
  /** The agency's mail domain (directory.agency.mailDomain): the appointment's UID is <case id>-appointment@<domain>. */
  mailDomain: string;
  /** What to bring to the desk, e.g. the originals of the judgment and the requester's ID card. */
  bring: string[];
  /** When this invitation is issued: its DTSTAMP. */
  issuedAt: Instant;
}

export interface AppointmentFacts extends InvitationFacts {
  appointment: AppointmentSlot;
  /** The last instant to ask for another slot; by default, the start of the appointment. */
  rescheduleBy?: Instant;
  /** The SEQUENCE of this invitation: 0 for the first one. */
  sequence?: number;
}

export interface RescheduleFacts extends InvitationFacts {
  previous: SentAppointment;
  appointment: AppointmentSlot;
  /** Why the slot changed, e.g. "theo đề nghị của Ông/Bà". */
  reason?: string;
}

export interface MissedAppointmentFacts extends InvitationFacts {
  missed: SentAppointment;
  /** The one new slot offered. */
  offered: AppointmentSlot;
}

export interface ReminderFacts {
  caseRecord: CaseFacts;
  office: Office;
  procedure: ProcedureWording;
  appointment: AppointmentSlot;
  bring: string[];
}

const whereText = (office: Office) => `Bộ phận một cửa - ${office.name}, ${office.address}`;

function bringLines(bring: string[], caseId: string): string[] {
  return numbered(requireItems(bring, `the appointment of ${caseId} says what to bring`));
}

function howToReschedule(caseId: string, by: Instant): string {
  return `Nếu không đến được, xin trả lời thư này trước ${at(by)}, giữ nguyên mã hồ sơ ${subjectTag(caseId)} trong tiêu đề thư và cho biết ngày, buổi Ông/Bà có thể đến; chúng tôi sẽ gửi lịch hẹn mới.`;
}

/** The invitation file for a slot: REQUEST, the case's stable UID, the given SEQUENCE. */
async function invitation(facts: InvitationFacts, slot: AppointmentSlot, sequence: number): Promise<NoticeAttachment> {
  const { caseRecord, office } = facts;
  const items = requireItems(facts.bring, `the appointment of ${caseRecord.caseId} says what to bring`);
  const ics = await appointmentIcs({
    uid: appointmentUid(caseRecord.caseId, facts.mailDomain),
    sequence,
    caseId: caseRecord.caseId,
    office,
    start: slot.start,
    end: slot.end,
    summary: `Hẹn nộp hồ sơ bản chính tại Bộ phận một cửa - ${office.name}`,
    description: [
      `Mã hồ sơ: ${caseRecord.caseId}`,
      `Địa điểm: ${whereText(office)}`,
      `Mang theo: ${items.join('; ')}`,
      `Đổi lịch hẹn: trả lời thư điện tử của ${office.email}, giữ nguyên mã ${subjectTag(caseRecord.caseId)} trong tiêu đề.`,
    ].join('\n'),
    organizerEmail: office.email,
    ...(caseRecord.requester.address ? { attendeeEmail: caseRecord.requester.address } : {}),
    ...(caseRecord.requester.name ? { attendeeName: caseRecord.requester.name } : {}),
    method: 'REQUEST',
    issuedAt: facts.issuedAt,
  });
  return { filename: `lich-hen-${caseRecord.caseId}.ics`, content: Buffer.from(ics, 'utf8'), contentType: icsContentType('REQUEST') };
}

function slotLines(office: Office, slot: AppointmentSlot): string[] {
  return [`  Thời gian: ${slotText(slot)}.`, `  Địa điểm: ${whereText(office)}.`];
}

const calendarLine = (file: NoticeAttachment) =>
  `Lịch hẹn được đính kèm thư này (tệp ${file.filename}) để Ông/Bà thêm vào lịch trên điện thoại hoặc máy tính; lịch sẽ nhắc Ông/Bà trước một ngày.`;

/**
 * The request is valid: come to the desk with the originals (Quyết định 536/QĐ-TCTHADS, step 3). Says when
 * (date, session, window), where, what to bring, how to ask for another slot; carries an ICS invitation.
 */
export async function appointmentNotice(facts: AppointmentFacts): Promise<Notice> {
  const { caseRecord, office, procedure, appointment } = facts;
  const file = await invitation(facts, appointment, facts.sequence ?? 0);
  const text = requesterLetter(caseRecord, procedure, office, [
    `${capitalised(procedure.requestName)} của Ông/Bà (mã hồ sơ ${caseRecord.caseId}) đã được kiểm tra và hợp lệ. ${office.name} hẹn Ông/Bà đến nộp hồ sơ bản chính:`,
    ...slotLines(office, appointment),
    '',
    'Khi đến, xin mang theo:',
    ...bringLines(facts.bring, caseRecord.caseId),
    `Công chức Bộ phận một cửa sẽ đối chiếu bản chính với các tệp Ông/Bà đã gửi qua thư điện tử và lập Giấy tiếp nhận hồ sơ và hẹn trả kết quả. Ông/Bà có thể chọn nhận kết quả (${procedure.result}) tại Bộ phận một cửa hoặc đăng ký địa chỉ để nhận qua dịch vụ bưu chính.`,
    '',
    `Đổi lịch hẹn: ${howToReschedule(caseRecord.caseId, facts.rescheduleBy ?? appointment.start)}`,
    calendarLine(file),
  ]);
  return { subject: taggedSubject(`Lịch hẹn nộp hồ sơ bản chính ngày ${dayOf(appointment.start)}`, caseRecord.caseId), text, attachments: [file] };
}

/** The reminder sent on the working day before the appointment (the workflow chooses the day). */
export function appointmentReminderNotice({ caseRecord, office, procedure, appointment, bring }: ReminderFacts): Notice {
  const text = requesterLetter(caseRecord, procedure, office, [
    `${office.name} xin nhắc Ông/Bà lịch hẹn nộp hồ sơ bản chính (mã hồ sơ ${caseRecord.caseId}):`,
    ...slotLines(office, appointment),
    '',
    'Xin mang theo:',
    ...bringLines(bring, caseRecord.caseId),
    '',
    `Đổi lịch hẹn: ${howToReschedule(caseRecord.caseId, appointment.start)}`,
  ]);
  return { subject: taggedSubject(`Nhắc lịch hẹn tại Bộ phận một cửa ngày ${dayOf(appointment.start)}`, caseRecord.caseId), text };
}

function nextSequence(previous: SentAppointment, caseId: string): number {
  if (!Number.isInteger(previous.sequence) || previous.sequence < 0) throw new RangeError(`the appointment of ${caseId} was sent with an invalid SEQUENCE ${previous.sequence}`);
  return previous.sequence + 1;
}

/** A new slot replaces the one sent: the invitation keeps the UID and takes the next SEQUENCE, so calendars move the event. */
export async function rescheduleNotice(facts: RescheduleFacts): Promise<Notice> {
  const { caseRecord, office, procedure, previous, appointment } = facts;
  if (instantOf(previous.start).getTime() === instantOf(appointment.start).getTime()) throw new RangeError(`the new appointment of ${caseRecord.caseId} is the one already sent`);
  const file = await invitation(facts, appointment, nextSequence(previous, caseRecord.caseId));
  const why = facts.reason?.trim() ? ` ${facts.reason.trim().replace(/[.]$/, '')}` : '';
  const text = requesterLetter(caseRecord, procedure, office, [
    `Lịch hẹn nộp hồ sơ bản chính của Ông/Bà (mã hồ sơ ${caseRecord.caseId}) đã được thay đổi${why}.`,
    `  Lịch hẹn cũ (không còn hiệu lực): ${slotText(previous)}.`,
    '',
    'Lịch hẹn mới:',
    ...slotLines(office, appointment),
    '',
    'Khi đến, xin mang theo:',
    ...bringLines(facts.bring, caseRecord.caseId),
    '',
    `Đổi lịch hẹn: ${howToReschedule(caseRecord.caseId, appointment.start)}`,
    `${calendarLine(file)} Lịch hẹn mới thay thế lịch hẹn cũ trong lịch của Ông/Bà.`,
  ]);
  return { subject: taggedSubject(`Thay đổi lịch hẹn: hẹn mới ngày ${dayOf(appointment.start)}`, caseRecord.caseId), text, attachments: [file] };
}

/** The requester did not come: one new slot is offered, and the file closes if that one is missed too. */
export async function missedAppointmentNotice(facts: MissedAppointmentFacts): Promise<Notice> {
  const { caseRecord, office, procedure, missed, offered } = facts;
  const file = await invitation(facts, offered, nextSequence(missed, caseRecord.caseId));
  const text = requesterLetter(caseRecord, procedure, office, [
    `Theo lịch hẹn, Ông/Bà đến nộp hồ sơ bản chính (mã hồ sơ ${caseRecord.caseId}) vào ${slotText(missed)}, nhưng chúng tôi chưa gặp được Ông/Bà.`,
    '',
    `${office.name} hẹn lại Ông/Bà một lần:`,
    ...slotLines(office, offered),
    '',
    'Khi đến, xin mang theo:',
    ...bringLines(facts.bring, caseRecord.caseId),
    '',
    `Đổi lịch hẹn: ${howToReschedule(caseRecord.caseId, offered.start)}`,
    `Nếu Ông/Bà không đến theo lịch hẹn lại này và không báo trước, hồ sơ trực tuyến sẽ được đóng; Ông/Bà vẫn có thể gửi ${procedure.requestName} mới sau đó.`,
    calendarLine(file),
  ]);
  return { subject: taggedSubject(`Hẹn lại ngày ${dayOf(offered.start)} do Ông/Bà chưa đến theo lịch hẹn`, caseRecord.caseId), text, attachments: [file] };
}
