import { createHash } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { scanAll } from '../aws/all-items';
import { caseKey } from '../cases/keys';
import { digestKey, parseDigest, type ChainDigest, type ChainHead } from './chain-digest';

/** Every case's chain head, read from the case items (a full scan, once a day). */
export async function readChainHeads(db: DynamoDBDocumentClient, tableName: string): Promise<ChainHead[]> {
  const items = await scanAll(db, {
    TableName: tableName,
    FilterExpression: 'SK = :case',
    ProjectionExpression: 'caseId, lastSeq, lastHash',
    ExpressionAttributeValues: { ':case': caseKey('').SK },
  });
  return items.map((i) => ({ caseId: String(i.caseId), lastSeq: Number(i.lastSeq), lastHash: String(i.lastHash) }));
}

/** The digests bucket (Object Lock on AWS): written once per key, read by day. */
export class DigestStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async write(digest: ChainDigest): Promise<{ bucket: string; key: string }> {
    const body = Buffer.from(`${JSON.stringify(digest, null, 2)}\n`);
    const key = digestKey(digest);
    // Content-MD5: S3 requires an integrity header on writes to a bucket with Object Lock retention.
    await this.s3.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: 'application/json', ContentMD5: createHash('md5').update(body).digest('base64') }),
    );
    return { bucket: this.bucket, key };
  }

  /** The latest digest of a day, or of all days; undefined when none was taken. */
  async latest(day?: string): Promise<{ key: string; digest: ChainDigest } | undefined> {
    let last: string | undefined;
    let token: string | undefined;
    do {
      const page = await this.s3.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: day ? `digests/${day}/` : 'digests/', ContinuationToken: token }));
      for (const object of page.Contents ?? []) if (object.Key && (!last || object.Key > last)) last = object.Key;
      token = page.NextContinuationToken;
    } while (token);
    if (!last) return undefined;
    const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: last }));
    return { key: last, digest: parseDigest(await object.Body!.transformToString('utf8')) };
  }
}
