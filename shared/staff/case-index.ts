import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetAll, itemKey } from '../aws/all-items';
import type { CaseIndex, CaseIndexPage, CaseIndexQuery } from './ports';

/** Keys DynamoDB leaves unprocessed (throttling) are asked for again, this many times, with a growing pause. */
const UNPROCESSED_ROUNDS = 8;

/**
 * The case indexes of the single table (GSI1 work queue, GSI2 audit periods). They hold keys only
 * (CASE_INDEX_PROJECTION, shared/cases/keys.ts): a page is a Query of the index for the keys in its order,
 * then the items themselves from the table (batchGetAll). What a reader gets is the item as the table holds
 * it, with the index's keys as the index listed them, so that the order and the key to continue from stay
 * the index's even when the case moved meanwhile. An item deleted between the two reads is left out.
 */
export class DynamoCaseIndex implements CaseIndex {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async page(query: CaseIndexQuery): Promise<CaseIndexPage> {
    const pk = `${query.index}PK`;
    const sk = `${query.index}SK`;
    const range =
      query.from !== undefined && query.to !== undefined
        ? ' AND #sk BETWEEN :from AND :to'
        : query.from !== undefined
          ? ' AND #sk >= :from'
          : query.to !== undefined
            ? ' AND #sk <= :to'
            : '';
    const { Items, LastEvaluatedKey } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: query.index,
        KeyConditionExpression: `#pk = :pk${range}`,
        ExpressionAttributeNames: { '#pk': pk, ...(range ? { '#sk': sk } : {}) },
        ExpressionAttributeValues: {
          ':pk': query.partition,
          ...(query.from !== undefined ? { ':from': query.from } : {}),
          ...(query.to !== undefined ? { ':to': query.to } : {}),
        },
        ExclusiveStartKey: query.startKey,
        Limit: query.limit,
      }),
    );
    const listed = Items ?? [];
    const items = await batchGetAll(
      this.db,
      this.tableName,
      listed.map((k) => ({ PK: k.PK, SK: k.SK })),
      { maxRounds: UNPROCESSED_ROUNDS, pause: (round) => new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 25 * 2 ** round))) },
    );
    return {
      items: listed.flatMap((keys) => {
        const item = items.get(itemKey(keys));
        return item ? [{ ...item, [pk]: keys[pk], [sk]: keys[sk] }] : [];
      }),
      ...(LastEvaluatedKey ? { lastKey: LastEvaluatedKey } : {}),
    };
  }
}

