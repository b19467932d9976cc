import ical from 'node-ical';
import { describe, expect, it } from 'vitest';
import {
  appointmentNotice,
  appointmentReminderNotice,
  missedAppointmentNotice,
  rescheduleNotice,
  type AppointmentFacts,
} from '../../../shared/notices/appointment';
import type { Notice } from '../../../shared/notices/common';
import { MAIL_DOMAIN, bring, caseRecord, kv1, kv2, mondayMorning, thursdayMorning, wednesdayAfternoon } from '../documents/lifecycle-fixtures';
import { procedure } from '../documents/lifecycle-fixtures';

const UID = 'HCMKV1-2026-000001-appointment@hcm.thads.example';

const facts: AppointmentFacts = {
  caseRecord,
  procedure,
  office: kv1,
  mailDomain: MAIL_DOMAIN,
  appointment: mondayMorning,
  bring,
  issuedAt: '2026-11-24T10:00:00+07:00',
  rescheduleBy: '2026-11-27T16:00:00+07:00',
};

function invitationOf(notice: Notice) {
  expect(notice.attachments).toHaveLength(1);
  const file = notice.attachments![0]!;
  const ics = file.content.toString('utf8');
  const event = Object.values(ical.sync.parseICS(ics)).find((c) => c?.type === 'VEVENT') as ical.VEvent;
  return { file, ics, event };
}

describe('the appointment at the one-stop desk', () => {
  it('gives the date in the subject, tagged with the case id', async () => {
    // Prepare, Act
    const notice = await appointmentNotice(facts);

    // Assess
    expect(notice.subject).toBe('Lịch hẹn nộp hồ sơ bản chính ngày 30/11/2026 [HCMKV1-2026-000001]');
  });

  it('says when (day, session, window) and where (the office address)', async () => {
    // Prepare, Act
    const notice = await appointmentNotice(facts);

    // Assess
    expect(notice.text).toContain(
      [
        'Yêu cầu thi hành án của Ông/Bà (mã hồ sơ HCMKV1-2026-000001) đã được kiểm tra và hợp lệ. Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh hẹn Ông/Bà đến nộp hồ sơ bản chính:',
        '  Thời gian: buổi sáng Thứ Hai, từ 08:00 đến 11:30 ngày 30/11/2026.',
        '  Địa điểm: Bộ phận một cửa - Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh, Số 10 đường Nguyễn Huệ, phường Sài Gòn, Thành phố Hồ Chí Minh.',
      ].join('\n'),
    );
  });

  it('lists what to bring, as given', async () => {
    // Prepare, Act
    const notice = await appointmentNotice(facts);

    // Assess
    expect(notice.text).toContain('Khi đến, xin mang theo:\n  1. Bản chính Bản án số 123/2026/DS-PT\n  2. Căn cước công dân của người yêu cầu (bản chính)\n');
  });

  it('says how to ask for another slot, by replying before a deadline', async () => {
    // Prepare, Act
    const notice = await appointmentNotice(facts);

    // Assess
    expect(notice.text).toContain(
      'Đổi lịch hẹn: Nếu không đến được, xin trả lời thư này trước 16:00 ngày 27/11/2026, giữ nguyên mã hồ sơ [HCMKV1-2026-000001] trong tiêu đề thư và cho biết ngày, buổi Ông/Bà có thể đến; chúng tôi sẽ gửi lịch hẹn mới.',
    );
  });

  it('without a deadline to reschedule, asks for the reply before the appointment starts', async () => {
    // Prepare
    const { rescheduleBy: _none, ...noDeadline } = facts;

    // Act
    const notice = await appointmentNotice(noDeadline);

    // Assess
    expect(notice.text).toContain('xin trả lời thư này trước 08:00 ngày 30/11/2026');
  });

  it('attaches an invitation for the slot, with the case’s UID, SEQUENCE 0 and METHOD:REQUEST', async () => {
    // Prepare, Act
    const { file, ics, event } = invitationOf(await appointmentNotice(facts));

    // Assess
    expect(file.filename).toBe('lich-hen-HCMKV1-2026-000001.ics');
    expect(file.contentType).toBe('text/calendar; charset=UTF-8; method=REQUEST');
    expect(ics).toMatch(/\r\nMETHOD:REQUEST\r\n/);
    expect(event.uid).toBe(UID);
    expect(event.sequence).toBe(0);
    expect(event.start.getTime()).toBe(Date.parse('2026-11-30T08:00:00+07:00'));
    expect(event.end?.getTime()).toBe(Date.parse('2026-11-30T11:30:00+07:00'));
    expect(event.location).toBe(kv1.address);
    expect(event.attendee).toMatchObject({ val: 'mailto:nguyenvanan.hcm@gmail.com' });
    expect(event.organizer).toMatchObject({ val: 'MAILTO:kv1@hcm.thads.example' });
  });

  it('uses the office’s own sessions: an afternoon at khu vực 2', async () => {
    // Prepare, Act
    const notice = await appointmentNotice({ ...facts, office: kv2, appointment: wednesdayAfternoon });
    const { event } = invitationOf(notice);

    // Assess
    expect(notice.text).toContain('  Thời gian: buổi chiều Thứ Tư, từ 13:30 đến 16:30 ngày 02/12/2026.');
    expect(event.location).toBe('Số 20 đường Võ Văn Ngân, phường Thủ Đức, Thành phố Hồ Chí Minh');
  });

  it('is the same message, invitation included, when built twice from the same facts', async () => {
    // Prepare, Act
    const first = await appointmentNotice(facts);
    const second = await appointmentNotice(facts);

    // Assess
    expect(second.text).toBe(first.text);
    expect(second.attachments![0]!.content.equals(first.attachments![0]!.content)).toBe(true);
  });

  it('refuses an appointment with nothing to bring', async () => {
    // Prepare, Act, Assess
    await expect(appointmentNotice({ ...facts, bring: [] })).rejects.toThrow(RangeError);
  });
});

describe('the reminder on the working day before', () => {
  it('recalls the slot, the place and what to bring, without a new invitation', async () => {
    // Prepare, Act
    const notice = appointmentReminderNotice({ caseRecord, procedure, office: kv1, appointment: mondayMorning, bring });

    // Assess
    expect(notice.subject).toBe('Nhắc lịch hẹn tại Bộ phận một cửa ngày 30/11/2026 [HCMKV1-2026-000001]');
    expect(notice.text).toContain('  Thời gian: buổi sáng Thứ Hai, từ 08:00 đến 11:30 ngày 30/11/2026.');
    expect(notice.text).toContain('Xin mang theo:\n  1. Bản chính Bản án số 123/2026/DS-PT\n  2. Căn cước công dân của người yêu cầu (bản chính)');
    expect(notice.attachments).toBeUndefined();
  });
});

describe('a rescheduled appointment', () => {
  const reschedule = {
    caseRecord,
    procedure,
    office: kv1,
    mailDomain: MAIL_DOMAIN,
    previous: { ...mondayMorning, sequence: 0 },
    appointment: wednesdayAfternoon,
    bring,
    issuedAt: '2026-11-26T09:00:00+07:00',
    reason: 'theo đề nghị của Ông/Bà',
  };

  it('gives the new slot and says the old one no longer holds', async () => {
    // Prepare, Act
    const notice = await rescheduleNotice(reschedule);

    // Assess
    expect(notice.subject).toBe('Thay đổi lịch hẹn: hẹn mới ngày 02/12/2026 [HCMKV1-2026-000001]');
    expect(notice.text).toContain('Lịch hẹn nộp hồ sơ bản chính của Ông/Bà (mã hồ sơ HCMKV1-2026-000001) đã được thay đổi theo đề nghị của Ông/Bà.');
    expect(notice.text).toContain('  Lịch hẹn cũ (không còn hiệu lực): buổi sáng Thứ Hai, từ 08:00 đến 11:30 ngày 30/11/2026.');
    expect(notice.text).toContain('Lịch hẹn mới:\n  Thời gian: buổi chiều Thứ Tư, từ 13:30 đến 16:30 ngày 02/12/2026.');
  });

  it('sends an invitation with the same UID and the next SEQUENCE, so the calendar moves the event', async () => {
    // Prepare
    const first = invitationOf(await appointmentNotice(facts)).event;

    // Act
    const moved = invitationOf(await rescheduleNotice(reschedule)).event;
    const movedAgain = invitationOf(await rescheduleNotice({ ...reschedule, previous: { ...wednesdayAfternoon, sequence: moved.sequence! }, appointment: thursdayMorning })).event;

    // Assess
    expect(moved.uid).toBe(first.uid);
    expect(moved.sequence).toBe(first.sequence! + 1);
    expect(movedAgain.uid).toBe(first.uid);
    expect(movedAgain.sequence).toBe(2);
    expect(moved.start.getTime()).toBe(Date.parse('2026-12-02T13:30:00+07:00'));
    expect(movedAgain.start.getTime()).toBe(Date.parse('2026-12-03T08:00:00+07:00'));
  });

  it('refuses to "move" an appointment to the slot it already has', async () => {
    // Prepare, Act, Assess
    await expect(rescheduleNotice({ ...reschedule, appointment: mondayMorning })).rejects.toThrow(RangeError);
  });
});

describe('a missed appointment', () => {
  const missed = {
    caseRecord,
    procedure,
    office: kv1,
    mailDomain: MAIL_DOMAIN,
    missed: { ...mondayMorning, sequence: 1 },
    offered: thursdayMorning,
    bring,
    issuedAt: '2026-11-30T14:00:00+07:00',
  };

  it('offers one new slot and warns that the file closes if it is missed too', async () => {
    // Prepare, Act
    const notice = await missedAppointmentNotice(missed);

    // Assess
    expect(notice.subject).toBe('Hẹn lại ngày 03/12/2026 do Ông/Bà chưa đến theo lịch hẹn [HCMKV1-2026-000001]');
    expect(notice.text).toContain('Theo lịch hẹn, Ông/Bà đến nộp hồ sơ bản chính (mã hồ sơ HCMKV1-2026-000001) vào buổi sáng Thứ Hai, từ 08:00 đến 11:30 ngày 30/11/2026, nhưng chúng tôi chưa gặp được Ông/Bà.');
    expect(notice.text).toContain('Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh hẹn lại Ông/Bà một lần:\n  Thời gian: buổi sáng Thứ Năm, từ 08:00 đến 11:30 ngày 03/12/2026.');
    expect(notice.text).toContain('Nếu Ông/Bà không đến theo lịch hẹn lại này và không báo trước, hồ sơ trực tuyến sẽ được đóng');
  });

  it('moves the calendar event to the new slot (same UID, next SEQUENCE)', async () => {
    // Prepare, Act
    const { event } = invitationOf(await missedAppointmentNotice(missed));

    // Assess
    expect(event.uid).toBe(UID);
    expect(event.sequence).toBe(2);
    expect(event.start.getTime()).toBe(Date.parse('2026-12-03T08:00:00+07:00'));
  });
});
