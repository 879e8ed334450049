import { assertConsumerOptions } from '../consumer-options';
import fs from 'node:fs/promises';
import path from 'node:path';
import { silentLogger, type Logger } from '../../../app/logger';
import type { BatchHandler, Consumer, ConsumerOptions, Log, LogMessage, TopicSpec } from '../log';
import { assertValidMessage } from '../message-checks';
import { InProcessConsumer } from './consumer';
import { acquireDirLock } from './dir-lock';
import { GroupCoordinator } from './group-coordinator';
import { OffsetStore } from './offset-store';
import { partitionForKey } from './partitioner';
import { OFFSETS_DIR, TopicRegistry } from './topic-registry';

export interface InProcessLogOptions {
  dataDir: string;
  defaultPartitions?: number;
  logger?: Logger;
  /** A segment is closed and a new one started past this size. */
  segmentBytes?: number;
  /** Closed segments of non-compacted topics older than this are deleted. */
  retentionMs?: number;
}

const DEFAULT_SEGMENT_BYTES = 64 * 1024 * 1024;
const DEFAULT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
const MAX_RETENTION_CHECK_MS = 5 * 60 * 1000;

/**
 * The embedded stand-in for Kafka: topics of partitions of segment files under
 * `<dataDir>/log/<topic>/<partition>/`, with consumer groups and committed offsets. It keeps the
 * guarantees the workers rely on: same key → same partition number as Kafka, per-partition order,
 * at-least-once delivery across restarts.
 *
 * `produce` resolves once write(2) returned, without fsync: a killed process loses nothing (the
 * bytes are in the OS page cache) but a power loss may lose the last writes. That matches
 * Kafka's own default, which acknowledges from page cache and relies on replicas, not fsync.
 */
export async function createInProcessLog(options: InProcessLogOptions): Promise<Log> {
  const logger = options.logger ?? silentLogger();
  const rootDir = path.join(options.dataDir, 'log');
  const retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
  await fs.mkdir(rootDir, { recursive: true });
  const lock = await acquireDirLock(rootDir);
  const registry = new TopicRegistry({
    rootDir,
    defaultPartitions: options.defaultPartitions ?? 8,
    segmentBytes: options.segmentBytes ?? DEFAULT_SEGMENT_BYTES,
    retentionMs,
    logger,
  });
  try {
    await registry.load();
  } catch (error) {
    await lock.release();
    throw error;
  }
  const offsets = new OffsetStore(path.join(rootDir, OFFSETS_DIR));
  const coordinator = new GroupCoordinator();
  const consumers = new Set<InProcessConsumer>();
  let nextMemberId = 0;
  let open = true;
  let closing: Promise<void> | null = null;

  // Retention also runs at every segment roll; this catches partitions that stopped receiving.
  const retentionTimer = setInterval(
    () => {
      void registry.all().then((topics) => {
        const now = Date.now();
        for (const topic of topics)
          for (const partition of topic.partitions) void partition.applyRetention(now);
      });
    },
    Math.min(MAX_RETENTION_CHECK_MS, Math.max(1000, retentionMs)),
  );
  retentionTimer.unref();

  function assertOpen(): void {
    if (!open) throw new Error('in-process log is closed');
  }

  return {
    async ensureTopics(specs: TopicSpec[]): Promise<void> {
      assertOpen();
      await Promise.all(specs.map((spec) => registry.ensure(spec)));
    },

    async produce(topicName: string, messages: LogMessage[]): Promise<void> {
      assertOpen();
      if (messages.length === 0) return;
      for (const message of messages) assertValidMessage(topicName, message);
      const topic = await registry.getOrCreate(topicName);
      const count = topic.partitions.length;
      const byPartition = new Map<number, LogMessage[]>();
      for (const message of messages) {
        const key = message.key ?? null;
        const partition = key === null ? topic.roundRobin++ % count : partitionForKey(key, count);
        const list = byPartition.get(partition) ?? [];
        list.push(key === message.key ? message : { ...message, key });
        byPartition.set(partition, list);
      }
      await Promise.all(
        [...byPartition].map(([partition, list]) => topic.partitions[partition].append(list)),
      );
    },

    async consume(consumerOptions: ConsumerOptions, handler: BatchHandler): Promise<Consumer> {
      assertOpen();
      assertConsumerOptions(consumerOptions);
      const consumer: InProcessConsumer = new InProcessConsumer(
        {
          registry,
          offsets,
          coordinator,
          logger,
          memberId: nextMemberId++,
          onStopped: () => consumers.delete(consumer),
        },
        consumerOptions,
        handler,
      );
      consumers.add(consumer);
      await consumer.start();
      return consumer;
    },

    healthy(): boolean {
      return open;
    },

    close(): Promise<void> {
      closing ??= (async () => {
        open = false;
        clearInterval(retentionTimer);
        await Promise.all([...consumers].map((c) => c.stop()));
        await offsets.close();
        const topics = await registry.all();
        await Promise.all(topics.flatMap((t) => t.partitions.map((p) => p.close())));
        await lock.release();
      })();
      return closing;
    },
  };
}
