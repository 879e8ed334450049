import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDailyStatsWriter } from '../datasources/dynamo/daily-stats-writer';
import { createDimensionTables } from '../datasources/dynamo/dimension-tables';
import { createStatsDirtyMarks } from '../datasources/dynamo/stats-dirty-marks';
import type { TableNames } from '../datasources/dynamo/table-names';
import {
  createTransactionIndexWriter,
  type IndexWrites,
} from '../datasources/dynamo/transaction-index-writer';
import type { LakeStore } from '../datasources/lake/lake-store';
import type { Log } from '../datasources/log/log';
import { createArchiver } from '../workers/archiver';
import { createIndexer } from '../workers/indexer';
import { createMerchantStatsRefresher } from '../workers/merchant-stats-refresher';
import type { Logger } from './logger';
import type { Metrics } from './metrics';

export interface StorageStatus {
  name: 'indexer' | 'archiver' | 'merchant-stats';
  ready: boolean;
  detail: string | null;
}

export interface StorageWorkers {
  start(): Promise<void>;
  statuses(): StorageStatus[];
  /** The indexer's consumer lag (records behind the high watermark). */
  indexerLag(): number;
  /** Stops consuming, flushes the lake buffers and commits; then the refresher. */
  stop(): Promise<void>;
}

/**
 * The consumers that write the stores: indexer (DynamoDB index and user-day stats), archiver
 * (Parquet lake) and the merchant-day stats refresher. Built the same way on the service's event
 * loop and on the storage thread (storage-thread.ts), whichever runs them.
 */
export function createStorageWorkers(deps: {
  log: Log;
  doc: DynamoDBDocumentClient;
  tables: TableNames;
  lake: LakeStore;
  lakeFlush: { flushMs: number; flushRows: number };
  indexWrites: IndexWrites;
  logger: Logger;
  metrics: Metrics;
}): StorageWorkers {
  const { log, doc, tables, lake, logger, metrics } = deps;
  const statsWriter = createDailyStatsWriter({ doc, tables, metrics });
  const merchantMarks = createStatsDirtyMarks({ doc, tables, metrics });
  const indexer = createIndexer({
    log,
    index: createTransactionIndexWriter({ doc, tables, metrics, writes: deps.indexWrites }),
    stats: statsWriter,
    merchantMarks,
    dimensions: createDimensionTables({ doc, tables, metrics }),
    logger,
    metrics,
  });
  const merchantStats = createMerchantStatsRefresher({
    marks: merchantMarks,
    stats: statsWriter,
    logger,
    metrics,
  });
  const archiver = createArchiver({
    log,
    lake,
    logger,
    metrics,
    writerId: `${process.pid.toString(36)}${Date.now().toString(36)}`,
    flushMs: deps.lakeFlush.flushMs,
    flushRows: deps.lakeFlush.flushRows,
  });

  return {
    async start() {
      merchantStats.start();
      await indexer.start();
      await archiver.start();
    },
    statuses() {
      return (
        [
          ['indexer', indexer.status()],
          ['archiver', archiver.status()],
          ['merchant-stats', merchantStats.status()],
        ] as const
      ).map(([name, s]) => ({ name, ready: s.healthy, detail: s.lastError }));
    },
    indexerLag: () => indexer.status().lag,
    async stop() {
      await archiver.stop();
      await indexer.stop();
      await merchantStats.stop();
    },
  };
}
