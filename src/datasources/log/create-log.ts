import type { Logger } from '../../app/logger';
import type { Config } from '../../config/config';
import { createInProcessLog } from './in-process';
import { createKafkaLog, createKafkaTopics } from './kafka';
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

/** Partition count of the busy topics: KAFKA_PARTITIONS on Kafka, 8 in-process. */
export function partitionCount(config: Config): number {
  return config.log.kind === 'kafka' ? config.log.partitions : 8;
}

export async function createLog(config: Config, logger: Logger): Promise<Log> {
  const child = logger.child({ component: 'log' });
  if (config.log.kind === 'kafka') {
    const { brokers, clientId, partitions, topicPrefix } = config.log;
    return createKafkaLog({ brokers, clientId, partitions, topicPrefix, logger: child });
  }
  return createInProcessLog({ dataDir: config.dataDir, logger: child });
}

/**
 * `txgraph topics create`: the topics of DESIGN §1 on the configured log; returns the names it
 * created (empty when all existed).
 */
export async function createTopics(config: Config, logger: Logger): Promise<string[]> {
  const specs = topicSpecs(partitionCount(config));
  if (config.log.kind === 'kafka') {
    const { brokers, clientId, topicPrefix } = config.log;
    return createKafkaTopics({ brokers, clientId, topicPrefix, logger }, specs);
  }
  const log = await createLog(config, logger);
  try {
    await log.ensureTopics(specs);
    return [];
  } finally {
    await log.close();
  }
}
