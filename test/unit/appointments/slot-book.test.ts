import { DynamoDBClient, TransactionCanceledException, TransactionConflictException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { NoSlotAvailable, SlotBook, SlotBookInconsistent } from '../../../shared/appointments/slot-book';
import type { Slot } from '../../../shared/appointments/slots';

/**
 * Error paths DynamoDB Local does not produce on demand: it runs transactions one at a time, so a
 * TransactionConflict (two transactions on one item at once, as on AWS) never happens there.
 */

const TABLE = 'motcua';
const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'ap-southeast-1' }));
const dynamo = mockClient(db);
const book = new SlotBook(db, TABLE, { clock: { now: () => new Date('2026-03-06T08:00:00Z') }, maxConflictRetries: 3 });

const monday: Slot = { office: 'HCMKV1', date: '2026-03-09', session: 'sáng', start: '2026-03-09T08:00:00+07:00', end: '2026-03-09T11:30:00+07:00' };
const mondayAfternoon: Slot = { ...monday, session: 'chiều', start: '2026-03-09T13:30:00+07:00', end: '2026-03-09T16:30:00+07:00' };

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

beforeEach(() => {
  dynamo.reset();
  dynamo.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [] } });
});

describe('SlotBook when another transaction touches the slot at the same moment (AWS)', () => {
  it('tries the same slot again rather than moving on', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).rejectsOnce(cancelled('TransactionConflict', 'None')).rejectsOnce(new TransactionConflictException({ message: 'conflict', $metadata: {} })).resolves({});

    // Act
    const reservation = await book.reserve('HCMKV1-2026-000001', [monday, mondayAfternoon], 8);

    // Assess
    expect(reservation.slot).toEqual(monday);
    const tried = dynamo.commandCalls(TransactWriteCommand).map((c) => c.args[0].input.TransactItems?.[0]?.Update?.Key?.SK);
    expect(tried).toEqual(['sáng', 'sáng', 'sáng']);
  });

  it('gives up after the configured number of retries, with the conflict', async () => {
    dynamo.on(TransactWriteCommand).rejects(cancelled('TransactionConflict', 'None'));
    await expect(book.reserve('HCMKV1-2026-000001', [monday], 8)).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(4);
  });
});

describe('SlotBook reads why a reservation was refused', () => {
  it('moves on when the counter is full, and reports every slot full', async () => {
    dynamo.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None'));
    await expect(book.reserve('HCMKV1-2026-000001', [monday, mondayAfternoon], 8)).rejects.toBeInstanceOf(NoSlotAvailable);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(2);
  });

  it('returns the case’s own reservation when a concurrent call for it took the slot first', async () => {
    // Prepare: nothing held at first; the transaction finds the reservation already there
    const stored = { PK: 'SLOT#HCMKV1#2026-03-09', SK: 'sáng#CASE#HCMKV1-2026-000001', entity: 'appointment', caseId: 'HCMKV1-2026-000001', ...monday, reservedAt: '2026-03-06T14:59:59+07:00' };
    dynamo.on(BatchGetCommand).resolvesOnce({ Responses: { [TABLE]: [] } }).resolves({ Responses: { [TABLE]: [stored] } });
    dynamo.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'ConditionalCheckFailed'));

    // Act
    const reservation = await book.reserve('HCMKV1-2026-000001', [monday, mondayAfternoon], 8);

    // Assess
    expect(reservation).toEqual({ caseId: 'HCMKV1-2026-000001', slot: monday, reservedAt: '2026-03-06T14:59:59+07:00', created: false });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('asks again for keys DynamoDB left unprocessed', async () => {
    const key = { PK: 'SLOT#HCMKV1#2026-03-09', SK: 'sáng#CASE#HCMKV1-2026-000001' };
    dynamo
      .on(BatchGetCommand)
      .resolvesOnce({ Responses: { [TABLE]: [] }, UnprocessedKeys: { [TABLE]: { Keys: [key] } } })
      .resolves({ Responses: { [TABLE]: [{ ...key, ...monday, caseId: 'HCMKV1-2026-000001', reservedAt: '2026-03-05T09:00:00+07:00' }] } });
    const held = await book.reservationOf('HCMKV1-2026-000001', [monday]);
    expect(held?.slot).toEqual(monday);
    expect(dynamo.commandCalls(BatchGetCommand)).toHaveLength(2);
  });

  it('on release, says so when the counter does not count a reservation that exists', async () => {
    dynamo.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None'));
    await expect(book.release('HCMKV1-2026-000001', monday)).rejects.toBeInstanceOf(SlotBookInconsistent);
  });

  it('on release, retries a conflict', async () => {
    dynamo.on(TransactWriteCommand).rejectsOnce(cancelled('None', 'TransactionConflict')).resolves({});
    expect(await book.release('HCMKV1-2026-000001', monday)).toBe(true);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(2);
  });
});
