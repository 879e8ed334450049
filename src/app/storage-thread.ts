import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { MetricObjectWithValues, MetricValue } from 'prom-client';
import type { Logger } from './logger';
import type { FromStorageThread, StorageThreadData, ToStorageThread } from './storage-thread-protocol';
import type { StorageStatus } from './storage-workers';

const STOP_TIMEOUT_MS = 30_000;
const METRICS_TIMEOUT_MS = 5_000;

export interface StorageThread {
  /** The thread's last reported statuses (reported every 500 ms). */
  statuses(): StorageStatus[];
  indexerLag(): number;
  /** The thread's metrics, to merge into /metrics. */
  metrics(): Promise<MetricObjectWithValues<MetricValue<string>>[]>;
  stop(): Promise<void>;
}

/**
 * The storage workers (indexer, archiver, merchant-stats refresher) on a worker thread of their
 * own, with their own clients. On one event loop with ingest, enrichment and the API they took most
 * of its time (the AWS SDK's per-call work for ~5 DynamoDB calls per event, Parquet row shredding),
 * and every pushed event and query waited behind them. Kafka mode only: the in-process log lives
 * in the main thread's memory. The thread dying ends the process (the caller's `onFailure`), as an
 * uncaught error on the main thread would; at-least-once delivery makes the restart lose nothing.
 */
export async function startStorageThread(
  data: StorageThreadData,
  logger: Logger,
  onFailure: (error: Error) => void,
): Promise<StorageThread> {
  const entry = path.join(__dirname, 'storage-thread-entry.js');
  if (!fs.existsSync(entry)) {
    throw new Error(`STORAGE_THREAD=on needs the compiled service (${entry} is missing): run npm run build`);
  }
  const worker = new Worker(entry, { workerData: data });
  let statuses: StorageStatus[] = [];
  let indexerLag = 0;
  let stopping = false;
  let nextRequest = 0;
  const pending = new Map<number, (metrics: MetricObjectWithValues<MetricValue<string>>[]) => void>();
  const stopped = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const send = (message: ToStorageThread) => worker.postMessage(message);

  worker.on('message', (message: FromStorageThread) => {
    if (message.type === 'status') {
      statuses = message.statuses;
      indexerLag = message.indexerLag;
    } else if (message.type === 'metrics') {
      pending.get(message.id)?.(message.metrics);
      pending.delete(message.id);
    }
  });

  await new Promise<void>((resolve, reject) => {
    const onMessage = (message: FromStorageThread) => {
      if (message.type !== 'started') return;
      worker.off('message', onMessage);
      worker.off('error', reject);
      resolve();
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new Error(`storage thread exited with code ${code} while starting`)),
    );
  });
  worker.on('error', (error) => {
    if (stopping) return;
    logger.fatal({ err: error }, 'storage thread failed');
    onFailure(error);
  });
  worker.on('exit', (code) => {
    if (!stopping) onFailure(new Error(`storage thread exited with code ${code}`));
  });

  return {
    statuses: () => statuses,
    indexerLag: () => indexerLag,
    metrics: () =>
      new Promise((resolve) => {
        const id = nextRequest++;
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve([]);
        }, METRICS_TIMEOUT_MS);
        pending.set(id, (metrics) => {
          clearTimeout(timer);
          resolve(metrics);
        });
        send({ type: 'metrics', id });
      }),
    async stop() {
      if (stopping) return stopped;
      stopping = true;
      send({ type: 'stop' });
      const timer = setTimeout(() => {
        logger.warn('storage thread did not stop in time; terminating it');
        void worker.terminate();
      }, STOP_TIMEOUT_MS);
      await stopped;
      clearTimeout(timer);
    },
  };
}
