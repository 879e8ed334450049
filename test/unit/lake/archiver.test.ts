import { silentLogger } from '../../../src/app/logger';
import { createMetrics } from '../../../src/app/metrics';
import { createDiskLakeStore } from '../../../src/datasources/lake/disk-lake-store';
import type { LakeStore } from '../../../src/datasources/lake/lake-store';
import { decodeEnrichedRows, decodeRawRows, readPartition } from '../../../src/datasources/lake/parquet';
import { TOPICS } from '../../../src/datasources/log/log';
import { createArchiver, type ArchiverOptions } from '../../../src/workers/archiver';
import { createFakeLog } from './fake-log';
import { enrichedRow, withTempDir } from './lake-fixtures';

const DAY1 = Date.parse('2026-03-01T10:00:00.000Z');
const DAY2 = Date.parse('2026-03-02T10:00:00.000Z');

function rawEvent(id: string, type: string, timestampMs: number, amount = '12.50'): string {
  return JSON.stringify({
    transaction_id: id,
    user_id: 'u-1',
    merchant_id: 'm-1',
    payment_method_id: 'pm-1',
    amount,
    currency: 'EUR',
    transaction_type: type,
    timestamp: timestampMs,
    status: 'completed',
  });
}

function enrichedEvent(id: string, type: 'purchase' | 'refund', timestampMs: number): string {
  const timestamp = new Date(timestampMs).toISOString();
  const {
    source_partition: _p,
    source_offset: _o,
    ...tx
  } = enrichedRow({
    transaction_id: id,
    transaction_type: type,
    timestamp,
    timestamp_ms: timestampMs,
    day: timestamp.slice(0, 10),
  });
  return JSON.stringify(tx);
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The real disk lake, with a switch that makes puts fail or hang (to test what the archiver does then). */
function faultyLake(inner: LakeStore) {
  const state = { failing: false, attempts: 0, gate: null as Promise<void> | null };
  const lake: LakeStore = {
    url: inner.url,
    get: (key) => inner.get(key),
    list: (prefix) => inner.list(prefix),
    async put(key, body) {
      state.attempts++;
      if (state.gate) await state.gate;
      if (state.failing) throw new Error('disk full');
      return inner.put(key, body);
    },
  };
  return { lake, state };
}

function setup(lake: LakeStore, options: Partial<ArchiverOptions> = {}) {
  const fake = createFakeLog();
  const metrics = createMetrics();
  const archiver = createArchiver({
    log: fake.log,
    lake,
    logger: silentLogger(),
    metrics,
    writerId: 'test-writer',
    flushMs: 60_000,
    ...options,
  });
  return { fake, metrics, archiver };
}

describe('archiver', () => {
  test('events across two days and two types land in their partitions, invalid ones too', () =>
    withTempDir(async (dir) => {
      const lake = createDiskLakeStore(dir);
      const { fake, archiver, metrics } = setup(lake);
      await archiver.start();
      const raw = [
        fake.record(TOPICS.transactions, 0, rawEvent('t1', 'purchase', DAY1, '0.10'), DAY1 + 5),
        fake.record(TOPICS.transactions, 0, rawEvent('t2', 'refund', DAY1), DAY1 + 6),
        fake.record(TOPICS.transactions, 0, rawEvent('t3', 'purchase', DAY2, '99999999.99'), DAY2 + 7),
        fake.record(TOPICS.transactions, 0, rawEvent('t4', 'purchase', DAY1, '0.29'), DAY2 + 8),
        fake.record(TOPICS.transactions, 0, Buffer.from([0xff, 0x00, 0x7b]), DAY2 + 9),
        fake.record(TOPICS.transactions, 0, rawEvent('t5', 'teleport', DAY1), DAY1 + 10),
      ];
      const enriched = [
        fake.record(TOPICS.enriched, 2, enrichedEvent('t1', 'purchase', DAY1), DAY1 + 50),
        fake.record(TOPICS.enriched, 2, enrichedEvent('t2', 'refund', DAY2), DAY2 + 50),
      ];
      const rawBatch = await fake.deliver(TOPICS.transactions, 0, raw);
      const enrichedBatch = await fake.deliver(TOPICS.enriched, 2, enriched);
      expect(fake.commits).toEqual([]);
      await archiver.stop();
      await expect(rawBatch.committed).resolves.toBe(true);
      await expect(enrichedBatch.committed).resolves.toBe(true);

      const keys = await lake.list('');
      expect(keys.map((k) => k.replace(/part-.*$/, ''))).toEqual([
        'enriched/dt=2026-03-01/event_type=purchase/',
        'enriched/dt=2026-03-02/event_type=refund/',
        'raw/dt=2026-03-01/event_type=_invalid/',
        'raw/dt=2026-03-01/event_type=purchase/',
        'raw/dt=2026-03-01/event_type=refund/',
        'raw/dt=2026-03-02/event_type=_invalid/',
        'raw/dt=2026-03-02/event_type=purchase/',
      ]);
      expect(keys[3]).toMatch(/\/part-test-writer-1772359200005-[0-9a-f]{8}\.parquet$/);

      const day1 = await readPartition(lake, 'raw', '2026-03-01');
      const purchases = day1.filter((r) => r.transaction_type === 'purchase');
      expect(purchases.map((r) => [r.transaction_id, r.amount, r.source_offset])).toEqual([
        ['t1', '0.10', '0'],
        ['t4', '0.29', '3'],
      ]);
      const teleport = day1.find((r) => !r.valid);
      expect(teleport).toMatchObject({
        reject_reason: 'invalid_enum',
        raw: rawEvent('t5', 'teleport', DAY1),
      });
      const [binary] = await decodeRawRows(await lake.get(keys[5]!));
      expect(binary).toMatchObject({
        valid: false,
        reject_reason: 'invalid_utf8',
        raw_base64: true,
        raw: '/wB7',
      });

      const [enrichedDay2] = await decodeEnrichedRows(await lake.get(keys[1]!));
      expect(enrichedDay2).toMatchObject({
        transaction_id: 't2',
        day: '2026-03-02',
        source_partition: 2,
        source_offset: '1',
      });

      expect((await metrics.lakeFiles.get()).values.map((v) => [v.labels.dataset, v.value]).sort()).toEqual([
        ['enriched', 2],
        ['raw', 5],
      ]);
      expect((await metrics.eventsIn.get()).values.reduce((n, v) => n + v.value, 0)).toBe(8);
    }));

  test('offsets are committed only once the flush that holds them has landed', () =>
    withTempDir(async (dir) => {
      const lake = createDiskLakeStore(dir);
      let clock = DAY1;
      const { fake, archiver } = setup(lake, { flushMs: 1000, now: () => clock });
      await archiver.start();
      const batch = await fake.deliver(TOPICS.transactions, 0, [
        fake.record(TOPICS.transactions, 0, rawEvent('t1', 'purchase', DAY1), DAY1),
      ]);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(fake.commits).toEqual([]);
      expect(await lake.list('')).toEqual([]);

      clock += 1000;
      await expect(batch.committed).resolves.toBe(true);
      expect(fake.commits).toEqual([
        { groupId: 'txgraph-archiver-raw', topic: 'transactions', partition: 0, offset: '0' },
      ]);
      expect(await lake.list('raw/')).toHaveLength(1);
      await archiver.stop();
    }));

  test('a batch split by flushRows commits only when its last part has landed', () =>
    withTempDir(async (dir) => {
      const lake = createDiskLakeStore(dir);
      const { fake, archiver } = setup(lake, { flushRows: 2 });
      await archiver.start();
      const records = ['a', 'b', 'c', 'd', 'e'].map((id) =>
        fake.record(TOPICS.transactions, 1, rawEvent(id, 'purchase', DAY1), DAY1),
      );
      const batch = await fake.deliver(TOPICS.transactions, 1, records);
      await waitFor(async () => (await lake.list('raw/')).length === 2);
      expect(fake.commits).toEqual([]);
      await archiver.stop();
      await expect(batch.committed).resolves.toBe(true);
      expect((await readPartition(lake, 'raw', '2026-03-01')).map((r) => r.transaction_id).sort()).toEqual([
        'a',
        'b',
        'c',
        'd',
        'e',
      ]);
    }));

  test('a failing put is retried with the rows kept, and nothing is acknowledged until it lands', () =>
    withTempDir(async (dir) => {
      const { lake, state } = faultyLake(createDiskLakeStore(dir));
      state.failing = true;
      const { fake, archiver } = setup(lake, { flushRows: 1 });
      await archiver.start();
      const batch = await fake.deliver(TOPICS.transactions, 0, [
        fake.record(TOPICS.transactions, 0, rawEvent('t1', 'purchase', DAY1), DAY1),
      ]);
      await waitFor(() => state.attempts >= 2);
      expect(archiver.status()).toEqual({ healthy: false, lastError: expect.stringMatching(/disk full/) });
      expect(fake.commits).toEqual([]);

      state.failing = false;
      await expect(batch.committed).resolves.toBe(true);
      expect(archiver.status()).toEqual({ healthy: true, lastError: null });
      const keys = await lake.list('raw/');
      expect(keys).toHaveLength(1);
      expect((await decodeRawRows(await lake.get(keys[0]!)))[0]).toMatchObject({
        transaction_id: 't1',
        amount: '12.50',
      });
      await archiver.stop();
    }));

  test('above maxBufferedRows the handler waits for the lake (back-pressure)', () =>
    withTempDir(async (dir) => {
      const { lake, state } = faultyLake(createDiskLakeStore(dir));
      let open!: () => void;
      state.gate = new Promise<void>((resolve) => (open = resolve));
      const { fake, archiver } = setup(lake, { maxBufferedRows: 2 });
      await archiver.start();
      const records = ['a', 'b', 'c'].map((id) =>
        fake.record(TOPICS.transactions, 0, rawEvent(id, 'purchase', DAY1), DAY1),
      );
      let handled = false;
      const delivery = fake.deliver(TOPICS.transactions, 0, records).then((d) => {
        handled = true;
        return d;
      });
      await waitFor(() => state.attempts >= 1);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(handled).toBe(false);
      open();
      await expect((await delivery).committed).resolves.toBe(true);
      await archiver.stop();
    }));

  test('stop() flushes every buffer; with a dead lake it gives up and leaves offsets uncommitted', () =>
    withTempDir(async (dir) => {
      const { lake, state } = faultyLake(createDiskLakeStore(dir));
      const { fake, archiver } = setup(lake);
      await archiver.start();
      const good = await fake.deliver(TOPICS.enriched, 0, [
        fake.record(TOPICS.enriched, 0, enrichedEvent('t1', 'purchase', DAY1), DAY1),
      ]);
      await archiver.stop();
      await expect(good.committed).resolves.toBe(true);
      expect(await lake.list('enriched/')).toHaveLength(1);

      const second = setup(lake);
      await second.archiver.start();
      state.failing = true;
      const doomed = await second.fake.deliver(TOPICS.transactions, 0, [
        second.fake.record(TOPICS.transactions, 0, rawEvent('t2', 'purchase', DAY1), DAY1),
      ]);
      await second.archiver.stop();
      await expect(doomed.committed).resolves.toBe(false);
      expect(second.fake.commits).toEqual([]);
      expect(await lake.list('raw/')).toEqual([]);
    }));

  test('refuses a writer id that cannot be part of an object name', () => {
    expect(() => setup(createDiskLakeStore('/nonexistent'), { writerId: 'a/b' })).toThrow(/writer id/);
  });
});
