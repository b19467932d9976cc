import { describe, expect, it } from 'vitest';
import { requesterNoticesHeld, senderHoldReasons, thirdPartyReason } from '../../../shared/intake/sender-trust';
import { rescheduleLimitReached } from '../../../shared/intake/reply-intent';

const requester = { address: 'le.thi.thu@example.com', name: 'Lê Thị Thu' };
const from = (address: string) => ({ address });

describe('who speaks for a case', () => {
  it("is the requester's address with verdicts that hold nothing, in any letter case", () => {
    expect(thirdPartyReason({ requester }, { from: from('Le.Thi.Thu@Example.com'), authentication: { dmarc: 'pass' } })).toBeUndefined();
    expect(thirdPartyReason({ requester }, { from: from('le.thi.thu@example.com'), authentication: {} })).toBeUndefined();
  });

  it('is an authorised address too', () => {
    expect(thirdPartyReason({ requester, authorisedAddresses: ['luat.su@example.com'] }, { from: from('luat.su@example.com'), authentication: {} })).toBeUndefined();
  });

  it('is not another address, nor the requester\'s failing DMARC, nor a message without a sender', () => {
    expect(thirdPartyReason({ requester }, { from: from('stranger@attacker.example'), authentication: { dmarc: 'pass' } })).toContain('không phải người yêu cầu');
    expect(thirdPartyReason({ requester }, { from: from(requester.address), authentication: { dmarc: 'fail' } })).toContain('DMARC không đạt');
    expect(thirdPartyReason({ requester }, { authentication: {} })).toContain('không có địa chỉ người gửi');
  });
});

describe('the verdicts that hold the acknowledgement', () => {
  it.each([
    [{ spam: 'FAIL' }, 1],
    [{ virus: 'FAIL' }, 1],
    [{ dmarc: 'fail' }, 1],
    [{ spf: 'fail', dkim: 'fail' }, 1],
    [{ spf: 'fail', dkim: 'fail', dmarc: 'none' }, 1],
    [{ spf: 'fail', dkim: 'fail', dmarc: 'pass' }, 0],
    [{ spf: 'fail', dkim: 'pass' }, 0],
    [{ spam: 'GRAY', virus: 'GRAY' }, 0],
    [{}, 0],
  ])('%j holds for %i reason(s)', (authentication, count) => {
    expect(senderHoldReasons({ authentication })).toHaveLength(count);
  });

  it('holds a feedback report (ARF) whatever its verdicts', () => {
    expect(senderHoldReasons({ authentication: { dmarc: 'pass' }, report: { type: 'feedback-report', reportedMessageIds: [] } })).toHaveLength(1);
  });

  it('stops holding once an officer confirmed the address', () => {
    const held = { reasons: ['spam'], at: '2026-12-02T10:00:00+07:00' };
    expect(requesterNoticesHeld({ senderHold: held })).toBe(true);
    expect(requesterNoticesHeld({ senderHold: { ...held, confirmed: { at: '2026-12-02T11:00:00+07:00', by: 'u-lan' } } })).toBe(false);
    expect(requesterNoticesHeld({})).toBe(false);
  });
});

describe('the reschedule limit', () => {
  const appointment = (attempt: number, missed = 0) => ({ slot: { office: 'HCMKV1', date: '2026-12-03', session: 'morning', start: '', end: '' }, reminderAt: '', bookedAt: '', attempt, missed });

  it('lets the requester move the appointment twice, then leaves it to the desk', () => {
    expect(rescheduleLimitReached({ procedure: 'enforcement-request', appointment: appointment(1) })).toBeUndefined();
    expect(rescheduleLimitReached({ procedure: 'enforcement-request', appointment: appointment(2) })).toBeUndefined();
    expect(rescheduleLimitReached({ procedure: 'enforcement-request', appointment: appointment(3) })).toContain('giới hạn 2 lần');
  });

  it('does not count the new date a missed appointment gave', () => {
    expect(rescheduleLimitReached({ procedure: 'enforcement-request', appointment: appointment(3, 1) })).toBeUndefined();
  });
});
