import { ListOffsetTimestamps, type Admin } from '@platformatic/kafka';
import type { OffsetsSource, PartitionOffsets } from '../watermarks';

/** Low and high offsets of every partition of a topic, through the admin client. */
export async function topicOffsets(admin: Admin, topic: string): Promise<PartitionOffsets[]> {
  const metadata = await admin.metadata({ topics: [topic] });
  const count = metadata.topics.get(topic)?.partitionsCount ?? 0;
  const list = async (timestamp: bigint) => {
    const partitions = Array.from({ length: count }, (_, partitionIndex) => ({ partitionIndex, timestamp }));
    const [listed] = await admin.listOffsets({ topics: [{ name: topic, partitions }] });
    return new Map((listed?.partitions ?? []).map((p) => [p.partitionIndex, Number(p.offset)]));
  };
  const [low, high] = await Promise.all([
    list(ListOffsetTimestamps.EARLIEST),
    list(ListOffsetTimestamps.LATEST),
  ]);
  return Array.from({ length: count }, (_, partition) => ({
    partition,
    low: low.get(partition) ?? 0,
    high: high.get(partition) ?? 0,
  }));
}

/** Watermarks' broker requests through the @platformatic/kafka admin client. */
export function platformaticOffsets(admin: Admin): OffsetsSource {
  return {
    topicOffsets: (topic) => topicOffsets(admin, topic),
    // No topics: the cheapest real round trip (forceUpdate skips the metadata cache).
    ping: () => admin.metadata({ topics: [], forceUpdate: true }),
  };
}
