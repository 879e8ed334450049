import type { Logger } from '../app/logger';
import type { Metrics } from '../app/metrics';
import type { LakeStore } from '../datasources/lake/lake-store';
import { assertWriterId, type LakeDataset } from '../datasources/lake/parquet';
import { TOPICS, type BatchHandler, type Consumer, type Log, type LogRecord } from '../datasources/log/log';
import { backoffDelay, sleep } from '../lib/backoff';
import { routeEnrichedRecord, routeRawRecord, type RoutedRow } from './archiver-rows';
import { createPartFlusher, type PartBuffer } from './archiver-flush';

export interface ArchiverOptions {
  log: Log;
  lake: LakeStore;
  logger: Logger;
  metrics: Metrics;
  /** Goes into every object name, so replicas never overwrite each other's files. */
  writerId: string;
  /** Flush a partition buffer once it holds this many rows. */
  flushRows?: number;
  /** …or once its first row is this old. */
  flushMs?: number;
  /** Above this many rows not yet in the lake, batch handlers wait for flushes (bounded memory). */
  maxBufferedRows?: number;
  now?: () => number;
}

const GROUPS: Record<LakeDataset, string> = {
  raw: 'txgraph-archiver-raw',
  enriched: 'txgraph-archiver-enriched',
};
const TOPIC_OF: Record<LakeDataset, string> = { raw: TOPICS.transactions, enriched: TOPICS.enriched };

/**
 * Archives both topics into the lake as Parquet: `transactions` (every record, valid or not) into
 * `raw`, `transactions_enriched` into `enriched`, one buffer per (dataset, day, event type).
 *
 * At-least-once without loss: a batch's offsets are committed only once every file holding its rows
 * has landed (the handler returns that as `durable`). A crash before that re-delivers the batch;
 * its rows may then land twice, in differently named files, which readers collapse by
 * transaction_id/version/arrival.
 */
export function createArchiver({
  log,
  lake,
  logger: parentLogger,
  metrics,
  writerId,
  flushRows = 20000,
  flushMs = 5000,
  maxBufferedRows = 200000,
  now = Date.now,
}: ArchiverOptions) {
  assertWriterId(writerId);
  const logger = parentLogger.child({ component: 'archiver' });
  const flusher = createPartFlusher({ lake, logger, metrics, writerId });
  const open = new Map<string, PartBuffer>();
  const consumers: Consumer[] = [];
  let timer: NodeJS.Timeout | undefined;
  let started = false;
  let stopping = false;
  let stopped: Promise<void> | undefined;

  function bufferFor(routed: RoutedRow): PartBuffer {
    const id = `${routed.dataset}|${routed.day}|${routed.eventType}`;
    let buffer = open.get(id);
    if (!buffer) {
      buffer = flusher.newBuffer(routed, now());
      open.set(id, buffer);
    }
    return buffer;
  }

  function flush(buffer: PartBuffer): void {
    if (open.get(buffer.id) !== buffer) return; // already flushing
    open.delete(buffer.id);
    flusher.flush(buffer);
  }

  function flushAll(): void {
    for (const buffer of [...open.values()]) flush(buffer);
  }

  function flushAged(): void {
    const t = now();
    for (const buffer of [...open.values()]) if (t - buffer.openedAt >= flushMs) flush(buffer);
  }

  function route(dataset: LakeDataset, record: LogRecord): RoutedRow | null {
    if (dataset === 'raw') return routeRawRecord(record);
    try {
      return routeEnrichedRecord(record);
    } catch (error) {
      // Our own enrichment output: a malformed record is a bug. Skip it loudly rather than stall the
      // partition forever; the raw dataset still holds the event for the reprocess job.
      logger.error(
        { topic: record.topic, partition: record.partition, offset: record.offset, err: error },
        'unarchivable enriched record skipped',
      );
      return null;
    }
  }

  function handlerFor(dataset: LakeDataset): BatchHandler {
    return async (batch) => {
      const touched = new Set<PartBuffer>();
      for (const record of batch.records) {
        metrics.eventsIn.inc({ worker: 'archiver', topic: batch.topic });
        const routed = route(dataset, record);
        if (!routed) continue;
        const buffer = bufferFor(routed);
        flusher.add(buffer, routed.row);
        touched.add(buffer);
        if (buffer.rows.length >= flushRows) flush(buffer);
      }
      // While stopping nothing waits for a timer: the consumer's stop() awaits this batch's commit.
      if (stopping) for (const buffer of touched) flush(buffer);
      if (flusher.bufferedRows() > maxBufferedRows) await relieve();
      if (touched.size === 0) return;
      return { durable: Promise.all([...touched].map((b) => b.landed)).then(() => undefined) };
    };
  }

  /** Back-pressure: flush everything and wait until memory is back under the bound. */
  async function relieve(): Promise<void> {
    for (let round = 0; flusher.bufferedRows() > maxBufferedRows; round++) {
      flushAll();
      const inFlight = flusher.inFlight();
      if (inFlight.length > 0) await Promise.race(inFlight);
      else await sleep(backoffDelay(round, { baseMs: 10, maxMs: 1000 }));
    }
  }

  return {
    async start(): Promise<void> {
      if (started) throw new Error('archiver already started');
      started = true;
      for (const dataset of ['raw', 'enriched'] as const) {
        const options = { groupId: GROUPS[dataset], topics: [TOPIC_OF[dataset]], fromBeginning: true };
        consumers.push(await log.consume(options, handlerFor(dataset)));
      }
      // Check often enough that a buffer waits at most ~25 % past flushMs.
      timer = setInterval(flushAged, Math.min(1000, Math.max(5, Math.floor(flushMs / 4))));
      timer.unref();
      logger.info({ lake: lake.url, writerId, flushRows, flushMs }, 'archiver started');
    },

    /** Idempotent: stop consuming, flush every buffer, wait for the files (or give up on a dead lake). */
    stop(): Promise<void> {
      stopping = true;
      stopped ??= (async () => {
        flusher.beginStop();
        const consumersStopped = Promise.allSettled(consumers.map((c) => c.stop()));
        flushAll();
        for (const result of await consumersStopped) {
          if (result.status === 'rejected')
            logger.warn({ err: result.reason }, 'archiver consumer stop failed');
        }
        flushAll();
        await Promise.all(flusher.inFlight());
        clearInterval(timer);
        logger.info('archiver stopped');
      })();
      return stopped;
    },

    status(): { healthy: boolean; lastError: string | null } {
      const failing = flusher.failure();
      if (failing) return { healthy: false, lastError: failing };
      const unhealthy = consumers.map((c) => c.status()).find((s) => !s.healthy);
      return unhealthy
        ? { healthy: false, lastError: unhealthy.lastError }
        : { healthy: true, lastError: null };
    },
  };
}

export type Archiver = ReturnType<typeof createArchiver>;
