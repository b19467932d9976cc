import { describe, expect, it } from 'vitest';
import { caseIdsInSubject } from '../../../shared/cases/case-id';
import { resultNote, type Notice } from '../../../shared/notices/common';
import * as lifecycle from '../../../shared/notices/lifecycle';
import { MAIL_DOMAIN, TAG, bring, caseRecord, decision, kv1, kv2, mondayMorning, opaquePdf, thursdayMorning, wednesdayAfternoon } from '../documents/lifecycle-fixtures';
import { citation, procedure, procedureOf, provincial } from '../documents/lifecycle-fixtures';

const complaint = procedureOf('complaint');
const question = procedureOf('question');
const ANSWER = 'Để yêu cầu thi hành án, Ông gửi đơn yêu cầu kèm bản án của Tòa án qua thư điện tử của Phòng.';

const issuedAt = '2026-11-24T10:00:00+07:00';

/** Every notice of the lifecycle, built from the same case. */
const toRequester: Array<[string, Notice]> = [
  ['guidance', lifecycle.guidanceNotice({ caseRecord, procedure, office: kv1, missingItems: ['Đơn yêu cầu thi hành án'], replyBy: '2026-12-01T16:30:00+07:00' })],
  ['refusal', lifecycle.refusalNotice({ caseRecord, procedure, office: kv1, reason: 'Không có quyền yêu cầu', legalBasis: 'Điều 31 Luật Thi hành án dân sự', refusalProvision: citation('refusal'), complaintOffice: provincial })],
  ['referral', lifecycle.referralNotice({ caseRecord, procedure, competenceProvision: citation('competence'), office: kv1, competentOffice: kv2 })],
  ['appointment', await lifecycle.appointmentNotice({ caseRecord, procedure, office: kv1, mailDomain: MAIL_DOMAIN, appointment: mondayMorning, bring, issuedAt })],
  ['reminder', lifecycle.appointmentReminderNotice({ caseRecord, procedure, office: kv1, appointment: mondayMorning, bring })],
  [
    'reschedule',
    await lifecycle.rescheduleNotice({ caseRecord, procedure, office: kv1, mailDomain: MAIL_DOMAIN, previous: { ...mondayMorning, sequence: 0 }, appointment: wednesdayAfternoon, bring, issuedAt }),
  ],
  [
    'missed appointment',
    await lifecycle.missedAppointmentNotice({ caseRecord, procedure, office: kv1, mailDomain: MAIL_DOMAIN, missed: { ...wednesdayAfternoon, sequence: 1 }, offered: thursdayMorning, bring, issuedAt }),
  ],
  ['closing', lifecycle.closingNotice({ caseRecord, procedure, office: kv1, reason: { kind: 'withdrawn', withdrawnAt: issuedAt }, closedAt: issuedAt })],
  ['decision released', lifecycle.decisionReleasedNotice({ caseRecord, procedure, office: kv1, decision, pdf: opaquePdf, collection: { kind: 'at-desk' } })],
  [
    'apology',
    lifecycle.apologyNotice({
      caseRecord,
      office: kv1,
      procedure,
      timing: 'before-deadline',
      signer: { title: kv1.headTitle, name: kv1.headName },
      receivedAt: '2026-11-30T09:15:00+07:00',
      originalDueAt: '2026-12-07T09:15:00+07:00',
      newDueAt: '2026-12-10T16:00:00+07:00',
      reason: 'Cần xác minh thêm',
      pdf: opaquePdf,
    }),
  ],
  ['answer', lifecycle.answerNotice({ caseRecord, procedure: question, office: kv1, answer: `  ${ANSWER}\r\n`, answeredBy: 'Trần Thị Lan' })],
  ['complaint guidance', lifecycle.complaintGuidanceNotice({ caseRecord, procedure: complaint, office: kv1, registrationWorkingDays: 5 })],
];

const toStaff: Array<[string, Notice]> = [
  ['new case', lifecycle.newCaseForDeskNotice({ caseRecord, procedure, office: kv1, reviewDueAt: '2026-11-24T16:30:00+07:00', attachmentNames: [] })],
  ['step warning', lifecycle.stepWarningNotice({ caseRecord, procedure, office: kv1, step: 'review', dueAt: '2026-11-24T16:30:00+07:00', remainingWorkingMinutes: 60 })],
  ['step escalation', lifecycle.stepEscalationNotice({ caseRecord, procedure, office: kv1, step: 'review', dueAt: '2026-11-24T16:30:00+07:00', lateWorkingMinutes: 30 })],
];

describe('every notice of the lifecycle', () => {
  it.each([...toRequester, ...toStaff])('%s ends its subject with the case tag, and names no other case', (_name, notice) => {
    // Prepare, Act, Assess
    expect(notice.subject.endsWith(` ${TAG}`)).toBe(true);
    expect(caseIdsInSubject(notice.subject)).toEqual([caseRecord.caseId]);
  });

  it.each([...toRequester, ...toStaff])('%s is written in composed Unicode (NFC) with Vietnamese letters', (_name, notice) => {
    // Prepare, Act, Assess
    expect(notice.subject).toBe(notice.subject.normalize('NFC'));
    expect(notice.text).toBe(notice.text.normalize('NFC'));
    expect(notice.subject).toMatch(/[À-ỹ]/u);
  });

  it.each([...toRequester, ...toStaff])('%s carries files only with a name, a type and some bytes', (_name, notice) => {
    // Prepare, Act, Assess
    for (const file of notice.attachments ?? []) {
      expect(file.filename).toMatch(/\.(ics|pdf)$/);
      expect(file.contentType).toMatch(/^(text\/calendar|application\/pdf)/);
      expect(file.content.length).toBeGreaterThan(0);
    }
  });
});

describe('every notice to a requester', () => {
  it.each(toRequester)('%s greets the requester and is signed by the office’s desk', (_name, notice) => {
    // Prepare, Act, Assess
    expect(notice.text.split('\n')[0]).toBe('Kính gửi Ông/Bà Nguyễn Văn An,');
    expect(notice.text).toContain('Trân trọng,\nBộ phận một cửa - Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh\n');
  });

  it.each(toRequester.filter(([name]) => name !== 'complaint guidance' && name !== 'answer'))('%s says that the result is an enforcement decision, not the money', (_name, notice) => {
    // Prepare, Act, Assess
    expect(notice.text).toContain(resultNote(procedure));
  });

  it('the complaint guidance says what the result of a complaint is', () => {
    // Prepare
    const [, notice] = toRequester.find(([name]) => name === 'complaint guidance')!;

    // Act, Assess
    expect(notice.text).toContain(resultNote(complaint));
    expect(notice.text).not.toContain(resultNote(procedure));
  });
});

describe('the answer to a question', () => {
  it('quotes the subject it answers and the officer’s words as written, names the officer, and says that an answer is no decision', () => {
    // Prepare
    const [, notice] = toRequester.find(([name]) => name === 'answer')!;

    // Act, Assess
    expect(notice.subject).toBe(`Trả lời câu hỏi, phản ánh, kiến nghị gửi ngày 23/11/2026 ${TAG}`);
    expect(notice.text).toContain(`có tiêu đề “${caseRecord.subject}”`);
    expect(notice.text).toContain(`trả lời như sau:\n\n${ANSWER}\n\nCông chức trả lời: Trần Thị Lan.`);
    expect(notice.text).toContain(resultNote(question));
    expect(notice.text).not.toContain(resultNote(procedure));
  });

  it('refuses to send an empty answer', () => {
    expect(() => lifecycle.answerNotice({ caseRecord, procedure: question, office: kv1, answer: ' \n ' })).toThrow(RangeError);
  });
});

describe('every notice to staff', () => {
  it.each(toStaff)('%s is signed by the system, not addressed to a requester', (_name, notice) => {
    // Prepare, Act, Assess
    expect(notice.text).toContain('Hệ thống một cửa điện tử\nPhòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh');
    expect(notice.text).not.toContain('Kính gửi Ông/Bà');
  });
});
