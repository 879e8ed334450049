import { randomUUID } from 'node:crypto';
import { DeleteCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Metrics } from '../../app/metrics';
import { batchWrite } from './batch';
import type { TableNames } from './table-names';
import { isConditionFailure, type DayKey } from './transaction-index-writer';

const KIND = 'merchant_day';

export interface DirtyMark {
  key: DayKey;
  /** Rewritten on every mark, so clearing only succeeds if nobody marked the row again since. */
  token: string;
}

/**
 * Durable "recompute me" marks for DailyMerchantStats rows. A merchant-day holds every user's
 * transactions of that day, so recomputing it from the index costs O(its size); doing that once
 * per indexer batch made the indexer quadratic in the day's volume. Instead the indexer marks the
 * rows it touched (one BatchWriteItem per 25 rows, before it commits its offsets) and a refresher
 * recomputes each marked row once per round, however many batches touched it meanwhile.
 *
 * A mark is cleared only if its token is unchanged: a batch that lands while the refresher is
 * recomputing re-marks the row with a new token, so that row is recomputed again next round.
 */
export function createStatsDirtyMarks(deps: {
  doc: DynamoDBDocumentClient;
  tables: TableNames;
  metrics?: Metrics;
}) {
  const { doc, tables, metrics } = deps;
  const table = tables.statsDirty;
  const sortKey = (k: DayKey) => `${k.day}#${k.id}`;

  return {
    async mark(keys: readonly DayKey[]): Promise<void> {
      const unique = new Map(keys.map((k) => [sortKey(k), k]));
      if (unique.size === 0) return;
      await batchWrite(
        doc,
        table,
        [...unique].map(([sk, k]) => ({
          PutRequest: { Item: { kind: KIND, sk, merchant_id: k.id, day: k.day, token: randomUUID() } },
        })),
        metrics,
      );
    },

    /** Up to `limit` marks, oldest days first (strongly consistent, so a fresh mark is never missed). */
    async list(limit: number): Promise<DirtyMark[]> {
      const out = await doc.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'kind = :k',
          ExpressionAttributeValues: { ':k': KIND },
          ConsistentRead: true,
          Limit: limit,
        }),
      );
      return (out.Items ?? []).map((i) => ({
        key: { id: i.merchant_id as string, day: i.day as string },
        token: i.token as string,
      }));
    },

    /** Removes the mark unless it was re-marked since it was listed; true when removed. */
    async clear(mark: DirtyMark): Promise<boolean> {
      try {
        await doc.send(
          new DeleteCommand({
            TableName: table,
            Key: { kind: KIND, sk: sortKey(mark.key) },
            ConditionExpression: '#t = :t',
            ExpressionAttributeNames: { '#t': 'token' },
            ExpressionAttributeValues: { ':t': mark.token },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
  };
}

export type StatsDirtyMarks = ReturnType<typeof createStatsDirtyMarks>;
