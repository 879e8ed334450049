import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { silentLogger } from '../../../src/app/logger';
import { createMetrics } from '../../../src/app/metrics';
import { createTables } from '../../../src/datasources/dynamo/create-tables';
import {
  createDailyStatsWriter,
  type DailyStatsWriter,
} from '../../../src/datasources/dynamo/daily-stats-writer';
import { createStatsDirtyMarks } from '../../../src/datasources/dynamo/stats-dirty-marks';
import { fromStatsItem } from '../../../src/datasources/dynamo/stats-item';
import { tableNames } from '../../../src/datasources/dynamo/table-names';
import { createTransactionIndexWriter } from '../../../src/datasources/dynamo/transaction-index-writer';
import { aggregateDay } from '../../../src/domain/aggregate';
import type { EnrichedTransaction } from '../../../src/domain/types';
import { createMerchantStatsRefresher } from '../../../src/workers/merchant-stats-refresher';
import { eventually } from '../../support/service-harness';
import { tx } from '../../support/enriched-tx';
import { useEmbeddedDynamo } from '../../support/embedded-dynamo-suite';

jest.setTimeout(60_000);

const clients = useEmbeddedDynamo('txgraph-refresher-');
let prefix = 0;

async function rig() {
  const tables = tableNames(`r${++prefix}_`);
  await createTables(clients().raw, tables);
  const index = createTransactionIndexWriter({ doc: clients().doc, tables });
  const stats = createDailyStatsWriter({ doc: clients().doc, tables });
  const marks = createStatsDirtyMarks({ doc: clients().doc, tables });
  const metrics = createMetrics();
  /** What the indexer does with a batch, minus the user-day stats. */
  async function indexBatch(records: EnrichedTransaction[]) {
    const result = await index.apply(records);
    await marks.mark(result.merchantDays);
  }
  async function merchantRow(merchantId: string, day: string) {
    const out = await clients().doc.send(
      new GetCommand({
        TableName: tables.dailyMerchantStats,
        Key: { merchant_id: merchantId, date: day },
        ConsistentRead: true,
      }),
    );
    return out.Item ? fromStatsItem(out.Item) : null;
  }
  const refresher = (statsWriter: DailyStatsWriter = stats) =>
    createMerchantStatsRefresher({
      marks,
      stats: statsWriter,
      logger: silentLogger(),
      metrics,
      intervalMs: 20,
    });
  return { tables, stats, marks, metrics, indexBatch, merchantRow, refresher };
}

const DAY = '2026-03-01';

test('marking a merchant-day twice leaves one mark, and a mark re-marked since listing is not cleared', async () => {
  const r = await rig();
  await r.marks.mark([
    { id: 'm-1', day: DAY },
    { id: 'm-1', day: DAY },
    { id: 'm-2', day: DAY },
  ]);
  const listed = await r.marks.list(100);
  expect(listed.map((m) => m.key).sort((a, b) => a.id.localeCompare(b.id))).toEqual([
    { id: 'm-1', day: DAY },
    { id: 'm-2', day: DAY },
  ]);
  await r.marks.mark([{ id: 'm-1', day: DAY }]);
  const m1 = listed.find((m) => m.key.id === 'm-1')!;
  const m2 = listed.find((m) => m.key.id === 'm-2')!;
  expect(await r.marks.clear(m1)).toBe(false);
  expect(await r.marks.clear(m2)).toBe(true);
  expect((await r.marks.list(100)).map((m) => m.key.id)).toEqual(['m-1']);
});

test('recomputes every marked merchant-day from the index and clears the marks', async () => {
  const r = await rig();
  const records = [
    tx({ transaction_id: 'a', user_id: 'u-1', merchant_id: 'm-1', amount: '0.10' }),
    tx({ transaction_id: 'b', user_id: 'u-2', merchant_id: 'm-1', amount: '0.20', risk_score: 55 }),
    tx({ transaction_id: 'c', user_id: 'u-3', merchant_id: 'm-2', amount: '7.00', flagged: true }),
    tx({ transaction_id: 'd', user_id: 'u-1', merchant_id: 'm-1', timestamp: '2026-03-02T00:00:00.000Z' }),
  ];
  await r.indexBatch(records);
  const refresher = r.refresher();
  refresher.start();
  try {
    // `pending` is what the latest round listed, so it reads 0 one round after the marks went.
    await eventually(async () =>
      (await r.marks.list(10)).length === 0 && refresher.status().pending === 0 ? true : undefined,
    );
  } finally {
    await refresher.stop();
  }
  expect(await r.merchantRow('m-1', DAY)).toEqual(aggregateDay(records.slice(0, 2)));
  expect((await r.merchantRow('m-1', DAY))?.totals[0]?.purchases).toBe('0.30');
  expect(await r.merchantRow('m-2', DAY)).toEqual(aggregateDay([records[2]!]));
  expect(await r.merchantRow('m-1', '2026-03-02')).toEqual(aggregateDay([records[3]!]));
  expect(refresher.status()).toMatchObject({ healthy: true, lastError: null, pending: 0 });
  expect(await r.metrics.registry.getSingleMetricAsString('txgraph_merchant_stats_refreshed_total')).toMatch(
    /txgraph_merchant_stats_refreshed_total 3/,
  );
});

test('a batch indexed while its row is being recomputed is picked up by the next round', async () => {
  const r = await rig();
  const first = tx({ transaction_id: 'x1', merchant_id: 'm-1', amount: '1.00' });
  const late = tx({ transaction_id: 'x2', user_id: 'u-9', merchant_id: 'm-1', amount: '2.00' });
  await r.indexBatch([first]);
  let injected = false;
  // The late batch lands after the refresher listed the mark and while it recomputes, so the
  // recompute may or may not see it; only the re-mark can make sure it is counted.
  const racing: DailyStatsWriter = {
    ...r.stats,
    recomputeMerchantDays: async (keys) => {
      const out = await r.stats.recomputeMerchantDays(keys);
      if (!injected) {
        injected = true;
        await r.indexBatch([late]);
      }
      return out;
    },
  };
  const refresher = r.refresher(racing);
  refresher.start();
  try {
    await eventually(async () => (injected && (await r.marks.list(10)).length === 0 ? true : undefined));
  } finally {
    await refresher.stop();
  }
  expect(await r.merchantRow('m-1', DAY)).toEqual(aggregateDay([first, late]));
});

test('marks outlive a refresher that failed or stopped: the next one recomputes the rows', async () => {
  const r = await rig();
  const record = tx({ transaction_id: 'p1', merchant_id: 'm-7', amount: '3.30' });
  await r.indexBatch([record]);
  const throttled: DailyStatsWriter = {
    ...r.stats,
    recomputeMerchantDays: async () => {
      throw new Error('ProvisionedThroughputExceededException');
    },
  };
  const failing = r.refresher(throttled);
  failing.start();
  await eventually(async () => (failing.status().lastError ? true : undefined));
  expect(failing.status().lastError).toBe('ProvisionedThroughputExceededException');
  await failing.stop();
  expect(await r.merchantRow('m-7', DAY)).toBeNull();
  expect((await r.marks.list(10)).map((m) => m.key)).toEqual([{ id: 'm-7', day: DAY }]);

  const next = r.refresher();
  next.start();
  try {
    await eventually(async () => ((await r.marks.list(10)).length === 0 ? true : undefined));
  } finally {
    await next.stop();
  }
  expect(await r.merchantRow('m-7', DAY)).toEqual(aggregateDay([record]));
});
