import { queryAll } from '../aws/all-items';
import { DeleteCommand, GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { messageKey, PROCURACY_DISPATCH_PREFIX, PROCURACY_DUE_PREFIX, procuracyDispatchKey, procuracyDueKey, procuracyPartition } from '../cases/keys';
import type { DueCopy } from './due';
import type { PlannedDispatch } from './plan';

/** A dispatch as the table keeps it, from its assignment until each case it carries records the sending. */
export interface DispatchRecord extends PlannedDispatch {
  office: string;
  /** When it was assigned (Vietnam time): the letter's date, the same on every retry. */
  at: string;
  /** Set with the mail service's acceptance, in the same transaction as the claim marked sent. */
  sentAt?: string;
  providerMessageId?: string;
  textSha256?: string;
}

/** The table's side of the dispatch: an office's due copies and dispatches (one partition), and their conditional writes. */
export class ProcuracyDispatchStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The office's due copies and unfinished dispatches, read consistently: a run never misses what another just wrote. */
  async listOffice(office: string): Promise<{ due: DueCopy[]; dispatches: DispatchRecord[] }> {
    const due: DueCopy[] = [];
    const dispatches: DispatchRecord[] = [];
    const items = await queryAll(this.db, { TableName: this.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': procuracyPartition(office) }, ConsistentRead: true });
    for (const item of items) {
      const sk = String(item.SK);
      const { PK: _pk, SK: _sk, entity: _entity, ...rest } = item;
      if (sk.startsWith(PROCURACY_DUE_PREFIX)) due.push(rest as DueCopy);
      else if (sk.startsWith(PROCURACY_DISPATCH_PREFIX)) dispatches.push(rest as DispatchRecord);
    }
    return { due, dispatches };
  }

  /**
   * Assigns due copies to a new dispatch, in one transaction: the dispatch is written only if no run wrote
   * it, and each copy only if it is still due and in no dispatch (or still in the gone one `stale` names).
   * False when another run got there first.
   */
  async assign(dispatch: DispatchRecord, stale: Readonly<Record<string, string>> = {}): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: { ...procuracyDispatchKey(dispatch.office, dispatch.id), entity: 'procuracy-dispatch', ...dispatch }, ConditionExpression: 'attribute_not_exists(PK)' } },
            ...dispatch.caseIds.map((caseId) => ({
              Update: {
                TableName: this.tableName,
                Key: procuracyDueKey(dispatch.office, caseId),
                UpdateExpression: 'SET dispatchId = :id',
                // A copy left naming a dispatch that is gone (`stale`) may be taken again, only while it still names that one.
                ConditionExpression: stale[caseId] ? 'attribute_exists(PK) AND dispatchId = :stale' : 'attribute_exists(PK) AND attribute_not_exists(dispatchId)',
                ExpressionAttributeValues: { ':id': dispatch.id, ...(stale[caseId] ? { ':stale': stale[caseId] } : {}) },
              },
            })),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException) return false;
      throw error;
    }
  }

  /**
   * The mail service accepted the dispatch: its claim marked sent (only while this attempt holds it) and the
   * dispatch told when and what, in one transaction, so that a retry records the cases with the same facts.
   */
  async markSent(dispatch: DispatchRecord, messageId: string, claimId: string, sent: { sentAt: string; providerMessageId: string; textSha256: string }): Promise<void> {
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.tableName,
              Key: messageKey(messageId),
              UpdateExpression: 'SET #status = :done, disposition = :sent, providerMessageId = :provider REMOVE claimUntil',
              ConditionExpression: 'claimId = :claim',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':done': 'done', ':sent': 'sent', ':provider': sent.providerMessageId, ':claim': claimId },
            },
          },
          {
            Update: {
              TableName: this.tableName,
              Key: procuracyDispatchKey(dispatch.office, dispatch.id),
              UpdateExpression: 'SET sentAt = :at, providerMessageId = :provider, textSha256 = :sha',
              ExpressionAttributeValues: { ':at': sent.sentAt, ':provider': sent.providerMessageId, ':sha': sent.textSha256 },
            },
          },
        ],
      }),
    );
  }

  /** One dispatch, read consistently (undefined once removed). */
  async getDispatch(office: string, dispatchId: string): Promise<DispatchRecord | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: procuracyDispatchKey(office, dispatchId), ConsistentRead: true }));
    if (!Item) return undefined;
    const { PK: _pk, SK: _sk, entity: _entity, ...rest } = Item;
    return rest as DispatchRecord;
  }

  /** Every case it carried recorded the sending: the dispatch is done. */
  async remove(dispatch: Pick<DispatchRecord, 'office' | 'id'>): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: procuracyDispatchKey(dispatch.office, dispatch.id) }));
  }

  /** A due copy whose case already records the copy sent (an earlier attempt stopped between the two writes). */
  async removeDue(office: string, caseId: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: procuracyDueKey(office, caseId) }));
  }
}
