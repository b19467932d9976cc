import { decodeS3Key } from '../intake/s3-notification';

/**
 * The intake queue's dead letters: messages intake failed to take in, every time it was given them.
 * One port, two adapters: the SQS dead-letter queue on AWS (sqs-dead-letters.ts) and the local
 * disk-backed queue's dead-letter folder (local/local-dead-letters.ts).
 */
export interface DeadLetter {
  /** The queue's id of the message (what `redrive` takes). */
  id: string;
  /** The stored raw mails it announces (bucket/key), read from the S3 notification it carries. */
  rawObjects: string[];
  /** How many times intake was given it. */
  receiveCount: number;
  /** When it was first queued (ISO). */
  sentAt: string;
  /** Why it is here, in words an operator can act on. */
  reason: string;
}

export interface DeadLetterQueue {
  list(): Promise<DeadLetter[]>;
  /** Puts the dead letters with these ids (all when none given) back on the intake queue; returns how many went back. */
  redrive(ids?: string[]): Promise<number>;
}

/** The raw mails an S3 notification (the body of an intake queue message) announces. */
export function rawObjectsOf(body: string): string[] {
  try {
    const notification = JSON.parse(body) as { Records?: Array<{ s3?: { bucket?: { name?: string }; object?: { key?: string } } }> };
    return (notification.Records ?? []).map((r) => `${r.s3?.bucket?.name ?? '?'}/${decodeS3Key(r.s3?.object?.key ?? '?')}`);
  } catch {
    return [];
  }
}
