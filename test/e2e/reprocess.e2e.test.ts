import fs from 'node:fs/promises';
import path from 'node:path';
import { createDiskLakeStore } from '../../src/datasources/lake/disk-lake-store';
import {
  decodeEnrichedRows,
  encodeRawRows,
  partFileKey,
  readPartition,
} from '../../src/datasources/lake/parquet';
import { formatArrival } from '../../src/domain/current-state';
import { readLatest } from '../../src/workers/reprocess/lake-versions';
import {
  eventually,
  makeDataDir,
  ndjson,
  startTestService,
  type TestService,
} from '../support/service-harness';
import { rawRow } from '../support/reprocess-fixtures';
import { ingestLateMerchantScenario, lateL2AfterReprocess } from '../support/late-merchant-scenario';

jest.setTimeout(90_000);

const DAY = '2026-03-05';
const NEXT = '2026-03-06';
const tx = (over: Record<string, unknown>) => ({
  user_id: 'u-1',
  payment_method_id: 'pm-1',
  currency: 'USD',
  transaction_type: 'purchase',
  status: 'completed',
  ...over,
});

const TRANSACTION = `query ($id: ID!) { transaction(id: $id) {
  id version day amount merchantCategory riskScore riskReasons flagged dimensionMisses merchant { name category riskCategory } } }`;
const STATS = `query ($m: ID!, $u: ID!, $from: Date!, $to: Date!, $day: Date!) {
  merchantDailyStats(merchantId: $m, from: $from, to: $to) { merchantId date transactionCount maxRiskScore totalSpendUsd merchant { name category } }
  dailyUserStats(userId: $u, from: $from, to: $to) { date transactionCount totalSpendUsd maxRiskScore }
  topMerchants(date: $day, by: NET_SPEND) { merchantId maxRiskScore totalSpendUsd merchant { name category } } }`;

type Tx = Record<string, unknown> | null;

/** The rows of the day's corrected version: the files its _LATEST.json names. */
async function latestRows(dataDir: string, day: string) {
  const lake = createDiskLakeStore(path.join(dataDir, 'lake'));
  const latest = await readLatest(lake, day);
  const rows = [];
  for (const key of latest!.files) rows.push(...(await decodeEnrichedRows(await lake.get(key))));
  return rows.map((r) => ({ id: r.transaction_id, version: r.version, day: r.day }));
}

describe('reprocess inside the running service', () => {
  let svc: TestService;
  const transaction = async (id: string) =>
    (await svc.gql<{ transaction: Tx }>(TRANSACTION, { id })).data?.transaction;
  const stats = async (m: string, from = DAY, to = NEXT) =>
    (await svc.gql<Record<string, unknown[]>>(STATS, { m, u: 'u-1', from, to, day: DAY })).data!;

  beforeAll(async () => {
    svc = await startTestService(await makeDataDir());
    await ingestLateMerchantScenario(svc, DAY, tx);
    // Reprocessing reads the lake, so wait until the archiver has landed every raw row there.
    const lake = createDiskLakeStore(path.join(svc.dataDir, 'lake'));
    await eventually(async () => ((await readPartition(lake, 'raw', DAY)).length === 3 ? true : undefined));
    await eventually(async () => ((await transaction('c-1')) ? true : undefined));
  });
  afterAll(async () => {
    await svc?.stop();
    await fs.rm(svc.dataDir, { recursive: true, force: true });
  });

  test('a late merchant reaches Transaction, merchantDailyStats and topMerchants after reprocess', async () => {
    // 0.6 × 40 = 24, + unknown merchant 10 (+ 10 for ≥ 1,000 USD)
    expect(await eventually(() => transaction('l-2'))).toMatchObject({
      riskScore: 44,
      dimensionMisses: ['merchant'],
      merchantCategory: null,
      merchant: null,
    });
    expect((await stats('m-late')).merchantDailyStats).toMatchObject([{ maxRiskScore: 44, merchant: null }]);

    await svc.post(
      '/v1/dimensions/merchants',
      ndjson([
        {
          merchant_id: 'm-late',
          merchant_name: 'Late Electronics',
          category: 'electronics',
          risk_category: 'high',
          status: 'active',
        },
      ]),
    );
    await eventually(async () =>
      (await svc.gql(`{ merchant(id: "m-late") { id } }`)).data?.merchant ? true : undefined,
    );

    const summary = await svc.service.reprocess({ from: DAY, to: DAY });
    expect(summary).toMatchObject({ transactions: 3, changed: 2, unchanged: 1, keptNewer: 0 });

    expect(await transaction('l-2')).toEqual(lateL2AfterReprocess(DAY));
    expect(await transaction('l-1')).toMatchObject({ riskScore: 49, dimensionMisses: [] });
    const after = await stats('m-late');
    const lateStats = { name: 'Late Electronics', category: 'electronics' };
    expect(after.merchantDailyStats).toEqual([
      {
        merchantId: 'm-late',
        date: DAY,
        transactionCount: 2,
        maxRiskScore: 59,
        totalSpendUsd: '2100.00',
        merchant: lateStats,
      },
    ]);
    expect(after.topMerchants![0]).toEqual({
      merchantId: 'm-late',
      maxRiskScore: 59,
      totalSpendUsd: '2100.00',
      merchant: lateStats,
    });

    // The corrected rows are in the lake as the day's new version.
    const latest = await readLatest(createDiskLakeStore(path.join(svc.dataDir, 'lake')), DAY);
    expect(latest).toMatchObject({ run: summary.run, shards: 1, day: DAY });
    expect(latest!.files.length).toBeGreaterThan(0);
  });

  test('a correction in the lake but lost on its way to the index is fixed, emptied rows removed', async () => {
    // Version 2 of c-1 moves it to the next day; it reaches the lake only (a lost live update).
    const logMs = Date.now() + 60_000;
    const row = rawRow(0, {
      transaction_id: 'c-1',
      user_id: 'u-1',
      merchant_id: 'm-1',
      amount: '25.00',
      timestamp: `${NEXT}T09:00:00.000Z`,
      version: 2,
      source_partition: 0,
      source_offset: '999999',
      log_timestamp: new Date(logMs).toISOString(),
      arrival: formatArrival(logMs, 0, '999999'),
    });
    const lake = createDiskLakeStore(path.join(svc.dataDir, 'lake'));
    await lake.put(
      partFileKey({
        dataset: 'raw',
        day: NEXT,
        eventType: 'purchase',
        writerId: 'lost',
        firstLogTimestampMs: logMs,
      }),
      await encodeRawRows([row]),
    );
    expect(await transaction('c-1')).toMatchObject({ version: 0, day: DAY });
    expect((await stats('m-1')).merchantDailyStats).toMatchObject([{ date: DAY, transactionCount: 1 }]);

    const summary = await svc.service.reprocess({ from: DAY, to: NEXT });
    expect(summary.keptNewer).toBe(0);

    expect(await transaction('c-1')).toMatchObject({ version: 2, day: NEXT, amount: '25.00' });
    const after = await stats('m-1');
    // m-1 has no transaction left on DAY: that row is gone, not left at zero.
    expect(after.merchantDailyStats).toEqual([
      {
        merchantId: 'm-1',
        date: NEXT,
        transactionCount: 1,
        maxRiskScore: 24,
        totalSpendUsd: '25.00',
        merchant: { name: 'Corner Grocer', category: 'grocery' },
      },
    ]);
    expect(after.dailyUserStats).toEqual([
      { date: DAY, transactionCount: 2, totalSpendUsd: '2100.00', maxRiskScore: 59 },
      { date: NEXT, transactionCount: 1, totalSpendUsd: '25.00', maxRiskScore: 24 },
    ]);

    // The lake's versions agree: DAY's no longer lists c-1 (it was published with it, while DAY was
    // reprocessed, before NEXT moved it), NEXT's lists version 2, so readers of both count it once.
    expect(await latestRows(svc.dataDir, DAY)).toEqual([
      { id: 'l-1', version: 0, day: DAY },
      { id: 'l-2', version: 0, day: DAY },
    ]);
    expect(await latestRows(svc.dataDir, NEXT)).toEqual([{ id: 'c-1', version: 2, day: NEXT }]);
    expect(summary.versionsAmended).toBe(1);

    // Running it again finds nothing to do.
    const again = await svc.service.reprocess({ from: DAY, to: NEXT });
    expect(again).toMatchObject({ changed: 0, userAggregates: { rewritten: 0, removed: 0 } });
  });
});
