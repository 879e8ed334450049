import type { Logger } from '../app/logger';
import type { Metrics } from '../app/metrics';
import { formatArrival } from '../domain/current-state';
import { createDimensionCache, type DimensionCache } from '../domain/dimension-cache';
import { enrichedJsonBytes } from '../domain/enriched-json';
import { isoTimestamp } from '../domain/iso-time';
import { joinAndScore } from '../domain/join-and-score';
import type { RiskConfig } from '../domain/risk-rules';
import { parseRawEvent, type MetadataText } from '../domain/validation';
import { TOPICS, type Consumer, type Log, type LogMessage, type RecordBatch } from '../datasources/log/log';
import { followDimensions } from './dimension-cache-loader';
import { dlqMessage } from './dlq-message';

export const ENRICHMENT_GROUP = 'txgraph-enrichment';

/**
 * The pure part of one batch: raw records → enriched messages and dead letters. Each value is
 * `JSON.stringify(enrich(...))` byte for byte, written without building the object (see
 * enriched-json.ts); the metadata's JSON text comes from validation, which makes it anyway.
 */
export function enrichBatch(
  batch: RecordBatch,
  dims: DimensionCache,
  risk: RiskConfig,
  now: Date,
): { enriched: LogMessage[]; dead: LogMessage[]; reasons: string[] } {
  const enriched: LogMessage[] = [];
  const dead: LogMessage[] = [];
  const reasons: string[] = [];
  const nowMs = now.getTime();
  const options = { nowMs };
  // Formatted at the first accepted event, as before: an invalid `now` only fails a batch that enriches.
  let enrichedAt: string | undefined;
  const metadata: MetadataText = { json: 'null', ascii: true };
  for (const record of batch.records) {
    const result = parseRawEvent(record.value, options, metadata);
    if (!result.ok) {
      dead.push(dlqMessage(record, result.error));
      reasons.push(result.error.reason);
      continue;
    }
    const raw = result.value;
    const arrival = formatArrival(record.timestamp, record.partition, record.offset);
    const joined = joinAndScore(raw, dims, risk);
    enrichedAt ??= isoTimestamp(nowMs);
    enriched.push({ key: raw.user_id, value: enrichedJsonBytes(raw, arrival, metadata, joined, enrichedAt) });
  }
  return { enriched, dead, reasons };
}

/**
 * Validates, joins dimensions and scores risk. Both outputs (enriched topic and DLQ) are durable
 * before the batch's offsets are committed, so a crash replays rather than loses.
 */
export function createEnrichmentWorker(deps: {
  log: Log;
  risk: RiskConfig;
  logger: Logger;
  metrics: Metrics;
  now?: () => Date;
}) {
  const { log, risk, metrics } = deps;
  const logger = deps.logger.child({ worker: 'enrichment' });
  const now = deps.now ?? (() => new Date());
  const dims = createDimensionCache();
  let dimsConsumer: Consumer | undefined;
  let rawConsumer: Consumer | undefined;

  return {
    dimensions: dims,
    async start(): Promise<void> {
      dimsConsumer = await followDimensions(log, dims, logger);
      await dimsConsumer.whenCaughtUp();
      logger.info({ dimensions: dims.counts() }, 'dimension cache loaded');
      rawConsumer = await log.consume(
        { groupId: ENRICHMENT_GROUP, topics: [TOPICS.transactions], fromBeginning: true },
        async (batch) => {
          metrics.eventsIn.inc({ worker: 'enrichment', topic: batch.topic }, batch.records.length);
          const { enriched, dead, reasons } = enrichBatch(batch, dims, risk, now());
          await Promise.all([
            enriched.length > 0 ? log.produce(TOPICS.enriched, enriched) : undefined,
            dead.length > 0 ? log.produce(TOPICS.dlq, dead) : undefined,
          ]);
          metrics.eventsOut.inc({ worker: 'enrichment', sink: TOPICS.enriched }, enriched.length);
          for (const reason of reasons) metrics.dlq.inc({ reason });
        },
      );
    },
    status() {
      const consumers = [dimsConsumer, rawConsumer];
      const statuses = consumers.map((c) => c?.status());
      return {
        started: consumers.every((c) => c !== undefined),
        healthy: statuses.every((s) => s?.healthy ?? false),
        lastError: statuses.find((s) => s?.lastError)?.lastError ?? null,
        lag: rawConsumer?.status().lag ?? 0,
      };
    },
    async stop(): Promise<void> {
      await rawConsumer?.stop();
      await dimsConsumer?.stop();
    },
  };
}

export type EnrichmentWorker = ReturnType<typeof createEnrichmentWorker>;
