import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CaseIndex, CaseIndexPage, CaseIndexQuery } from './ports';

/** The case indexes of the single table (GSI1 work queue, GSI2 audit periods), read with Query. */
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
    return { items: Items ?? [], ...(LastEvaluatedKey ? { lastKey: LastEvaluatedKey } : {}) };
  }
}
