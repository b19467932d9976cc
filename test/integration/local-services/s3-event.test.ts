import { describe, expect, it } from 'vitest';
import { objectCreatedEvent, s3EventKey } from '../../../local/services/s3-event';

describe('S3 event notification', () => {
  it('URL-encodes the key as S3 does: spaces as +, the rest percent-encoded, slashes kept', () => {
    expect(s3EventKey('inbound/tason4r14kcbi9pvradsrianmd9fj3s1647p7b81')).toBe('inbound/tason4r14kcbi9pvradsrianmd9fj3s1647p7b81');
    expect(s3EventKey('documents/Bản án số 12 (1).pdf')).toBe('documents/B%E1%BA%A3n+%C3%A1n+s%E1%BB%91+12+%281%29.pdf');
    expect(s3EventKey('a+b c')).toBe('a%2Bb+c');
    const key = 'documents/Bản án số 12 (1)+bis.pdf';
    expect(decodeURIComponent(s3EventKey(key).replace(/\+/g, ' '))).toBe(key);
  });

  it('orders events on the same key by sequencer', () => {
    const at = new Date('2026-03-06T09:15:42.345Z');
    const event = () => objectCreatedEvent({ region: 'ap-southeast-1', bucket: 'b', key: 'k', size: 1, eTag: 'e', at });
    const first = event().Records[0]!.s3.object.sequencer;
    const second = event().Records[0]!.s3.object.sequencer;
    expect(second > first).toBe(true);
    expect(second).toHaveLength(first.length);
  });
});
