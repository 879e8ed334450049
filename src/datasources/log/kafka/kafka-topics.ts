import type { Admin } from 'kafkajs';
import type { Logger } from '../../../app/logger';
import type { TopicSpec } from '../log';
import type { TopicNamespace } from '../topic-namespace';

/**
 * Creates the missing topics with their partition counts, compacted where the spec says so
 * (dim.*: the latest record per id is the dimension). Idempotent, and safe when replicas start
 * together: a topic another process created first counts as existing. An existing topic is never
 * altered; a different partition count is reported, since changing it would move keys.
 * Returns the (logical) names it created.
 */
export async function ensureKafkaTopics(
  admin: Admin,
  names: TopicNamespace,
  specs: TopicSpec[],
  logger: Logger,
): Promise<string[]> {
  if (specs.length === 0) return [];
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((s) => !existing.has(names.topic(s.name)));
  if (missing.length > 0) {
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((s) => ({
        topic: names.topic(s.name),
        numPartitions: s.partitions,
        configEntries: s.compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : [],
      })),
    });
  }
  const { topics } = await admin.fetchTopicMetadata({ topics: specs.map((s) => names.topic(s.name)) });
  for (const spec of specs) {
    const found = topics.find((t) => t.name === names.topic(spec.name));
    if (found && found.partitions.length !== spec.partitions) {
      logger.warn(
        { topic: found.name, partitions: found.partitions.length, wanted: spec.partitions },
        'topic exists with a different partition count; leaving it as it is',
      );
    }
  }
  return missing.map((s) => s.name);
}
