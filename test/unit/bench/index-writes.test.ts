import { describe, expect, it } from 'vitest';
import { IndexWriteCounter } from '../../../bench/index-writes';

/** Strings in DynamoDB JSON, as the SDK sends an item. */
const marshall = (item: Record<string, string>) => Object.fromEntries(Object.entries(item).map(([name, value]) => [name, { S: value }]));

const caseItem = (dueAt: string | undefined, padding = 0) =>
  marshall({
    PK: 'CASE#HCMKV1-2026-000001',
    SK: 'CASE',
    status: 'awaiting-review',
    notes: 'x'.repeat(padding),
    ...(dueAt ? { GSI1PK: 'OFFICE#HCMKV1#OPEN', GSI1SK: `${dueAt}#HCMKV1-2026-000001` } : {}),
    GSI2PK: 'OFFICE#HCMKV1#2026-12',
    GSI2SK: '2026-12-01T08:00:00+07:00#HCMKV1-2026-000001',
  });

describe('the index writes the bench counts', () => {
  it('counts keys-only index writes only when an item enters, moves in or leaves an index', () => {
    const counter = new IndexWriteCounter();
    counter.observe('TransactWriteItems', { TransactItems: [{ Put: { Item: caseItem('2026-12-02T08:00:00+07:00') } }] }); // enters both: 2
    counter.observe('TransactWriteItems', { TransactItems: [{ Put: { Item: caseItem('2026-12-02T08:00:00+07:00', 100) } }] }); // same keys: 0
    counter.observe('PutItem', { Item: caseItem('2026-12-05T08:00:00+07:00') }); // moves in the queue: delete + put = 2
    counter.observe('PutItem', { Item: caseItem(undefined) }); // leaves the queue: 1
    expect(counter.units.KEYS_ONLY).toBe(5);
  });

  it('counts every write of a listed item, by its size, had the indexes projected every attribute', () => {
    const counter = new IndexWriteCounter();
    counter.observe('PutItem', { Item: caseItem('2026-12-02T08:00:00+07:00', 3000) }); // about 3 KB into each of the two indexes
    counter.observe('PutItem', { Item: caseItem('2026-12-02T08:00:00+07:00', 3000) });
    expect(counter.units.ALL).toBe(2 * 2 * 4);
    expect(counter.units.KEYS_ONLY).toBe(2);
  });

  it('counts the removal of a listed item from each index it was in, and nothing for items in no index', () => {
    const counter = new IndexWriteCounter();
    counter.observe('PutItem', { Item: marshall({ PK: 'MSG#abc', SK: 'MSG', status: 'claimed' }) });
    counter.observe('PutItem', { Item: caseItem('2026-12-02T08:00:00+07:00') });
    counter.observe('TransactWriteItems', { TransactItems: [{ Delete: { Key: marshall({ PK: 'CASE#HCMKV1-2026-000001', SK: 'CASE' }) } }] });
    expect(counter.units.KEYS_ONLY).toBe(4);
  });
});
