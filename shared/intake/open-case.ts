import { formatCaseId } from '../cases/case-id';
import type { AttachmentRef, CaseRecord, NewEvent, QuarantinedAttachment } from '../cases/model';
import type { MessageRecord } from '../cases/repository';
import type { CaseStore } from '../cases/store';
import type { Clock } from '../clock';
import type { Office } from '../offices/directory';
import { toVietnamIso, vietnamYear } from '../time/vietnam-time';

/**
 * A new request on its way to becoming a case, however it came: an e-mail (shared/intake/receive-message.ts)
 * or a letter or visit an officer registered (shared/staff/register-request.ts). Both open their case here,
 * the one path: the case id reserved once per request identity, the files stored under it, the case and its
 * first events written in one transaction, and the workflow started under the case id.
 */
export interface RequestToOpen {
  /** What makes the request one: its Message-ID, or the registration's idempotency identity. Every retry gives the same. */
  identity: string;
  office: Office;
  /** The real receipt: every clock of the case starts from it (with the agency's cut-off, shared/calendar). */
  receivedAt: Date;
  /** Where the raw request is kept (the raw e-mail, the registration as the officer sent it). */
  rawObject: { bucket: string; key: string };
  /**
   * The request's record and its register's last serial, when the caller already read them in one consistent
   * read (intake does, with its duplicate check): the reservation starts from them instead of reading again.
   */
  known?: { record: MessageRecord | undefined; lastSerial?: number };
  /** The case as it opens: who asks, what, and how it came. */
  record: Pick<CaseRecord, 'requester' | 'subject'> & Partial<Pick<CaseRecord, 'procedure' | 'senderHold' | 'channel' | 'requesterHadCases'>>;
  /** Stores the request's files under the case id (attachments of the e-mail, the scans of a letter). */
  storeFiles(caseId: string): Promise<Array<AttachmentRef | QuarantinedAttachment>>;
  /** The events that open the case, given its id and its stored files: the request's own event first. */
  events(caseId: string, files: Array<AttachmentRef | QuarantinedAttachment>, at: string): NewEvent[];
}

export interface OpenCasePorts {
  cases: CaseStore;
  clock: Clock;
  startWorkflow(caseId: string): Promise<void>;
  log: { info(message: string, data: Record<string, unknown>): void };
}

/** The procedure a case opens with until the receipt step identifies it (an e-mail), unless the request names one. */
const DEFAULT_PROCEDURE = 'enforcement-request';

/**
 * Opens the case of a new request, once: a second call with the same identity (a redelivery, a retried or
 * doubled registration) gets the case the first reserved and opens nothing more. Starts the workflow either
 * way (an earlier attempt may have stopped before it did; the execution is named by the case, so never twice).
 */
export async function openRequestCase(request: RequestToOpen, ports: OpenCasePorts): Promise<{ caseId: string; opened: boolean }> {
  const { office, identity, receivedAt, rawObject } = request;
  const now = ports.clock.now();
  const nowIso = toVietnamIso(now);
  const year = vietnamYear(receivedAt);
  const caseId = await ports.cases.reserveCaseId(identity, { office: office.code, year, format: (serial) => formatCaseId(office.code, year, serial) }, nowIso, rawObject, request.known);
  const files = await request.storeFiles(caseId);
  const record: Omit<CaseRecord, 'lastSeq' | 'lastHash'> = {
    caseId,
    office: office.code,
    procedure: request.record.procedure ?? DEFAULT_PROCEDURE,
    status: 'received',
    requester: request.record.requester,
    subject: request.record.subject,
    receivedAt: toVietnamIso(receivedAt),
    firstMessageId: identity,
    ...(request.record.channel ? { channel: request.record.channel } : {}),
    deadlines: {},
    breaches: [],
    ...(request.record.senderHold ? { senderHold: request.record.senderHold } : {}),
    ...(request.record.requesterHadCases !== undefined ? { requesterHadCases: request.record.requesterHadCases } : {}),
    createdAt: nowIso,
    updatedAt: nowIso,
  };
  const message: MessageRecord = { messageId: identity, direction: 'in', status: 'done', disposition: 'opened-case', caseId, rawObject, at: nowIso };
  const opened = await ports.cases.openCase(record, request.events(caseId, files, nowIso), message);
  if (!opened) ports.log.info('case already opened by an earlier attempt', { caseId, identity });
  await ports.startWorkflow(caseId);
  ports.log.info('case opened', { caseId, office: office.code, identity, channel: request.record.channel?.kind ?? 'email' });
  return { caseId, opened };
}
