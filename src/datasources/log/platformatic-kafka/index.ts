import { Admin } from '@platformatic/kafka';
import type { Logger } from '../../../app/logger';
import { DEFAULT_GROUP_TIMINGS, type GroupTimings } from '../group-timings';
import { assembleKafkaLog } from '../kafka-log-shell';
import type { Log, TopicSpec } from '../log';
import { createProduceBatcher } from '../produce-batcher';
import { createTopicNamespace } from '../topic-namespace';
import { createWatermarks } from '../watermarks';
import { baseClientOptions } from './client-options';
import { routeClientLogs } from './client-logger';
import { platformaticOffsets, topicOffsets } from './offsets';
import { PlatformaticLogConsumer } from './platformatic-consumer';
import { createPlatformaticProducer } from './producer';
import { ensurePlatformaticTopics } from './topics';

export interface PlatformaticKafkaLogOptions {
  brokers: string[];
  clientId: string;
  /** Partition count of the busy topics: how many partitions one consumer handles at once. */
  partitions: number;
  logger: Logger;
  /** Prepended to every topic and consumer group name (KAFKA_TOPIC_PREFIX). */
  topicPrefix?: string;
  timings?: Partial<GroupTimings>;
}

/** Fetch sizes as kafkajs's defaults: 10 MB per response, 1 MB per partition. */
const FETCH = { maxBytes: 10 * 1024 * 1024, partitionMaxBytes: 1024 * 1024 };

/**
 * The production log on Kafka through @platformatic/kafka (KAFKA_CLIENT=platformatic), the only
 * module besides this folder's own that imports it. Same guarantees as the kafkajs adapter in
 * ../kafka/: idempotent acks=all producer with kafkajs-compatible keying, group offsets committed
 * in order only after the handler and its `durable`, per-partition stall and rewind on failure,
 * private readers that join no group, lag from the high watermarks.
 */
export async function createPlatformaticKafkaLog(options: PlatformaticKafkaLogOptions): Promise<Log> {
  const logger = options.logger;
  const clientLogger = logger.child({ component: 'platformatic-kafka' });
  const names = createTopicNamespace(options.topicPrefix ?? '', options.clientId);
  const timings = { ...DEFAULT_GROUP_TIMINGS, ...options.timings };
  const admin = new Admin(baseClientOptions(options.brokers, options.clientId));
  routeClientLogs(admin, clientLogger);
  const producer = createPlatformaticProducer({
    brokers: options.brokers,
    clientId: options.clientId,
    names,
    logger: clientLogger,
  });
  try {
    // Fail at startup, like kafkajs's connect(), rather than on the first produce.
    await admin.metadata({ topics: [] });
    await producer.connect();
  } catch (error) {
    await Promise.allSettled([admin.close(), producer.close()]);
    throw error;
  }
  const batcher = createProduceBatcher((batch) => producer.send(batch));
  const watermarks = createWatermarks(platformaticOffsets(admin), logger);
  watermarks.start();
  return assembleKafkaLog({
    logger,
    watermarks,
    batcher,
    ensureTopics: async (specs) => {
      await ensurePlatformaticTopics(admin, names, specs, logger);
    },
    newConsumer: (consumerOptions, handler, onStopped) =>
      new PlatformaticLogConsumer(
        {
          brokers: options.brokers,
          clientId: options.clientId,
          names,
          watermarks,
          logger: logger.child({ component: 'kafka-consumer' }),
          concurrency: Math.max(1, options.partitions),
          timings,
          fetch: FETCH,
          offsetsOf: (physical) => topicOffsets(admin, physical),
          onStopped,
        },
        consumerOptions,
        handler,
      ),
    async closeClients() {
      await producer.close().catch((error: unknown) => logger.warn({ err: error }, 'producer close failed'));
      await admin.close().catch((error: unknown) => logger.warn({ err: error }, 'admin close failed'));
    },
  });
}

/** `txgraph topics create`: creates what is missing and says what it created. */
export async function createPlatformaticKafkaTopics(
  options: Omit<PlatformaticKafkaLogOptions, 'partitions' | 'timings'>,
  specs: TopicSpec[],
): Promise<string[]> {
  const admin = new Admin(baseClientOptions(options.brokers, options.clientId));
  routeClientLogs(admin, options.logger.child({ component: 'platformatic-kafka' }));
  try {
    return await ensurePlatformaticTopics(
      admin,
      createTopicNamespace(options.topicPrefix ?? '', options.clientId),
      specs,
      options.logger,
    );
  } finally {
    await admin.close();
  }
}
