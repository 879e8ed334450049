import type { Logger } from '../app/logger';
import type { DimensionCache } from '../domain/dimension-cache';
import { validateDimension } from '../domain/dimension-validation';
import { DIMENSION_KINDS, type DimensionKind } from '../domain/types';
import { TOPICS, type Consumer, type Log } from '../datasources/log/log';

const KIND_OF_TOPIC = new Map<string, DimensionKind>(DIMENSION_KINDS.map((k) => [TOPICS.dim(k), k]));

/**
 * Keeps a worker's in-memory dimensions current: reads every compacted dim.* topic from the
 * beginning with a private reader (each replica holds the full set), then follows new records.
 */
export async function followDimensions(log: Log, cache: DimensionCache, logger: Logger): Promise<Consumer> {
  const consumer = await log.consume(
    { groupId: null, topics: [...KIND_OF_TOPIC.keys()], fromBeginning: true, maxBatchSize: 5000 },
    async (batch) => {
      const kind = KIND_OF_TOPIC.get(batch.topic);
      if (!kind) return;
      for (const record of batch.records) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(record.value.toString('utf8'));
        } catch {
          parsed = undefined;
        }
        const result = validateDimension(kind, parsed);
        if (result.ok) cache.upsert(kind, result.value);
        else
          logger.warn(
            { topic: batch.topic, offset: record.offset, reason: result.error },
            'bad dimension record',
          );
      }
    },
  );
  return consumer;
}
