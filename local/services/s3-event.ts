import type { S3Event } from 'aws-lambda';

/**
 * An object key as S3 writes it in event notifications: form-URL-encoded (spaces as '+',
 * "red flower.jpg" → "red+flower.jpg"; like Java's URLEncoder also ! ' ( ) ~, which
 * encodeURIComponent leaves), '/' kept. Consumers decode with
 * decodeURIComponent(key.replace(/\+/g, ' ')).
 */
export function s3EventKey(key: string): string {
  return key
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment)
        .replace(/%20/g, '+')
        .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    )
    .join('/');
}

let lastSequencer = 0n;

/** S3's sequencer: upper-case hex that grows with each event on a key; consumers compare them to order events. */
function nextSequencer(at: Date): string {
  const candidate = BigInt(at.getTime()) * 1_000_000n;
  lastSequencer = candidate > lastSequencer ? candidate : lastSequencer + 1n;
  return lastSequencer.toString(16).toUpperCase().padStart(18, '0');
}

export interface ObjectCreated {
  region: string;
  bucket: string;
  key: string;
  size: number;
  /** Without quotes, as events carry it. */
  eTag: string;
  /** When the PUT completed. */
  at: Date;
  requestId?: string;
  sourceIp?: string;
}

/** The notification S3 sends for a PUT (event version 2.1), as Lambda, SQS and EventBridge pipes receive it. */
export function objectCreatedEvent(o: ObjectCreated): S3Event {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: o.region,
        eventTime: o.at.toISOString(),
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'AWS:LOCAL-SES-RECEIVING' },
        requestParameters: { sourceIPAddress: o.sourceIp ?? '127.0.0.1' },
        responseElements: { 'x-amz-request-id': o.requestId ?? 'LOCAL', 'x-amz-id-2': 'local/motcua' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'motcua-inbound',
          bucket: { name: o.bucket, ownerIdentity: { principalId: 'LOCAL' }, arn: `arn:aws:s3:::${o.bucket}` },
          object: { key: s3EventKey(o.key), size: o.size, eTag: o.eTag, sequencer: nextSequencer(o.at) },
        },
      },
    ],
  };
}
