import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDailyStatsWriter } from '../../src/datasources/dynamo/daily-stats-writer';
import {
  createTransactionIndexReader,
  type TransactionIndexReader,
} from '../../src/datasources/dynamo/transaction-index-reader';
import type { TransactionIndexWriter } from '../../src/datasources/dynamo/transaction-index-writer';
import { createDiskLakeStore } from '../../src/datasources/lake/disk-lake-store';
import type { LakeStore } from '../../src/datasources/lake/lake-store';
import { toRawTransaction, type EnrichedLakeRow } from '../../src/datasources/lake/parquet';
import { createDimensionCache } from '../../src/domain/dimension-cache';
import { enrich } from '../../src/domain/enrich';
import { createRiskConfig } from '../../src/domain/risk-rules';
import type { EnrichedTransaction } from '../../src/domain/types';
import { DAYS, DIMS, generateRows, seedDims } from '../support/reprocess-dataset';
import {
  snapshot,
  startJobRig,
  versionRowsOf,
  writeRawLake,
  type JobOverrides,
  type JobRig,
} from '../support/reprocess-fixtures';

jest.setTimeout(300_000);

const FROM = DAYS[0]!;
const TO = DAYS[2]!;
const KILLED = 'killed';

/** Dry run, a live write racing the job, and crashes at each step of a day, against one clean run. */
describe('reprocess job: dry run, live race, crashes', () => {
  const rows = generateRows(150);
  const dims = createDimensionCache();
  for (const [kind, list] of Object.entries(DIMS))
    for (const d of list) dims.upsert(kind as 'users', d as never);
  let root: string;
  let rawDir: string;
  const rigs: JobRig[] = [];

  /** A rig on its own DynamoDB and its own copy of the raw lake, so versions do not mix. */
  async function rig(name: string): Promise<{ r: JobRig; lake: LakeStore }> {
    const dir = path.join(root, name);
    await fs.cp(rawDir, path.join(dir, 'lake'), { recursive: true });
    const lake = createDiskLakeStore(path.join(dir, 'lake'));
    const r = await startJobRig(path.join(dir, 'db'), lake);
    rigs.push(r);
    await seedDims(r);
    return { r, lake };
  }

  let clean: { tables: Record<string, unknown>; versions: EnrichedLakeRow[] };

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'txgraph-reprocess-faults-'));
    rawDir = path.join(root, 'raw-lake');
    await writeRawLake(createDiskLakeStore(rawDir), rows, 20);
    const { r, lake } = await rig('clean');
    const summary = await r.job().run({ from: FROM, to: TO, runId: 'clean' });
    expect(summary).toMatchObject({ keptNewer: 0, versionsPublished: 3 });
    clean = { tables: await snapshot(r), versions: await versionRowsOf(lake, DAYS) };
    // The data holds corrections that move a transaction to another day, the case versions get wrong.
    const dayOf = new Map(clean.versions.map((v) => [v.transaction_id, v.day]));
    expect(rows.some((row) => !row.timestamp!.startsWith(dayOf.get(row.transaction_id!)!))).toBe(true);
  });
  afterAll(async () => {
    for (const r of rigs) await r.stop();
    await fs.rm(root, { recursive: true, force: true });
  });

  test('--dry-run reports what would change and writes nothing: tables and lake unchanged', async () => {
    const { r, lake } = await rig('dry');
    // The live path indexed the first 60 transactions before any dimension existed.
    const live = rows
      .slice(0, 60)
      .map((row) =>
        enrich(
          { ...toRawTransaction(row)!, arrival: row.arrival },
          createDimensionCache(),
          createRiskConfig(),
          new Date(),
        ),
      );
    const applied = await r.writer.apply(live);
    await r.stats.recomputeUserDays(applied.userDays);
    await r.stats.recomputeMerchantDays(applied.merchantDays);
    const tables = await snapshot(r);
    const objects = await lake.list('');

    const summary = await r.job().run({ from: FROM, to: TO, dryRun: true });
    expect(summary).toMatchObject({ dryRun: true, lakeFiles: 0, versionsPublished: 0, versionsAmended: 0 });
    expect(summary.changed).toBeGreaterThan(0);
    expect(summary.userAggregates.unchanged).toBeGreaterThan(0);
    expect(await snapshot(r)).toEqual(tables);
    expect(await lake.list('')).toEqual(objects);
    expect(await lake.list('enriched/')).toEqual([]);
  });

  test('a live write landing between the job’s read and its apply survives and is reported kept newer', async () => {
    const { r, lake } = await rig('race');
    const real = createTransactionIndexReader({ doc: r.clients.doc, tables: r.tables });
    // Transactions with a single version, all on the first day: their live version 9 stays there.
    const simple = [...new Set(rows.map((row) => row.transaction_id!))].filter((id) =>
      rows
        .filter((row) => row.transaction_id === id)
        .every((row) => row.version === 0 && row.timestamp!.startsWith(FROM)),
    );
    let raced: EnrichedTransaction[] = [];
    const reader: TransactionIndexReader = {
      async current(ids) {
        const read = await real.current(ids);
        if (raced.length === 0) {
          // The live indexer, right after the job read the heads and before it writes.
          raced = simple
            .filter((id) => ids.includes(id))
            .slice(0, 5)
            .map((id, i) => {
              const raw = toRawTransaction(rows.find((row) => row.transaction_id === id)!)!;
              const arrival = `9${String(i).padStart(12, '0')}:00000:00000000000000000000`;
              return enrich(
                { ...raw, version: 9, amount: '1.00', arrival },
                dims,
                createRiskConfig(),
                new Date(),
              );
            });
          const result = await r.writer.apply(raced);
          await r.stats.recomputeUserDays(result.userDays);
          await r.stats.recomputeMerchantDays(result.merchantDays);
        }
        return read;
      },
    };
    const summary = await r.job({ reader }).run({ from: FROM, to: TO, runId: 'race' });
    expect(raced).toHaveLength(5);
    expect(summary.keptNewer).toBe(5);

    const ids = raced.map((t) => t.transaction_id);
    const indexed = await real.current(ids);
    for (const id of ids) expect(indexed.get(id)?.item).toMatchObject({ version: 9, amount: '1.00' });
    // The version holds what the index holds: the live version 9, once.
    const versions = (await versionRowsOf(lake, DAYS)).filter((v) => ids.includes(v.transaction_id));
    expect(versions.map((v) => [v.transaction_id, v.version, v.day])).toEqual(
      [...ids].sort().map((id) => [id, 9, FROM]),
    );
    // Index and aggregates already agree with a recomputation that includes the live versions.
    const check = await r.job().run({ from: FROM, to: TO, runId: 'race-check' });
    expect(check).toMatchObject({ changed: 0, keptNewer: 5 });
    expect(check.userAggregates).toMatchObject({ rewritten: 0, removed: 0 });
    expect(check.merchantAggregates).toMatchObject({ rewritten: 0, removed: 0 });
  });

  /** A function that fails (the process "dies") on the first call `when` accepts. */
  function dieOnce<A extends unknown[], T>(fn: (...a: A) => Promise<T>, when: (...a: A) => boolean) {
    let died = false;
    return (...args: A): Promise<T> => {
      if (died || !when(...args)) return fn(...args);
      died = true;
      return Promise.reject(new Error(KILLED));
    };
  }

  function failingLake(lake: LakeStore, when: (key: string) => boolean): LakeStore {
    return {
      url: lake.url,
      get: (k) => lake.get(k),
      list: (p) => lake.list(p),
      put: dieOnce((k: string, b: Buffer) => lake.put(k, b), when),
    };
  }

  const second = `dt=${DAYS[1]}/`;
  const faults: [string, (r: JobRig, lake: LakeStore) => JobOverrides][] = [
    [
      'at the index apply',
      (r) => ({
        index: {
          apply: dieOnce(
            (records: readonly EnrichedTransaction[]) => r.writer.apply(records),
            (records) => records.some((t) => t.day === DAYS[1]),
          ),
        } as TransactionIndexWriter,
      }),
    ],
    [
      'at the stats recompute',
      (r) => {
        let day = 0;
        return {
          newStatsWriter: () => {
            const writer = createDailyStatsWriter({ doc: r.clients.doc, tables: r.tables });
            // One writer per day: the second day's user recompute dies.
            const isSecondDay = ++day === 2;
            return { ...writer, recomputeUserDays: dieOnce(writer.recomputeUserDays, () => isSecondDay) };
          },
        };
      },
    ],
    [
      'at the lake put of a version file',
      (_r, lake) => ({ lakeStore: failingLake(lake, (k) => k.includes(second) && k.includes('/part-rp.')) }),
    ],
    [
      'between the version files and the shard checkpoint',
      (_r, lake) => ({ lakeStore: failingLake(lake, (k) => k.includes(second) && k.includes('/shard-')) }),
    ],
  ];

  const cases = faults.flatMap(([name, fault]) => [
    [name, 'the same run id (the retried pod)', fault] as const,
    [name, 'another run id (an operator starting afresh)', fault] as const,
  ]);

  let faultRigs = 0;
  test.each(cases)(
    'killed %s, rerun with %s: converges to the clean tables and versions',
    async (_f, rerun, fault) => {
      const { r, lake } = await rig(`fault-${faultRigs++}`);
      await expect(r.job(fault(r, lake)).run({ from: FROM, to: TO, runId: 'first' })).rejects.toThrow(KILLED);
      expect(await snapshot(r)).not.toEqual(clean.tables);

      const same = rerun.startsWith('the same');
      const again = await r.job().run({ from: FROM, to: TO, runId: same ? 'first' : 'second' });
      // The same run skips the day it had finished; the moves it applied before dying are found again.
      expect(again.daysResumed).toBe(same ? 1 : 0);
      expect(await snapshot(r)).toEqual(clean.tables);
      expect(await versionRowsOf(lake, DAYS)).toEqual(clean.versions);

      const settled = await r.job().run({ from: FROM, to: TO, runId: 'third' });
      expect(settled).toMatchObject({ changed: 0, keptNewer: 0 });
      expect(settled.userAggregates).toMatchObject({ rewritten: 0, removed: 0 });
      expect(settled.merchantAggregates).toMatchObject({ rewritten: 0, removed: 0 });
    },
  );
});
