import { Partitioners } from 'kafkajs';
import type { Logger } from '../../../app/logger';
import { DEFAULT_GROUP_TIMINGS } from '../group-timings';
import { assembleKafkaLog } from '../kafka-log-shell';
import type { Log, TopicSpec } from '../log';
import { createProduceBatcher } from '../produce-batcher';
import { createTopicNamespace } from '../topic-namespace';
import { createWatermarks } from '../watermarks';
import { createKafkaClient } from './kafka-client';
import { KafkaLogConsumer, type GroupTimings } from './kafka-consumer';
import { kafkajsOffsets } from './kafka-offsets';
import { ensureKafkaTopics } from './kafka-topics';

export interface KafkaLogOptions {
  brokers: string[];
  clientId: string;
  /** Partition count of the busy topics: how many partitions one consumer handles at once. */
  partitions: number;
  logger: Logger;
  /** Prepended to every topic and consumer group name (KAFKA_TOPIC_PREFIX). */
  topicPrefix?: string;
  timings?: Partial<GroupTimings>;
}

/**
 * The production log on Kafka through kafkajs, the only module that imports it. kafkajs has had no
 * release since 2023; everything it does stays behind the Log interface so a maintained client
 * (e.g. @platformatic/kafka) can replace this folder without touching a worker.
 */
export async function createKafkaLog(options: KafkaLogOptions): Promise<Log> {
  const logger = options.logger;
  const kafka = createKafkaClient({
    brokers: options.brokers,
    clientId: options.clientId,
    logger: logger.child({ component: 'kafkajs' }),
  });
  const names = createTopicNamespace(options.topicPrefix ?? '', options.clientId);
  const timings = { ...DEFAULT_GROUP_TIMINGS, ...options.timings };
  const admin = kafka.admin();
  // acks=all with an idempotent producer: a retried send never writes a record twice. kafkajs
  // allows idempotence only with one request in flight per broker, which also keeps order per key.
  // DefaultPartitioner is murmur2 as in the Java client and the in-process log.
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await admin.connect();
  try {
    await producer.connect();
  } catch (error) {
    await admin.disconnect();
    throw error;
  }
  // With one request in flight, concurrent produce() calls (the enrichment worker's partitions,
  // ingest requests) would each wait a round trip in kafkajs's queue; they share requests instead.
  const batcher = createProduceBatcher((batch) =>
    producer
      .sendBatch({
        acks: -1,
        topicMessages: batch.map(({ topic, messages }) => ({
          topic: names.topic(topic),
          messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
        })),
      })
      .then(() => undefined),
  );
  const watermarks = createWatermarks(kafkajsOffsets(admin), logger);
  watermarks.start();
  return assembleKafkaLog({
    logger,
    watermarks,
    batcher,
    ensureTopics: async (specs) => {
      await ensureKafkaTopics(admin, names, specs, logger);
    },
    newConsumer: (consumerOptions, handler, onStopped) =>
      new KafkaLogConsumer(
        {
          kafka,
          admin,
          names,
          watermarks,
          logger: logger.child({ component: 'kafka-consumer' }),
          concurrency: Math.max(1, options.partitions),
          timings,
          onStopped,
        },
        consumerOptions,
        handler,
      ),
    async closeClients() {
      await producer
        .disconnect()
        .catch((error: unknown) => logger.warn({ err: error }, 'producer disconnect failed'));
      await admin
        .disconnect()
        .catch((error: unknown) => logger.warn({ err: error }, 'admin disconnect failed'));
    },
  });
}

/** `txgraph topics create`: creates what is missing and says what it created. */
export async function createKafkaTopics(
  options: Omit<KafkaLogOptions, 'partitions' | 'timings'>,
  specs: TopicSpec[],
): Promise<string[]> {
  const kafka = createKafkaClient({ ...options, logger: options.logger.child({ component: 'kafkajs' }) });
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await ensureKafkaTopics(
      admin,
      createTopicNamespace(options.topicPrefix ?? '', options.clientId),
      specs,
      options.logger,
    );
  } finally {
    await admin.disconnect();
  }
}
