import { BatchGetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CaseIndex, CaseIndexPage, CaseIndexQuery } from './ports';

/** BatchGetItem takes at most 100 keys a call. */
const BATCH_GET_LIMIT = 100;
/** Keys DynamoDB leaves unprocessed (throttling) are asked for again, this many times, with a growing pause. */
const UNPROCESSED_ROUNDS = 8;

/**
 * The case indexes of the single table (GSI1 work queue, GSI2 audit periods). They hold keys only
 * (CASE_INDEX_PROJECTION, shared/cases/keys.ts): a page is a Query of the index for the keys in its order,
 * then the items themselves from the table (BatchGetItem). What a reader gets is the item as the table holds
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
    const items = await this.itemsOf(listed);
    return {
      items: listed.flatMap((keys) => {
        const item = items.get(tableKeyOf(keys));
        return item ? [{ ...item, [pk]: keys[pk], [sk]: keys[sk] }] : [];
      }),
      ...(LastEvaluatedKey ? { lastKey: LastEvaluatedKey } : {}),
    };
  }

  /** The table's items for the keys an index listed, by their table key. */
  private async itemsOf(listed: Array<Record<string, unknown>>): Promise<Map<string, Record<string, unknown>>> {
    const found = new Map<string, Record<string, unknown>>();
    const chunks: Array<Array<Record<string, unknown>>> = [];
    for (let i = 0; i < listed.length; i += BATCH_GET_LIMIT) chunks.push(listed.slice(i, i + BATCH_GET_LIMIT).map((k) => ({ PK: k.PK, SK: k.SK })));
    await Promise.all(
      chunks.map(async (chunk) => {
        let keys = chunk;
        for (let round = 0; keys.length > 0; round++) {
          if (round >= UNPROCESSED_ROUNDS) throw new Error(`DynamoDB left ${keys.length} keys unprocessed after ${UNPROCESSED_ROUNDS} rounds`);
          if (round > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 25 * 2 ** round)));
          const { Responses, UnprocessedKeys } = await this.db.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys } } }));
          for (const item of Responses?.[this.tableName] ?? []) found.set(tableKeyOf(item), item);
          keys = (UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Array<Record<string, unknown>>;
        }
      }),
    );
    return found;
  }
}

const tableKeyOf = (item: Record<string, unknown>) => `${String(item.PK)}\u0000${String(item.SK)}`;
