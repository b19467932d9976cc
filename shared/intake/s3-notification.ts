import type { S3EventRecord } from 'aws-lambda';
import type { StoredMessage } from './receive-message';

/** S3 notifications carry keys URL-encoded, with spaces as "+". */
export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

export function parseS3Notification(record: S3EventRecord): StoredMessage {
  if (!record.eventName?.startsWith('ObjectCreated:')) throw new Error(`unexpected S3 event ${record.eventName}`);
  return {
    bucket: record.s3.bucket.name,
    key: decodeS3Key(record.s3.object.key),
    storedAt: record.eventTime ? new Date(record.eventTime) : undefined,
  };
}

/** SES writes this object when a receipt rule's S3 action is created, to test its access: it is no e-mail. */
export const SES_SETUP_NOTIFICATION = 'AMAZON_SES_SETUP_NOTIFICATION';

export const isSesSetupNotification = (stored: StoredMessage) => stored.key.split('/').at(-1) === SES_SETUP_NOTIFICATION;
