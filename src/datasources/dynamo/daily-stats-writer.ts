import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Metrics } from '../../app/metrics';
import { aggregateDay } from '../../domain/aggregate';
import { backoffDelay, sleep } from '../../lib/backoff';
import { mapConcurrent } from '../../lib/map-concurrent';
import { readInt } from './item-values';
import type { TableNames } from './table-names';
import { fromIndexItem } from './transaction-item';
import { isConditionFailure, type DayKey } from './transaction-index-writer';
import { toStatsAttributes } from './stats-item';

const CONCURRENCY = 16;

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

  async function queryAll(input: QueryCommandInput): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await doc.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
      items.push(...((out.Items ?? []) as Record<string, unknown>[]));
      start = out.LastEvaluatedKey as Record<string, unknown> | undefined;
    } while (start);
    return items;
  }

  async function recompute(
    table: string,
    keyName: 'user_id' | 'merchant_id',
    key: DayKey,
    loadDay: () => Promise<Record<string, unknown>[]>,
  ): Promise<void> {
    const Key = { [keyName]: key.id, date: key.day };
    for (let attempt = 0; attempt < 25; attempt++) {
      const existing = await doc.send(new GetCommand({ TableName: table, Key, ConsistentRead: true }));
      const rev = existing.Item ? readInt(existing.Item.rev) : 0;
      const stats = aggregateDay((await loadDay()).map(fromIndexItem));
      const guard = existing.Item
        ? { ConditionExpression: 'rev = :rev', ExpressionAttributeValues: { ':rev': rev } }
        : { ConditionExpression: `attribute_not_exists(${keyName})` };
      try {
        if (stats.transaction_count === 0) {
          if (existing.Item) await doc.send(new DeleteCommand({ TableName: table, Key, ...guard }));
        } else {
          await doc.send(
            new PutCommand({
              TableName: table,
              Item: {
                ...Key,
                ...toStatsAttributes(stats),
                rev: rev + 1,
                updated_at: new Date().toISOString(),
              },
              ...guard,
            }),
          );
        }
        return;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        metrics?.dynamoRetries.inc({ operation: 'StatsRecompute' });
        await sleep(backoffDelay(attempt, { baseMs: 10, maxMs: 500 }));
      }
    }
    throw Object.assign(new Error(`aggregate ${table} ${key.id} ${key.day} kept changing`), {
      retriable: true,
    });
  }

  const dayPrefix = (day: string) => `${day}#`;

  return {
    recomputeUserDays(keys: readonly DayKey[]): Promise<void[]> {
      return mapConcurrent(keys, CONCURRENCY, (key) =>
        recompute(tables.dailyUserStats, 'user_id', key, () =>
          queryAll({
            TableName: tables.transactionIndex,
            KeyConditionExpression: 'user_id = :u AND begins_with(sk, :d)',
            ExpressionAttributeValues: { ':u': key.id, ':d': dayPrefix(key.day) },
            ConsistentRead: true,
          }),
        ),
      );
    },
    recomputeMerchantDays(keys: readonly DayKey[]): Promise<void[]> {
      // GSIs cannot be read consistently; on AWS a just-written item may be missing for a moment.
      // The embedded and Local servers update GSIs synchronously; see README "Consistency".
      return mapConcurrent(keys, CONCURRENCY, (key) =>
        recompute(tables.dailyMerchantStats, 'merchant_id', key, () =>
          queryAll({
            TableName: tables.transactionIndex,
            IndexName: 'by_merchant',
            KeyConditionExpression: 'merchant_id = :m AND begins_with(sk, :d)',
            ExpressionAttributeValues: { ':m': key.id, ':d': dayPrefix(key.day) },
          }),
        ),
      );
    },
  };
}

export type DailyStatsWriter = ReturnType<typeof createDailyStatsWriter>;
