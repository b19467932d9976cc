import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, HeadBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localS3ClientConfig, startS3 } from '../../../local/services/s3';
import type { RunningService } from '../../../local/services/running-service';
import { testPort } from '../../support/ports';

const PORT = testPort(18200);
const BUCKET = 'motcua-inbound';
const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-s3-'));
let service: RunningService;
let s3: S3Client;

beforeAll(async () => {
  service = await startS3({ port: PORT, dataDir, buckets: [BUCKET, 'motcua-documents'] });
  s3 = new S3Client(localS3ClientConfig(service.url));
});

afterAll(async () => {
  s3?.destroy();
  await service?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('S3 (s3rver)', () => {
  it('stores a binary object uploaded as a stream byte for byte', async () => {
    // Prepare: a scanned judgment, binary, uploaded in several chunks
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(300_000), Buffer.from([0, 0xff, 0x0d, 0x0a])]);
    const key = 'documents/HCMKV1-2026-000001/Bản án số 12.pdf';
    const chunks = [pdf.subarray(0, 65_536), pdf.subarray(65_536, 200_000), pdf.subarray(200_000)];

    // Act
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: Readable.from(chunks), ContentLength: pdf.length, ContentType: 'application/pdf' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));

    // Assess
    const bytes = Buffer.from(await got.Body!.transformToByteArray());
    expect(bytes.length).toBe(pdf.length);
    expect(bytes.equals(pdf)).toBe(true);
    expect(got.ContentType).toBe('application/pdf');
  });

  it('creates the configured buckets', async () => {
    await expect(s3.send(new HeadBucketCommand({ Bucket: 'motcua-documents' }))).resolves.toBeDefined();
  });

  it('keeps objects across a restart', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'inbound/kept', Body: 'giữ lại' }));
    await service.stop();
    service = await startS3({ port: PORT, dataDir, buckets: [BUCKET] });
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'inbound/kept' }));
    expect(await got.Body!.transformToString()).toBe('giữ lại');
  });
});
