import fs from 'node:fs/promises';
import Decimal from 'decimal.js';
import { eventually, makeDataDir, ndjson, startTestService } from '../support/service-harness';

jest.setTimeout(90_000);

const USERS = ['r-1', 'r-2', 'r-3', 'r-4', 'r-5'];

/** A known stream: 500 distinct purchases plus 100 re-sent duplicates, deterministic. */
function stream() {
  const events: Record<string, unknown>[] = [];
  for (let i = 0; i < 500; i++) {
    events.push({
      transaction_id: `rs-${i}`,
      user_id: USERS[i % USERS.length],
      merchant_id: `rm-${i % 7}`,
      payment_method_id: 'pm-1',
      amount: `${(i * 37) % 900}.${String((i * 13) % 100).padStart(2, '0')}`.replace(/^0\./, '1.'),
      currency: 'USD',
      transaction_type: 'purchase',
      timestamp: Date.parse('2026-03-05T00:00:00Z') + i * 60_000,
      status: 'completed',
    });
  }
  for (let i = 0; i < 100; i++) events.push(events[(i * 7) % 500]!);
  return events;
}

function expectedPerUser(events: Record<string, unknown>[]) {
  const distinct = new Map(events.map((e) => [e.transaction_id as string, e]));
  const out = new Map<string, { count: number; sum: Decimal }>();
  for (const e of distinct.values()) {
    const u = e.user_id as string;
    const cur = out.get(u) ?? { count: 0, sum: new Decimal(0) };
    out.set(u, { count: cur.count + 1, sum: cur.sum.plus(e.amount as string) });
  }
  return out;
}

it('loses nothing and counts nothing twice when stopped mid-stream and started again on the same data', async () => {
  const dataDir = await makeDataDir();
  const events = stream();
  const first = await startTestService(dataDir);
  for (let i = 0; i < events.length; i += 150) {
    const res = await first.post('/v1/transactions', ndjson(events.slice(i, i + 150)));
    expect(res.status).toBe(200);
  }
  const metrics = await (await fetch(`${first.service.url}/metrics`)).text();
  const indexedAtStop = Number(
    /txgraph_events_out_total\{worker="indexer",sink="TransactionIndex"\} (\d+)/.exec(metrics)?.[1] ?? 0,
  );
  await first.stop(); // the pipeline is still busy: batches in flight, offsets not yet committed
  // Guard against a vacuous pass: the first run must not have finished the stream.
  expect(indexedAtStop).toBeLessThan(500);

  const second = await startTestService(dataDir);
  try {
    const expected = expectedPerUser(events);
    const q = `query ($u: ID!) { dailyUserStats(userId: $u, from: "2026-03-05", to: "2026-03-05") { transactionCount totals { currency purchases net } } }`;
    for (const [user, want] of expected) {
      const row = await eventually(async () => {
        const r = await second.gql<{
          dailyUserStats: { transactionCount: number; totals: { purchases: string }[] }[];
        }>(q, { u: user });
        const stats = r.data?.dailyUserStats[0];
        return stats && stats.transactionCount >= want.count ? stats : undefined;
      }, 40_000);
      expect(row.transactionCount).toBe(want.count);
      expect(row.totals).toEqual([
        { currency: 'USD', purchases: want.sum.toFixed(2), net: want.sum.toFixed(2) },
      ]);
    }
  } finally {
    await second.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
});
