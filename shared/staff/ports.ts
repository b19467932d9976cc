import type { CaseStore } from '../cases/store';
import type { AttachmentRef } from '../cases/model';
import type { OfficeDirectory } from '../offices/directory';
import type { Clock } from '../clock';
import type { WorkflowExecutions } from '../workflow/resume';
import type { NoticeDispatch } from './confirm-sender';

/** One page of an index partition, in sort-key order, with the key to continue from. */
export interface CaseIndexPage {
  items: Array<Record<string, unknown>>;
  lastKey?: Record<string, unknown>;
}

export interface CaseIndexQuery {
  index: 'GSI1' | 'GSI2';
  partition: string;
  /** Inclusive bounds on the sort key. */
  from?: string;
  to?: string;
  startKey?: Record<string, unknown>;
  limit: number;
}

/** The table's secondary indexes: the work queue (GSI1) and the audit periods (GSI2). */
export interface CaseIndex {
  page(query: CaseIndexQuery): Promise<CaseIndexPage>;
}

/** Resumes a waiting workflow step. 'stale' when the token no longer resumes anything (timed out, renewed, done). */
export interface WorkflowResumer {
  sendTaskSuccess(taskToken: string, output: Record<string, unknown>): Promise<'sent' | 'stale'>;
}

/** Short-lived links to stored documents, so that files never pass through the API. */
export interface DocumentLinks {
  /** `inline`: the browser shows the file in the page (the console's PDF and image previews) rather than saving it. */
  signedGetUrl(document: Pick<AttachmentRef, 'bucket' | 'key' | 'name' | 'contentType'>, expiresInSeconds: number, options?: { inline?: boolean }): Promise<string>;
}

/** Where files that people upload (a decision's PDF) are kept, and read back to re-hash them (`verify`). */
export interface DocumentUploads {
  storeDocument(key: string, content: Buffer, contentType: string): Promise<{ bucket: string; key: string }>;
  /** The stored bytes, or undefined when the object is gone. */
  readDocument(ref: { bucket: string; key: string }): Promise<Buffer | undefined>;
}

/**
 * Scans of requests received by post or at the desk: uploaded by the officer's browser straight to the
 * documents bucket through a presigned PUT link (S3 on AWS, s3rver locally), then read back by the
 * registration, which checks, hashes and files them under the case (shared/staff/register-request.ts).
 */
export interface ScanUploads {
  /** A link to PUT one object at `key` of the documents bucket, signed for its content type. */
  signedPutUrl(key: string, contentType: string, expiresInSeconds: number): Promise<string>;
  /** The uploaded bytes, or undefined when nothing was uploaded there. */
  read(key: string): Promise<Buffer | undefined>;
}

/** What the staff and auditor use cases need, as ports: the handler gives AWS clients, tests give fakes. */
export interface StaffPorts {
  cases: CaseStore;
  index: CaseIndex;
  workflow: WorkflowResumer;
  documents: DocumentLinks;
  uploads: DocumentUploads;
  directory: OfficeDirectory;
  clock: Clock;
  /** The case workflow's executions, to resume one that ended (motcua case resume). */
  executions?: WorkflowExecutions;
  /** Scan uploads for registering requests received by post or at the desk (POST /uploads, POST /registrations). */
  scans?: ScanUploads;
  /** Sends a notice through the notify function (confirm-sender releases the held acknowledgement). */
  notices?: NoticeDispatch;
}
