import { PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTables } from '../../../src/datasources/dynamo/create-tables';
import { createDailyStatsWriter } from '../../../src/datasources/dynamo/daily-stats-writer';
import { fromStatsItem } from '../../../src/datasources/dynamo/stats-item';
import { tableNames } from '../../../src/datasources/dynamo/table-names';
import { createTransactionIndexWriter } from '../../../src/datasources/dynamo/transaction-index-writer';
import { indexSortKey } from '../../../src/datasources/dynamo/transaction-item';
import { aggregateDay } from '../../../src/domain/aggregate';
import { pickCurrent } from '../../../src/domain/current-state';
import type { EnrichedTransaction } from '../../../src/domain/types';
import { tx } from '../../support/enriched-tx';
import { useEmbeddedDynamo } from '../../support/embedded-dynamo-suite';

jest.setTimeout(60_000);

const clients = useEmbeddedDynamo('txgraph-dynamo-');
let prefix = 0;

/** Fresh tables per test, so tests never see each other's rows. */
async function freshStores() {
  const tables = tableNames(`t${++prefix}_`);
  await createTables(clients().raw, tables);
  const index = createTransactionIndexWriter({ doc: clients().doc, tables });
  const stats = createDailyStatsWriter({ doc: clients().doc, tables });
  async function apply(records: EnrichedTransaction[], writer = { index, stats }) {
    const r = await writer.index.apply(records);
    await writer.stats.recomputeUserDays(r.userDays);
    await writer.stats.recomputeMerchantDays(r.merchantDays);
    return r;
  }
  async function scan(table: string) {
    const out = await clients().doc.send(new ScanCommand({ TableName: table, ConsistentRead: true }));
    return (out.Items ?? []) as Record<string, unknown>[];
  }
  return { tables, index, stats, apply, scan };
}

function purchasesOf(rows: Record<string, unknown>[]) {
  return rows
    .map((r) => ({
      id: r.user_id ?? r.merchant_id,
      date: r.date,
      count: Number(String(r.transaction_count)),
    }))
    .sort((a, b) => `${a.id}${a.date}`.localeCompare(`${b.id}${b.date}`));
}

it('keeps one item per transaction when a correction moves it to another day, and empties the old day', async () => {
  const s = await freshStores();
  const v0 = tx({ transaction_id: 'c1', timestamp: '2026-03-01T23:59:59.999Z' });
  const v1 = tx({ transaction_id: 'c1', version: 1, timestamp: '2026-03-02T00:00:00.000Z', amount: '12.00' });
  await s.apply([v0]);
  await s.apply([v1]);
  await s.apply([v0]); // a stale replay must change nothing
  const items = await s.scan(s.tables.transactionIndex);
  expect(items.map((i) => i.sk)).toEqual([indexSortKey(v1)]);
  expect(purchasesOf(await s.scan(s.tables.dailyUserStats))).toEqual([
    { id: 'u', date: '2026-03-02', count: 1 },
  ]);
  expect(purchasesOf(await s.scan(s.tables.dailyMerchantStats))).toEqual([
    { id: 'm', date: '2026-03-02', count: 1 },
  ]);
});

it('reports the place a concurrent writer gave the transaction between its head read and its write', async () => {
  const s = await freshStores();
  const v0 = tx({ transaction_id: 'race', timestamp: '2026-03-01T10:00:00.000Z' });
  const v1 = tx({ transaction_id: 'race', version: 1, timestamp: '2026-03-02T10:00:00.000Z' });
  const other = createTransactionIndexWriter({ doc: clients().doc, tables: s.tables });
  let raced = false;
  // Another shard applies v0 after this writer read "no head" and before its head write.
  const doc = {
    async send(command: unknown) {
      const table = (command as { input?: { TableName?: string } }).input?.TableName;
      if (!raced && command instanceof PutCommand && table === s.tables.transactionHeads) {
        raced = true;
        await other.apply([v0]);
      }
      return clients().doc.send(command as PutCommand);
    },
  } as unknown as DynamoDBDocumentClient;
  const writer = createTransactionIndexWriter({ doc, tables: s.tables });

  const result = await writer.apply([v1]);

  expect(raced).toBe(true);
  expect(result.applied).toBe(1);
  expect(result.left.get('race')).toEqual([{ user_id: 'u', day: '2026-03-01' }]);
  const items = await s.scan(s.tables.transactionIndex);
  expect(items.map((i) => i.sk)).toEqual([indexSortKey(v1)]);
});

it('heals after a crash between the head write and the item write', async () => {
  const s = await freshStores();
  const v0 = tx({ transaction_id: 'k1', timestamp: '2026-03-01T08:00:00.000Z' });
  const v1 = tx({ transaction_id: 'k1', version: 1, timestamp: '2026-03-03T08:00:00.000Z' });
  await s.apply([v0]);
  // Simulate the crash: the head already names v1 (with v0's location superseded), no item yet.
  await clients().doc.send(
    new PutCommand({
      TableName: s.tables.transactionHeads,
      Item: {
        transaction_id: 'k1',
        version: 1,
        arrival: v1.arrival,
        user_id: 'u',
        sk: indexSortKey(v1),
        merchant_id: 'm',
        day: v1.day,
        superseded: [{ user_id: 'u', sk: indexSortKey(v0), merchant_id: 'm', day: v0.day }],
      },
    }),
  );
  await s.apply([v1]); // the redelivery after restart
  expect((await s.scan(s.tables.transactionIndex)).map((i) => i.sk)).toEqual([indexSortKey(v1)]);
  expect(purchasesOf(await s.scan(s.tables.dailyUserStats))).toEqual([
    { id: 'u', date: '2026-03-03', count: 1 },
  ]);
});

it('converges to a recomputation from the current states under duplicates, reordering and two racing writers', async () => {
  const s = await freshStores();
  // Two independent writers (as two replicas would be) sharing one merchant.
  const other = {
    index: createTransactionIndexWriter({ doc: clients().doc, tables: s.tables }),
    stats: createDailyStatsWriter({ doc: clients().doc, tables: s.tables }),
  };
  const all: EnrichedTransaction[] = [];
  for (let i = 0; i < 120; i++) {
    const base = tx({ transaction_id: `r${i}`, user_id: `u${i % 2}`, amount: `${(i % 9) + 1}.0${i % 10}` });
    all.push(base);
    if (i % 5 === 0) all.push(tx({ ...base, version: 1, status: 'failed' }));
    if (i % 3 === 0) all.push(base); // exact duplicate
  }
  const shuffled = [...all].sort(
    (a, b) => (a.arrival > b.arrival ? 1 : -1) * ((a.transaction_id.length % 2) * 2 - 1),
  );
  const forA = shuffled.filter((r) => r.user_id === 'u0');
  const forB = shuffled.filter((r) => r.user_id === 'u1');
  const batches = (rs: EnrichedTransaction[]) =>
    Array.from({ length: 6 }, (_, k) => rs.filter((_, j) => j % 6 === k));
  await Promise.all([
    (async () => {
      for (const b of batches(forA)) await s.apply(b);
    })(),
    (async () => {
      for (const b of batches(forB)) await s.apply(b, other);
    })(),
  ]);
  const expected = aggregateDay(pickCurrent(all));
  const merchantRows = await s.scan(s.tables.dailyMerchantStats);
  expect(merchantRows).toHaveLength(1);
  expect(fromStatsItem(merchantRows[0]!)).toEqual(expected);
  const userRows = await s.scan(s.tables.dailyUserStats);
  for (const user of ['u0', 'u1']) {
    const row = userRows.find((r) => r.user_id === user)!;
    expect(fromStatsItem(row)).toEqual(aggregateDay(pickCurrent(all.filter((t) => t.user_id === user))));
  }
  expect((await s.scan(s.tables.transactionIndex)).length).toBe(120);
});
