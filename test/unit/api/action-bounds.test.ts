import { describe, expect, it } from 'vitest';
import { ACTIONS, MAX_ACTION_OUTPUT_BYTES, MAX_LIST_ITEMS, parseActionBody } from '../../../shared/staff/actions';
import { InvalidRequest } from '../../../shared/staff/errors';

const longest = (n: number) => 'đ'.repeat(n);
const note = longest(4000);
const text = longest(1000);

describe('the bounds of action bodies', () => {
  it('refuses a review that lists 2,000 missing items, naming the bound (it would exceed what Step Functions accepts)', () => {
    // Prepare
    const body = { outcome: 'request-more', missingItems: Array.from({ length: 2000 }, (_, i) => `Giấy tờ số ${i}`) };

    // Act, Assess
    expect(() => parseActionBody('review', body)).toThrow(InvalidRequest);
    expect(() => parseActionBody('review', body)).toThrow(/missingItems: at most 50 items/);
  });

  it('refuses a visit that lists more documents than the bound', () => {
    const documentsReceived = Array.from({ length: MAX_LIST_ITEMS + 1 }, () => ({ name: 'Bản án', copies: 1, kind: 'original' }));
    expect(() => parseActionBody('visit', { documentsReceived })).toThrow(InvalidRequest);
    expect(() => parseActionBody('visit', { documentsReceived: documentsReceived.slice(1) })).not.toThrow();
  });

  it.each([
    ['review', { outcome: 'request-more', missingItems: Array.from({ length: MAX_LIST_ITEMS }, () => text), note }],
    ['visit', { documentsReceived: Array.from({ length: MAX_LIST_ITEMS }, () => ({ name: text, copies: 100, kind: 'original' })), collection: 'by-post', postalAddress: text, requester: { name: text, address: text, phone: '0'.repeat(40) }, note }],
    ['handover', { method: 'by-post', receivedBy: text, note }],
    ['register', { note }],
    ['reassign', { assignee: longest(200), note }],
    ['confirm-sender', { note }],
    ['delay', { reason: text, newDate: '2026-12-10T16:00:00+07:00', note }],
    ['withdraw', { via: 'letter', reference: text, reason: text, note }],
    ['answer', { answer: longest(8000), note }],
  ] as const)('admits no %s body larger than a Step Functions task output, at its largest', (action, body) => {
    // Act: the largest body the schema admits, with the actor and time the API adds
    const parsed = parseActionBody(action, body);
    const output = JSON.stringify({ ...parsed, actor: { kind: 'officer', id: longest(200), name: longest(200) }, at: '2026-12-02T10:00:00+07:00' });

    // Assess
    expect(Buffer.byteLength(output)).toBeLessThan(MAX_ACTION_OUTPUT_BYTES);
  });

  it('refuses an answer typed without diacritics, and one over 8,000 characters, saying why', () => {
    // Prepare
    const unmarked = 'Chao ong, ve thu tuc yeu cau thi hanh an, ong gui don kem ban an den Phong Thi hanh an dan su khu vuc 1.';
    const marked = 'Chào ông, về thủ tục yêu cầu thi hành án, ông gửi đơn kèm bản án đến Phòng Thi hành án dân sự khu vực 1.';

    // Act, Assess
    expect(() => parseActionBody('answer', { answer: unmarked })).toThrow(/answer: the answer seems typed without Vietnamese diacritics/);
    expect(() => parseActionBody('answer', { answer: `${marked} `.repeat(100) })).toThrow(/answer: at most 8,000 characters/);
    expect(parseActionBody('answer', { answer: ` ${marked} ` })).toEqual({ answer: marked });
  });

  it('covers every action but the decision, whose PDF goes to the documents bucket and not through Step Functions', () => {
    expect(Object.keys(ACTIONS).sort()).toEqual(['answer', 'confirm-sender', 'decision', 'delay', 'handover', 'reassign', 'register', 'review', 'visit', 'withdraw']);
  });
});
