import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { localDynamoDbClientConfig, startDynamoDb } from '../../../local/services/dynamodb';
import { ensureTable } from '../../../local/services/table';
import type { RunningService } from '../../../local/services/running-service';
import { dynamoDbJvmsOnPort, eventually } from './processes';
import { testPort } from '../../support/ports';

const PORT = testPort(18100);
const ORPHAN_PORT = testPort(18101);
const TABLE = 'motcua';
const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-dynamodb-'));
const started: RunningService[] = [];

afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()));
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(port = PORT) {
  const t0 = Date.now();
  const service = await startDynamoDb({ port, dataDir });
  started.push(service);
  console.info(`DynamoDB Local started in ${Date.now() - t0} ms`);
  return service;
}

const caseKey = { PK: { S: 'CASE#HCMKV1-2026-000001' }, SK: { S: 'CASE' } };

describe('DynamoDB Local', () => {
  it('keeps a case across a restart and leaves no JVM behind when stopped', async () => {
    // Prepare
    let service = await start();
    let client = new DynamoDBClient(localDynamoDbClientConfig(service.url));
    expect(await ensureTable(client, TABLE)).toEqual({ created: true });
    await client.send(new PutItemCommand({ TableName: TABLE, Item: { ...caseKey, office: { S: 'HCMKV1' }, requester: { S: 'Nguyễn Văn An' } } }));
    expect((await client.send(new GetItemCommand({ TableName: TABLE, Key: caseKey }))).Item?.requester).toEqual({ S: 'Nguyễn Văn An' });

    // Act
    client.destroy();
    await service.stop();
    expect(dynamoDbJvmsOnPort(PORT)).toEqual([]);
    service = await start();
    client = new DynamoDBClient(localDynamoDbClientConfig(service.url));

    // Assess
    expect(await ensureTable(client, TABLE)).toEqual({ created: false });
    const item = (await client.send(new GetItemCommand({ TableName: TABLE, Key: caseKey }))).Item;
    expect(item?.requester).toEqual({ S: 'Nguyễn Văn An' });
    const table = (await client.send(new DescribeTableCommand({ TableName: TABLE }))).Table;
    expect(table?.KeySchema).toEqual([
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ]);
    const indexes = table?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.KeySchema?.map((k) => k.AttributeName), i.Projection?.ProjectionType]);
    expect(indexes?.sort()).toEqual([
      ['GSI1', ['GSI1PK', 'GSI1SK'], 'KEYS_ONLY'],
      ['GSI2', ['GSI2PK', 'GSI2SK'], 'KEYS_ONLY'],
    ]);
    expect(table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: TABLE }));
    expect(ttl.TimeToLiveDescription).toMatchObject({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
    client.destroy();
    await service.stop();
    expect(dynamoDbJvmsOnPort(PORT)).toEqual([]);
  }, 60_000);

  it('does not outlive a parent killed with SIGKILL', async () => {
    // Prepare
    const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dynamodb-child.fixture.ts');
    const parent = spawn(process.execPath, ['--import', 'tsx', fixture, String(ORPHAN_PORT), path.join(dataDir, 'orphan')], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      parent.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      parent.on('exit', (code) => reject(new Error(`fixture exited with ${code}`)));
    });
    expect(dynamoDbJvmsOnPort(ORPHAN_PORT)).toHaveLength(1);

    // Act
    parent.kill('SIGKILL');

    // Assess
    await eventually(() => (dynamoDbJvmsOnPort(ORPHAN_PORT).length === 0 ? true : undefined), 10_000, 'the orphaned JVM to die');
  }, 60_000);

  it('refuses a port that is already taken, naming the variable that moves it', async () => {
    const service = await start(PORT);
    await expect(startDynamoDb({ port: PORT, dataDir, portEnvVar: 'MOTCUA_DYNAMODB_PORT' })).rejects.toThrow(
      new RegExp(`Cannot start DynamoDB Local: port ${PORT} on 127\\.0\\.0\\.1 is already in use.*MOTCUA_DYNAMODB_PORT`),
    );
    await service.stop();
  }, 60_000);
});
