/**
 * The Kafka log adapters against the real broker: the in-process log's scenarios (test/unit/log/)
 * replayed on Kafka, once per client (kafkajs, @platformatic/kafka), then the two clients side by
 * side in one cluster. Each test runs under a fresh topic and group prefix.
 */
import type { Admin } from 'kafkajs';
import type { KafkaClient } from '../../src/config/config';
import { partitionForKey } from '../../src/datasources/log/in-process/partitioner';
import type { Log, RecordBatch } from '../../src/datasources/log/log';
import { collector, delay, message, values, waitFor } from '../unit/log/log-testkit';
import { KAFKA_CLIENTS, committedOffsets, freshPrefix, rawAdmin, testKafkaLog } from './kafka-testkit';

jest.setTimeout(90_000);

function numbered(count: number, from = 0, key: (i: number) => string | null = () => 'k') {
  return Array.from({ length: count }, (_, i) => message(key(from + i), String(from + i)));
}

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe.each(KAFKA_CLIENTS)('kafka log adapter (%s on a real broker)', (client: KafkaClient) => {
  const newLog = (prefix: string) => testKafkaLog(prefix, {}, client);
  let prefix: string;
  let log: Log;
  let admin: Admin;
  const logs: Log[] = [];
  beforeAll(async () => {
    admin = (await rawAdmin()).admin;
  });
  afterAll(async () => {
    await admin.disconnect();
  });
  beforeEach(async () => {
    prefix = freshPrefix('log');
    log = await newLog(prefix);
    logs.push(log);
  });
  afterEach(async () => {
    await Promise.all(logs.splice(0).map((l) => l.close()));
  });

  const committed = (group: string, topic: string) => committedOffsets(admin, prefix + group, prefix + topic);

  test('keys land on the murmur2 partition, order, headers and keys survive, commits resume a group', async () => {
    await log.ensureTopics([{ name: 'tx', partitions: 4 }]);
    const users = Array.from({ length: 12 }, (_, i) => `user-${i}`);
    await log.produce(
      'tx',
      Array.from({ length: 60 }, (_, i) => message(users[i % 12], `${users[i % 12]}:${i}`, { n: String(i) })),
    );
    const first = collector();
    const c1 = await log.consume(
      { groupId: 'g', topics: ['tx'], fromBeginning: true, maxBatchSize: 7 },
      first.handler,
    );
    await c1.whenCaughtUp();
    expect(first.records).toHaveLength(60);
    expect(Math.max(...first.batches.map((b) => b.records.length))).toBeLessThanOrEqual(7);
    for (const r of first.records) {
      expect(r.topic).toBe('tx');
      expect(r.partition).toBe(partitionForKey(r.key!, 4));
      expect(r.headers.n).toBe(r.value.toString().split(':')[1]);
    }
    for (const user of users) {
      const seq = first.records
        .filter((r) => r.key === user)
        .map((r) => Number(r.value.toString().split(':')[1]));
      expect(seq).toEqual([...seq].sort((a, b) => a - b));
      expect(seq).toHaveLength(5);
    }
    await c1.stop();
    const offsets = await committed('g', 'tx');
    expect(Object.values(offsets).reduce((sum, o) => sum + Number(o), 0)).toBe(60);

    // A new process (new Log) of the same group resumes after the commits.
    await log.produce(
      'tx',
      numbered(5, 100, (i) => `user-${i}`),
    );
    const again = await newLog(prefix);
    logs.push(again);
    const second = collector();
    const c2 = await again.consume({ groupId: 'g', topics: ['tx'], fromBeginning: true }, second.handler);
    await c2.whenCaughtUp();
    expect(values(second.records).sort()).toEqual(['100', '101', '102', '103', '104']);
    expect(c2.status()).toEqual({ healthy: true, lastError: null, lag: 0 });
    await c2.stop();
  });

  test('a throwing handler gets the same records again after a backoff and nothing is skipped', async () => {
    await log.ensureTopics([{ name: 'tx', partitions: 1 }]);
    await log.produce('tx', numbered(20));
    let failuresLeft = 2;
    const attempts: RecordBatch[] = [];
    const seen = collector(async (batch) => {
      attempts.push(batch);
      if (batch.records[0].offset === '5' && failuresLeft > 0) {
        failuresLeft--;
        throw new Error('table throttled');
      }
    });
    const consumer = await log.consume(
      { groupId: 'g', topics: ['tx'], fromBeginning: true, maxBatchSize: 5 },
      seen.handler,
    );
    await waitFor(() => failuresLeft === 1, 20_000);
    expect(consumer.status()).toMatchObject({ healthy: false, lastError: 'table throttled' });
    await consumer.whenCaughtUp();
    expect(values(seen.records)).toEqual(numbered(20).map((m) => m.value.toString()));
    const retried = attempts.filter((b) => b.records[0].offset === '5');
    expect(retried).toHaveLength(3);
    for (const batch of retried) expect(values(batch.records)).toEqual(['5', '6', '7', '8', '9']);
    await waitFor(() => consumer.status().healthy);
    expect(consumer.status()).toEqual({ healthy: true, lastError: null, lag: 0 });
    await consumer.stop();
    expect(await committed('g', 'tx')).toEqual({ 0: '20' });
  });

  test('durable results commit in offset order; a rejected durable rewinds to the last commit', async () => {
    await log.ensureTopics([{ name: 'tx', partitions: 1 }]);
    await log.produce('tx', numbered(6));
    const durables: { first: string; d: ReturnType<typeof deferred> }[] = [];
    const seen = collector(async (batch) => {
      const d = deferred();
      durables.push({ first: batch.records[0].offset, d });
      return { durable: d.promise };
    });
    const consumer = await log.consume(
      { groupId: 'lake', topics: ['tx'], fromBeginning: true, maxBatchSize: 2 },
      seen.handler,
    );
    await waitFor(() => durables.length === 3, 20_000);
    durables[1].d.resolve();
    await delay(300);
    expect(await committed('lake', 'tx')).toEqual({ 0: '-1' });
    durables[0].d.resolve();
    await waitFor(() => durables.length === 3);
    const four = async () => ((await committed('lake', 'tx'))[0] === '4' ? true : undefined);
    for (let i = 0; i < 50 && !(await four()); i++) await delay(100);
    expect(await committed('lake', 'tx')).toEqual({ 0: '4' });

    durables[2].d.reject(new Error('flush failed'));
    await waitFor(() => durables.length === 4, 20_000, 'redelivery after rewind');
    expect(durables[3].first).toBe('4');
    durables[3].d.resolve();
    await waitFor(() => consumer.status().healthy && consumer.status().lag === 0, 10_000);
    await consumer.stop();
    expect(await committed('lake', 'tx')).toEqual({ 0: '6' });
    expect(values(seen.records)).toEqual(['0', '1', '2', '3', '4', '5', '4', '5']);
  });

  test('private readers: from latest sees only what came after consume(); from the beginning, all', async () => {
    await log.ensureTopics([{ name: 'feed', partitions: 2 }]);
    await log.produce(
      'feed',
      numbered(3, 0, (i) => `k${i}`),
    );
    const latest = collector();
    const live = await log.consume({ groupId: null, topics: ['feed'], fromBeginning: false }, latest.handler);
    await log.produce(
      'feed',
      numbered(2, 3, (i) => `k${i}`),
    );
    await latest.waitForCount(2, 20_000);
    const all = collector();
    const replay = await log.consume({ groupId: null, topics: ['feed'], fromBeginning: true }, all.handler);
    await replay.whenCaughtUp();
    expect(values(all.records).sort()).toEqual(['0', '1', '2', '3', '4']);
    await delay(200);
    expect(values(latest.records).sort()).toEqual(['3', '4']);
    await Promise.all([live.stop(), replay.stop()]);
    // Private readers never commit: no group offsets exist for them.
    const groups = (await admin.listGroups()).groups
      .map((g) => g.groupId)
      .filter((g) => g.startsWith(prefix));
    for (const group of groups)
      expect(Object.values(await committedOffsets(admin, group, `${prefix}feed`))).not.toContain('5');
  });

  test('a new group from latest does not skip records produced before its first commit', async () => {
    await log.ensureTopics([{ name: 'tx', partitions: 1 }]);
    await log.produce('tx', numbered(3));
    const c1 = await log.consume({ groupId: 'late', topics: ['tx'], fromBeginning: false }, async () => {});
    await c1.whenCaughtUp();
    await c1.stop();
    await log.produce('tx', numbered(2, 3));
    const second = collector();
    const c2 = await log.consume({ groupId: 'late', topics: ['tx'], fromBeginning: false }, second.handler);
    await c2.whenCaughtUp();
    expect(values(second.records)).toEqual(['3', '4']);
    await c2.stop();
  });

  test('two members split the partitions; after one leaves mid-stream the other takes over without loss', async () => {
    await log.ensureTopics([{ name: 'split', partitions: 4 }]);
    const other = await newLog(prefix);
    logs.push(other);
    const a = collector();
    const b = collector();
    const ca = await log.consume({ groupId: 'workers', topics: ['split'], fromBeginning: true }, a.handler);
    const cb = await other.consume({ groupId: 'workers', topics: ['split'], fromBeginning: true }, b.handler);
    await log.produce(
      'split',
      numbered(100, 0, (i) => `user-${i}`),
    );
    await waitFor(() => new Set([...values(a.records), ...values(b.records)]).size === 100, 30_000);
    const partitionsA = new Set(a.records.map((r) => r.partition));
    const partitionsB = new Set(b.records.map((r) => r.partition));
    expect(partitionsA.size).toBeGreaterThan(0);
    expect(partitionsB.size).toBeGreaterThan(0);

    // Keep producing while b leaves: nothing may be lost, duplicates are allowed.
    const producing = (async () => {
      for (let i = 100; i < 300; i += 20) {
        await log.produce(
          'split',
          numbered(20, i, (j) => `user-${j % 100}`),
        );
        await delay(30);
      }
    })();
    await delay(100);
    await cb.stop();
    await producing;
    await waitFor(() => new Set([...values(a.records), ...values(b.records)]).size === 300, 40_000);
    const union = [...new Set([...values(a.records), ...values(b.records)].map(Number))].sort(
      (x, y) => x - y,
    );
    expect(union).toEqual(Array.from({ length: 300 }, (_, i) => i));
    await ca.stop();
    const offsets = await committed('workers', 'split');
    expect(Object.values(offsets).reduce((sum, o) => sum + Number(o), 0)).toBe(300);
  });

  test('ensureTopics is idempotent, keeps partition counts and compacts dim topics', async () => {
    const specs = [
      { name: 'transactions', partitions: 3 },
      { name: 'dim.users', partitions: 1, compacted: true },
    ];
    await log.ensureTopics(specs);
    await log.ensureTopics(specs);
    await log.ensureTopics([{ name: 'transactions', partitions: 5 }]);
    const { topics } = await admin.fetchTopicMetadata({ topics: specs.map((s) => prefix + s.name) });
    expect(Object.fromEntries(topics.map((t) => [t.name, t.partitions.length]))).toEqual({
      [`${prefix}transactions`]: 3,
      [`${prefix}dim.users`]: 1,
    });
    const configs = await admin.describeConfigs({
      includeSynonyms: false,
      resources: specs.map((s) => ({ type: 2, name: prefix + s.name, configNames: ['cleanup.policy'] })),
    });
    const policy = Object.fromEntries(
      configs.resources.map((r) => [
        r.resourceName,
        r.configEntries.find((c) => c.configName === 'cleanup.policy')?.configValue,
      ]),
    );
    expect(policy).toEqual({ [`${prefix}transactions`]: 'delete', [`${prefix}dim.users`]: 'compact' });
  });
});

describe('kafkajs and @platformatic/kafka in one cluster', () => {
  let prefix: string;
  let admin: Admin;
  const logs: Log[] = [];
  beforeAll(async () => {
    admin = (await rawAdmin()).admin;
  });
  afterAll(async () => {
    await admin.disconnect();
  });
  beforeEach(async () => {
    prefix = freshPrefix('mixed');
    logs.push(...(await Promise.all(KAFKA_CLIENTS.map((c) => testKafkaLog(prefix, {}, c)))));
  });
  afterEach(async () => {
    await Promise.all(logs.splice(0).map((l) => l.close()));
  });

  test('a key lands on the same (murmur2) partition from either client, for any partition count', async () => {
    const [kafkajs, platformatic] = logs;
    const keys = Array.from({ length: 200 }, (_, i) => `user-${i * 7919}`);
    // Only counts that are not powers of two tell `murmur2 & 0x7fffffff` from `murmur2 >>> 0`.
    for (const partitions of [3, 6, 8]) {
      const topic = `keys${partitions}`;
      await kafkajs.ensureTopics([{ name: topic, partitions }]);
      await kafkajs.produce(
        topic,
        keys.map((k) => message(k, `kafkajs:${k}`)),
      );
      await platformatic.produce(
        topic,
        keys.map((k) => message(k, `platformatic:${k}`)),
      );
      const seen = collector();
      const reader = await kafkajs.consume(
        { groupId: null, topics: [topic], fromBeginning: true },
        seen.handler,
      );
      await reader.whenCaughtUp();
      await reader.stop();
      expect(seen.records).toHaveLength(2 * keys.length);
      const where = new Map<string, number>();
      for (const r of seen.records) {
        expect(r.partition).toBe(partitionForKey(r.key!, partitions));
        const [, key] = r.value.toString().split(':');
        if (where.has(key)) expect(r.partition).toBe(where.get(key));
        where.set(key, r.partition);
      }
      expect(new Set(seen.records.map((r) => r.partition)).size).toBe(partitions);
    }
  });

  test('members on either client share one consumer group and lose nothing', async () => {
    const [kafkajs, platformatic] = logs;
    await kafkajs.ensureTopics([{ name: 'shared', partitions: 4 }]);
    const a = collector();
    const b = collector();
    const ca = await kafkajs.consume(
      { groupId: 'mixed', topics: ['shared'], fromBeginning: true },
      a.handler,
    );
    const cb = await platformatic.consume(
      { groupId: 'mixed', topics: ['shared'], fromBeginning: true },
      b.handler,
    );
    let produced = 0;
    const produce = async (count: number) => {
      await kafkajs.produce(
        'shared',
        numbered(count, produced, (i) => `user-${i}`),
      );
      produced += count;
    };
    await produce(100);
    // Until the rebalance settles one member may hold every partition; keep producing until the
    // split is visible (both members handled records).
    for (let i = 0; i < 100 && (a.records.length === 0 || b.records.length === 0); i++) {
      await produce(10);
      await delay(200);
    }
    expect(a.records.length).toBeGreaterThan(0);
    expect(b.records.length).toBeGreaterThan(0);
    await waitFor(() => new Set([...values(a.records), ...values(b.records)]).size === produced, 40_000);
    // The platformatic member leaves; the kafkajs one takes its partitions over from the group's
    // commits and handles what comes after, on every partition.
    await cb.stop();
    await produce(100);
    await waitFor(
      () => new Set([...values(a.records), ...values(b.records)]).size === produced,
      40_000,
      'takeover by the kafkajs member',
    );
    const union = [...new Set([...values(a.records), ...values(b.records)].map(Number))].sort(
      (x, y) => x - y,
    );
    expect(union).toEqual(Array.from({ length: produced }, (_, i) => i));
    await ca.stop();
    const offsets = await committedOffsets(admin, `${prefix}mixed`, `${prefix}shared`);
    expect(Object.values(offsets).reduce((sum, o) => sum + Number(o), 0)).toBe(produced);
  });
});
