import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { createDiskLakeStore } from '../../src/datasources/lake/disk-lake-store';
import type { LakeStore } from '../../src/datasources/lake/lake-store';
import { createTransactionIndexReader } from '../../src/datasources/dynamo/transaction-index-reader';
import {
  encodeRawRows,
  partFileKey,
  toRawTransaction,
  type EnrichedLakeRow,
} from '../../src/datasources/lake/parquet';
import { enrich } from '../../src/domain/enrich';
import { createDimensionCache } from '../../src/domain/dimension-cache';
import { createRiskConfig } from '../../src/domain/risk-rules';
import { pickCurrent } from '../../src/domain/current-state';
import { aggregateDay } from '../../src/domain/aggregate';
import { readLatest } from '../../src/workers/reprocess/lake-versions';
import { DAYS, DIMS, generateRows, seedDims } from '../support/reprocess-dataset';
import {
  rawRow,
  snapshot,
  startJobRig,
  versionRowsOf,
  writeRawLake,
  type JobRig,
} from '../support/reprocess-fixtures';

jest.setTimeout(120_000);

async function duck(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('reprocess job over a lake', () => {
  const rows = generateRows();
  let root: string;
  let lakeDir: string;
  let lake: LakeStore;
  const rigs: JobRig[] = [];
  const rig = async (name: string) => {
    const dir = path.join(root, name);
    await fs.mkdir(dir, { recursive: true });
    const r = await startJobRig(dir, lake);
    rigs.push(r);
    await seedDims(r);
    return r;
  };

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'txgraph-reprocess-'));
    lakeDir = path.join(root, 'lake');
    lake = createDiskLakeStore(lakeDir);
    await writeRawLake(lake, rows, 40);
    // Invalid rows are archived too; the job must step over them.
    const invalid = { ...rawRow(99_999, { transaction_id: 'x', timestamp: '2026-03-01T00:00:00Z' }) };
    await lake.put(
      partFileKey({
        dataset: 'raw',
        day: '2026-03-01',
        eventType: '_invalid',
        writerId: 'w',
        firstLogTimestampMs: 0,
      }),
      await encodeRawRows([{ ...invalid, valid: false, transaction_id: null, reject_reason: 'not_json' }]),
    );
  });
  afterAll(async () => {
    for (const r of rigs) await r.stop();
    await fs.rm(root, { recursive: true, force: true });
  });

  let whole: Record<string, unknown>;
  let wholeVersions: EnrichedLakeRow[];

  test('one unsharded run equals a recomputation from scratch', async () => {
    const a = await rig('whole');
    const summary = await a.job().run({ from: DAYS[0]!, to: DAYS[2]!, runId: 'whole' });
    expect(summary.rows).toBe(rows.length);
    whole = await snapshot(a);
    wholeVersions = await versionRowsOf(lake, DAYS);

    // The oracle: current state over all days, enriched with the same dimensions and rules.
    const cache = createDimensionCache();
    for (const [kind, list] of Object.entries(DIMS))
      for (const d of list) cache.upsert(kind as 'users', d as never);
    const current = pickCurrent(
      rows.map((r) => ({ ...r, transaction_id: r.transaction_id!, version: r.version ?? 0 })),
    );
    const enriched = current.map((r) =>
      enrich(
        { ...r, timestamp_ms: Date.parse(r.timestamp!), day: r.timestamp!.slice(0, 10) } as never,
        cache,
        createRiskConfig(),
        new Date('2026-04-01T00:00:00Z'),
      ),
    );
    const byUserDay = new Map<string, typeof enriched>();
    for (const t of enriched)
      byUserDay.set(`${t.user_id}|${t.day}`, [...(byUserDay.get(`${t.user_id}|${t.day}`) ?? []), t]);
    const userStats = whole.dailyUserStats as Record<string, unknown>[];
    expect(userStats).toHaveLength(byUserDay.size);
    for (const row of userStats) {
      const expected = aggregateDay(byUserDay.get(`${row.user_id}|${row.date}`)!);
      expect(row.transaction_count).toBe(`n:${expected.transaction_count}`);
      expect(row.max_risk_score).toBe(`n:${expected.max_risk_score}`);
      expect(row.flagged_count).toBe(`n:${expected.flagged_count}`);
    }
    expect(whole.transactionIndex).toHaveLength(enriched.length);
    // The versions hold each transaction once, in its current state, on its current day.
    expect(wholeVersions.map((r) => [r.transaction_id, r.version, r.day, r.amount])).toEqual(
      enriched.map((t) => [t.transaction_id, t.version, t.day, t.amount]),
    );
    expect(
      enriched.some((t) =>
        rows.some((r) => r.transaction_id === t.transaction_id && !r.timestamp!.startsWith(t.day)),
      ),
    ).toBe(true);
  });

  test('shards 0/3, 1/3 and 2/3 in parallel give exactly the same tables', async () => {
    const b = await rig('sharded');
    const job = b.job();
    const summaries = await Promise.all(
      [0, 1, 2].map((index) =>
        job.run({ from: DAYS[0]!, to: DAYS[2]!, shard: { index, count: 3 }, runId: 'sharded' }),
      ),
    );
    expect(await snapshot(b)).toEqual(whole);
    // Every shard saw every row but kept only its own (day, user) keys.
    for (const s of summaries) expect(s.rows).toBe(rows.length);
    for (const day of DAYS) {
      const latest = await readLatest(lake, day);
      expect(latest).toMatchObject({ run: 'sharded', shards: 3 });
    }
    // The three parts of each day make the same version as the one unsharded run, even where one
    // shard moved a transaction away from a day another shard had already written.
    expect(await versionRowsOf(lake, DAYS)).toEqual(wholeVersions);
  });

  test('a second run changes nothing; a run killed midway converges when rerun', async () => {
    const c = await rig('restart');
    // The process "dies" on its 8th read: after day one, in the middle of day two.
    let gets = 0;
    const failing: LakeStore = {
      url: lake.url,
      put: (k, b) => lake.put(k, b),
      list: (p) => lake.list(p),
      get: (key) => (++gets > 8 ? Promise.reject(new Error('killed')) : lake.get(key)),
    };
    await expect(
      c.job({ lakeStore: failing }).run({ from: DAYS[0]!, to: DAYS[2]!, runId: 'retry' }),
    ).rejects.toThrow('killed');
    const resumed = await c.job().run({ from: DAYS[0]!, to: DAYS[2]!, runId: 'retry' });
    expect(resumed.daysResumed).toBeGreaterThanOrEqual(1);
    expect(await snapshot(c)).toEqual(whole);

    const again = await c.job().run({ from: DAYS[0]!, to: DAYS[2]!, runId: 'again' });
    expect(again).toMatchObject({ changed: 0, keptNewer: 0 });
    expect(again.userAggregates).toMatchObject({ rewritten: 0, removed: 0 });
    expect(again.merchantAggregates).toMatchObject({ rewritten: 0, removed: 0 });
    expect(await snapshot(c)).toEqual(whole);
  });

  test('never overwrites a newer version the live indexer wrote, before or during the run', async () => {
    const e = await rig('live');
    const cache = createDimensionCache();
    for (const [kind, list] of Object.entries(DIMS))
      for (const d of list) cache.upsert(kind as 'users', d as never);
    // The live path is ahead of the lake for 30 transactions: version 9, which the lake never saw.
    const ids = [...new Set(rows.map((r) => r.transaction_id!))].slice(0, 30);
    const ahead = ids.map((id, i) => {
      const raw = toRawTransaction(rows.find((r) => r.transaction_id === id)!)!;
      return enrich(
        { ...raw, version: 9, amount: '1.00', arrival: `9${String(i).padStart(12, '0')}:00000:0` },
        cache,
        createRiskConfig(),
        new Date(),
      );
    });
    const live = async (records: typeof ahead) => {
      const result = await e.writer.apply(records);
      await e.stats.recomputeUserDays(result.userDays);
      await e.stats.recomputeMerchantDays(result.merchantDays);
    };
    await live(ahead.slice(0, 15));
    const [summary] = await Promise.all([
      e.job().run({ from: DAYS[0]!, to: DAYS[2]!, runId: 'live' }),
      (async () => {
        for (const record of ahead.slice(15)) await live([record]);
      })(),
    ]);
    expect(summary.keptNewer).toBeGreaterThanOrEqual(15);
    const indexed = await createTransactionIndexReader({ doc: e.clients.doc, tables: e.tables }).current(ids);
    for (const id of ids) expect(indexed.get(id)?.item).toMatchObject({ version: 9, amount: '1.00' });
    // Nothing left to fix: index and aggregates agree with the live versions.
    const after = await e.job().run({ from: DAYS[0]!, to: DAYS[2]!, runId: 'live-check' });
    expect(after).toMatchObject({ changed: 0, keptNewer: 30 });
    expect(after.userAggregates).toMatchObject({ rewritten: 0, removed: 0 });
    expect(after.merchantAggregates).toMatchObject({ rewritten: 0, removed: 0 });
  });

  test('DuckDB over the same files gives the same row count and sums as the job', async () => {
    const d = await rig('duck');
    const summary = await d.job().run({ from: DAYS[0]!, to: DAYS[2]!, runId: 'duck' });
    const raw = `read_parquet('${lakeDir}/raw/*/*/*.parquet', hive_partitioning=true)`;
    const [counts] = await duck(`
      SELECT count(*)::INTEGER AS rows FROM ${raw} WHERE valid`);
    expect(counts!.rows).toBe(summary.rows);

    // Current state per transaction over every day: a correction may move a transaction to
    // another day, and each day's version must then list it once, on its new day only.
    const [current] = await duck(`
      WITH cur AS (SELECT * FROM ${raw} WHERE valid
        QUALIFY row_number() OVER (PARTITION BY transaction_id ORDER BY version DESC, arrival DESC) = 1)
      SELECT count(*)::INTEGER AS n, sum(amount)::VARCHAR AS amount,
             sum(amount) FILTER (WHERE status = 'completed' AND transaction_type = 'purchase')::VARCHAR AS purchases
      FROM cur`);
    // The corrected snapshot of the range: exactly the files each day's _LATEST.json names.
    const files: string[] = [];
    for (const day of DAYS) files.push(...(await readLatest(lake, day))!.files);
    const version = `read_parquet([${files.map((f) => `'${lakeDir}/${f}'`).join(', ')}])`;
    const [written] = await duck(
      `SELECT count(*)::INTEGER AS n, count(DISTINCT transaction_id)::INTEGER AS ids,
              sum(amount)::VARCHAR AS amount FROM ${version}`,
    );
    expect(written).toEqual({ n: current!.n, ids: current!.n, amount: current!.amount });
    expect(current!.n).toBe((whole.transactionIndex as unknown[]).length);
    // Some transactions did move day: reduced per day alone, they would be counted twice.
    expect(summary.transactions).toBeGreaterThan(current!.n as number);

    // The same current states against the aggregates.
    const stats = (await snapshot(d)).dailyUserStats as {
      transaction_count: string;
      totals: { purchases: string }[];
    }[];
    const count = stats.reduce((n, s) => n + Number(s.transaction_count.slice(2)), 0);
    const purchases = stats
      .flatMap((s) => s.totals.map((t) => Number(t.purchases.slice(2)) * 100))
      .reduce((a, b) => a + Math.round(b), 0);
    expect(count).toBe(current!.n);
    expect((purchases / 100).toFixed(2)).toBe(current!.purchases);
  });
});
