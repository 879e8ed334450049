import type { Partitioner } from '@platformatic/kafka';
import { murmur2 } from '../in-process/partitioner';

/**
 * kafkajs's DefaultPartitioner (the Java client's) for @platformatic/kafka, which takes the result
 * modulo the partition count. Its own defaultPartitioner uses `murmur2 >>> 0` instead of
 * `murmur2 & 0x7fffffff`: the same for 2, 4, 8… partitions, a different partition for a negative
 * hash otherwise, which would split a user's events over two partitions while both clients write.
 * Null keys go round robin per topic, as with kafkajs.
 */
export function javaCompatiblePartitioner<HeaderKey, HeaderValue>(): Partitioner<
  Buffer,
  Buffer,
  HeaderKey,
  HeaderValue
> {
  const next = new Map<string, number>();
  return (message, key) => {
    if (key) return murmur2(key) & 0x7fffffff;
    const n = next.get(message.topic) ?? 0;
    next.set(message.topic, (n + 1) & 0x7fffffff);
    return n;
  };
}
