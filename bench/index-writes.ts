/**
 * The writes DynamoDB makes to the table's secondary indexes (GSI1, GSI2), which the request bodies do not
 * show: an index is written when an item that it lists is written. How much depends on the projection:
 * - ALL: every write of a listed item is written to the index again, at 1 unit a KB of the item (and a change
 *   of the index's keys deletes the old entry too);
 * - KEYS_ONLY (CASE_INDEX_PROJECTION): only a write that adds, changes or removes the index's keys writes it,
 *   at 1 unit per entry put or deleted (an entry of keys is far under 1 KB).
 * The counter follows each item's index keys through the writes it sees (every write of the run goes through
 * it, from the item's creation on). An UpdateItem is weighed as touching no index key (none of the stack's
 * updates sets one) and, under ALL, as rewriting the entries of an item already listed at its request's size
 * (a floor, as capacityOf's). Index writes are ordinary writes, never doubled as a transaction's are.
 */
type DynamoJson = Record<string, { S?: string; N?: string } | undefined>;

const INDEXES = ['GSI1', 'GSI2'] as const;
const kb = (value: unknown) => Math.max(1, Math.ceil(Buffer.byteLength(JSON.stringify(value ?? {})) / 1024));

export class IndexWriteCounter {
  /** Index write units under each projection, for the same writes. */
  readonly units = { KEYS_ONLY: 0, ALL: 0 };
  /** The index keys each item had after its last write: `PK\0SK` → index → `GSIxPK\0GSIxSK`. */
  private readonly listed = new Map<string, Partial<Record<(typeof INDEXES)[number], string>>>();

  /** One DynamoDB write request, as the SDK sends it (DynamoDB JSON). */
  observe(operation: string, body: Record<string, unknown>): void {
    if (operation === 'PutItem') this.put(body.Item as DynamoJson);
    else if (operation === 'DeleteItem') this.remove(body.Key as DynamoJson);
    else if (operation === 'UpdateItem') this.update(body.Key as DynamoJson, body);
    else if (operation === 'TransactWriteItems') for (const item of body.TransactItems as Array<Record<string, Record<string, unknown>>>) this.write(item);
    else if (operation === 'BatchWriteItem') for (const item of Object.values(body.RequestItems as Record<string, Array<Record<string, Record<string, unknown>>>>).flat()) this.write(item);
  }

  private write(request: Record<string, Record<string, unknown>>): void {
    const put = request.Put ?? request.PutRequest;
    const remove = request.Delete ?? request.DeleteRequest;
    if (put) this.put(put.Item as DynamoJson);
    else if (remove) this.remove(remove.Key as DynamoJson);
    else if (request.Update) this.update(request.Update.Key as DynamoJson, request.Update);
  }

  private put(item: DynamoJson): void {
    const key = itemKey(item);
    const before = this.listed.get(key) ?? {};
    const after: Partial<Record<(typeof INDEXES)[number], string>> = {};
    for (const index of INDEXES) {
      const pk = item[`${index}PK`]?.S;
      const sk = item[`${index}SK`]?.S;
      if (pk !== undefined && sk !== undefined) after[index] = `${pk}\u0000${sk}`;
      const was = before[index];
      const is = after[index];
      if (was !== is) this.units.KEYS_ONLY += (was ? 1 : 0) + (is ? 1 : 0);
      // ALL: the new entry is the whole item; a moved or dropped entry is deleted too.
      this.units.ALL += (is ? kb(item) : 0) + (was && was !== is ? 1 : 0);
    }
    this.listed.set(key, after);
  }

  private remove(key: DynamoJson): void {
    const before = this.listed.get(itemKey(key)) ?? {};
    for (const index of INDEXES) {
      if (!before[index]) continue;
      this.units.KEYS_ONLY += 1;
      this.units.ALL += 1;
    }
    this.listed.delete(itemKey(key));
  }

  private update(key: DynamoJson, request: Record<string, unknown>): void {
    const before = this.listed.get(itemKey(key)) ?? {};
    const listedIn = INDEXES.filter((index) => before[index]).length;
    this.units.ALL += listedIn * kb({ key, values: request.ExpressionAttributeValues });
  }
}

const itemKey = (item: DynamoJson) => `${item.PK?.S}\u0000${item.SK?.S}`;
