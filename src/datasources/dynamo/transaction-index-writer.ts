import {
  DeleteCommand,
  PutCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { Metrics } from '../../app/metrics';
import { compareStates, pickCurrent } from '../../domain/current-state';
import type { EnrichedTransaction } from '../../domain/types';
import { chunk, mapConcurrent } from '../../lib/map-concurrent';
import { batchGet } from './batch';
import { readInt } from './item-values';
import { dropOrphanMerchantEntry } from './orphan-index-entry';
import type { TableNames } from './table-names';
import { indexSortKey, toIndexItem } from './transaction-item';

/** Where one version of a transaction sits in TransactionIndex, and which aggregates it feeds. */
interface Location {
  user_id: string;
  sk: string;
  merchant_id: string;
  day: string;
}

interface Head extends Location {
  version: number;
  arrival: string;
  /** Locations earlier versions were written to; deleted (again) on every apply, so a crash heals. */
  superseded: Location[];
}

export interface DayKey {
  id: string;
  day: string;
}

export interface IndexWriteResult {
  applied: number;
  stale: number;
  userDays: DayKey[];
  merchantDays: DayKey[];
  /**
   * Per applied transaction, the (user, day) places its head held before this apply, as the
   * conditional head write found them: a concurrent writer may have moved it after the caller last
   * read the head, and only the writer sees that.
   */
  left: Map<string, { user_id: string; day: string }[]>;
}

/** How new transactions are written (INDEX_WRITES). */
export type IndexWrites = 'single' | 'transact';

const CONCURRENCY = 16;

/**
 * New transactions per TransactWriteItems call: a head and an item each, so 100 actions, the
 * service's limit. The AWS SDK's per-call CPU, not DynamoDB, bounded indexing in the latency
 * bench's profile: one call per 50 transactions instead of two per transaction.
 */
const NEW_PER_TRANSACTION = 50;
const TRANSACTION_CONCURRENCY = 4;

/**
 * Applies enriched records so that the index holds exactly the current state of each transaction
 * (highest version, then latest arrival), however often and in whatever order records arrive.
 *
 * Per transaction: read its head (strongly consistent) → if the record is older, stop → write the
 * head conditionally on it being unchanged (optimistic lock, so a concurrent writer such as the
 * reprocess job cannot interleave) → put the index item unless a newer one is there → delete
 * superseded locations. A crash anywhere leaves the head ahead of the item at worst, and the
 * redelivered record (equal state) redoes the idempotent steps. No transactions are needed for
 * that; they are an opt-in for speed only (INDEX_WRITES=transact): transactions without a head yet
 * (most of a live batch) then have their head and item written together, 50 to a call.
 */
export function createTransactionIndexWriter(deps: {
  doc: DynamoDBDocumentClient;
  tables: TableNames;
  metrics?: Metrics;
  /**
   * INDEX_WRITES. `transact`: new transactions in TransactWriteItems batches, one call per 50
   * instead of two each, at twice the write units per item on AWS; endpoints without it fall back.
   * `single` (the default): two plain puts each.
   */
  writes?: IndexWrites;
}) {
  const { doc, tables, metrics } = deps;
  // Until the endpoint shows it lacks TransactWriteItems (the embedded dynalite does).
  let transactions = deps.writes === 'transact';

  async function readHeads(ids: string[]): Promise<Map<string, Head>> {
    const items = await batchGet(
      doc,
      tables.transactionHeads,
      ids.map((id) => ({ transaction_id: id })),
      (item) => item.transaction_id as string,
      metrics,
    );
    const heads = new Map<string, Head>();
    for (const [id, item] of items) heads.set(id, toHead(item));
    return heads;
  }

  async function applyOne(record: EnrichedTransaction, head: Head | undefined): Promise<Location[] | null> {
    let current = head;
    for (let attempt = 0; attempt < 20; attempt++) {
      if (current && compareStates(record, current) < 0) return null;
      const location = locationOf(record);
      const superseded = supersededAfter(current, location);
      const written = await putHead(record, location, superseded, current);
      if (!written) {
        current = (await readHeads([record.transaction_id])).get(record.transaction_id);
        continue;
      }
      await putItemUnlessNewer(record);
      await Promise.all(superseded.map((loc) => deleteIfOlder(loc, record)));
      return [location, ...superseded];
    }
    throw Object.assign(new Error(`head of ${record.transaction_id} kept changing`), { retriable: true });
  }

  async function putHead(
    record: EnrichedTransaction,
    location: Location,
    superseded: Location[],
    previous: Head | undefined,
  ): Promise<boolean> {
    try {
      await doc.send(
        new PutCommand({
          TableName: tables.transactionHeads,
          Item: headItem(record, location, superseded),
          ...(previous
            ? {
                ConditionExpression: 'version = :pv AND arrival = :pa',
                ExpressionAttributeValues: { ':pv': previous.version, ':pa': previous.arrival },
              }
            : { ConditionExpression: 'attribute_not_exists(transaction_id)' }),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  function itemPutUnlessNewer(record: EnrichedTransaction) {
    return {
      TableName: tables.transactionIndex,
      Item: toIndexItem(record),
      ConditionExpression: 'attribute_not_exists(sk) OR version < :v OR (version = :v AND arrival <= :a)',
      ExpressionAttributeValues: { ':v': record.version, ':a': record.arrival },
    };
  }

  async function putItemUnlessNewer(record: EnrichedTransaction): Promise<void> {
    try {
      await doc.send(new PutCommand(itemPutUnlessNewer(record)));
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  /**
   * Transactions with no head yet: every head (only if still absent) and item (unless a newer one
   * is there) in one all-or-nothing call. False when any condition or a concurrent transaction
   * cancelled it: nothing was written, and the caller applies these one by one, which settles
   * exactly the cases the conditions guard. The SDK's idempotency token makes its own retries of
   * a call that did land harmless.
   */
  async function applyNewTogether(records: readonly EnrichedTransaction[]): Promise<boolean> {
    if (!transactions) return false;
    try {
      await doc.send(
        new TransactWriteCommand({
          TransactItems: records.flatMap((record) => [
            {
              Put: {
                TableName: tables.transactionHeads,
                Item: headItem(record, locationOf(record), []),
                ConditionExpression: 'attribute_not_exists(transaction_id)',
              },
            },
            { Put: itemPutUnlessNewer(record) },
          ]),
        }),
      );
      return true;
    } catch (error) {
      const name = (error as { name?: string } | null)?.name;
      if (name === 'TransactionCanceledException') return false;
      if (name === 'UnknownOperationException') {
        transactions = false;
        return false;
      }
      throw error;
    }
  }

  async function deleteIfOlder(location: Location, winner: EnrichedTransaction): Promise<void> {
    try {
      await doc.send(
        new DeleteCommand({
          TableName: tables.transactionIndex,
          Key: { user_id: location.user_id, sk: location.sk },
          ConditionExpression: 'transaction_id = :t AND (version < :v OR (version = :v AND arrival < :a))',
          ExpressionAttributeValues: {
            ':t': winner.transaction_id,
            ':v': winner.version,
            ':a': winner.arrival,
          },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // Nothing older to delete: usually an earlier apply did, but see orphan-index-entry.ts.
      await dropOrphanMerchantEntry(doc, tables, location);
    }
  }

  return {
    async apply(records: readonly EnrichedTransaction[]): Promise<IndexWriteResult> {
      const winners = pickCurrent(records);
      const heads = await readHeads(winners.map((r) => r.transaction_id));
      const fresh = winners.filter((r) => !heads.has(r.transaction_id));
      const written = new Set<EnrichedTransaction>();
      await mapConcurrent(chunk(fresh, NEW_PER_TRANSACTION), TRANSACTION_CONCURRENCY, async (group) => {
        if (await applyNewTogether(group)) for (const r of group) written.add(r);
      });
      const touched = await mapConcurrent(winners, CONCURRENCY, async (r) =>
        written.has(r) ? [locationOf(r)] : applyOne(r, heads.get(r.transaction_id)),
      );
      const userDays = new Map<string, DayKey>();
      const merchantDays = new Map<string, DayKey>();
      const left: IndexWriteResult['left'] = new Map();
      let applied = 0;
      for (const [i, locations] of touched.entries()) {
        if (!locations) continue;
        applied++;
        left.set(
          winners[i]!.transaction_id,
          locations.slice(1).map((l) => ({ user_id: l.user_id, day: l.day })),
        );
        for (const l of locations) {
          userDays.set(`${l.user_id}|${l.day}`, { id: l.user_id, day: l.day });
          merchantDays.set(`${l.merchant_id}|${l.day}`, { id: l.merchant_id, day: l.day });
        }
      }
      return {
        applied,
        stale: winners.length - applied + (records.length - winners.length),
        userDays: [...userDays.values()],
        merchantDays: [...merchantDays.values()],
        left,
      };
    },
  };
}

export type TransactionIndexWriter = ReturnType<typeof createTransactionIndexWriter>;

function locationOf(record: EnrichedTransaction): Location {
  return {
    user_id: record.user_id,
    sk: indexSortKey(record),
    merchant_id: record.merchant_id,
    day: record.day,
  };
}

function headItem(record: EnrichedTransaction, location: Location, superseded: Location[]) {
  return {
    transaction_id: record.transaction_id,
    version: record.version,
    arrival: record.arrival,
    ...location,
    superseded,
  };
}

function supersededAfter(head: Head | undefined, next: Location): Location[] {
  if (!head) return [];
  const all = [
    ...head.superseded,
    { user_id: head.user_id, sk: head.sk, merchant_id: head.merchant_id, day: head.day },
  ];
  const seen = new Set<string>([`${next.user_id}|${next.sk}`]);
  return all.filter((l) => {
    const key = `${l.user_id}|${l.sk}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toHead(item: Record<string, unknown>): Head {
  return {
    user_id: item.user_id as string,
    sk: item.sk as string,
    merchant_id: item.merchant_id as string,
    day: item.day as string,
    version: readInt(item.version),
    arrival: item.arrival as string,
    superseded: (item.superseded as Location[] | undefined) ?? [],
  };
}

export function isConditionFailure(error: unknown): boolean {
  return (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
}
