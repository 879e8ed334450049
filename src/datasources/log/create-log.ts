import type { Logger } from '../../app/logger';
import type { Config } from '../../config/config';
import { createInProcessLog } from './in-process';
import { DIMENSION_KINDS } from '../../domain/types';
import { TOPICS, type Log, type TopicSpec } from './log';

/** The topics of DESIGN §1; dimension topics are compacted (latest record per id). */
export function topicSpecs(partitions: number): TopicSpec[] {
  return [
    { name: TOPICS.transactions, partitions },
    { name: TOPICS.enriched, partitions },
    { name: TOPICS.dlq, partitions: 1 },
    ...DIMENSION_KINDS.map((k) => ({ name: TOPICS.dim(k), partitions: 1, compacted: true })),
  ];
}

export async function createLog(config: Config, logger: Logger): Promise<Log> {
  if (config.log.kind === 'kafka') {
    throw new Error('KAFKA_BROKERS is set, but the Kafka log adapter is not part of this build yet');
  }
  return createInProcessLog({ dataDir: config.dataDir, logger: logger.child({ component: 'log' }) });
}
