import type { MetricObjectWithValues, MetricValue } from 'prom-client';
import type { DynamoConnection } from '../datasources/dynamo/client';
import type { Config } from '../config/config';
import type { StorageStatus } from './storage-workers';

/** What the storage thread is started with (structured-cloned into it). */
export interface StorageThreadData {
  config: Config;
  dynamo: DynamoConnection;
}

export type ToStorageThread = { type: 'metrics'; id: number } | { type: 'stop' };

export type FromStorageThread =
  | { type: 'started' }
  | { type: 'status'; statuses: StorageStatus[]; indexerLag: number }
  | { type: 'metrics'; id: number; metrics: MetricObjectWithValues<MetricValue<string>>[] };
