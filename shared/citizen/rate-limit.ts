import { createHash } from 'node:crypto';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { rateCounterKey } from '../cases/keys';

/** The attempts allowed in a window, per source address and for everyone together. */
export interface RateLimits {
  perSourcePerMinute: number;
  globalPerMinute: number;
}

export type RateVerdict = { allowed: true } | { allowed: false; scope: 'source' | 'global'; retryAfterSeconds: number };

/** Counts an attempt and says whether it is within the limits. */
export interface AttemptCounter {
  count(scope: string, window: string, expiresAtEpochSeconds: number): Promise<number>;
}

const WINDOW_MS = 60_000;

/**
 * A fixed one-minute window on the application clock (so that a local stack's moved clock ends a
 * window as time passing would). The source address is kept as a hash: the counters are not a log
 * of who came. Both counters are incremented on every attempt, refused or not, so a guesser who
 * keeps trying stays refused.
 */
export async function checkAttempt(counter: AttemptCounter, limits: RateLimits, sourceIp: string, now: Date): Promise<RateVerdict> {
  const windowStart = Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS;
  const window = new Date(windowStart).toISOString().slice(0, 16);
  // Kept a little past the window, then removed by the table's TTL.
  const expiresAt = Math.floor((windowStart + 2 * WINDOW_MS) / 1000);
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + WINDOW_MS - now.getTime()) / 1000));
  const source = createHash('sha256').update(sourceIp).digest('hex').slice(0, 32);
  const [fromSource, fromAll] = await Promise.all([counter.count(`citizen#source#${source}`, window, expiresAt), counter.count('citizen#global', window, expiresAt)]);
  if (fromSource > limits.perSourcePerMinute) return { allowed: false, scope: 'source', retryAfterSeconds };
  if (fromAll > limits.globalPerMinute) return { allowed: false, scope: 'global', retryAfterSeconds };
  return { allowed: true };
}

/** A DynamoDB counter per scope and window (ADD is atomic), expiring by the table's TTL: the same on AWS and DynamoDB Local. */
export class DynamoAttemptCounter implements AttemptCounter {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async count(scope: string, window: string, expiresAtEpochSeconds: number): Promise<number> {
    const result = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: rateCounterKey(scope, window),
        UpdateExpression: 'ADD attempts :one SET expiresAt = :expires, entity = :entity',
        ExpressionAttributeValues: { ':one': 1, ':expires': expiresAtEpochSeconds, ':entity': 'rate-counter' },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(result.Attributes?.attempts ?? 1);
  }
}
