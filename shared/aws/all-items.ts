import { QueryCommand, ScanCommand, type DynamoDBDocumentClient, type QueryCommandInput, type QueryCommandOutput, type ScanCommandInput } from '@aws-sdk/lib-dynamodb';

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
