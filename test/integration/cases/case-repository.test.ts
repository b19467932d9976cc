import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamoDb, localDynamoDbClientConfig } from '../../../local/services/dynamodb';
import { ensureTable } from '../../../local/services/table';
import type { RunningService } from '../../../local/services/running-service';
import { CaseRepository, ConcurrentCaseChange } from '../../../shared/cases/repository';
import { DynamoDbFaults } from '../../../local/faults';
import { caseKey, casePartKey, serialCounterKey } from '../../../shared/cases/keys';
import { toCaseItem } from '../../../shared/cases/items';
import { formatCaseId } from '../../../shared/cases/case-id';
import { verifyChain } from '../../../shared/timeline/hash-chain';
import type { CaseRecord } from '../../../shared/cases/model';
import { testPort } from '../../support/ports';

const TABLE = 'motcua';
const AT = '2026-11-23T16:30:05+07:00';
const RAW = { bucket: 'motcua-inbound', key: 'inbound/x' };
let dynamodb: RunningService;
let db: DynamoDBDocumentClient;
let cases: CaseRepository;
/** The same table through a proxy that cancels case writes as DynamoDB does (local/faults.ts). */
const faults = new DynamoDbFaults();
let faultyCases: CaseRepository;
let stopProxy: () => Promise<void>;
const dataDir = mkdtempSync(join(tmpdir(), 'motcua-repository-'));

beforeAll(async () => {
  dynamodb = await startDynamoDb({ port: testPort(20520), dataDir });
  const client = new DynamoDBClient(localDynamoDbClientConfig(dynamodb.url));
  await ensureTable(client, TABLE);
  db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  cases = new CaseRepository(db, TABLE);
  const proxy = await faults.serve(dynamodb.url, '127.0.0.1');
  stopProxy = proxy.stop;
  faultyCases = new CaseRepository(DynamoDBDocumentClient.from(new DynamoDBClient(localDynamoDbClientConfig(proxy.url)), { marshallOptions: { removeUndefinedValues: true } }), TABLE);
});

afterAll(async () => {
  await stopProxy?.();
  await dynamodb?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Each test numbers its own office, so counters never mix. */
let offices = 0;
const newOffice = () => `T${++offices}`;

const lastSerial = async (office: string) => (await db.send(new GetCommand({ TableName: TABLE, Key: serialCounterKey(office, 2026), ConsistentRead: true }))).Item?.lastSerial;

const reserve = (messageId: string, office: string) => cases.reserveCaseId(messageId, { office, year: 2026, format: (serial) => formatCaseId(office, 2026, serial) }, AT, RAW);

/** As intake reserves: the message's record and the serial read together first, the reservation starting from them. */
async function reserveAsIntake(messageId: string, office: string): Promise<string> {
  const known = await cases.getMessageAndSerial(messageId, { office, year: 2026 });
  return cases.reserveCaseId(messageId, { office, year: 2026, format: (serial) => formatCaseId(office, 2026, serial) }, AT, RAW, known);
}

function newCase(caseId: string, office: string, messageId: string): Omit<CaseRecord, 'lastSeq' | 'lastHash'> {
  return {
    caseId,
    office,
    procedure: 'enforcement-request',
    status: 'received',
    requester: { address: 'an@example.com', name: 'Nguyễn Văn An' },
    subject: 'Yêu cầu thi hành án',
    receivedAt: AT,
    firstMessageId: messageId,
    deadlines: {},
    breaches: [],
    createdAt: AT,
    updatedAt: AT,
  };
}

const open = (caseId: string, office: string, messageId: string) =>
  cases.openCase(newCase(caseId, office, messageId), [{ type: 'case-opened', at: AT, actor: { kind: 'system', component: 'intake' }, data: {} }], {
    messageId,
    direction: 'in',
    status: 'done',
    disposition: 'opened-case',
    caseId,
    rawObject: RAW,
    at: AT,
  });

describe('CaseRepository against DynamoDB Local', () => {
  it('reserves one case id for a message delivered many times at once, and takes one serial for it', async () => {
    const office = newOffice();
    for (let round = 1; round <= 5; round++) {
      const messageId = `<race-${round}@example.com>`;

      const ids = await Promise.all(Array.from({ length: 6 }, () => reserve(messageId, office)));

      expect(new Set(ids)).toEqual(new Set([formatCaseId(office, 2026, round)]));
      expect(await lastSerial(office)).toBe(round);
    }
  });

  it('gives a late delivery that read nothing the case the first delivery opened, not a new one', async () => {
    const office = newOffice();
    const messageId = '<late@example.com>';
    const first = await reserve(messageId, office);
    expect(await open(first, office, messageId)).toBe(true);

    // A second delivery read the message record before the first reserved it: it saw nothing.
    const second = await reserve(messageId, office);

    expect(second).toBe(first);
    expect(await lastSerial(office)).toBe(1);
    expect(await cases.getMessage(messageId)).toMatchObject({ status: 'done', caseId: first, reservedCaseId: first });
  });

  it('numbers different messages arriving at once without a gap or a repeat', async () => {
    const office = newOffice();

    const ids = await Promise.all(Array.from({ length: 8 }, (_, i) => reserve(`<burst-${i}@example.com>`, office)));

    expect(ids.map((id) => Number(id.slice(-6))).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await lastSerial(office)).toBe(8);
  });

  it('reads a message and its register in one call: nothing and 0 for a new office, the reservation and its serial after', async () => {
    const office = newOffice();
    const messageId = '<read-together@example.com>';
    expect(await cases.getMessageAndSerial(messageId, { office, year: 2026 })).toEqual({ record: undefined, lastSerial: 0 });

    const id = await reserveAsIntake(messageId, office);

    expect(await cases.getMessageAndSerial(messageId, { office, year: 2026 })).toMatchObject({ record: { reservedCaseId: id, status: 'claimed' }, lastSerial: 1 });
  });

  it('reserving from what was read before (as intake does), still one id per message and no gap or repeat when deliveries race', async () => {
    const office = newOffice();

    const same = await Promise.all(Array.from({ length: 6 }, () => reserveAsIntake('<race-known@example.com>', office)));
    const different = await Promise.all(Array.from({ length: 8 }, (_, i) => reserveAsIntake(`<burst-known-${i}@example.com>`, office)));

    expect(new Set(same)).toEqual(new Set([formatCaseId(office, 2026, 1)]));
    expect(different.map((id) => Number(id.slice(-6))).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await lastSerial(office)).toBe(9);
  });

  it('reserving from a stale read: a serial taken since is read again, a reservation made since is the one returned', async () => {
    const office = newOffice();
    const stale = await cases.getMessageAndSerial('<slow@example.com>', { office, year: 2026 });
    const other = await reserve('<quick@example.com>', office);
    const sameMessageFirst = await reserve('<slow-twin@example.com>', office);
    const staleTwin = await cases.getMessageAndSerial('<never-read@example.com>', { office, year: 2026 });
    const twin = await reserve('<never-read@example.com>', office);

    const slow = await cases.reserveCaseId('<slow@example.com>', { office, year: 2026, format: (serial) => formatCaseId(office, 2026, serial) }, AT, RAW, stale);
    const late = await cases.reserveCaseId('<never-read@example.com>', { office, year: 2026, format: (serial) => formatCaseId(office, 2026, serial) }, AT, RAW, staleTwin);

    expect([other, sameMessageFirst, twin, slow].map((id) => Number(id.slice(-6)))).toEqual([1, 2, 3, 4]);
    expect(late).toBe(twin);
    expect(await lastSerial(office)).toBe(4);
  });

  it('refuses to write the opening message record over a reservation for another case', async () => {
    const office = newOffice();
    const messageId = '<other@example.com>';
    const reserved = await reserve(messageId, office);

    await expect(open(formatCaseId(office, 2026, 99), office, messageId)).rejects.toThrow();

    expect(await cases.getMessage(messageId)).toMatchObject({ status: 'claimed', reservedCaseId: reserved });
    expect(await cases.getCase(formatCaseId(office, 2026, 99))).toBeUndefined();
  });

  it('applies concurrent changes of one case one after the other: every event kept, the chain unbroken', async () => {
    const office = newOffice();
    const caseId = formatCaseId(office, 2026, 1);
    await open(caseId, office, '<chain@example.com>');

    await Promise.all(
      Array.from({ length: 6 }, (_, i) => cases.changeCase(caseId, () => ({ update: {}, events: [{ type: 'note-added', at: AT, actor: { kind: 'system', component: 'test' }, data: { writer: i } }] }))),
    );

    const events = await cases.listEvents(caseId);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(new Set(events.slice(1).map((e) => e.data.writer))).toEqual(new Set([0, 1, 2, 3, 4, 5]));
    // Each event's hash covers its content and the one before (and, on the last of a change, the case's state).
    const head = (await cases.getCase(caseId))!;
    expect(head.lastSeq).toBe(7);
    expect(verifyChain(events, { lastSeq: head.lastSeq, lastHash: head.lastHash })).toEqual({ ok: true });
  });

  it('loses no update when changes that each read and rewrite the same field run at once', async () => {
    const office = newOffice();
    const caseId = formatCaseId(office, 2026, 1);
    await open(caseId, office, '<no-lost-update@example.com>');
    const steps = ['review', 'visit', 'decision', 'handover', 'procuracy-copy', 'registration'];

    // Each writer appends to what it read: a write made over a stale read would drop another's step.
    await Promise.all(steps.map((step) => cases.changeCase(caseId, (current) => ({ update: { breaches: [...current.breaches, step] }, events: [{ type: 'deadline-breached', at: AT, actor: { kind: 'system', component: 'test' }, data: { step } }] }))));

    const head = (await cases.getCase(caseId))!;
    expect([...head.breaches].sort()).toEqual([...steps].sort());
    expect((await cases.listEvents(caseId)).filter((e) => e.type === 'deadline-breached')).toHaveLength(steps.length);
  });

  it('lets one of several concurrent changes of the same decision win; the others read its result and do nothing', async () => {
    const office = newOffice();
    const caseId = formatCaseId(office, 2026, 1);
    await open(caseId, office, '<one-wins@example.com>');

    const results = await Promise.all(
      Array.from({ length: 5 }, (_, writer) =>
        cases.changeCase(caseId, (current) => (current.status === 'closed' ? undefined : { update: { status: 'closed' }, events: [{ type: 'case-closed', at: AT, actor: { kind: 'system', component: 'test' }, data: { writer } }] })),
      ),
    );

    expect(results.filter((r) => r.events.length > 0)).toHaveLength(1);
    expect((await cases.listEvents(caseId)).filter((e) => e.type === 'case-closed')).toHaveLength(1);
    expect((await cases.getCase(caseId))!.status).toBe('closed');
  });

  it('reads again and writes once after DynamoDB cancels a case write; gives up with a clear ConcurrentCaseChange when the case keeps moving', async () => {
    const office = newOffice();
    const caseId = formatCaseId(office, 2026, 1);
    await open(caseId, office, '<cancelled@example.com>');
    const note = (writer: string) => () => ({ update: {}, events: [{ type: 'note-added', at: AT, actor: { kind: 'system' as const, component: 'test' }, data: { writer } }] });

    faults.inject({ reason: 'TransactionConflict', times: 1 });
    await faultyCases.changeCase(caseId, note('after one conflict'));
    expect(faults.injected.get('TransactionConflict:case')).toBe(1);

    faults.inject({ reason: 'ConditionalCheckFailed', times: 100 });
    const refused = await faultyCases.changeCase(caseId, note('never written')).catch((error: unknown) => error);
    faults.clear();
    expect(refused).toBeInstanceOf(ConcurrentCaseChange);
    expect((refused as Error).message).toBe(`case ${caseId} changed since event 2`);

    const events = await cases.listEvents(caseId);
    expect(events.filter((e) => e.type === 'note-added').map((e) => e.data.writer)).toEqual(['after one conflict']);
    const head = (await cases.getCase(caseId))!;
    expect(verifyChain(events, { lastSeq: head.lastSeq, lastHash: head.lastHash })).toEqual({ ok: true });
  });

  it("lets a notice's send claim be taken over once its lease has run out, never while it is fresh, and the holder that lost it cannot mark it sent", async () => {
    const fresh = '<notice-fresh@motcua.example>';
    const first = await cases.claimOutbound(fresh, 'C-1', AT);
    expect(first.state).toBe('claimed');
    const second = await cases.claimOutbound(fresh, 'C-1', AT);
    expect(second).toMatchObject({ state: 'held', untilMs: expect.any(Number) });
    expect((second as { untilMs: number }).untilMs).toBeGreaterThan(Date.now());

    const stale = '<notice-stale@motcua.example>';
    // A lease that ended before it was taken: the attempt that holds it is presumed dead.
    const lapsed = await cases.claimOutbound(stale, 'C-1', AT, -1);
    const takeover = await cases.claimOutbound(stale, 'C-1', AT);
    expect(lapsed.state).toBe('claimed');
    expect(takeover.state).toBe('claimed');
    const [lapsedId, takeoverId] = [lapsed, takeover].map((c) => (c as { claimId: string }).claimId);
    expect(takeoverId).not.toBe(lapsedId);

    await expect(cases.markOutboundSent(stale, lapsedId!, 'ses-late')).rejects.toThrow();
    await cases.releaseOutbound(stale, lapsedId!); // a no-op: the claim is no longer its own
    expect(await cases.claimOutbound(stale, 'C-1', AT)).toMatchObject({ state: 'held' });
    await cases.markOutboundSent(stale, takeoverId!, 'ses-1');
    expect(await cases.claimOutbound(stale, 'C-1', AT)).toEqual({ state: 'sent', providerMessageId: 'ses-1' });
  });

  describe('the checklist, kept in an item of its own beside the case item', () => {
    const checklist = { summary: 'Đủ giấy tờ', judgmentRefs: ['15/2026/DS-ST'], items: Array.from({ length: 30 }, (_, i) => ({ id: `item-${i}`, label: 'Bản án, quyết định của Tòa án', status: 'found', evidence: 'tệp “Bản án 15-2026-DS-ST.pdf”' })) };
    const rawItem = async (key: Record<string, string>) => (await db.send(new GetCommand({ TableName: TABLE, Key: key, ConsistentRead: true }))).Item;
    /** The repository on a client that remembers each transaction it sends. */
    const watched = () => {
      const transactions: TransactWriteCommandInput[] = [];
      const client = { send: (command: { input: unknown; constructor: { name: string } }) => {
        if (command.constructor.name === 'TransactWriteCommand') transactions.push(command.input as TransactWriteCommandInput);
        return db.send(command as never);
      } } as unknown as DynamoDBDocumentClient;
      return { repository: new CaseRepository(client, TABLE), transactions };
    };
    const note = (n: number) => ({ update: { status: n % 2 ? ('reviewed' as const) : ('awaiting-visit' as const) }, events: [{ type: 'note-added', at: AT, actor: { kind: 'system' as const, component: 'test' }, data: { n } }] });

    it('is written with the change that sets it and never again by later changes; the case reads whole, with it', async () => {
      const office = newOffice();
      const caseId = formatCaseId(office, 2026, 1);
      await open(caseId, office, '<checklist@example.com>');
      const { repository, transactions } = watched();

      await repository.changeCase(caseId, () => ({ update: { checklist }, events: [{ type: 'checks-completed', at: AT, actor: { kind: 'system', component: 'test' }, data: {} }] }));
      await repository.changeCase(caseId, () => note(1));
      await repository.changeCase(caseId, () => note(2));

      // The first transaction carries the checklist's item; the later ones write the case item without it, and nothing else of it.
      const written = transactions.map((t) => (t.TransactItems ?? []).flatMap((i) => (i.Put ? [i.Put.Item as Record<string, unknown>] : [])));
      expect(written[0]!.filter((item) => item.SK === casePartKey(caseId, 'checklist').SK)).toHaveLength(1);
      for (const items of written.slice(1)) expect(items.filter((item) => String(item.SK).startsWith('CASE'))).toEqual([expect.not.objectContaining({ checklist: expect.anything() })]);
      expect(written.flat().filter((item) => item.SK === caseKey(caseId).SK).every((item) => item.checklist === undefined)).toBe(true);
      expect((await rawItem(caseKey(caseId)))!.checklist).toBeUndefined();
      expect((await repository.getCase(caseId))!.checklist).toEqual(checklist);
      expect((await repository.requireCaseWithEvents(caseId)).record.checklist).toEqual(checklist);
      expect((await repository.getCase(caseId))!.status).toBe('awaiting-visit');
    });

    it('moves a checklist that a case item written before this change still holds inline to its own item at the next change, losing nothing', async () => {
      const office = newOffice();
      const caseId = formatCaseId(office, 2026, 1);
      await open(caseId, office, '<legacy-checklist@example.com>');
      const before = (await cases.getCase(caseId))!;
      // As the case item was written before the checklist was kept apart.
      await db.send(new PutCommand({ TableName: TABLE, Item: { ...toCaseItem(before), checklist } }));
      expect((await cases.getCase(caseId))!.checklist).toEqual(checklist);

      const { record } = await cases.changeCase(caseId, () => note(1));

      expect(JSON.parse(JSON.stringify(record))).toMatchObject({ checklist, status: 'reviewed' });
      expect((await rawItem(caseKey(caseId)))!.checklist).toBeUndefined();
      expect((await rawItem(casePartKey(caseId, 'checklist')))!.value).toEqual(checklist);
      expect((await cases.getCase(caseId))!.checklist).toEqual(checklist);
      // and the change after that one leaves it where it is
      const { transactions, repository } = watched();
      await repository.changeCase(caseId, () => note(2));
      expect(transactions[0]!.TransactItems!.filter((i) => i.Put?.Item?.SK === casePartKey(caseId, 'checklist').SK)).toEqual([]);
      expect((await cases.getCase(caseId))!.checklist).toEqual(checklist);
    });

    it('removes its item when a change removes the checklist', async () => {
      const office = newOffice();
      const caseId = formatCaseId(office, 2026, 1);
      await open(caseId, office, '<removed-checklist@example.com>');
      await cases.changeCase(caseId, () => ({ update: { checklist }, events: [{ type: 'checks-completed', at: AT, actor: { kind: 'system', component: 'test' }, data: {} }] }));

      await cases.changeCase(caseId, () => ({ update: { checklist: undefined }, events: [{ type: 'checks-cleared', at: AT, actor: { kind: 'system', component: 'test' }, data: {} }] }));

      expect(await rawItem(casePartKey(caseId, 'checklist'))).toBeUndefined();
      expect((await cases.getCase(caseId))!.checklist).toBeUndefined();
    });
  });
});
