import type { CaseRecord, NewEvent, TimelineEvent } from './model';
import type { CaseChange, MessageRecord, OutboundClaim } from './repository';

/**
 * The case store as the workflow, intake, notify and staff code use it: a port, so that the
 * DynamoDB repository (shared/cases/repository.ts) and the tests' in-memory stores are
 * interchangeable. Semantics are the repository's; its comments say them in full.
 */
export interface CaseStore {
  getCase(caseId: string): Promise<CaseRecord | undefined>;
  /** The case, or CaseNotFound. */
  requireCase(caseId: string): Promise<CaseRecord>;
  /** The case's timeline, oldest first. */
  listEvents(caseId: string): Promise<TimelineEvent[]>;
  /** The ids of a requester's cases, oldest first. */
  caseIdsOfRequester(address: string): Promise<string[]>;
  /** Opens a case with its first events and message record; false when it already exists. */
  openCase(caseRecord: Omit<CaseRecord, 'lastSeq' | 'lastHash'>, events: NewEvent[], message: MessageRecord): Promise<boolean>;
  /**
   * Applies what `decide` returns for the current case, re-deciding on a concurrent change; undefined changes nothing.
   * `known` (optional): the case as just read, decided on first instead of reading it again.
   */
  changeCase(caseId: string, decide: (current: CaseRecord) => CaseChange | undefined, known?: CaseRecord): Promise<{ record: CaseRecord; events: TimelineEvent[] }>;
  /** The case and its timeline in one read, where the store can (optional: else requireCase and listEvents). */
  requireCaseWithEvents?(caseId: string): Promise<{ record: CaseRecord; events: TimelineEvent[] }>;

  getMessage(messageId: string): Promise<MessageRecord | undefined>;
  /**
   * A message's record and its register's last serial in one read, where the store can (optional: else getMessage);
   * with `requester`, how many cases that address opened before (requesterCases) in the same read.
   */
  getMessageAndSerial?(messageId: string, register: { office: string; year: number }, requester?: string): Promise<{ record: MessageRecord | undefined; lastSerial: number; requesterCases?: number }>;
  /** The case id reserved for an inbound message, the same for every delivery of it. */
  reserveCaseId(
    messageId: string,
    register: { office: string; year: number; format: (serial: number) => string },
    at: string,
    rawObject: MessageRecord['rawObject'],
    known?: { record: MessageRecord | undefined; lastSerial?: number },
  ): Promise<string>;
  recordMessage(record: MessageRecord): Promise<void>;
  completeMessage(messageId: string, outcome: { resumedStep: string } | { reason: string }): Promise<void>;
  claimOutbound(messageId: string, caseId: string | undefined, at: string, leaseMs?: number): Promise<OutboundClaim>;
  /** Claims notices that go together in one write, while the case is at `guard.lastSeq`; undefined when refused (optional: else claimOutbound each). */
  claimOutbounds?(claims: Array<{ messageId: string; caseId: string; at: string }>, guard: { caseId: string; lastSeq: number }, alsoPut?: CaseChange['alsoPut']): Promise<string[] | undefined>;
  markOutboundSent(messageId: string, claimId: string, providerMessageId: string): Promise<void>;
  releaseOutbound(messageId: string, claimId: string): Promise<void>;
}
