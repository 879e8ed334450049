import fs from 'node:fs/promises';
import path from 'node:path';
import { createInProcessLog } from '../../../src/datasources/log/in-process';
import type { Log, RecordBatch } from '../../../src/datasources/log/log';
import {
  collector,
  delay,
  makeTempDir,
  message,
  readCommitted,
  removeDir,
  values,
  waitFor,
} from './log-testkit';

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

describe('in-process log: consumer groups', () => {
  let dir: string;
  let log: Log;
  beforeEach(async () => {
    dir = await makeTempDir();
    log = await createInProcessLog({ dataDir: dir, defaultPartitions: 1 });
  });
  afterEach(async () => {
    await log.close();
    await removeDir(dir);
  });

  async function restart(): Promise<void> {
    await log.close();
    log = await createInProcessLog({ dataDir: dir, defaultPartitions: 1 });
  }

  test('a group commits after the handler and resumes after its commit, across a restart', async () => {
    await log.produce('tx', numbered(10));
    const first = collector();
    const c1 = await log.consume({ groupId: 'idx', topics: ['tx'], fromBeginning: true }, first.handler);
    await c1.whenCaughtUp();
    await c1.stop();
    expect(await readCommitted(dir, 'idx')).toEqual({ tx: { '0': '10' } });

    await log.produce('tx', numbered(5, 10));
    await restart();
    const second = collector();
    const c2 = await log.consume({ groupId: 'idx', topics: ['tx'], fromBeginning: true }, second.handler);
    await c2.whenCaughtUp();
    expect(values(second.records)).toEqual(['10', '11', '12', '13', '14']);
    await c2.stop();

    const other = collector();
    const c3 = await log.consume({ groupId: 'other', topics: ['tx'], fromBeginning: true }, other.handler);
    await c3.whenCaughtUp();
    expect(other.records).toHaveLength(15);
    await c3.stop();
  });

  test('at-least-once: the batch in flight at shutdown is delivered again after a restart', async () => {
    await log.produce('tx', numbered(30));
    const gate = deferred();
    const seen = collector(async (batch) => {
      if (batch.records[0].offset === '20') await gate.promise;
    });
    await log.consume(
      { groupId: 'arch', topics: ['tx'], fromBeginning: true, maxBatchSize: 10 },
      seen.handler,
    );
    await waitFor(() => seen.records.length === 20);
    await delay(10);
    const closed = log.close();
    // The process dies mid-batch: the handler never completes it.
    gate.reject(new Error('killed'));
    await closed;
    expect(await readCommitted(dir, 'arch')).toEqual({ tx: { '0': '20' } });

    log = await createInProcessLog({ dataDir: dir, defaultPartitions: 1 });
    const again = collector();
    const consumer = await log.consume(
      { groupId: 'arch', topics: ['tx'], fromBeginning: true },
      again.handler,
    );
    await consumer.whenCaughtUp();
    expect(values(again.records)).toEqual(numbered(10, 20).map((m) => m.value.toString()));
    await consumer.stop();
  });

  test('a throwing handler gets the same batch again after a backoff and nothing is skipped', async () => {
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
    await waitFor(() => failuresLeft === 1);
    expect(consumer.status()).toMatchObject({ healthy: false, lastError: 'table throttled' });
    await consumer.whenCaughtUp();
    expect(values(seen.records)).toEqual(numbered(20).map((m) => m.value.toString()));
    const retried = attempts.filter((b) => b.records[0].offset === '5');
    expect(retried).toHaveLength(3);
    expect(retried.map((b) => values(b.records))).toEqual(Array(3).fill(['5', '6', '7', '8', '9']));
    expect(consumer.status()).toEqual({ healthy: true, lastError: null, lag: 0 });
    await consumer.stop();
    expect(await readCommitted(dir, 'g')).toEqual({ tx: { '0': '20' } });
  });

  test('durable results commit in offset order; a rejected durable rewinds to the last commit', async () => {
    await log.produce('tx', numbered(6));
    const durables = new Map<string, ReturnType<typeof deferred>>();
    const seen = collector(async (batch) => {
      const d = deferred();
      durables.set(`${batch.records[0].offset}#${durables.size}`, d);
      return { durable: d.promise };
    });
    const consumer = await log.consume(
      { groupId: 'lake', topics: ['tx'], fromBeginning: true, maxBatchSize: 2 },
      seen.handler,
    );
    await waitFor(() => durables.size === 3);
    const [d0, d2, d4] = [...durables.values()];
    d2.resolve();
    await delay(20);
    expect(await readCommitted(dir, 'lake')).toEqual({});
    d0.resolve();
    await waitFor(() => durables.size === 3 && seen.records.length === 6);
    await delay(20);
    expect(await readCommitted(dir, 'lake')).toEqual({ tx: { '0': '4' } });

    d4.reject(new Error('flush failed'));
    await waitFor(() => durables.size === 4, 2000, 'redelivery after rewind');
    expect([...durables.keys()][3]).toBe('4#3');
    expect(consumer.status().healthy).toBe(true);
    [...durables.values()][3].resolve();
    await waitFor(() => consumer.status().lag === 0);
    await consumer.stop();
    expect(await readCommitted(dir, 'lake')).toEqual({ tx: { '0': '6' } });
    expect(values(seen.records)).toEqual(['0', '1', '2', '3', '4', '5', '4', '5']);
  });

  test('un-durable batches are capped per partition (back-pressure)', async () => {
    await log.produce('tx', numbered(100));
    const pending: (() => void)[] = [];
    const seen = collector(async () => {
      let resolve!: () => void;
      const durable = new Promise<void>((r) => (resolve = r));
      pending.push(resolve);
      return { durable };
    });
    const consumer = await log.consume(
      { groupId: 'bp', topics: ['tx'], fromBeginning: true, maxBatchSize: 1 },
      seen.handler,
    );
    await waitFor(() => seen.records.length === 64);
    await delay(30);
    expect(seen.records).toHaveLength(64);
    pending.splice(0, 10).forEach((resolve) => resolve());
    await waitFor(() => seen.records.length === 74);
    const drain = setInterval(() => pending.splice(0).forEach((resolve) => resolve()), 2);
    await consumer.whenCaughtUp();
    await waitFor(() => pending.length === 0);
    clearInterval(drain);
    pending.splice(0).forEach((resolve) => resolve());
    await consumer.stop();
    expect(await readCommitted(dir, 'bp')).toEqual({ tx: { '0': '100' } });
  });

  test('two consumers of one group split the partitions; the survivor takes over without loss', async () => {
    await log.ensureTopics([{ name: 'split', partitions: 4 }]);
    const a = collector();
    const b = collector();
    const ca = await log.consume({ groupId: 'workers', topics: ['split'], fromBeginning: true }, a.handler);
    const cb = await log.consume({ groupId: 'workers', topics: ['split'], fromBeginning: true }, b.handler);
    await log.produce(
      'split',
      numbered(100, 0, (i) => `user-${i}`),
    );
    await waitFor(() => a.records.length + b.records.length === 100);
    expect(new Set(a.records.map((r) => r.partition))).toEqual(new Set([0, 1]));
    expect(new Set(b.records.map((r) => r.partition))).toEqual(new Set([2, 3]));

    await cb.stop();
    await log.produce(
      'split',
      numbered(100, 100, (i) => `user-${i % 100}`),
    );
    await waitFor(() => a.records.length + b.records.length >= 200);
    await delay(20);
    const all = [...values(a.records), ...values(b.records)].map(Number).sort((x, y) => x - y);
    expect(all).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(new Set(a.records.map((r) => r.partition))).toEqual(new Set([0, 1, 2, 3]));
    await ca.stop();
  });

  test('a member joining takes partitions over from where the group committed', async () => {
    await log.ensureTopics([{ name: 'join', partitions: 2 }]);
    await log.produce(
      'join',
      numbered(50, 0, (i) => `user-${i}`),
    );
    const a = collector();
    const ca = await log.consume({ groupId: 'grow', topics: ['join'], fromBeginning: true }, a.handler);
    await ca.whenCaughtUp();
    const b = collector();
    const cb = await log.consume({ groupId: 'grow', topics: ['join'], fromBeginning: true }, b.handler);
    await cb.whenCaughtUp();
    expect(b.records).toHaveLength(0);
    await log.produce(
      'join',
      numbered(50, 50, (i) => `user-${i}`),
    );
    await waitFor(() => a.records.length + b.records.length === 100);
    expect(b.records.length).toBeGreaterThan(0);
    expect(new Set(b.records.map((r) => r.partition))).toEqual(new Set([1]));
    await Promise.all([ca.stop(), cb.stop()]);
  });

  test('a new group from latest does not skip records produced before its first commit', async () => {
    await log.produce('tx', numbered(3));
    const first = collector();
    const c1 = await log.consume({ groupId: 'late', topics: ['tx'], fromBeginning: false }, first.handler);
    await c1.stop();
    await log.produce('tx', numbered(2, 3));
    const second = collector();
    const c2 = await log.consume({ groupId: 'late', topics: ['tx'], fromBeginning: false }, second.handler);
    await c2.whenCaughtUp();
    expect(values(second.records)).toEqual(['3', '4']);
    await c2.stop();
  });

  test('a committed offset beyond a recreated log resets to the start instead of skipping', async () => {
    await log.produce('tx', numbered(5));
    const c1 = await log.consume({ groupId: 'reset', topics: ['tx'], fromBeginning: true }, async () => {});
    await c1.whenCaughtUp();
    await c1.stop();
    await log.close();
    await fs.rm(path.join(dir, 'log', 'tx'), { recursive: true });
    log = await createInProcessLog({ dataDir: dir, defaultPartitions: 1 });
    await log.produce('tx', numbered(2, 100));
    const seen = collector();
    const c2 = await log.consume({ groupId: 'reset', topics: ['tx'], fromBeginning: true }, seen.handler);
    await c2.whenCaughtUp();
    expect(values(seen.records)).toEqual(['100', '101']);
    await c2.stop();
    expect(await readCommitted(dir, 'reset')).toEqual({ tx: { '0': '2' } });
  });
});
