import { Partitioners } from 'kafkajs';
import { createInProcessLog } from '../../../src/datasources/log/in-process';
import { murmur2, partitionForKey } from '../../../src/datasources/log/in-process/partitioner';
import type { Log } from '../../../src/datasources/log/log';
import { collector, makeTempDir, message, removeDir } from './log-testkit';

/** kafkajs's own partitioner is the oracle: keys must land where they land on Kafka. */
function kafkaPartition(key: string, partitions: number): number {
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

const KEYS = [
  '',
  'a',
  'ab',
  'abc',
  'abcd',
  'user-1',
  'user-42',
  'u_0001',
  '00000000-0000-4000-8000-000000000000',
  'é✓ünï',
];

describe('partitioner', () => {
  test.each(KEYS)('key %p maps like kafkajs DefaultPartitioner', (key) => {
    for (const partitions of [1, 3, 8, 12, 64]) {
      expect(partitionForKey(key, partitions)).toBe(kafkaPartition(key, partitions));
    }
  });

  test('matches kafkajs over many generated keys', () => {
    for (let i = 0; i < 2000; i++) {
      const key = `user-${i * 7919}-${'x'.repeat(i % 9)}`;
      expect(partitionForKey(key, 8)).toBe(kafkaPartition(key, 8));
    }
  });

  test('murmur2 of a known key equals the Java client value', () => {
    // Apache Kafka UtilsTest: murmur2("21".getBytes()) == -973932308
    expect(murmur2(Buffer.from('21'))).toBe(-973932308);
  });

  describe('produce', () => {
    let dir: string;
    let log: Log;
    beforeEach(async () => {
      dir = await makeTempDir();
      log = await createInProcessLog({ dataDir: dir });
    });
    afterEach(async () => {
      await log.close();
      await removeDir(dir);
    });

    test('keyed messages land on the kafka partition; null keys go round robin', async () => {
      await log.ensureTopics([{ name: 'keys', partitions: 8 }]);
      await log.produce(
        'keys',
        KEYS.map((k) => message(k, k)),
      );
      await log.produce(
        'keys',
        Array.from({ length: 16 }, (_, i) => message(null, `n${i}`)),
      );
      const seen = collector();
      const consumer = await log.consume(
        { groupId: null, topics: ['keys'], fromBeginning: true },
        seen.handler,
      );
      await consumer.whenCaughtUp();
      for (const record of seen.records.filter((r) => r.key !== null)) {
        expect(record.partition).toBe(kafkaPartition(record.key as string, 8));
      }
      const nullKeyed = seen.records.filter((r) => r.key === null);
      const perPartition = new Map<number, number>();
      for (const r of nullKeyed) perPartition.set(r.partition, (perPartition.get(r.partition) ?? 0) + 1);
      expect([...perPartition.values()]).toEqual(Array(8).fill(2));
      await consumer.stop();
    });
  });
});
