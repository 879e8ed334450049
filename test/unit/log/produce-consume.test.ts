import fs from 'node:fs/promises';
import path from 'node:path';
import { createInProcessLog } from '../../../src/datasources/log/in-process';
import type { Log, LogRecord } from '../../../src/datasources/log/log';
import { collector, delay, makeTempDir, message, removeDir, values, waitFor } from './log-testkit';

describe('in-process log: produce and consume', () => {
  let dir: string;
  let log: Log;
  beforeEach(async () => {
    dir = await makeTempDir();
    log = await createInProcessLog({ dataDir: dir, defaultPartitions: 4 });
  });
  afterEach(async () => {
    await log.close();
    await removeDir(dir);
  });

  test('offsets are consecutive from 0 per partition, order and content are kept', async () => {
    await log.ensureTopics([{ name: 'orders', partitions: 1 }]);
    for (let i = 0; i < 10; i++) await log.produce('orders', [message('k', `v${i}`, { n: String(i) })]);
    await log.produce('orders', [message(null, 'nokey')]);
    const seen = collector();
    const consumer = await log.consume(
      { groupId: null, topics: ['orders'], fromBeginning: true },
      seen.handler,
    );
    await consumer.whenCaughtUp();
    expect(seen.records.map((r) => r.offset)).toEqual(Array.from({ length: 11 }, (_, i) => String(i)));
    expect(values(seen.records)).toEqual([...Array.from({ length: 10 }, (_, i) => `v${i}`), 'nokey']);
    expect(seen.records[3]).toMatchObject({ topic: 'orders', partition: 0, key: 'k', headers: { n: '3' } });
    expect(seen.records[10].key).toBeNull();
    const timestamps = seen.records.map((r) => r.timestamp);
    expect(timestamps).toEqual([...timestamps].sort((a, b) => a - b));
    await consumer.stop();
  });

  test('each partition is delivered in order, one batch at a time', async () => {
    await log.ensureTopics([{ name: 'tx', partitions: 4 }]);
    const active = new Set<number>();
    let overlap = false;
    const seen = collector(async (batch) => {
      if (active.has(batch.partition)) overlap = true;
      active.add(batch.partition);
      await delay(1);
      active.delete(batch.partition);
    });
    const consumer = await log.consume(
      { groupId: 'g', topics: ['tx'], fromBeginning: true, maxBatchSize: 7 },
      seen.handler,
    );
    const users = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'];
    for (let i = 0; i < 60; i++)
      await log.produce('tx', [message(users[i % users.length], `${users[i % 6]}:${i}`)]);
    await seen.waitForCount(60);
    expect(overlap).toBe(false);
    expect(Math.max(...seen.batches.map((b) => b.records.length))).toBeLessThanOrEqual(7);
    for (const user of users) {
      const mine = seen.records.filter((r) => r.key === user);
      const sequence = mine.map((r) => Number(r.value.toString().split(':')[1]));
      expect(sequence).toEqual([...sequence].sort((a, b) => a - b));
      expect(new Set(mine.map((r) => r.partition)).size).toBe(1);
    }
    await consumer.stop();
  });

  test('ensureTopics is idempotent and keeps the partition count; unknown topics are auto-created', async () => {
    await log.ensureTopics([{ name: 'fixed', partitions: 3 }]);
    await log.ensureTopics([{ name: 'fixed', partitions: 5 }]);
    await log.produce('auto', [message('a', '1')]);
    await log.produce(
      'fixed',
      Array.from({ length: 50 }, (_, i) => message(`user-${i}`, String(i))),
    );
    const seen = collector();
    const consumer = await log.consume(
      { groupId: null, topics: ['fixed', 'auto'], fromBeginning: true },
      seen.handler,
    );
    await consumer.whenCaughtUp();
    const fixedPartitions = new Set(seen.records.filter((r) => r.topic === 'fixed').map((r) => r.partition));
    expect([...fixedPartitions].sort()).toEqual([0, 1, 2]);
    expect(seen.records.find((r) => r.topic === 'auto')?.partition).toBeLessThan(4);
    await consumer.stop();
    const reopened = await reopen();
    const check = collector();
    const c2 = await reopened.consume(
      { groupId: null, topics: ['auto'], fromBeginning: true },
      check.handler,
    );
    await c2.whenCaughtUp();
    expect(check.records).toHaveLength(1);
    await c2.stop();
  });

  test('new records wake a waiting consumer without a polling delay', async () => {
    const arrivals: number[] = [];
    const consumer = await log.consume(
      { groupId: 'fast', topics: ['wake'], fromBeginning: true },
      async () => {
        arrivals.push(Date.now());
      },
    );
    await delay(20);
    const latencies: number[] = [];
    for (let i = 0; i < 20; i++) {
      const sent = Date.now();
      await log.produce('wake', [message(`k${i}`, 'x')]);
      await waitFor(() => arrivals.length > i, 1000);
      latencies.push(arrivals[i] - sent);
    }
    latencies.sort((a, b) => a - b);
    // A polling consumer would show its poll interval here; waking on append takes a few ms at most.
    expect(latencies[10]).toBeLessThan(15);
    await consumer.stop();
  });

  test('a private reader from latest sees only records produced after it started', async () => {
    await log.produce('feed', [message('a', 'old-1'), message('b', 'old-2')]);
    const seen = collector();
    const consumer = await log.consume(
      { groupId: null, topics: ['feed'], fromBeginning: false },
      seen.handler,
    );
    await consumer.whenCaughtUp();
    await log.produce('feed', [message('a', 'new-1'), message('c', 'new-2')]);
    await seen.waitForCount(2);
    await delay(20);
    expect(values(seen.records).sort()).toEqual(['new-1', 'new-2']);
    await consumer.stop();
    // Private readers never commit: nothing about them is written.
    await expect(fs.readdir(path.join(dir, 'log', '__consumer_offsets'))).rejects.toThrow(/ENOENT/);
  });

  test('whenCaughtUp waits for the records that existed at consume() time; status reports lag', async () => {
    await log.ensureTopics([{ name: 'backlog', partitions: 2 }]);
    await log.produce(
      'backlog',
      Array.from({ length: 40 }, (_, i) => message(`k${i}`, String(i))),
    );
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const seen = collector(() => gate);
    const consumer = await log.consume(
      { groupId: 'lagging', topics: ['backlog'], fromBeginning: true, maxBatchSize: 5 },
      seen.handler,
    );
    let caughtUp = false;
    void consumer.whenCaughtUp().then(() => (caughtUp = true));
    await delay(20);
    expect(caughtUp).toBe(false);
    expect(consumer.status().lag).toBe(40);
    release();
    await consumer.whenCaughtUp();
    expect(seen.records).toHaveLength(40);
    expect(consumer.status()).toEqual({ healthy: true, lastError: null, lag: 0 });
    await log.produce('backlog', [message('k1', 'late')]);
    await seen.waitForCount(41);
    await consumer.stop();
  });

  test('whenCaughtUp resolves at once on an empty topic', async () => {
    const consumer = await log.consume(
      { groupId: 'empty', topics: ['nothing'], fromBeginning: true },
      async () => {},
    );
    await consumer.whenCaughtUp();
    expect(consumer.status().lag).toBe(0);
    await consumer.stop();
  });

  test('stop and close are idempotent; a closed log refuses work', async () => {
    const consumer = await log.consume({ groupId: 'x', topics: ['t'], fromBeginning: true }, async () => {});
    await Promise.all([consumer.stop(), consumer.stop()]);
    expect(log.healthy()).toBe(true);
    await Promise.all([log.close(), log.close()]);
    expect(log.healthy()).toBe(false);
    await expect(log.produce('t', [message('a', 'b')])).rejects.toThrow(/closed/);
  });

  test('the same data directory cannot be opened twice at once', async () => {
    await expect(createInProcessLog({ dataDir: dir })).rejects.toThrow(/already open/);
  });

  test('invalid messages are refused before anything is written', async () => {
    const bad = { key: 'a', value: 'not a buffer' } as unknown as { key: string; value: Buffer };
    await expect(log.produce('t', [message('a', 'ok'), bad])).rejects.toThrow(/Buffer/);
    const seen: LogRecord[] = [];
    const consumer = await log.consume({ groupId: null, topics: ['t'], fromBeginning: true }, async (b) => {
      seen.push(...b.records);
    });
    await consumer.whenCaughtUp();
    expect(seen).toHaveLength(0);
    await consumer.stop();
  });

  async function reopen(): Promise<Log> {
    await log.close();
    log = await createInProcessLog({ dataDir: dir, defaultPartitions: 4 });
    return log;
  }
});
