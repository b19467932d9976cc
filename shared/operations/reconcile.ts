import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { CaseRepository, MessageRecord } from '../cases/repository';
import { MalformedMessage, parseInboundMessage } from '../mail/inbound-message';
import { storedMessageIdentity } from '../intake/receive-message';
import { isSesSetupNotification } from '../intake/s3-notification';

/** The metric the scheduled run publishes and the alarm watches (infra/constructs/reconciliation.ts). */
export const UNACCOUNTED_METRIC = 'Reconcile.Unaccounted';

/** A stored raw mail with no record of what became of it. */
export interface UnaccountedMail {
  bucket: string;
  key: string;
  storedAt: string;
  messageId: string;
  /** `no-record`: intake never recorded it; `stuck-claimed`: intake claimed it and never finished. */
  state: 'no-record' | 'stuck-claimed';
}

export interface ReconcilePorts {
  /** The raw mails of the inbound bucket stored at or after `since`. */
  listRaw(since: Date): AsyncIterable<{ bucket: string; key: string; storedAt: Date }>;
  readRaw(stored: { bucket: string; key: string }): Promise<Buffer>;
  getMessage(messageId: string): Promise<MessageRecord | undefined>;
}

/**
 * Every raw mail stored since `since` that intake left no trace of: no message record under the
 * identity intake gives it (its Message-ID, or where it was stored), or one still `claimed` (an
 * intake that died mid-way; its queue message may be dead). A mail stored moments ago may still be
 * in the queue: `settledBefore` leaves those out.
 */
export async function findUnaccountedMail(since: Date, ports: ReconcilePorts, settledBefore = new Date()): Promise<UnaccountedMail[]> {
  const found: UnaccountedMail[] = [];
  for await (const stored of ports.listRaw(since)) {
    if (stored.storedAt < since || stored.storedAt >= settledBefore || isSesSetupNotification(stored)) continue;
    const messageId = await identityOf(stored, ports);
    const record = await ports.getMessage(messageId);
    if (record?.status === 'done') continue;
    found.push({ bucket: stored.bucket, key: stored.key, storedAt: stored.storedAt.toISOString(), messageId, state: record ? 'stuck-claimed' : 'no-record' });
  }
  return found;
}

/** The identity intake records the mail under (receive-message.ts): its Message-ID, else where it is stored. */
async function identityOf(stored: { bucket: string; key: string }, ports: ReconcilePorts): Promise<string> {
  try {
    return (await parseInboundMessage(await ports.readRaw(stored))).messageId ?? storedMessageIdentity(stored);
  } catch (error) {
    if (error instanceof MalformedMessage) return storedMessageIdentity(stored);
    throw error;
  }
}

/** The inbound bucket and the case table as reconcile reads them (the same on AWS and locally: only the clients' endpoints differ). */
export function storeReconcilePorts(s3: S3Client, bucket: string, prefix: string, cases: Pick<CaseRepository, 'getMessage'>): ReconcilePorts {
  return {
    async *listRaw(since) {
      let token: string | undefined;
      do {
        const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
        for (const object of page.Contents ?? []) {
          if (object.Key && object.LastModified && object.LastModified >= since) yield { bucket, key: object.Key, storedAt: object.LastModified };
        }
        token = page.NextContinuationToken;
      } while (token);
    },
    async readRaw(ref) {
      const object = await s3.send(new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key }));
      return Buffer.from(await object.Body!.transformToByteArray());
    },
    getMessage: (messageId) => cases.getMessage(messageId),
  };
}
