import { describe, expect, it } from 'vitest';
import type { CaseRecord, TimelineEvent } from '../../../shared/cases/model';
import { caseSnapshot, knownRecord, SNAPSHOT_LIMIT_BYTES } from '../../../shared/cases/snapshot';
import { requestEventOf } from '../../../shared/intake/request-event';

const record: CaseRecord = {
  caseId: 'HCMKV1-2026-000001',
  office: 'HCMKV1',
  procedure: 'enforcement-request',
  status: 'received',
  requester: { address: 'pham.thi.mai@example.com', name: 'Phạm Thị Mai' },
  subject: 'Đơn yêu cầu thi hành án',
  receivedAt: '2026-11-23T16:30:00+07:00',
  firstMessageId: '<a@example.com>',
  deadlines: {},
  breaches: [],
  lastSeq: 5,
  lastHash: 'a'.repeat(64),
  createdAt: '2026-11-23T16:30:02+07:00',
  updatedAt: '2026-11-23T16:30:03+07:00',
};

const event = (seq: number, type: string, data: Record<string, unknown>): TimelineEvent => ({ caseId: record.caseId, seq, type, at: record.receivedAt, actor: { kind: 'system', component: 'intake' }, data, prevHash: 'p', hash: 'h' });

describe('the case passed along in the state (snapshot)', () => {
  it('carries the whole record, and of the timeline only the request cut to what the notices read', () => {
    const events = [
      event(1, 'message-received', { subject: 'Đơn', text: 'x'.repeat(20_000), attachments: [{ name: 'Bản án.pdf', size: 1, contentType: 'application/pdf', sha256: 'h' }] }),
      event(2, 'case-opened', { office: 'HCMKV1' }),
    ];
    const snapshot = caseSnapshot(record, events);
    expect(snapshot.record).toEqual(record);
    expect(snapshot.events).toHaveLength(1);
    expect(requestEventOf(snapshot.events!)?.data).toEqual({ attachments: [{ name: 'Bản án.pdf' }] });
    expect(Buffer.byteLength(JSON.stringify(snapshot))).toBeLessThan(2_000);
  });

  it('carries no record past its bound: the next step reads the case', () => {
    const big = { ...record, subject: 'x'.repeat(SNAPSHOT_LIMIT_BYTES) };
    expect(caseSnapshot(big)).toEqual({ record: null });
    expect(knownRecord(record.caseId, caseSnapshot(big))).toBeUndefined();
  });

  it('is taken only for its own case, and only when it is a case record', () => {
    expect(knownRecord(record.caseId, caseSnapshot(record))).toEqual(record);
    expect(knownRecord('HCMKV1-2026-000002', caseSnapshot(record))).toBeUndefined();
    expect(knownRecord(record.caseId, { record: { caseId: record.caseId } })).toBeUndefined();
    expect(knownRecord(record.caseId, undefined)).toBeUndefined();
  });
});
