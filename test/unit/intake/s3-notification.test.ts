import type { S3EventRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { decodeS3Key, parseS3Notification } from '../../../shared/intake/s3-notification';

describe('decodeS3Key', () => {
  it.each([
    ['an SES message id, as the S3 action names objects', 'inbound/0l3q9kdpt5hs2mvb1c8e6o4rga7fu0n3sgmjq5o1', 'inbound/0l3q9kdpt5hs2mvb1c8e6o4rga7fu0n3sgmjq5o1'],
    ['spaces written as "+"', 'inbound/don+yeu+cau.eml', 'inbound/don yeu cau.eml'],
    ['Vietnamese, percent-encoded UTF-8', 'inbound/%C4%90%C6%A1n+y%C3%AAu+c%E1%BA%A7u.eml', 'inbound/Đơn yêu cầu.eml'],
    ['a real plus sign, written %2B', 'inbound/a%2Bb.eml', 'inbound/a+b.eml'],
    ['a percent sign, written %25', 'inbound/100%25.eml', 'inbound/100%.eml'],
  ])('decodes %s', (_story, key, expected) => {
    // Prepare, Act
    const decoded = decodeS3Key(key);

    // Assess
    expect(decoded).toBe(expected);
  });
});

/** An S3 event notification record for an object SES stored (shape of the AWS sample event). */
function objectCreated(key: string, overrides: Partial<S3EventRecord> = {}): S3EventRecord {
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: 'ap-southeast-1',
    eventTime: '2026-11-23T09:30:01.123Z',
    eventName: 'ObjectCreated:Put',
    userIdentity: { principalId: 'AWS:AROAEXAMPLE:ses' },
    requestParameters: { sourceIPAddress: '10.0.0.1' },
    responseElements: { 'x-amz-request-id': 'C3D13FE58DE4C810', 'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD' },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'motcua-inbound',
      bucket: { name: 'motcua-inbound-123456789012', ownerIdentity: { principalId: 'A3NL1KOZZKExample' }, arn: 'arn:aws:s3:::motcua-inbound-123456789012' },
      object: { key, size: 6739, eTag: 'd41d8cd98f00b204e9800998ecf8427e', sequencer: '0055AED6DCD90281E5' },
    },
    ...overrides,
  };
}

describe('parseS3Notification', () => {
  it('reads where the message lies and when S3 stored it', () => {
    // Prepare
    const record = objectCreated('inbound/Th%C6%B0+m%E1%BB%9Bi.eml');

    // Act
    const stored = parseS3Notification(record);

    // Assess
    expect(stored).toEqual({ bucket: 'motcua-inbound-123456789012', key: 'inbound/Thư mới.eml', storedAt: new Date('2026-11-23T09:30:01.123Z') });
  });

  it('has no storage time when the record gives none', () => {
    // Prepare
    const record = objectCreated('inbound/a.eml', { eventTime: '' });

    // Act
    const stored = parseS3Notification(record);

    // Assess
    expect(stored.storedAt).toBeUndefined();
  });

  it('refuses an event that is not a creation, naming it', () => {
    // Prepare
    const record = objectCreated('inbound/a.eml', { eventName: 'ObjectRemoved:Delete' });

    // Act, Assess
    expect(() => parseS3Notification(record)).toThrow('unexpected S3 event ObjectRemoved:Delete');
  });
});
