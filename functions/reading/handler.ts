import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { logger, tracer } from '../commons/powertools';
import { workflowErrors } from '../commons/workflow-errors';
import { requiredEnv, s3ClientConfig } from '../../shared/aws/clients';
import { resumeRequested } from '../../shared/workflow/resume';
import { readCaseAttachments, type ReadingPorts, type StoredAttachment } from '../../shared/reading/read-case-attachments';
import { caseAttachmentsPrefix, storedAttachmentOf } from '../../shared/reading/stored-attachments';
import { tesseractRecognizer, type PageRecognizer } from '../../shared/reading/ocr';

const s3 = tracer.captureAWSv3Client(new S3Client(s3ClientConfig()));

/** The machine's first Task: its whole input, so that a resumed execution is recognised before anything is read. */
const readingRequest = z.object({ caseId: z.string().regex(/^[A-Z][A-Z0-9]{1,15}-\d{4}-\d{6}$/), execution: z.object({ resumeAt: z.string().optional() }).passthrough().optional() });

/** Time kept back from the function's own timeout: to store what was read and answer. */
const MARGIN_MS = 15_000;
/**
 * The longest the reading goes on, whatever time the function has: the Task's timeout (300 s) comes
 * before the function's (360 s, infra/constructs/workflow.ts), so a reading that runs long ends as a
 * caught States.Timeout ("could not read") and never as a function timeout, which is retried.
 */
const READING_BUDGET_MS = 240_000;

// One OCR worker per container, started on first need (a PDF with a text layer needs none) and kept warm.
let recognizer: Promise<PageRecognizer> | undefined;

const ports: ReadingPorts = {
  async attachmentsOf(caseId) {
    const bucket = requiredEnv('DOCUMENTS_BUCKET');
    const found: StoredAttachment[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: caseAttachmentsPrefix(caseId), ContinuationToken: token }));
      for (const object of page.Contents ?? []) {
        const attachment = object.Key ? storedAttachmentOf(bucket, object.Key, object.Size) : undefined;
        if (attachment) found.push(attachment);
      }
      token = page.NextContinuationToken;
    } while (token);
    return found;
  },
  async readObject(ref) {
    const object = await s3.send(new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key }));
    return object.Body!.transformToByteArray();
  },
  async storeText(key, text) {
    const bucket = requiredEnv('DOCUMENTS_BUCKET');
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: text, ContentType: 'text/plain; charset=utf-8' }));
    return { bucket, key };
  },
  recognizer: () => (recognizer ??= tesseractRecognizer().catch((error) => {
    recognizer = undefined;
    throw error;
  })),
};

/** Reads the attachments of a new case before the desk is told; returns what was read (the receipt records it). */
async function reading(event: unknown, context: Context) {
  const request = readingRequest.parse(event);
  logger.appendKeys({ caseId: request.caseId });
  resumeRequested(request.execution);
  const deadline = Date.now() + Math.min(context.getRemainingTimeInMillis() - MARGIN_MS, READING_BUDGET_MS);
  const read = await readCaseAttachments(request.caseId, ports, { deadline });
  logger.info('attachments read', { attachments: read.attachments.map(({ name, status, pagesRead, method, confidence }) => ({ name, status, pagesRead, method, confidence })), judgment: read.judgment?.number?.value });
  // Always a `judgment` (null when none was found): the Task's ResultSelector names it.
  return { ...read, judgment: read.judgment ?? null };
}

export const handler = middy(reading).use(injectLambdaContext(logger, { resetKeys: true })).use(captureLambdaHandler(tracer)).use(workflowErrors());
