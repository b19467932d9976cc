import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { CASE_INDEX_PROJECTION } from '../../shared/cases/keys';

/** The attribute that holds an item's expiry (epoch seconds); DynamoDB deletes expired items. */
export const TTL_ATTRIBUTE = 'expiresAt';

const gsi = (name: string) => ({
  IndexName: name,
  KeySchema: [
    { AttributeName: `${name}PK`, KeyType: 'HASH' as const },
    { AttributeName: `${name}SK`, KeyType: 'RANGE' as const },
  ],
  Projection: { ProjectionType: CASE_INDEX_PROJECTION },
});

/**
 * Creates the single table as the CDK stack defines it on AWS (PK/SK, GSI1, GSI2, on-demand,
 * TTL on expiresAt) unless it exists. Safe to call on every start.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<{ created: boolean }> {
  let created = false;
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    try {
      await client.send(
        new CreateTableCommand({
          TableName: tableName,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK'].map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
          KeySchema: [
            { AttributeName: 'PK', KeyType: 'HASH' },
            { AttributeName: 'SK', KeyType: 'RANGE' },
          ],
          GlobalSecondaryIndexes: [gsi('GSI1'), gsi('GSI2')],
        }),
      );
      created = true;
    } catch (createError) {
      if (!(createError instanceof ResourceInUseException)) throw createError; // created meanwhile by someone else
    }
    await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: tableName });
  }

  const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  const status = ttl.TimeToLiveDescription?.TimeToLiveStatus;
  if (status !== 'ENABLED' && status !== 'ENABLING') {
    try {
      await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true } }));
    } catch (error) {
      // Two starts racing: the loser is told TTL "is already enabled".
      if (!(error instanceof Error && /already enabled/i.test(error.message))) throw error;
    }
  }
  return { created };
}
