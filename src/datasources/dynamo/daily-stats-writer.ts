import { isDeepStrictEqual } from 'node:util';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Metrics } from '../../app/metrics';
import { queryAll as queryAllPages } from './batch';
import { aggregateDay } from '../../domain/aggregate';
import type { DayStats } from '../../domain/types';
import { backoffDelay, sleep } from '../../lib/backoff';
import { mapConcurrent } from '../../lib/map-concurrent';
import { readInt } from './item-values';
import type { TableNames } from './table-names';
import { fromIndexItem } from './transaction-item';
import { isConditionFailure, type DayKey } from './transaction-index-writer';
import { createSingleFlight } from './single-flight';
import { fromStatsItem, toStatsAttributes } from './stats-item';

const CONCURRENCY = 16;
const WRITTEN_CACHE_LIMIT = 50_000;

/** What a recompute did: wrote new numbers, removed an emptied row, or found the row already right. */
export type RecomputeOutcome = 'put' | 'deleted' | 'unchanged';

/**
 * Rebuilds a day's aggregate from the index rather than adding deltas, so duplicates, replays
 * and corrections can never double count. Each row carries a revision; the write is conditional
 * on the revision read before the recompute, so when two replicas race on one merchant-day the
 * later one recomputes again instead of overwriting with a stale sum.
 */
export function createDailyStatsWriter(deps: {
  doc: DynamoDBDocumentClient;
  tables: TableNames;
  metrics?: Metrics;
}) {
  const { doc, tables, metrics } = deps;

  const queryAll = (input: QueryCommandInput) => queryAllPages(doc, input);

  // What this process last wrote per row (revision and numbers), so the common case needs no read.
  // rev 0 = no row. Bounded: the oldest entries are dropped and simply read again when needed.
  const written = new Map<string, { rev: number; stats: DayStats | null }>();
  function remember(id: string, rev: number, stats: DayStats | null): void {
    written.delete(id);
    written.set(id, { rev, stats });
    if (written.size > WRITTEN_CACHE_LIMIT) written.delete(written.keys().next().value as string);
  }

  async function recompute(
    table: string,
    keyName: 'user_id' | 'merchant_id',
    key: DayKey,
    loadDay: () => Promise<Record<string, unknown>[]>,
  ): Promise<RecomputeOutcome> {
    const Key = { [keyName]: key.id, date: key.day };
    const id = `${table}|${key.id}|${key.day}`;
    for (let attempt = 0; attempt < 25; attempt++) {
      let current = written.get(id);
      // Only a value read just now may justify skipping the write: our cache can be stale if
      // another process rewrote the row, and the conditional write is what detects that.
      const fresh = current === undefined;
      if (current === undefined) {
        const existing = await doc.send(new GetCommand({ TableName: table, Key, ConsistentRead: true }));
        current = existing.Item
          ? { rev: readInt(existing.Item.rev), stats: fromStatsItem(existing.Item) }
          : { rev: 0, stats: null };
      }
      const { rev } = current;
      const stats = aggregateDay((await loadDay()).map(fromIndexItem));
      const empty = stats.transaction_count === 0;
      if (fresh && (empty ? rev === 0 : isDeepStrictEqual(current.stats, stats))) {
        remember(id, rev, current.stats);
        return 'unchanged';
      }
      const guard =
        rev > 0
          ? { ConditionExpression: 'rev = :rev', ExpressionAttributeValues: { ':rev': rev } }
          : { ConditionExpression: `attribute_not_exists(${keyName})` };
      try {
        if (empty) {
          if (rev === 0) return 'unchanged';
          await doc.send(new DeleteCommand({ TableName: table, Key, ...guard }));
          remember(id, 0, null);
          return 'deleted';
        }
        await doc.send(
          new PutCommand({
            TableName: table,
            Item: { ...Key, ...toStatsAttributes(stats), rev: rev + 1, updated_at: new Date().toISOString() },
            ...guard,
          }),
        );
        remember(id, rev + 1, stats);
        return 'put';
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        // Another writer (a replica, the reprocess job) moved the row: forget what we knew, read again.
        written.delete(id);
        metrics?.dynamoRetries.inc({ operation: 'StatsRecompute' });
        if (attempt > 0) await sleep(backoffDelay(attempt, { baseMs: 10, maxMs: 500 }));
      }
    }
    throw Object.assign(new Error(`aggregate ${table} ${key.id} ${key.day} kept changing`), {
      retriable: true,
    });
  }

  const dayPrefix = (day: string) => `${day}#`;

  // One run at a time per row inside this process, so partitions never race each other.
  const userDay = createSingleFlight<DayKey, RecomputeOutcome>(
    (k) => `${k.id}|${k.day}`,
    (key) =>
      recompute(tables.dailyUserStats, 'user_id', key, () =>
        queryAll({
          TableName: tables.transactionIndex,
          KeyConditionExpression: 'user_id = :u AND begins_with(sk, :d)',
          ExpressionAttributeValues: { ':u': key.id, ':d': dayPrefix(key.day) },
          ConsistentRead: true,
        }),
      ),
  );
  // GSIs cannot be read consistently; on AWS a just-written item may be missing for a moment.
  // The embedded and Local servers update GSIs synchronously; see README "Consistency".
  const merchantDay = createSingleFlight<DayKey, RecomputeOutcome>(
    (k) => `${k.id}|${k.day}`,
    (key) =>
      recompute(tables.dailyMerchantStats, 'merchant_id', key, () =>
        queryAll({
          TableName: tables.transactionIndex,
          IndexName: 'by_merchant',
          KeyConditionExpression: 'merchant_id = :m AND begins_with(sk, :d)',
          ExpressionAttributeValues: { ':m': key.id, ':d': dayPrefix(key.day) },
        }),
      ),
  );

  return {
    /** Merchants with a DailyMerchantStats row on the day (GSI by_date), to find rows left without transactions. */
    async merchantsWithStats(day: string): Promise<string[]> {
      const items = await queryAll({
        TableName: tables.dailyMerchantStats,
        IndexName: 'by_date',
        KeyConditionExpression: '#d = :d',
        ExpressionAttributeNames: { '#d': 'date' },
        ExpressionAttributeValues: { ':d': day },
        ProjectionExpression: 'merchant_id',
      });
      return items.map((i) => i.merchant_id as string);
    },
    recomputeUserDays: (keys: readonly DayKey[]): Promise<RecomputeOutcome[]> =>
      mapConcurrent(keys, CONCURRENCY, userDay),
    recomputeMerchantDays: (keys: readonly DayKey[]): Promise<RecomputeOutcome[]> =>
      mapConcurrent(keys, CONCURRENCY, merchantDay),
  };
}

export type DailyStatsWriter = ReturnType<typeof createDailyStatsWriter>;
