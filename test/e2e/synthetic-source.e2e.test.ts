import fs from 'node:fs/promises';
import { seedDimensions } from '../../src/synthetic/seed-dimensions';
import { eventually, makeDataDir, startTestService, type TestService } from '../support/service-harness';

jest.setTimeout(90_000);

/** Issue 2: with the built-in source on, the dashboards and the DLQ show something real within seconds. */
const WITHIN_MS = 20_000;
/** 0.5 % of the events are invalid: one every 2 s on average at this rate. */
const RATE = 100;
/**
 * Invalid events are drawn at random, so the first may come late: with the stream starting only
 * once the seed is readable (seconds, more on a loaded CI machine), a CI run once saw none in 20 s.
 * 40 s leaves ≥ 2,500 events even after 15 s of seeding: none invalid has odds 0.995^2500 ≈ 4e-6.
 */
const DLQ_WITHIN_MS = 40_000;

const today = () => new Date().toISOString().slice(0, 10);

/** Sum of every series of a counter, e.g. all reasons of txgraph_dlq_total. */
function counterTotal(text: string, name: string): number {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

describe('the synthetic payment source', () => {
  let svc: TestService;
  let startedAt = 0;
  /** Time left of `within` since the service started. */
  const left = (within = WITHIN_MS) => Math.max(0, startedAt + within - Date.now());
  beforeAll(async () => {
    svc = await startTestService(await makeDataDir(), { SOURCE_RATE: String(RATE) });
    startedAt = Date.now();
  });
  afterAll(async () => {
    await svc?.stop();
    if (svc) await fs.rm(svc.dataDir, { recursive: true, force: true });
  });
  const metrics = async () => (await fetch(`${svc.service.url}/metrics`)).text();

  it('sends invalid events to the DLQ', async () => {
    const dead = await eventually(async () => {
      const n = counterTotal(await metrics(), 'txgraph_dlq_total');
      return n > 0 ? n : undefined;
    }, left(DLQ_WITHIN_MS));
    expect(dead).toBeGreaterThan(0);
  });

  it("indexes transactions and ranks today's merchants", async () => {
    const indexed = await eventually(async () => {
      const text = await metrics();
      const n = counterTotal(text, 'txgraph_events_out_total{worker="indexer",sink="TransactionIndex"}');
      return n > 0 ? n : undefined;
    }, left());
    expect(indexed).toBeGreaterThan(0);
    type Top = {
      topMerchants: { merchantId: string; transactionCount: number }[];
    };
    const top = await eventually(async () => {
      const r = await svc.gql<Top>(
        `query ($d: Date!) { topMerchants(date: $d, by: COUNT, limit: 5) { merchantId transactionCount } }`,
        { d: today() },
      );
      return r.data && r.data.topMerchants.length > 0 ? r.data.topMerchants : undefined;
    }, left());
    for (const row of top) {
      expect(row.merchantId).toMatch(/^m-00[0-2]\d\d$/);
      expect(row.transactionCount).toBeGreaterThan(0);
    }
  });
  // The source starts its stream only once the API can read the whole seed, so by the time a
  // transaction is indexed (the test above waited for one) every seeded row answers at once.
  it('seeds 2,000 users and 300 merchants, readable before the first transaction', async () => {
    const seed = seedDimensions();
    expect([seed.users.length, seed.merchants.length]).toEqual([2000, 300]);
    const { users, merchants } = seed;
    const q = `query ($first: ID!, $last: ID!, $past: ID!, $m0: ID!, $mLast: ID!, $mPast: ID!) {
      first: user(id: $first) { id } last: user(id: $last) { id } past: user(id: $past) { id }
      m0: merchant(id: $m0) { id } mLast: merchant(id: $mLast) { id } mPast: merchant(id: $mPast) { id } }`;
    const ids = {
      first: users[0]!.user_id,
      last: users[1999]!.user_id,
      past: 'u-02000', // one past the seed's last id: the tables hold the seed and no more
      m0: merchants[0]!.merchant_id,
      mLast: merchants[299]!.merchant_id,
      mPast: 'm-00300',
    };
    expect([ids.last, ids.mLast]).toEqual(['u-01999', 'm-00299']);
    const text = await metrics();
    expect(
      counterTotal(text, 'txgraph_events_out_total{worker="indexer",sink="TransactionIndex"}'),
    ).toBeGreaterThan(0);
    const { data } = await svc.gql<Record<string, { id: string } | null>>(q, ids);
    expect(data).toEqual({
      first: { id: ids.first },
      last: { id: ids.last },
      past: null,
      m0: { id: ids.m0 },
      mLast: { id: ids.mLast },
      mPast: null,
    });
  });
});
