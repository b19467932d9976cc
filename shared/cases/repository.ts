import { queryAll, scanAll } from '../aws/all-items';
import { randomUUID } from 'node:crypto';
import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { eventHash, GENESIS_HASH } from '../timeline/hash-chain';
import { caseStateHash } from '../timeline/case-state';
import type { CaseRecord, NewEvent, TimelineEvent } from './model';
import type { CaseStore } from './store';
import { caseKey, casePartKey, EVENT_SK_PREFIX, messageKey, normalizeMessageId, requesterCaseKey, requesterSummaryKey, serialCounterKey } from './keys';
import { CASE_PARTS, changedParts, type CasePart, fromCaseItem, fromEventItem, isCasePartItem, toCaseItem, toCasePartItem, toEventItem, withPartsApart } from './items';

/** A message the system has seen or sent, and what became of it: idempotency and threading. */
export interface MessageRecord {
  messageId: string;
  direction: 'in' | 'out';
  status: 'claimed' | 'done';
  caseId?: string;
  reservedCaseId?: string;
  disposition?: 'opened-case' | 'threaded' | 'third-party' | 'automated' | 'unmatched-automated' | 'unroutable' | 'sent';
  rawObject?: { bucket: string; key: string };
  /** Why a message changed no case, in words an operator can act on. */
  reason?: string;
  /** The waiting step a requester's reply resumed. */
  resumedStep?: string;
  /** The id the mail service gave an outbound message it accepted. */
  providerMessageId?: string;
  at: string;
}

export class CaseNotFound extends Error {
  override readonly name = 'CaseNotFound';
  constructor(readonly caseId: string) {
    super(`case ${caseId} does not exist`);
  }
}

/** A message record as the table stores it: keyed by the hash of its Message-ID, the Message-ID in its normal form. */
export function messageItem(record: MessageRecord | (MessageRecord & Record<string, unknown>)): Record<string, unknown> {
  return { ...messageKey(record.messageId), entity: 'message', ...record, messageId: normalizeMessageId(record.messageId) };
}

/** Another attempt is sending the same message right now; retry later. */
export class MessageInProgress extends Error {
  override readonly name = 'MessageInProgress';
}

/** Another writer changed the case between our read and our write; the caller re-reads and retries. */
export class ConcurrentCaseChange extends Error {
  override readonly name = 'ConcurrentCaseChange';
}

/** A case change: the new case state (what the caller computed) and the events that explain it. */
export interface CaseChange {
  update: Partial<Omit<CaseRecord, 'caseId' | 'lastSeq' | 'lastHash' | 'createdAt'>>;
  events: NewEvent[];
  /** Extra items written in the same transaction (e.g. the message record of a reply). */
  alsoPut?: Array<{ item: Record<string, unknown>; condition?: string; names?: Record<string, string>; values?: Record<string, unknown> }>;
  /** Keys of items deleted in the same transaction (e.g. the procuracy's due item once the copy is sent). */
  alsoDelete?: Array<Record<string, unknown>>;
}

/**
 * How long a claim to send a notice holds: longer than the notify function's timeout (30 s, the
 * default in infra/app-function.ts), so that once it lapses its holder is surely no longer running.
 */
export const OUTBOUND_LEASE_MS = 45_000;

export type OutboundClaim = { state: 'claimed'; claimId: string } | { state: 'sent'; providerMessageId?: string } | { state: 'held'; untilMs: number };

const MAX_CHANGE_ATTEMPTS = 8;
const MAX_RESERVE_ATTEMPTS = 12;

/** A transaction cancelled because another writer got there first: worth reading again and retrying. */
function isConflict(code: string | undefined): boolean {
  return code === 'ConditionalCheckFailed' || code === 'TransactionConflict';
}

/** Full jitter, so writers that collided do not collide again in step. */
function jitteredPause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(1_000, 20 * 2 ** attempt)));
}

export class CaseRepository implements CaseStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The case whole: its case item and the items of its parts, in one Query (their sort keys begin with the case item's). */
  async getCase(caseId: string): Promise<CaseRecord | undefined> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :case)',
      ExpressionAttributeValues: { ':pk': caseKey(caseId).PK, ':case': caseKey(caseId).SK },
      ConsistentRead: true,
    });
    const head = items.find((item) => item.SK === caseKey(caseId).SK);
    return head ? fromCaseItem(head, items.filter(isCasePartItem)) : undefined;
  }

  async requireCase(caseId: string): Promise<CaseRecord> {
    const found = await this.getCase(caseId);
    if (!found) throw new CaseNotFound(caseId);
    return found;
  }

  async listEvents(caseId: string): Promise<TimelineEvent[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :evt)',
      ExpressionAttributeValues: { ':pk': caseKey(caseId).PK, ':evt': EVENT_SK_PREFIX },
      ConsistentRead: true,
    });
    return items.map(fromEventItem);
  }

  /** The case and its timeline in one read (one Query of the case's partition), or CaseNotFound. */
  async requireCaseWithEvents(caseId: string): Promise<{ record: CaseRecord; events: TimelineEvent[] }> {
    let head: Record<string, unknown> | undefined;
    const parts: Array<Record<string, unknown>> = [];
    const events: TimelineEvent[] = [];
    const items = await queryAll(this.db, { TableName: this.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': caseKey(caseId).PK }, ConsistentRead: true });
    for (const item of items) {
      if (item.SK === caseKey(caseId).SK) head = item;
      else if (isCasePartItem(item)) parts.push(item);
      else if (String(item.SK).startsWith(EVENT_SK_PREFIX)) events.push(fromEventItem(item));
    }
    if (!head) throw new CaseNotFound(caseId);
    return { record: fromCaseItem(head, parts), events };
  }

  /** The ids of a requester's cases, oldest first. */
  async caseIdsOfRequester(address: string): Promise<string[]> {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :case)',
        ExpressionAttributeValues: { ':pk': requesterCaseKey(address, '').PK, ':case': requesterCaseKey(address, '').SK },
      }),
    );
    return (Items ?? []).map((i) => String(i.caseId));
  }

  /**
   * Counts the cases of every requester indexed before these counts existed (REQUESTER#<address>/CASES), raising a
   * count only: run once after upgrading a table that has cases (`motcua backfill-requester-counts`), else the next
   * request of a requester known before is taken as their first, and its receipt does not look for their other cases.
   * Returns how many requesters' counts it wrote.
   */
  async backfillRequesterCounts(): Promise<number> {
    const counts = new Map<string, { count: number; address: string; lastCaseId: string }>();
    const indexed = await scanAll(this.db, { TableName: this.tableName, FilterExpression: 'entity = :entity', ExpressionAttributeValues: { ':entity': 'requester-case' }, ProjectionExpression: 'PK, caseId' });
    for (const item of indexed) {
      const pk = String(item.PK);
      const seen = counts.get(pk) ?? { count: 0, address: pk.slice('REQUESTER#'.length), lastCaseId: '' };
      counts.set(pk, { ...seen, count: seen.count + 1, lastCaseId: String(item.caseId) > seen.lastCaseId ? String(item.caseId) : seen.lastCaseId });
    }
    let written = 0;
    for (const { count, address, lastCaseId } of counts.values()) {
      try {
        await this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: requesterSummaryKey(address),
            UpdateExpression: 'SET entity = :entity, caseCount = :count, lastCaseId = if_not_exists(lastCaseId, :caseId)',
            ConditionExpression: 'attribute_not_exists(PK) OR caseCount < :count',
            ExpressionAttributeValues: { ':entity': 'requester-summary', ':count': count, ':caseId': lastCaseId },
          }),
        );
        written++;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error; // counted already
      }
    }
    return written;
  }

  async getMessage(messageId: string): Promise<MessageRecord | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: messageKey(messageId), ConsistentRead: true }));
    return Item as MessageRecord | undefined;
  }

  /**
   * A message's record and the last serial of the register its case would be numbered in, in one
   * consistent read: what intake needs to see whether a message is new and, if it is, to reserve its id.
   */
  async getMessageAndSerial(messageId: string, register: { office: string; year: number }, requester?: string): Promise<{ record: MessageRecord | undefined; lastSerial: number; requesterCases?: number }> {
    const key = messageKey(messageId);
    const counter = serialCounterKey(register.office, register.year);
    const summary = requester ? requesterSummaryKey(requester) : undefined;
    const keys = [key, counter, ...(summary ? [summary] : [])];
    const { Responses, UnprocessedKeys } = await this.db.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }));
    // Keys left unprocessed (throttling) are read one by one.
    const items = UnprocessedKeys?.[this.tableName]?.Keys?.length
      ? (await Promise.all(keys.map((Key) => this.db.send(new GetCommand({ TableName: this.tableName, Key, ConsistentRead: true }))))).flatMap((r) => (r.Item ? [r.Item] : []))
      : (Responses?.[this.tableName] ?? []);
    const found = (k: { PK: string; SK: string }) => items.find((item) => item.PK === k.PK && item.SK === k.SK);
    return {
      record: found(key) as MessageRecord | undefined,
      lastSerial: Number(found(counter)?.lastSerial ?? 0),
      ...(summary ? { requesterCases: Number(found(summary)?.caseCount ?? 0) } : {}),
    };
  }

  /**
   * Reserves a case id for an inbound message, once, and takes its serial in the same transaction:
   * the office's counter moves only together with the reservation of one message, so a serial is
   * never taken without the message whose case it numbers (no hole in the register), and every
   * delivery of the same message, concurrent or late, gets the id reserved the first time.
   * `known`: the message's record (and the register's last serial) as the caller just read them consistently,
   * taken on the first attempt instead of reading them again; the transaction's conditions still refuse a
   * reservation or a serial taken since.
   */
  async reserveCaseId(
    messageId: string,
    register: { office: string; year: number; format: (serial: number) => string },
    at: string,
    rawObject: MessageRecord['rawObject'],
    known?: { record: MessageRecord | undefined; lastSerial?: number },
  ): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const seen = attempt === 1 && known ? known.record : await this.getMessage(messageId);
      const reserved = seen?.reservedCaseId ?? (seen?.disposition === 'opened-case' ? seen.caseId : undefined);
      if (reserved) return reserved;
      const counter = serialCounterKey(register.office, register.year);
      const last =
        attempt === 1 && known?.lastSerial !== undefined
          ? known.lastSerial
          : Number((await this.db.send(new GetCommand({ TableName: this.tableName, Key: counter, ConsistentRead: true }))).Item?.lastSerial ?? 0);
      const candidate = register.format(last + 1);
      try {
        await this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: this.tableName,
                  Key: counter,
                  UpdateExpression: 'SET lastSerial = :next',
                  ConditionExpression: last === 0 ? 'attribute_not_exists(lastSerial)' : 'lastSerial = :last',
                  ExpressionAttributeValues: { ':next': last + 1, ...(last === 0 ? {} : { ':last': last }) },
                },
              },
              {
                Update: {
                  TableName: this.tableName,
                  Key: messageKey(messageId),
                  UpdateExpression: 'SET entity = :entity, reservedCaseId = :id, messageId = :mid, direction = :in, #status = :claimed, #at = :at, rawObject = :raw',
                  // Only a message not yet reserved, nor already done (opened, threaded, recorded), takes a serial.
                  ConditionExpression: 'attribute_not_exists(reservedCaseId) AND attribute_not_exists(caseId) AND attribute_not_exists(#status)',
                  ExpressionAttributeNames: { '#status': 'status', '#at': 'at' },
                  ExpressionAttributeValues: { ':entity': 'message', ':id': candidate, ':mid': normalizeMessageId(messageId), ':in': 'in', ':claimed': 'claimed', ':at': at, ':raw': rawObject },
                },
              },
            ],
          }),
        );
        return candidate;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const [counterMoved, messageTaken] = (error.CancellationReasons ?? []).map((r) => r.Code);
        if (messageTaken === 'ConditionalCheckFailed') {
          // Another delivery of the same message reserved (or finished) it: read what it did.
          const winner = await this.getMessage(messageId);
          const id = winner?.reservedCaseId ?? winner?.caseId;
          if (id) return id;
          throw new MessageInProgress(`message ${messageId} was taken by another delivery that opened no case (${winner?.disposition ?? 'unknown'})`);
        }
        // Another message took the next serial first (or the transactions collided): read the counter again.
        if (!(isConflict(counterMoved) || messageTaken === 'TransactionConflict') || attempt >= MAX_RESERVE_ATTEMPTS) throw error;
        await jitteredPause(attempt);
      }
    }
  }

  /**
   * Claims the sending of an outbound message, so that two concurrent attempts send it once.
   * The claim is a lease in real time (Date.now(), never the business clock, which a local stack
   * moves forward): it outlives any attempt that could hold it (see OUTBOUND_LEASE_MS).
   * Returns the claim, 'sent' (with what the mail service said) when it went out already, or
   * 'held' with when another attempt's lease ends.
   */
  async claimOutbound(messageId: string, caseId: string | undefined, at: string, leaseMs = OUTBOUND_LEASE_MS): Promise<OutboundClaim> {
    for (;;) {
      const nowMs = Date.now();
      const claimId = randomUUID();
      try {
        await this.db.send(
          new PutCommand({
            TableName: this.tableName,
            Item: messageItem({ messageId, direction: 'out', status: 'claimed', caseId, at, claimId, claimUntil: nowMs + leaseMs }),
            ConditionExpression: 'attribute_not_exists(PK) OR (#status = :claimed AND claimUntil < :now)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':claimed': 'claimed', ':now': nowMs },
          }),
        );
        return { state: 'claimed', claimId };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const existing = (await this.getMessage(messageId)) as (MessageRecord & { claimUntil?: number }) | undefined;
        if (existing?.status === 'done') return { state: 'sent', providerMessageId: existing.providerMessageId };
        if (existing?.status === 'claimed') return { state: 'held', untilMs: Number(existing.claimUntil ?? 0) };
        // released between our write and our read: claim again
      }
    }
  }

  /**
   * Claims the sending of notices that go together (the acknowledgement and the desk's new-case notice) in one
   * transaction, only while the case is still at `guard.lastSeq` (the notices were composed from it, perhaps from a
   * snapshot passed along) and none of them was claimed before; `alsoPut` is written with the claims (the
   * acknowledgement's link token: only the attempt that wins stores one). Returns the claims' ids, or undefined
   * when the transaction was refused (the case moved, a notice was claimed or sent already, a token was stored
   * before, or another transaction ran at the same time): nothing was written, and the caller claims each notice
   * on its own (claimOutbound), which waits for, or finds, what the others did.
   */
  async claimOutbounds(claims: Array<{ messageId: string; caseId: string; at: string }>, guard: { caseId: string; lastSeq: number }, alsoPut: NonNullable<CaseChange['alsoPut']> = [], leaseMs = OUTBOUND_LEASE_MS): Promise<string[] | undefined> {
    const claimUntil = Date.now() + leaseMs;
    const claimIds = claims.map(() => randomUUID());
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { ConditionCheck: { TableName: this.tableName, Key: caseKey(guard.caseId), ConditionExpression: 'lastSeq = :seen', ExpressionAttributeValues: { ':seen': guard.lastSeq } } },
            ...claims.map((c, i) => ({
              Put: { TableName: this.tableName, Item: messageItem({ messageId: c.messageId, direction: 'out', status: 'claimed', caseId: c.caseId, at: c.at, claimId: claimIds[i], claimUntil }), ConditionExpression: 'attribute_not_exists(PK)' },
            })),
            ...alsoPut.map((p) => ({ Put: { TableName: this.tableName, Item: p.item, ConditionExpression: p.condition, ExpressionAttributeNames: p.names, ExpressionAttributeValues: p.values } })),
          ],
        }),
      );
      return claimIds;
    } catch (error) {
      if (error instanceof TransactionCanceledException) return undefined;
      throw error;
    }
  }

  /** The mail service accepted the message: recorded at once, before anything else can fail, so no retry sends it again. */
  async markOutboundSent(messageId: string, claimId: string, providerMessageId: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: messageKey(messageId),
        UpdateExpression: 'SET #status = :done, disposition = :sent, providerMessageId = :provider REMOVE claimUntil',
        ConditionExpression: 'claimId = :claim',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':done': 'done', ':sent': 'sent', ':provider': providerMessageId, ':claim': claimId },
      }),
    );
  }

  /** The attempt did not send (the mail service refused, or it failed before): the next attempt may send at once. */
  async releaseOutbound(messageId: string, claimId: string): Promise<void> {
    await this.db
      .send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: messageKey(messageId),
          ConditionExpression: 'claimId = :claim AND #status = :claimed',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':claim': claimId, ':claimed': 'claimed' },
        }),
      )
      .catch((error: unknown) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  }

  /** Marks a message on its case done, once what it was for has happened (a reply: its step resumed, or none waited). */
  async completeMessage(messageId: string, outcome: { resumedStep: string } | { reason: string }): Promise<void> {
    const [field, value] = 'resumedStep' in outcome ? ['resumedStep', outcome.resumedStep] : ['reason', outcome.reason];
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: messageKey(messageId),
        UpdateExpression: 'SET #status = :done, #field = :value',
        // The first completion stands: a concurrent attempt that found the step gone does not overwrite it.
        ConditionExpression: '#status = :claimed',
        ExpressionAttributeNames: { '#status': 'status', '#field': field },
        ExpressionAttributeValues: { ':done': 'done', ':claimed': 'claimed', ':value': value },
      }),
    ).catch((error: unknown) => {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    });
  }

  /** Records what became of a message that opened or changed no case (automated, unroutable). */
  async recordMessage(record: MessageRecord): Promise<void> {
    await this.db.send(
      new PutCommand({ TableName: this.tableName, Item: messageItem(record) }),
    );
  }

  /**
   * Opens a case and writes its first events and the message record in one transaction.
   * Returns false when the case already exists (a retry after an earlier success).
   */
  async openCase(caseRecord: Omit<CaseRecord, 'lastSeq' | 'lastHash'>, events: NewEvent[], message: MessageRecord): Promise<boolean> {
    const chained = chainEvents(caseRecord.caseId, 0, GENESIS_HASH, events, caseStateHash(caseRecord));
    const last = chained.at(-1);
    const full: CaseRecord = { ...caseRecord, lastSeq: last?.seq ?? 0, lastHash: last?.hash ?? GENESIS_HASH };
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: toCaseItem(full), ConditionExpression: 'attribute_not_exists(PK)' } },
            ...CASE_PARTS.filter((part) => full[part] !== undefined).map((part) => this.partWrite(full.caseId, part, full[part])),
            ...chained.map((e) => ({ Put: { TableName: this.tableName, Item: toEventItem(e), ConditionExpression: 'attribute_not_exists(PK)' } })),
            {
              // The message record keeps its reservation, and may only be written by the case reserved for it:
              // a later delivery then finds the case, never a record it could reserve again.
              Put: {
                TableName: this.tableName,
                Item: messageItem({ ...message, reservedCaseId: full.caseId }),
                ConditionExpression: 'attribute_not_exists(PK) OR reservedCaseId = :caseId',
                ExpressionAttributeValues: { ':caseId': full.caseId },
              },
            },
            // A requester's cases, by e-mail address (a requester registered without one has none to index), and their
            // count: a case that says its requester had none opens only while the count is still absent.
            ...(full.requester.address
              ? [
                  { Put: { TableName: this.tableName, Item: { ...requesterCaseKey(full.requester.address, full.caseId), entity: 'requester-case', caseId: full.caseId, subject: full.subject, receivedAt: full.receivedAt } } },
                  {
                    Update: {
                      TableName: this.tableName,
                      Key: requesterSummaryKey(full.requester.address),
                      UpdateExpression: 'SET entity = :entity, lastCaseId = :caseId ADD caseCount :one',
                      ...(full.requesterHadCases === false ? { ConditionExpression: 'attribute_not_exists(PK)' } : {}),
                      ExpressionAttributeValues: { ':entity': 'requester-summary', ':caseId': full.caseId, ':one': 1 },
                    },
                  },
                ]
              : []),
          ],
        }),
      );
      return true;
    } catch (error) {
      const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []).map((r) => r.Code) : [];
      if (reasons[0] === 'ConditionalCheckFailed') return false;
      // Another case of the same requester opened since intake read that there was none: this one says it had one.
      if (full.requester.address && full.requesterHadCases === false && reasons.at(-1) === 'ConditionalCheckFailed') return this.openCase({ ...caseRecord, requesterHadCases: true }, events, message);
      throw error;
    }
  }

  /**
   * Applies a change to a case and appends its events in one transaction, conditioned on the
   * case not having moved since it was read; on a concurrent change it re-reads and re-decides.
   * `decide` returns undefined when, seeing the current case, there is nothing to do.
   * `known`: the case as the caller just read it (or as an earlier step left it), decided on first
   * without reading it again (the transaction's condition still refuses it if the case moved since;
   * then it is read again). A decision on it that changes nothing, or throws, is made again on the
   * case read afresh: only a write is ever made from a snapshot.
   */
  async changeCase(caseId: string, decide: (current: CaseRecord) => CaseChange | undefined, known?: CaseRecord): Promise<{ record: CaseRecord; events: TimelineEvent[] }> {
    for (let attempt = 1; ; attempt++) {
      const fromKnown = attempt === 1 && known?.caseId === caseId;
      const current = fromKnown ? known : await this.requireCase(caseId);
      let change: CaseChange | undefined;
      try {
        change = decide(current);
      } catch (error) {
        // A snapshot passed along may be stale: a refusal is only believed of the case as it is now.
        if (fromKnown) continue;
        throw error;
      }
      // Nothing to do, seen on a snapshot: believed only of the case as it is now, too.
      if (!change && fromKnown) continue;
      if (!change) return { record: current, events: [] };
      try {
        return await this.writeChange(current, change);
      } catch (error) {
        if (!(error instanceof ConcurrentCaseChange) || attempt >= MAX_CHANGE_ATTEMPTS) throw error;
        await jitteredPause(attempt);
      }
    }
  }

  private async writeChange(current: CaseRecord, change: CaseChange) {
    const chained = chainEvents(current.caseId, current.lastSeq, current.lastHash, change.events, caseStateHash({ ...current, ...change.update }));
    const last = chained.at(-1);
    const next: CaseRecord = {
      ...current,
      ...change.update,
      lastSeq: last?.seq ?? current.lastSeq,
      lastHash: last?.hash ?? current.lastHash,
      updatedAt: last?.at ?? change.update.updatedAt ?? current.updatedAt,
    };
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: toCaseItem(next),
                ConditionExpression: 'lastSeq = :seen',
                ExpressionAttributeValues: { ':seen': current.lastSeq },
              },
            },
            // Only the parts that changed: the case item's condition above guards them as it guards the case.
            ...changedParts(current, next).map(([part, value]) => this.partWrite(current.caseId, part, value)),
            ...chained.map((e) => ({ Put: { TableName: this.tableName, Item: toEventItem(e), ConditionExpression: 'attribute_not_exists(PK)' } })),
            ...(change.alsoPut ?? []).map((p) => ({
              Put: {
                TableName: this.tableName,
                Item: p.item,
                ConditionExpression: p.condition,
                ExpressionAttributeNames: p.names,
                ExpressionAttributeValues: p.values,
              },
            })),
            ...(change.alsoDelete ?? []).map((key) => ({ Delete: { TableName: this.tableName, Key: key } })),
          ],
        }),
      );
    } catch (error) {
      // The case moved under us, or another transaction on it ran at the same time (TransactionConflict on any item).
      const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []).map((r) => r.Code) : [];
      if (isConflict(reasons[0]) || reasons.includes('TransactionConflict')) {
        throw new ConcurrentCaseChange(`case ${current.caseId} changed since event ${current.lastSeq}`);
      }
      throw error;
    }
    return { record: withPartsApart(next), events: chained };
  }

  /** The write of a part of a case in its transaction: its item, or the item's removal when the part is gone. */
  private partWrite(caseId: string, part: CasePart, value: unknown) {
    return value === undefined
      ? { Delete: { TableName: this.tableName, Key: casePartKey(caseId, part) } }
      : { Put: { TableName: this.tableName, Item: toCasePartItem(caseId, part, value) } };
  }
}

/**
 * Gives each new event its place in the case's chain: sequence number, previous hash, own hash;
 * the last one also carries the hash of the case's reportable state after the change (`caseState`).
 */
export function chainEvents(caseId: string, lastSeq: number, lastHash: string, events: NewEvent[], caseState?: string): TimelineEvent[] {
  let prevHash = lastHash;
  return events.map((event, i) => {
    const seq = lastSeq + i + 1;
    const last = i === events.length - 1 && caseState !== undefined;
    const chained = { caseId, seq, type: event.type, at: event.at, actor: event.actor, data: event.data, prevHash, ...(last ? { caseState } : {}) };
    const hash = eventHash(chained);
    prevHash = hash;
    return { ...chained, hash };
  });
}
