import { batchGetAll, itemKey, queryAll } from '../aws/all-items';
import { TransactionCanceledException, TransactionConflictException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { systemClock, type Clock } from '../clock';
import { toVietnamIso } from '../time/vietnam-time';
import { slotCounterKey, slotDayPk, slotReservationKey } from './keys';
import { slotKey, type Slot } from './slots';

/** A case's place in a slot. */
export interface Reservation {
  caseId: string;
  slot: Slot;
  /** When the place was taken, ISO 8601 with +07:00. */
  reservedAt: string;
  /** False when the case already held this place (a retry): nothing was written. */
  created: boolean;
}

/** How full a session of an office's day is, for the desk. */
export interface SlotOccupancy {
  office: string;
  date: string;
  session: string;
  start?: string;
  end?: string;
  taken: number;
  /** The capacity the last reservation was made against. */
  capacity?: number;
  /** The cases holding a place, in id order. */
  caseIds: string[];
}

/** Every candidate slot was full. */
export class NoSlotAvailable extends Error {
  override readonly name = 'NoSlotAvailable';
  constructor(
    readonly office: string,
    readonly first: Slot,
    readonly last: Slot,
    readonly tried: number,
  ) {
    super(`no appointment slot left at ${office} from ${first.date} ${first.session} to ${last.date} ${last.session} (${tried} slots tried)`);
  }
}

/** The counter and the reservation disagree (a place counted for nobody, or a reservation not counted). */
export class SlotBookInconsistent extends Error {
  override readonly name = 'SlotBookInconsistent';
}

export interface SlotBookOptions {
  clock?: Clock;
  /** How often one slot is tried again when another writer touched it at the same moment. Default 25. */
  maxConflictRetries?: number;
}

const COUNTER = 0;
const RESERVATION = 1;
type Attempt = 'reserved' | 'full' | 'held';

/**
 * The appointment book of the one-stop desks: how many places each session has left and which
 * case holds which. A place is taken in one transaction that increments the session's counter
 * (never past the capacity) and writes the case's reservation (once per case and session), so two
 * cases never take the last place and a case never takes two places in one session.
 */
export class SlotBook {
  private readonly clock: Clock;
  private readonly maxConflictRetries: number;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    options: SlotBookOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.maxConflictRetries = options.maxConflictRetries ?? 25;
  }

  /**
   * Reserves the first candidate with a place left, for a case. Idempotent: if the case already
   * holds one of the candidates, that reservation is returned (`created: false`) and nothing is
   * taken. Candidates are tried in the order given (candidateSlots gives them in time order).
   * @throws NoSlotAvailable when every candidate is full.
   */
  async reserve(caseId: string, candidates: readonly Slot[], capacity: number): Promise<Reservation> {
    if (!caseId) throw new RangeError('a reservation needs a case id');
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive whole number, got ${capacity}`);
    const first = candidates[0];
    const last = candidates[candidates.length - 1];
    if (!first || !last) throw new RangeError('no candidate slots to reserve');
    const others = candidates.filter((s) => s.office !== first.office);
    if (others.length > 0) throw new RangeError(`candidate slots must be of one office, got ${first.office} and ${others[0]?.office}`);

    const held = await this.reservationOf(caseId, candidates);
    if (held) return held;

    for (const slot of candidates) {
      for (let attempt = 0; ; attempt++) {
        const reservedAt = toVietnamIso(this.clock.now());
        const outcome = await this.tryReserve(caseId, slot, capacity, reservedAt);
        if (outcome === 'reserved') return { caseId, slot, reservedAt, created: true };
        if (outcome === 'full') break;
        // 'held': a concurrent call for the same case (a retry racing the original) took this very slot
        // first; both walk the candidates in the same order, so they meet here and the case keeps one place.
        const concurrent = await this.reservationOf(caseId, [slot]);
        if (concurrent) return concurrent;
        // Released again in between: try the slot afresh.
        if (attempt >= this.maxConflictRetries) throw new SlotBookInconsistent(`${caseId} keeps losing its place in ${slotKey(slot)} while reserving it`);
      }
    }
    throw new NoSlotAvailable(first.office, first, last, candidates.length);
  }

  /** The case's reservation among these slots, if it holds one (the earliest in the order given). */
  async reservationOf(caseId: string, slots: readonly Slot[]): Promise<Reservation | undefined> {
    const keys = [...new Map(slots.map((s) => [slotKey(s), slotReservationKey(s, caseId)])).values()];
    const found = await batchGetAll(this.db, this.tableName, keys, { consistentRead: true, pause });
    for (const slot of slots) {
      const item = found.get(itemKey(slotReservationKey(slot, caseId)));
      if (item) return { caseId, slot: slotOf(item), reservedAt: String(item.reservedAt), created: false };
    }
    return undefined;
  }

  /**
   * Gives a case's place back (reschedule, no-show): deletes its reservation and decrements the
   * counter in one transaction. Idempotent: returns false when the case held no place there.
   */
  async release(caseId: string, slot: Slot): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: this.tableName,
                  Key: slotCounterKey(slot),
                  UpdateExpression: 'ADD #taken :minusOne',
                  ConditionExpression: '#taken > :zero',
                  ExpressionAttributeNames: aliases('taken'),
                  ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
                },
              },
              { Delete: { TableName: this.tableName, Key: slotReservationKey(slot, caseId), ConditionExpression: 'attribute_exists(PK)' } },
            ],
          }),
        );
        return true;
      } catch (error) {
        const codes = cancellationCodes(error);
        if (codes?.[RESERVATION] === 'ConditionalCheckFailed') return false; // not (or no longer) held
        if (codes?.[COUNTER] === 'ConditionalCheckFailed') {
          throw new SlotBookInconsistent(`${caseId} holds a place in ${slotKey(slot)} that its counter does not count`);
        }
        if (!isConflict(error, codes) || attempt >= this.maxConflictRetries) throw error;
        await pause(attempt + 1);
      }
    }
  }

  /** The sessions of an office's day that have (or had) reservations, in time order. */
  async occupancy(office: string, date: string): Promise<SlotOccupancy[]> {
    const items = await queryAll(this.db, { TableName: this.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': slotDayPk(office, date) }, ConsistentRead: true });

    const sessions = new Map<string, SlotOccupancy>();
    const sessionOf = (item: Record<string, unknown>) => {
      const session = String(item.session);
      let entry = sessions.get(session);
      if (!entry) {
        entry = { office, date, session, taken: 0, caseIds: [] };
        sessions.set(session, entry);
      }
      if (typeof item.start === 'string') entry.start = item.start;
      if (typeof item.end === 'string') entry.end = item.end;
      return entry;
    };
    for (const item of items) {
      const entry = sessionOf(item);
      if (item.entity === 'slot') {
        entry.taken = Number(item.taken ?? 0);
        if (item.capacity !== undefined) entry.capacity = Number(item.capacity);
      } else if (item.entity === 'appointment') {
        entry.caseIds.push(String(item.caseId));
      }
    }
    return [...sessions.values()]
      .map((s) => ({ ...s, caseIds: s.caseIds.sort() }))
      .sort((a, b) => (a.start ?? '').localeCompare(b.start ?? '') || a.session.localeCompare(b.session));
  }

  /** One try at one slot, again while other writers collide with it. */
  private async tryReserve(caseId: string, slot: Slot, capacity: number, reservedAt: string): Promise<Attempt> {
    const slotFields = { office: slot.office, date: slot.date, session: slot.session, start: slot.start, end: slot.end };
    for (let attempt = 0; ; attempt++) {
      try {
        await this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: this.tableName,
                  Key: slotCounterKey(slot),
                  UpdateExpression:
                    'ADD #taken :one SET #entity = :entity, #office = :office, #date = :date, #session = :session, #start = :start, #end = :end, #capacity = :capacity',
                  ConditionExpression: 'attribute_not_exists(#taken) OR #taken < :capacity',
                  // Every name aliased: several (capacity, date, session, end...) are DynamoDB reserved words.
                  ExpressionAttributeNames: aliases('taken', 'entity', 'office', 'date', 'session', 'start', 'end', 'capacity'),
                  ExpressionAttributeValues: {
                    ':one': 1,
                    ':capacity': capacity,
                    ':entity': 'slot',
                    ':office': slot.office,
                    ':date': slot.date,
                    ':session': slot.session,
                    ':start': slot.start,
                    ':end': slot.end,
                  },
                },
              },
              {
                Put: {
                  TableName: this.tableName,
                  Item: { ...slotReservationKey(slot, caseId), entity: 'appointment', caseId, ...slotFields, reservedAt },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
            ],
          }),
        );
        return 'reserved';
      } catch (error) {
        const codes = cancellationCodes(error);
        if (codes?.[RESERVATION] === 'ConditionalCheckFailed') return 'held';
        if (codes?.[COUNTER] === 'ConditionalCheckFailed') return 'full';
        if (!isConflict(error, codes) || attempt >= this.maxConflictRetries) throw error;
        await pause(attempt + 1);
      }
    }
  }
}

const aliases = (...names: string[]) => Object.fromEntries(names.map((name) => [`#${name}`, name]));

function slotOf(item: Record<string, unknown>): Slot {
  return { office: String(item.office), date: String(item.date), session: String(item.session), start: String(item.start), end: String(item.end) };
}

/** The per-item reasons of a cancelled transaction, in the order of its items. */
function cancellationCodes(error: unknown): Array<string | undefined> | undefined {
  return error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []).map((r) => r.Code) : undefined;
}

/** Another transaction held one of the items: nothing was decided, try again. */
function isConflict(error: unknown, codes: Array<string | undefined> | undefined): boolean {
  return error instanceof TransactionConflictException || (codes?.includes('TransactionConflict') ?? false);
}

/** Jittered exponential backoff, so colliding writers do not collide again in step. */
function pause(attempt: number): Promise<void> {
  const ceiling = Math.min(250, 10 * 2 ** Math.min(attempt, 5));
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
