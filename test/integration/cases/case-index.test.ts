import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDynamoDbClientConfig, startDynamoDb } from '../../../local/services/dynamodb';
import { ensureTable } from '../../../local/services/table';
import type { RunningService } from '../../../local/services/running-service';
import { DynamoCaseIndex } from '../../../shared/staff/case-index';
import { auditKeys, caseKey, workQueueKeys, workQueuePartition } from '../../../shared/cases/keys';
import { testPort } from '../../support/ports';

const TABLE = 'motcua';
let dynamodb: RunningService;
let db: DynamoDBDocumentClient;
let index: DynamoCaseIndex;
const dataDir = mkdtempSync(join(tmpdir(), 'motcua-case-index-'));

beforeAll(async () => {
  dynamodb = await startDynamoDb({ port: testPort(20560), dataDir });
  const client = new DynamoDBClient(localDynamoDbClientConfig(dynamodb.url));
  await ensureTable(client, TABLE);
  db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  index = new DynamoCaseIndex(db, TABLE);
});

afterAll(async () => {
  await dynamodb?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A case item as the repository writes it: in the work queue by its next deadline, and in its month of receipt. */
async function putCase(office: string, serial: number, dueAt: string, subject: string) {
  const caseId = `${office}-2026-${String(serial).padStart(6, '0')}`;
  await db.send(
    new PutCommand({
      TableName: TABLE,
      Item: { ...caseKey(caseId), entity: 'case', caseId, subject, status: 'awaiting-review', ...workQueueKeys(office, dueAt, caseId), ...auditKeys(office, '2026-12', `2026-12-01T08:00:${String(serial % 60).padStart(2, '0')}+07:00`, caseId) },
    }),
  );
  return caseId;
}

describe('the case indexes (keys only)', () => {
  it('hold only the keys of a case, so that its changes are not written to them again', async () => {
    await putCase('IDX1', 1, '2026-12-03T08:00:00+07:00', 'Yêu cầu thi hành án');
    const { Items } = await db.send(new QueryCommand({ TableName: TABLE, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': workQueuePartition('IDX1') } }));
    expect(Items).toHaveLength(1);
    expect(Object.keys(Items![0]!).sort()).toEqual(['GSI1PK', 'GSI1SK', 'PK', 'SK']);
  });

  it('give readers whole items in the index order, across more keys than one BatchGetItem takes', async () => {
    // Prepare: 150 cases due on different days, written in an order that is not theirs.
    const ids: string[] = [];
    for (const serial of [...Array(150).keys()].map((i) => ((i * 37) % 150) + 1)) ids.push(await putCase('IDX2', serial, `2026-12-${String(1 + (serial % 28)).padStart(2, '0')}T08:00:00+07:00#${serial}`, `Hồ sơ số ${serial}`));

    // Act: the whole partition in pages, as the work queue reads it.
    const read: Array<Record<string, unknown>> = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await index.page({ index: 'GSI1', partition: workQueuePartition('IDX2'), limit: 120, ...(startKey ? { startKey } : {}) });
      read.push(...page.items);
      startKey = page.lastKey;
    } while (startKey);

    // Assert: every case once, whole (its subject is not in the index), sorted by the index's key.
    expect(read).toHaveLength(150);
    expect(new Set(read.map((i) => i.caseId))).toEqual(new Set(ids));
    expect(read.every((i) => typeof i.subject === 'string' && String(i.subject).startsWith('Hồ sơ số'))).toBe(true);
    const sortKeys = read.map((i) => String(i.GSI1SK));
    expect(sortKeys).toEqual([...sortKeys].sort());
  });

  it('leave out an item the table no longer has, and keep the order the index listed when a case moved since', async () => {
    // Prepare: three cases; the index is read, then one is deleted and one gets a later deadline before the items are fetched.
    const first = await putCase('IDX3', 1, '2026-12-02T08:00:00+07:00', 'một');
    const second = await putCase('IDX3', 2, '2026-12-03T08:00:00+07:00', 'hai');
    const third = await putCase('IDX3', 3, '2026-12-04T08:00:00+07:00', 'ba');
    const racing = new DynamoCaseIndex(
      {
        send: async (command: unknown) => {
          const answer = await db.send(command as QueryCommand);
          if (command instanceof QueryCommand) {
            await db.send(new DeleteCommand({ TableName: TABLE, Key: caseKey(second) }));
            await putCase('IDX3', 1, '2026-12-09T08:00:00+07:00', 'một, hạn mới');
          }
          return answer;
        },
      } as unknown as DynamoDBDocumentClient,
      TABLE,
    );

    // Act
    const page = await racing.page({ index: 'GSI1', partition: workQueuePartition('IDX3'), limit: 10 });

    // Assert: the deleted case is gone; the moved one is read as the table holds it, at the place the index gave it.
    expect(page.items.map((i) => i.caseId)).toEqual([first, third]);
    expect(page.items[0]).toMatchObject({ subject: 'một, hạn mới', GSI1SK: `2026-12-02T08:00:00+07:00#${first}` });
  });
});
