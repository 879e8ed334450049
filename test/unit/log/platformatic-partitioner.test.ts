import { Partitioners } from 'kafkajs';
import { javaCompatiblePartitioner } from '../../../src/datasources/log/platformatic-kafka/partitioner';

/** kafkajs's DefaultPartitioner, the oracle (the Java client's mapping). */
function kafkajsPartition(key: string, partitions: number): number {
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({
    partitionId,
    leader: 0,
    replicas: [0],
    isr: [0],
    partitionErrorCode: 0,
  }));
  return partitioner({ topic: 't', partitionMetadata, message: { key, value: null } });
}

/** What @platformatic/kafka does with a partitioner's answer: modulo the partition count. */
function platformaticPartition(key: string | null, partitions: number, topic = 't'): number {
  const partitioner = javaCompatiblePartitioner<string, string>();
  const buffer = key === null ? undefined : Buffer.from(key);
  return (
    partitioner({ topic, key: buffer, value: Buffer.alloc(0) }, buffer, { metadata: undefined }) % partitions
  );
}

describe('@platformatic/kafka partitioner', () => {
  test('every key lands where kafkajs puts it, for powers of two and other counts alike', () => {
    for (let i = 0; i < 3000; i++) {
      const key = `user-${i * 7919}-${'é'.repeat(i % 5)}`;
      for (const partitions of [1, 3, 6, 7, 8, 12, 64]) {
        expect(platformaticPartition(key, partitions)).toBe(kafkajsPartition(key, partitions));
      }
    }
  });

  test('null keys go round robin per topic', () => {
    const partitioner = javaCompatiblePartitioner<string, string>();
    const next = (topic: string) =>
      partitioner({ topic, value: Buffer.alloc(0) }, undefined, { metadata: undefined }) % 4;
    expect([next('a'), next('a'), next('b'), next('a'), next('a'), next('a')]).toEqual([0, 1, 0, 2, 3, 0]);
  });
});
