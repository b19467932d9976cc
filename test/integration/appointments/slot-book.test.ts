import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slotCounterKey, slotReservationKey } from '../../../shared/appointments/keys';
import { NoSlotAvailable, SlotBook } from '../../../shared/appointments/slot-book';
import { candidateSlots, slotKey, type Slot } from '../../../shared/appointments/slots';
import { parseInstant } from '../../../shared/calendar';
import type { Clock } from '../../../shared/clock';
import { officeDirectory as directory } from '../../../shared/offices/default-directory';
import { localDynamoDbClientConfig, startDynamoDb } from '../../../local/services/dynamodb';
import type { RunningService } from '../../../local/services/running-service';
import { ensureTable } from '../../../local/services/table';
import { testPort } from '../../support/ports';

const PORT = testPort(18600);
const TABLE = 'motcua';
const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-appointments-'));
const clock: Clock = { now: () => vn('2026-03-06 15:00') };

let service: RunningService | undefined;
let client: DynamoDBClient;
let db: DynamoDBDocumentClient;
let book: SlotBook;

beforeAll(async () => {
  const t0 = Date.now();
  service = await startDynamoDb({ port: PORT, dataDir });
  client = new DynamoDBClient(localDynamoDbClientConfig(service.url));
  db = DynamoDBDocumentClient.from(client);
  await ensureTable(client, TABLE);
  book = new SlotBook(db, TABLE, { clock });
  console.info(`DynamoDB Local with the table ready in ${Date.now() - t0} ms`);
});

afterAll(async () => {
  client?.destroy();
  await service?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function vn(text: string): Date {
  const ms = parseInstant(text.replace(' ', 'T'));
  if (ms === undefined) throw new Error(`bad test time ${text}`);
  return new Date(ms);
}

/** Each test books its own week, so tests share the table without sharing slots. */
const slotsOf = (office: string, bookedAt: string, count: number): Slot[] => candidateSlots({ directory, office, after: vn(bookedAt), count });

const at = (slots: Slot[], i: number): Slot => {
  const slot = slots[i];
  if (!slot) throw new Error(`no candidate ${i}`);
  return slot;
};

async function takenIn(slot: Slot): Promise<number> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: slotCounterKey(slot), ConsistentRead: true }));
  return Number(Item?.taken ?? 0);
}

describe('SlotBook.reserve', () => {
  it('fills a slot to its capacity, then moves to the next candidate', async () => {
    // Prepare
    const candidates = slotsOf('HCMKV1', '2026-03-06 15:00', 3); // Monday 9 March, morning first

    // Act
    const first = await book.reserve('HCMKV1-2026-000001', candidates, 2);
    const second = await book.reserve('HCMKV1-2026-000002', candidates, 2);
    const third = await book.reserve('HCMKV1-2026-000003', candidates, 2);

    // Assess
    expect([first, second, third].map((r) => slotKey(r.slot))).toEqual(['HCMKV1#2026-03-09#sáng', 'HCMKV1#2026-03-09#sáng', 'HCMKV1#2026-03-09#chiều']);
    expect(first).toEqual({ caseId: 'HCMKV1-2026-000001', slot: at(candidates, 0), reservedAt: '2026-03-06T15:00:00+07:00', created: true });
    expect(await book.occupancy('HCMKV1', '2026-03-09')).toEqual([
      { ...at(candidates, 0), taken: 2, capacity: 2, caseIds: ['HCMKV1-2026-000001', 'HCMKV1-2026-000002'] },
      { ...at(candidates, 1), taken: 1, capacity: 2, caseIds: ['HCMKV1-2026-000003'] },
    ]);
    const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: slotReservationKey(at(candidates, 1), 'HCMKV1-2026-000003'), ConsistentRead: true }));
    expect(Item).toMatchObject({ PK: 'SLOT#HCMKV1#2026-03-09', SK: 'chiều#CASE#HCMKV1-2026-000003', entity: 'appointment', caseId: 'HCMKV1-2026-000003' });
  });

  it('gives the last place of a slot to exactly one of ten cases racing for it, and the others the next slots', async () => {
    // Prepare: capacity 1, so every place is a last place
    const candidates = slotsOf('HCMKV1', '2026-03-13 15:00', 12); // from Monday 16 March
    const cases = Array.from({ length: 10 }, (_, i) => `HCMKV1-2026-0001${String(i).padStart(2, '0')}`);

    // Act
    const reservations = await Promise.all(cases.map((caseId) => book.reserve(caseId, candidates, 1)));

    // Assess: one case per slot, the first ten slots, none past capacity
    const held = reservations.map((r) => slotKey(r.slot));
    expect(held.filter((key) => key === slotKey(at(candidates, 0)))).toHaveLength(1);
    expect(new Set(held).size).toBe(10);
    expect([...held].sort()).toEqual(candidates.slice(0, 10).map(slotKey).sort());
    for (const slot of candidates) expect(await takenIn(slot)).toBe(candidates.indexOf(slot) < 10 ? 1 : 0);
  });

  it('never counts past the capacity when ten cases race for the last place of a session of eight', async () => {
    // Prepare: the morning session of Monday 23 March has one place left
    const candidates = slotsOf('HCMKV1', '2026-03-20 15:00', 3);
    for (let i = 0; i < 7; i++) await book.reserve(`HCMKV1-2026-0002${String(i).padStart(2, '0')}`, candidates, 8);
    const racers = Array.from({ length: 10 }, (_, i) => `HCMKV1-2026-0003${String(i).padStart(2, '0')}`);

    // Act
    const reservations = await Promise.all(racers.map((caseId) => book.reserve(caseId, candidates, 8)));

    // Assess
    const inSlot = (i: number) => reservations.filter((r) => slotKey(r.slot) === slotKey(at(candidates, i))).length;
    expect([inSlot(0), inSlot(1), inSlot(2)]).toEqual([1, 8, 1]);
    expect(await Promise.all(candidates.map(takenIn))).toEqual([8, 8, 1]);
    const day = await book.occupancy('HCMKV1', '2026-03-23');
    expect(day.map((s) => [s.session, s.taken, s.caseIds.length])).toEqual([
      ['sáng', 8, 8],
      ['chiều', 8, 8],
    ]);
  });

  it('is idempotent for a case: a retry returns the place already held and takes no second one', async () => {
    // Prepare
    const candidates = slotsOf('HCMKV2', '2026-03-06 15:00', 2);
    const original = await book.reserve('HCMKV2-2026-000001', candidates, 5);

    // Act
    const retry = await book.reserve('HCMKV2-2026-000001', candidates, 5);

    // Assess
    expect(retry).toEqual({ ...original, created: false });
    expect(await takenIn(at(candidates, 0))).toBe(1);
  });

  it('returns the place a case holds further down the list, even when an earlier slot has room again', async () => {
    // Prepare: the morning is full, so the case gets the afternoon; then the morning frees a place
    const candidates = slotsOf('HCMKV2', '2026-03-09 15:00', 2); // Tuesday 10 March
    await book.reserve('HCMKV2-2026-000010', candidates, 1);
    const held = await book.reserve('HCMKV2-2026-000011', candidates, 1);
    await book.release('HCMKV2-2026-000010', at(candidates, 0));

    // Act
    const retry = await book.reserve('HCMKV2-2026-000011', candidates, 1);

    // Assess
    expect(slotKey(retry.slot)).toBe('HCMKV2#2026-03-10#chiều');
    expect(retry).toEqual({ ...held, created: false });
    expect(await Promise.all(candidates.map(takenIn))).toEqual([0, 1]);
  });

  it('takes one place for a case whose retries run at the same time as the original', async () => {
    // Prepare
    const candidates = slotsOf('HCMKV2', '2026-03-10 15:00', 3); // Wednesday 11 March

    // Act
    const attempts = await Promise.all(Array.from({ length: 6 }, () => book.reserve('HCMKV2-2026-000020', candidates, 5)));

    // Assess
    expect(new Set(attempts.map((r) => slotKey(r.slot)))).toEqual(new Set(['HCMKV2#2026-03-11#sáng']));
    expect(attempts.filter((r) => r.created)).toHaveLength(1);
    expect(await Promise.all(candidates.map(takenIn))).toEqual([1, 0, 0]);
  });

  it('throws NoSlotAvailable, naming the office and the range tried, when every candidate is full', async () => {
    // Prepare
    const candidates = slotsOf('HCM', '2026-03-06 15:00', 2);
    await book.reserve('HCM-2026-000001', candidates, 1);
    await book.reserve('HCM-2026-000002', candidates, 1);

    // Act
    const refused = await book.reserve('HCM-2026-000003', candidates, 1).catch((error: unknown) => error);

    // Assess
    expect(refused).toBeInstanceOf(NoSlotAvailable);
    expect(refused).toMatchObject({ office: 'HCM', first: at(candidates, 0), last: at(candidates, 1), tried: 2 });
    expect((refused as Error).message).toBe('no appointment slot left at HCM from 2026-03-09 sáng to 2026-03-09 chiều (2 slots tried)');
    expect(await Promise.all(candidates.map(takenIn))).toEqual([1, 1]);
  });

  it('refuses candidates of two offices, no candidates and a capacity below one', async () => {
    const mixed = [...slotsOf('HCM', '2026-04-06 15:00', 1), ...slotsOf('HCMKV1', '2026-04-06 15:00', 1)];
    await expect(book.reserve('HCM-2026-000010', mixed, 1)).rejects.toThrow(/one office/);
    await expect(book.reserve('HCM-2026-000010', [], 1)).rejects.toThrow(/no candidate/);
    await expect(book.reserve('HCM-2026-000010', slotsOf('HCM', '2026-04-06 15:00', 1), 0)).rejects.toThrow(/capacity/);
  });
});

describe('SlotBook.release', () => {
  it('frees the place for another case, once', async () => {
    // Prepare
    const candidates = slotsOf('HCMKV1', '2026-03-27 15:00', 2); // Monday 30 March
    const noShow = await book.reserve('HCMKV1-2026-000400', candidates, 1);
    await book.reserve('HCMKV1-2026-000401', candidates, 1);

    // Act
    const released = await book.release('HCMKV1-2026-000400', noShow.slot);
    const again = await book.release('HCMKV1-2026-000400', noShow.slot);
    const next = await book.reserve('HCMKV1-2026-000402', candidates, 1);

    // Assess
    expect([released, again]).toEqual([true, false]);
    expect(slotKey(next.slot)).toBe(slotKey(at(candidates, 0)));
    expect(await Promise.all(candidates.map(takenIn))).toEqual([1, 1]);
    expect((await book.occupancy('HCMKV1', '2026-03-30')).map((s) => s.caseIds)).toEqual([['HCMKV1-2026-000402'], ['HCMKV1-2026-000401']]);
  });

  it('changes nothing for a case that holds no place in the slot', async () => {
    const candidates = slotsOf('HCMKV1', '2026-04-02 15:00', 1);
    await book.reserve('HCMKV1-2026-000410', candidates, 3);
    expect(await book.release('HCMKV1-2026-000411', at(candidates, 0))).toBe(false);
    expect(await takenIn(at(candidates, 0))).toBe(1);
  });

  it('lets many releases and reservations run together without losing count', async () => {
    // Prepare: five cases in the morning (capacity 5)
    const candidates = slotsOf('HCMKV1', '2026-04-06 15:00', 4); // Tuesday 7 April
    const first = Array.from({ length: 5 }, (_, i) => `HCMKV1-2026-0005${String(i).padStart(2, '0')}`);
    const held = await Promise.all(first.map((caseId) => book.reserve(caseId, candidates, 5)));

    // Act: they all reschedule while five new cases book
    const newcomers = Array.from({ length: 5 }, (_, i) => `HCMKV1-2026-0006${String(i).padStart(2, '0')}`);
    await Promise.all([...held.map((r) => book.release(r.caseId, r.slot)), ...newcomers.map((caseId) => book.reserve(caseId, candidates, 5))]);

    // Assess: every counter equals the reservations it counts
    for (const date of new Set(candidates.map((s) => s.date))) {
      for (const session of await book.occupancy('HCMKV1', date)) {
        expect(session.taken).toBe(session.caseIds.length);
        expect(session.taken).toBeLessThanOrEqual(5);
      }
    }
    const all = (await Promise.all([...new Set(candidates.map((s) => s.date))].map((date) => book.occupancy('HCMKV1', date)))).flat();
    expect(all.flatMap((s) => s.caseIds).sort()).toEqual(newcomers);
  });
});
