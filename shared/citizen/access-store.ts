import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { accessTokenKey, noticeAccessKey } from '../cases/keys';
import type { AccessPurpose } from './access-token';

/** What a stored token opens: one case, for one purpose. */
export interface AccessGrant {
  caseId: string;
  purpose: AccessPurpose;
  createdAt: string;
}

/** The tokens of the citizen's links, stored by their hash only. */
export interface CitizenAccessStore {
  /**
   * Stores the hash of the token a notice of a case carries, replacing (and revoking) the one an
   * earlier attempt of the same notice stored: a retried notice shows its new token, and the old one,
   * which no sent letter shows, opens nothing.
   */
  storeForNotice(grant: AccessGrant, tokenHash: string, noticeMessageId: string): Promise<void>;
  /**
   * The writes of a notice's first token (the token, and the notice's pointer to it, both expected absent), for a
   * caller to make in a transaction of its own: the notice's send claim (shared/notices/send-notice.ts), so that
   * only the attempt that wins the claim stores a token. Where a token was stored before, that transaction fails.
   */
  firstTokenWrites?(grant: AccessGrant, tokenHash: string, noticeMessageId: string): Array<{ item: Record<string, unknown>; condition: string }>;
  find(tokenHash: string): Promise<AccessGrant | undefined>;
}

export class DynamoCitizenAccessStore implements CitizenAccessStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async storeForNotice(grant: AccessGrant, tokenHash: string, noticeMessageId: string): Promise<void> {
    const pointerKey = noticeAccessKey(grant.caseId, noticeMessageId);
    // The first attempt of a notice (nearly always) writes in one call, expecting no earlier token; only a
    // retry reads which token it replaces. (One DynamoDB call more on the acknowledgement's path, not two.)
    let previous: string | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              ...this.firstTokenWrites(grant, tokenHash, noticeMessageId).map(({ item, condition }) => ({
                Put: {
                  TableName: this.tableName,
                  Item: item,
                  ...(previous && item.entity === 'citizen-access-of-notice'
                    ? { ConditionExpression: 'tokenHash = :previous', ExpressionAttributeValues: { ':previous': previous } }
                    : { ConditionExpression: condition }),
                },
              })),
              ...(previous && previous !== tokenHash ? [{ Delete: { TableName: this.tableName, Key: accessTokenKey(previous) } }] : []),
            ],
          }),
        );
        return;
      } catch (error) {
        // An earlier attempt of the same notice stored a token (or another replaced it meanwhile): read which, and replace it.
        const conflict = error instanceof TransactionCanceledException || error instanceof ConditionalCheckFailedException;
        if (!conflict || attempt >= 5) throw error;
        const pointer = (await this.db.send(new GetCommand({ TableName: this.tableName, Key: pointerKey, ConsistentRead: true }))).Item as { tokenHash?: string } | undefined;
        previous = pointer?.tokenHash;
      }
    }
  }

  firstTokenWrites(grant: AccessGrant, tokenHash: string, noticeMessageId: string): Array<{ item: Record<string, unknown>; condition: string }> {
    return [
      { item: { ...accessTokenKey(tokenHash), entity: 'citizen-access', ...grant }, condition: 'attribute_not_exists(PK)' },
      {
        item: { ...noticeAccessKey(grant.caseId, noticeMessageId), entity: 'citizen-access-of-notice', tokenHash, caseId: grant.caseId, purpose: grant.purpose, createdAt: grant.createdAt },
        condition: 'attribute_not_exists(PK)',
      },
    ];
  }

  async find(tokenHash: string): Promise<AccessGrant | undefined> {
    const item = (await this.db.send(new GetCommand({ TableName: this.tableName, Key: accessTokenKey(tokenHash) }))).Item as AccessGrant | undefined;
    return item ? { caseId: item.caseId, purpose: item.purpose, createdAt: item.createdAt } : undefined;
  }
}
