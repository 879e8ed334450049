import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../../app/logger';
import type { TopicSpec } from '../log';
import { readJsonFile, writeFileAtomic } from './atomic-file';
import { PartitionLog } from './partition-log';

export const OFFSETS_DIR = '__consumer_offsets';
const TOPIC_FILE = 'topic.json';
/** Kafka's own rule; it also keeps topic names safe as directory names. */
const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

export interface Topic {
  name: string;
  compacted: boolean;
  partitions: PartitionLog[];
  /** Next partition for null-key messages. */
  roundRobin: number;
}

export interface TopicRegistryOptions {
  rootDir: string;
  defaultPartitions: number;
  segmentBytes: number;
  retentionMs: number;
  logger: Logger;
}

/**
 * The topics of one log directory: `<root>/<topic>/topic.json` fixes the partition count and
 * cleanup policy at creation (written last, so a half-created topic is simply created again).
 */
export class TopicRegistry {
  private readonly topics = new Map<string, Promise<Topic>>();

  constructor(private readonly options: TopicRegistryOptions) {}

  async load(): Promise<void> {
    await fs.mkdir(this.options.rootDir, { recursive: true });
    for (const entry of await fs.readdir(this.options.rootDir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === OFFSETS_DIR) continue;
      const meta = await readJsonFile(path.join(this.options.rootDir, entry.name, TOPIC_FILE));
      if (!isTopicMeta(meta)) continue;
      this.topics.set(entry.name, this.openTopic({ name: entry.name, ...meta }));
    }
    await Promise.all(this.topics.values());
  }

  find(name: string): Promise<Topic> | undefined {
    return this.topics.get(name);
  }

  /** Idempotent; an existing topic keeps its partition count, as on Kafka. */
  ensure(spec: TopicSpec): Promise<Topic> {
    const existing = this.topics.get(spec.name);
    if (existing) {
      return existing.then((topic) => {
        if (topic.partitions.length !== spec.partitions || topic.compacted !== Boolean(spec.compacted)) {
          this.options.logger.warn(
            {
              topic: spec.name,
              partitions: topic.partitions.length,
              compacted: topic.compacted,
              wanted: spec,
            },
            'topic exists with other settings; keeping them',
          );
        }
        return topic;
      });
    }
    if (!TOPIC_NAME.test(spec.name) || spec.name === '.' || spec.name === '..' || spec.name === OFFSETS_DIR) {
      return Promise.reject(new Error(`invalid topic name: ${JSON.stringify(spec.name)}`));
    }
    if (!Number.isInteger(spec.partitions) || spec.partitions < 1) {
      return Promise.reject(new Error(`invalid partition count for ${spec.name}: ${spec.partitions}`));
    }
    const created = this.createTopic(spec);
    this.topics.set(spec.name, created);
    // A failed creation must not poison the name for the next attempt.
    created.catch(() => this.topics.delete(spec.name));
    return created;
  }

  /** Kafka's auto.create.topics.enable: unknown topics get the default partition count. */
  getOrCreate(name: string): Promise<Topic> {
    return this.find(name) ?? this.ensure({ name, partitions: this.options.defaultPartitions });
  }

  async all(): Promise<Topic[]> {
    const settled = await Promise.allSettled(this.topics.values());
    return settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  }

  private async createTopic(spec: TopicSpec): Promise<Topic> {
    const meta = { partitions: spec.partitions, compacted: Boolean(spec.compacted) };
    const topic = await this.openTopic({ name: spec.name, ...meta });
    await writeFileAtomic(path.join(this.options.rootDir, spec.name, TOPIC_FILE), JSON.stringify(meta));
    this.options.logger.info({ topic: spec.name, ...meta }, 'topic created');
    return topic;
  }

  private async openTopic(meta: { name: string; partitions: number; compacted: boolean }): Promise<Topic> {
    const partitions = await Promise.all(
      Array.from({ length: meta.partitions }, (_, p) =>
        PartitionLog.open({
          dir: path.join(this.options.rootDir, meta.name, String(p)),
          compacted: meta.compacted,
          segmentBytes: this.options.segmentBytes,
          retentionMs: this.options.retentionMs,
          logger: this.options.logger.child({ topic: meta.name, partition: p }),
        }),
      ),
    );
    return { name: meta.name, compacted: meta.compacted, partitions, roundRobin: 0 };
  }
}

function isTopicMeta(value: unknown): value is { partitions: number; compacted: boolean } {
  if (typeof value !== 'object' || value === null) return false;
  const meta = value as { partitions?: unknown; compacted?: unknown };
  return (
    Number.isInteger(meta.partitions) &&
    (meta.partitions as number) > 0 &&
    typeof meta.compacted === 'boolean'
  );
}
