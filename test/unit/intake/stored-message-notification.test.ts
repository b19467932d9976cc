import { describe, expect, it } from 'vitest';
import type { S3EventRecord } from 'aws-lambda';
import { isSesSetupNotification, parseS3Notification } from '../../../shared/intake/s3-notification';

const record = (key: string, eventName = 'ObjectCreated:Put') =>
  ({ eventName, eventTime: '2026-11-23T09:30:00.000Z', s3: { bucket: { name: 'inbound-bucket' }, object: { key } } }) as unknown as S3EventRecord;

describe('an S3 notification of a stored e-mail', () => {
  it('names the object with its key decoded as S3 encodes it (spaces as +)', () => {
    expect(parseS3Notification(record('inbound/th%C6%B0+m%E1%BB%9Bi'))).toEqual({
      bucket: 'inbound-bucket',
      key: 'inbound/thư mới',
      storedAt: new Date('2026-11-23T09:30:00.000Z'),
    });
  });

  it('is refused when it is not an object creation', () => {
    expect(() => parseS3Notification(record('inbound/abc', 'ObjectRemoved:Delete'))).toThrow(/unexpected S3 event ObjectRemoved:Delete/);
  });

  it("that SES writes to test a new receipt rule's access is told apart from an e-mail", () => {
    expect(isSesSetupNotification(parseS3Notification(record('inbound/AMAZON_SES_SETUP_NOTIFICATION')))).toBe(true);
    expect(isSesSetupNotification(parseS3Notification(record('inbound/0a1b2c3d4e5f')))).toBe(false);
  });
});
