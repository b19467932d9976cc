import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CaseRepository } from '../../shared/cases/repository';
import { SlotBook } from '../../shared/appointments/slot-book';
import type { Clock } from '../../shared/clock';
import type { CaseStore } from '../../shared/cases/store';
import { requiredEnv, s3ClientConfig } from '../../shared/aws/clients';
import { officeDirectory } from '../../shared/offices/default-directory';
import { procedureCatalog } from '../../shared/procedures/default-catalog';
import { procedureSettings } from '../../shared/workflow/procedure-settings';
import { systemClock } from '../../shared/clock';
import { sha256Hex } from '../../shared/timeline/hash-chain';
import { tracer } from './powertools';

/** The DynamoDB client every function shares, traced; created once per container. */
export const dynamoDb = tracer.captureAWSv3Client(new DynamoDBClient({}));
export const documentClient = DynamoDBDocumentClient.from(dynamoDb, { marshallOptions: { removeUndefinedValues: true } });
const s3 = tracer.captureAWSv3Client(new S3Client(s3ClientConfig()));

export const tableName = () => requiredEnv('TABLE_NAME');

export const caseRepository = (): CaseStore => new CaseRepository(documentClient, tableName());

/** The office's appointment book (the workflow's missed appointments, notify's booking and move: ./notice-steps.ts). */
export const slotBook = (clock: Clock) => new SlotBook(documentClient, tableName(), { clock });

/** What every use case needs: the case store, the office directory, the procedures and the clock. */
export const casePorts = () => ({
  cases: caseRepository(),
  directory: officeDirectory,
  clock: systemClock,
  procedureOf: (code: string) => procedureSettings(procedureCatalog, code),
});

/**
 * Documents the system keeps: what it produced (receipt slips) and what people sent or uploaded.
 * Each reference carries the SHA-256 of the bytes stored, so the event that records it chains the
 * hash and `verify` can re-hash the object.
 */
export const documentStore = {
  async storeDocument(key: string, content: Buffer, contentType: string) {
    const bucket = requiredEnv('DOCUMENTS_BUCKET');
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: content, ContentType: contentType }));
    return { bucket, key, sha256: sha256Hex(content) };
  },
  async readDocument(ref: { bucket: string; key: string }) {
    const object = await s3.send(new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key }));
    return Buffer.from(await object.Body!.transformToByteArray());
  },
};
