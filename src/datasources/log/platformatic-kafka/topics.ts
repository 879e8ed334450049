import type { Admin } from '@platformatic/kafka';
import type { Logger } from '../../../app/logger';
import type { TopicSpec } from '../log';
import type { TopicNamespace } from '../topic-namespace';
import { hasProtocolError } from './errors';

const LEADER_WAIT_MS = 30_000;

/**
 * The kafkajs adapter's ensureKafkaTopics on @platformatic/kafka: creates the missing topics with
 * their partition counts, compacted where the spec says so (dim.*: the latest record per id is the
 * dimension). Idempotent and safe when replicas start together (TOPIC_ALREADY_EXISTS counts as
 * existing); an existing topic is never altered, a different partition count is only reported.
 * Returns the (logical) names it created, once every new partition has a leader.
 */
export async function ensurePlatformaticTopics(
  admin: Admin,
  names: TopicNamespace,
  specs: TopicSpec[],
  logger: Logger,
): Promise<string[]> {
  if (specs.length === 0) return [];
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((s) => !existing.has(names.topic(s.name)));
  // One request per topic: CreateTopics takes one partition count and config set per call, and a
  // lost race is then unambiguous.
  await Promise.all(
    missing.map(async (spec) => {
      try {
        await admin.createTopics({
          topics: [names.topic(spec.name)],
          partitions: spec.partitions,
          replicas: -1,
          configs: spec.compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : [],
        });
      } catch (error) {
        if (!hasProtocolError(error, 'TOPIC_ALREADY_EXISTS')) throw error;
      }
    }),
  );
  const physical = specs.map((s) => names.topic(s.name));
  const metadata = await waitForLeaders(admin, physical);
  for (const spec of specs) {
    const found = metadata.get(names.topic(spec.name));
    if (found !== undefined && found !== spec.partitions) {
      logger.warn(
        { topic: names.topic(spec.name), partitions: found, wanted: spec.partitions },
        'topic exists with a different partition count; leaving it as it is',
      );
    }
  }
  return missing.map((s) => s.name);
}

/** Partition counts once every partition has a leader (kafkajs's waitForLeaders). */
async function waitForLeaders(admin: Admin, topics: string[]): Promise<Map<string, number>> {
  const deadline = Date.now() + LEADER_WAIT_MS;
  for (;;) {
    try {
      const metadata = await admin.metadata({ topics: [...topics], forceUpdate: true });
      const counts = new Map<string, number>();
      let ready = true;
      for (const topic of topics) {
        const t = metadata.topics.get(topic);
        if (!t || t.partitions.some((p) => p === undefined || p.leader < 0)) ready = false;
        else counts.set(topic, t.partitionsCount);
      }
      if (ready) return counts;
    } catch (error) {
      // A topic created a moment ago may still be unknown to the broker answering.
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`topics have no leader after ${LEADER_WAIT_MS} ms: ${topics}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
