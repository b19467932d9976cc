import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { authorize, officeTarget } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import { exportJobKey } from '../cases/keys';
import { DOCUMENT_LINK_SECONDS } from './case-view';
import type { ExportFile } from './exports';
import { ExportJobNotFound } from './errors';
import type { StaffPorts } from './ports';

/**
 * Large exports and reports as jobs. The API Lambda answers within 30 s and 6 MB; a file of many
 * cases is built by an asynchronous invocation of the same code instead (the job function on AWS,
 * the same handler in process locally), written to the documents bucket, and fetched through a
 * five-minute signed link. Small files stay synchronous, byte for byte as before.
 *
 * The size of a file is only known once it is built, which is the expensive part; the number of
 * cases it reads (from the index alone, without their timelines) predicts it and is cheap, so
 * the threshold is a number of cases.
 */
export type ExportKind = 'export' | 'report';

export type ExportJobStatus = 'running' | 'done' | 'failed';

export interface ExportJob {
  jobId: string;
  kind: ExportKind;
  /** The query as the caller gave it; the job builds the file from it, as the synchronous route would. */
  query: Record<string, string>;
  /** Who asked: the only one (with auditors of these offices) who may read the job. */
  requestedBy: Principal;
  offices: string[];
  status: ExportJobStatus;
  createdAt: string;
  finishedAt?: string;
  file?: { bucket: string; key: string; name: string; contentType: string; size: number };
  error?: string;
  /** Epoch seconds: the table's TTL removes the record (the file's link is short-lived anyway). */
  expiresAt: number;
}

/**
 * A job still running after this was lost: Lambda gives up on an event after its third 15-minute
 * attempt, and holds an event for at most six hours before the first. Said as failed, so nobody waits forever.
 */
export const EXPORT_JOB_LOST_AFTER_MS = 7 * 60 * 60 * 1000;

/** Job records are kept for a week, long enough for a CLI to come back for the link. */
export const EXPORT_JOB_TTL_SECONDS = 7 * 24 * 60 * 60;

export interface ExportJobStore {
  put(job: ExportJob): Promise<void>;
  get(jobId: string): Promise<ExportJob | undefined>;
}

export interface ExportJobPorts {
  /** An export or report reading more cases than this becomes a job. */
  thresholdCases: number;
  store: ExportJobStore;
  /** Runs runExportJob(jobId) where the limits allow, without waiting for it. */
  start(jobId: string): Promise<void>;
}

/** The event that asks the function to build a job's file. */
export interface ExportJobEvent {
  exportJob: string;
}

export const isExportJobEvent = (event: unknown): event is ExportJobEvent =>
  typeof event === 'object' && event !== null && typeof (event as ExportJobEvent).exportJob === 'string';

/** The code that reads the cases and builds the files (shared/reports): loaded with the first file asked for, not at a cold start (issue 12). */
const fileBuilders = () => import('./exports');

async function build(kind: ExportKind, principal: Principal, query: Record<string, string | undefined>, ports: StaffPorts): Promise<ExportFile> {
  const { exportCases, officialReport } = await fileBuilders();
  return kind === 'export' ? exportCases(principal, query, ports) : officialReport(principal, query, ports);
}

/**
 * GET /exports/cases and GET /reports/official: the file itself, or (over the threshold) a job.
 * The request is parsed and authorized first, so a refused or invalid request never becomes a job.
 */
export async function fileOrJob(
  kind: ExportKind,
  principal: Principal,
  query: Record<string, string | undefined>,
  ports: StaffPorts & { exportJobs?: ExportJobPorts },
): Promise<{ file: ExportFile } | { job: ExportJobView }> {
  const jobs = ports.exportJobs;
  if (!jobs) return { file: await build(kind, principal, query, ports) };
  const { exportScope, recordsForPeriod } = await fileBuilders();
  const scope = exportScope(kind, principal, query, ports);
  const cases = (await recordsForPeriod(scope.offices, scope.period, ports)).length;
  if (cases <= jobs.thresholdCases) return { file: await build(kind, principal, query, ports) };
  const now = ports.clock.now();
  const job: ExportJob = {
    jobId: randomUUID(),
    kind,
    query: Object.fromEntries(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined)),
    requestedBy: principal,
    offices: scope.offices,
    status: 'running',
    createdAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + EXPORT_JOB_TTL_SECONDS,
  };
  await jobs.store.put(job);
  await jobs.start(job.jobId);
  return { job: { jobId: job.jobId, kind, status: job.status, createdAt: job.createdAt } };
}

/** Builds a job's file and records the outcome; a failure is recorded, never retried into a second file. */
export async function runExportJob(jobId: string, ports: StaffPorts & { exportJobs: ExportJobPorts }): Promise<ExportJobStatus | 'missing'> {
  const job = await ports.exportJobs.store.get(jobId);
  if (!job) return 'missing';
  if (job.status !== 'running') return job.status;
  try {
    const file = await build(job.kind, job.requestedBy, job.query, ports);
    const content = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content;
    const stored = await ports.uploads.storeDocument(`exports/${job.jobId}/${file.filename}`, content, file.contentType);
    await ports.exportJobs.store.put({
      ...job,
      status: 'done',
      finishedAt: ports.clock.now().toISOString(),
      file: { ...stored, name: file.filename, contentType: file.contentType, size: content.length },
    });
    return 'done';
  } catch (error) {
    await ports.exportJobs.store.put({ ...job, status: 'failed', finishedAt: ports.clock.now().toISOString(), error: (error as Error).message });
    return 'failed';
  }
}

export interface ExportJobView {
  jobId: string;
  kind: ExportKind;
  status: ExportJobStatus;
  createdAt: string;
  finishedAt?: string;
  file?: { name: string; contentType: string; size: number; url: string; expiresInSeconds: number };
  error?: string;
}

/**
 * Who may read a job: who asked, or an auditor who may export every office it reads. Anyone else
 * is told it does not exist (404), so that job ids reveal nothing.
 */
function mayRead(principal: Principal, job: ExportJob, ports: Pick<StaffPorts, 'directory'>): boolean {
  if (principal.sub === job.requestedBy.sub) return true;
  if (!principal.roles.includes('auditor')) return false;
  return job.offices.every((office) => authorize(principal, 'case:export', officeTarget(ports.directory, office)).allowed);
}

/** GET /jobs/{id}: the job's status and, when done, a five-minute signed link to its file. */
export async function exportJobStatus(principal: Principal, jobId: string, ports: StaffPorts & { exportJobs?: ExportJobPorts }): Promise<ExportJobView> {
  const job = ports.exportJobs ? await ports.exportJobs.store.get(jobId) : undefined;
  if (!job || !mayRead(principal, job, ports)) throw new ExportJobNotFound(jobId);
  const view: ExportJobView = { jobId: job.jobId, kind: job.kind, status: job.status, createdAt: job.createdAt };
  if (job.status === 'running' && ports.clock.now().getTime() - Date.parse(job.createdAt) > EXPORT_JOB_LOST_AFTER_MS) {
    return { ...view, status: 'failed', error: 'the job did not finish (its function stopped); ask for the file again' };
  }
  if (job.finishedAt) view.finishedAt = job.finishedAt;
  if (job.error) view.error = job.error;
  if (job.status === 'done' && job.file) {
    const { bucket, key, name, contentType, size } = job.file;
    view.file = { name, contentType, size, url: await ports.documents.signedGetUrl({ bucket, key, name, contentType }, DOCUMENT_LINK_SECONDS), expiresInSeconds: DOCUMENT_LINK_SECONDS };
  }
  return view;
}

/** Job records in the case table, under keys of shared/cases/keys.ts. */
export class DynamoExportJobStore implements ExportJobStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async put(job: ExportJob): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.table, Item: { ...exportJobKey(job.jobId), entity: 'export-job', ...job } }));
  }

  async get(jobId: string): Promise<ExportJob | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.table, Key: exportJobKey(jobId), ConsistentRead: true }));
    if (!Item) return undefined;
    const { PK: _pk, SK: _sk, entity: _entity, ...job } = Item;
    return job as ExportJob;
  }
}

/** EXPORT_JOB_THRESHOLD_CASES: a whole number of cases; unset means every file stays synchronous. */
export function exportJobThreshold(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  if (!/^\d+$/.test(text)) throw new Error(`EXPORT_JOB_THRESHOLD_CASES "${text}" is not a whole number of cases`);
  return Number(text);
}
