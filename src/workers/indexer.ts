import type { Logger } from '../app/logger';
import type { Metrics } from '../app/metrics';
import { validateDimension } from '../domain/dimension-validation';
import {
  DIMENSION_KINDS,
  type DimensionByKind,
  type DimensionKind,
  type EnrichedTransaction,
} from '../domain/types';
import type { DailyStatsWriter } from '../datasources/dynamo/daily-stats-writer';
import type { DimensionTables } from '../datasources/dynamo/dimension-tables';
import type { StatsDirtyMarks } from '../datasources/dynamo/stats-dirty-marks';
import type { TransactionIndexWriter } from '../datasources/dynamo/transaction-index-writer';
import { TOPICS, type Consumer, type Log, type LogRecord } from '../datasources/log/log';
import { dlqMessage } from './dlq-message';

export const INDEXER_GROUP = 'txgraph-indexer';
export const DIMENSION_INDEXER_GROUP = 'txgraph-indexer-dimensions';

const KIND_OF_TOPIC = new Map<string, DimensionKind>(DIMENSION_KINDS.map((k) => [TOPICS.dim(k), k]));

/**
 * Writes enriched transactions to TransactionIndex, rebuilds the touched DailyUserStats rows and
 * marks the touched DailyMerchantStats rows for the refresher (merchant-stats-refresher.ts);
 * writes dimension records to their tables for the API. Every write is idempotent and all of them
 * land before the batch's offsets are committed, so at-least-once redelivery changes nothing.
 */
export function createIndexer(deps: {
  log: Log;
  index: TransactionIndexWriter;
  stats: DailyStatsWriter;
  merchantMarks: StatsDirtyMarks;
  dimensions: DimensionTables;
  logger: Logger;
  metrics: Metrics;
  now?: () => number;
}) {
  const { log, index, stats, merchantMarks, dimensions, metrics } = deps;
  const logger = deps.logger.child({ worker: 'indexer' });
  const now = deps.now ?? Date.now;
  const consumers: Consumer[] = [];

  async function indexTransactions(records: LogRecord[]): Promise<void> {
    const parsed: EnrichedTransaction[] = [];
    const poison: LogRecord[] = [];
    for (const r of records) {
      try {
        parsed.push(JSON.parse(r.value.toString('utf8')) as EnrichedTransaction);
      } catch {
        poison.push(r);
      }
    }
    if (poison.length > 0) {
      // Only this service writes the enriched topic, so garbage there is a bug elsewhere: park it.
      await log.produce(
        TOPICS.dlq,
        poison.map((r) => dlqMessage(r, { reason: 'not_json', message: 'enriched record is not JSON' })),
      );
      for (let i = 0; i < poison.length; i++) metrics.dlq.inc({ reason: 'enriched_not_json' });
    }
    const result = await index.apply(parsed);
    await Promise.all([stats.recomputeUserDays(result.userDays), merchantMarks.mark(result.merchantDays)]);
    const at = now();
    for (const t of parsed) metrics.indexLatency.observe((at - Number(t.arrival.slice(0, 13))) / 1000);
    metrics.eventsOut.inc({ worker: 'indexer', sink: 'TransactionIndex' }, result.applied);
  }

  async function indexDimensions(kind: DimensionKind, records: LogRecord[]): Promise<void> {
    const valid: DimensionByKind[DimensionKind][] = [];
    for (const r of records) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(r.value.toString('utf8'));
      } catch {
        parsed = undefined;
      }
      const result = validateDimension(kind, parsed);
      if (result.ok) valid.push(result.value);
      else
        logger.warn(
          { topic: r.topic, offset: r.offset, reason: result.error },
          'bad dimension record skipped',
        );
    }
    await dimensions.put(kind, valid);
  }

  return {
    async start(): Promise<void> {
      consumers.push(
        await log.consume(
          { groupId: DIMENSION_INDEXER_GROUP, topics: [...KIND_OF_TOPIC.keys()], fromBeginning: true },
          async (batch) => {
            const kind = KIND_OF_TOPIC.get(batch.topic);
            if (kind) await indexDimensions(kind, batch.records);
          },
        ),
        await log.consume(
          { groupId: INDEXER_GROUP, topics: [TOPICS.enriched], fromBeginning: true },
          async (batch) => {
            metrics.eventsIn.inc({ worker: 'indexer', topic: batch.topic }, batch.records.length);
            try {
              await indexTransactions(batch.records);
            } catch (error) {
              metrics.handlerFailures.inc({ worker: 'indexer' });
              logger.warn({ err: error, partition: batch.partition }, 'index batch failed; will retry');
              throw error;
            }
          },
        ),
      );
    },
    status() {
      const statuses = consumers.map((c) => c.status());
      return {
        started: consumers.length === 2,
        healthy: statuses.every((s) => s.healthy),
        lastError: statuses.find((s) => s.lastError)?.lastError ?? null,
        lag: statuses.reduce((sum, s) => sum + s.lag, 0),
      };
    },
    async stop(): Promise<void> {
      await Promise.all(consumers.map((c) => c.stop()));
    },
  };
}

export type Indexer = ReturnType<typeof createIndexer>;
