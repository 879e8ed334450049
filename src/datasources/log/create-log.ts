import type { Logger } from '../../app/logger';
import { ConfigError, type Config } from '../../config/config';
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

/**
 * The @platformatic/kafka adapter, loaded only when KAFKA_CLIENT selects it: the package is ESM,
 * which CommonJS can load only on Node >= 20.19 (require(esm)), and a deployment that does not
 * use it should neither need it installed nor pay for loading it.
 */
async function platformaticAdapter(): Promise<typeof import('./platformatic-kafka')> {
  try {
    return await import('./platformatic-kafka');
  } catch (error) {
    throw new ConfigError([
      `KAFKA_CLIENT=platformatic: @platformatic/kafka could not be loaded (it needs Node >= 20.19.4, ` +
        `running ${process.version}): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    ]);
  }
}

export async function createLog(config: Config, logger: Logger): Promise<Log> {
  const child = logger.child({ component: 'log' });
  if (config.log.kind === 'kafka') {
    const { client, brokers, clientId, partitions, topicPrefix } = config.log;
    const options = { brokers, clientId, partitions, topicPrefix, logger: child };
    if (client === 'platformatic') return (await platformaticAdapter()).createPlatformaticKafkaLog(options);
    return createKafkaLog(options);
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
    const { client, brokers, clientId, topicPrefix } = config.log;
    const options = { brokers, clientId, topicPrefix, logger };
    if (client === 'platformatic') {
      return (await platformaticAdapter()).createPlatformaticKafkaTopics(options, specs);
    }
    return createKafkaTopics(options, specs);
  }
  const log = await createLog(config, logger);
  try {
    await log.ensureTopics(specs);
    return [];
  } finally {
    await log.close();
  }
}
