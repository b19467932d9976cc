import { BatchGetCommand, QueryCommand, ScanCommand, type DynamoDBDocumentClient, type QueryCommandInput, type QueryCommandOutput, type ScanCommandInput } from '@aws-sdk/lib-dynamodb';

/** An item as the document client gives it. */
type Item = NonNullable<QueryCommandOutput['Items']>[number];

/**
 * Every item of a Query, page after page. Written here rather than the SDK's paginateQuery, which refuses a
 * client wrapped by the tracer (captureAWSv3Client), as the functions' clients are.
 */
export function queryAll(db: DynamoDBDocumentClient, input: Omit<QueryCommandInput, 'ExclusiveStartKey'>): Promise<Item[]> {
  return allPages((startKey) => db.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey })));
}

/** Every item of a Scan, page after page (see queryAll). */
export function scanAll(db: DynamoDBDocumentClient, input: Omit<ScanCommandInput, 'ExclusiveStartKey'>): Promise<Item[]> {
  return allPages((startKey) => db.send(new ScanCommand({ ...input, ExclusiveStartKey: startKey })));
}

async function allPages(page: (startKey: Item | undefined) => Promise<{ Items?: Item[]; LastEvaluatedKey?: Item }>): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const answer = await page(startKey);
    items.push(...(answer.Items ?? []));
    startKey = answer.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** BatchGetItem takes at most 100 keys a call. */
const BATCH_GET_LIMIT = 100;

/**
 * The items of these keys, by `itemKey` of each (absent ones left out), a BatchGetItem per 100 keys; keys DynamoDB
 * leaves unprocessed (throttling) are asked for again after `pause(round)`, for at most `maxRounds` rounds a batch.
 */
export async function batchGetAll(
  db: DynamoDBDocumentClient,
  tableName: string,
  keys: ReadonlyArray<Record<string, unknown>>,
  options: { consistentRead?: boolean; maxRounds?: number; pause: (round: number) => Promise<void> },
): Promise<Map<string, Item>> {
  const found = new Map<string, Item>();
  const batches: Array<Array<Record<string, unknown>>> = [];
  for (let i = 0; i < keys.length; i += BATCH_GET_LIMIT) batches.push(keys.slice(i, i + BATCH_GET_LIMIT));
  const maxRounds = options.maxRounds ?? Number.POSITIVE_INFINITY;
  await Promise.all(
    batches.map(async (batch) => {
      let pending = batch;
      for (let round = 0; pending.length > 0; round++) {
        if (round >= maxRounds) throw new Error(`DynamoDB left ${pending.length} keys unprocessed after ${maxRounds} rounds`);
        if (round > 0) await options.pause(round);
        const answer = await db.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ...(options.consistentRead ? { ConsistentRead: true } : {}) } } }));
        for (const item of answer.Responses?.[tableName] ?? []) found.set(itemKey(item), item);
        pending = (answer.UnprocessedKeys?.[tableName]?.Keys ?? []) as Array<Record<string, unknown>>;
      }
    }),
  );
  return found;
}

/** An item's place in the table, as batchGetAll keys what it found: its PK and SK. */
export const itemKey = (item: Record<string, unknown>) => `${String(item.PK)}\u0000${String(item.SK)}`;
