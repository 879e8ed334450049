import type { Admin } from 'kafkajs';
import type { OffsetsSource } from '../watermarks';

/** Watermarks' broker requests through the kafkajs admin client. */
export function kafkajsOffsets(admin: Admin): OffsetsSource {
  return {
    async topicOffsets(topic) {
      const offsets = await admin.fetchTopicOffsets(topic);
      return offsets.map((o) => ({ partition: o.partition, low: Number(o.low), high: Number(o.high) }));
    },
    ping: () => admin.describeCluster(),
  };
}
