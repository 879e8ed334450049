import fs from 'node:fs/promises';
import path from 'node:path';
import {
  DIMENSIONS,
  EVENTS,
  EXPECTED_STATS,
  STATS,
  TRANSACTION,
  statsSettled,
} from '../support/pipeline-fixtures';
import {
  KEYS,
  eventually,
  makeDataDir,
  ndjson,
  startTestService,
  type TestService,
} from '../support/service-harness';

jest.setTimeout(60_000);

describe('embedded pipeline end to end', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService(await makeDataDir());
    for (const [kind, rows] of Object.entries(DIMENSIONS)) {
      const res = await svc.post(`/v1/dimensions/${kind}`, ndjson(rows));
      expect(res).toEqual({ status: 200, json: { accepted: rows.length, rejected: [] } });
    }
    // Dimensions must be in the enrichment cache before the events, as they would be in production.
    await eventually(async () =>
      (await svc.gql(`{ user(id: "u-2") { id } }`)).data?.user ? true : undefined,
    );
  });
  afterAll(async () => {
    await svc?.stop();
    await fs.rm(svc.dataDir, { recursive: true, force: true });
  });

  it('answers each ingest line with accepted or a reason', async () => {
    const res = await svc.post('/v1/transactions', ndjson(EVENTS));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      accepted: 9,
      rejected: [{ index: 8, reason: 'invalid_amount', field: 'amount', message: expect.any(String) }],
    });
  });

  it('indexes the current state of each transaction, to the cent', async () => {
    const t5 = await eventually(async () => {
      const r = await svc.gql<{ transaction: Record<string, unknown> | null }>(TRANSACTION, { id: 't-5' });
      return r.data?.transaction?.version === 1 ? r.data.transaction : undefined;
    });
    expect(t5).toEqual({
      id: 't-5',
      userId: 'u-1',
      merchantId: 'm-1',
      merchantCategory: 'grocery',
      paymentMethodId: 'pm-1',
      productId: null,
      amount: '55.00',
      currency: 'USD',
      amountUsd: '55.00',
      transactionType: 'purchase',
      status: 'completed',
      timestamp: '2026-03-01T13:00:00.000Z',
      day: '2026-03-01',
      version: 1,
      riskScore: 24,
      riskReasons: ['user_risk_score'],
      flagged: false,
      dimensionMisses: [],
      user: { id: 'u-1', firstName: 'Ada', email: 'ada@example.com', segment: 'standard', riskScore: 40 },
      merchant: { id: 'm-1', name: 'Corner Grocer', category: 'grocery', riskCategory: 'low' },
      paymentMethod: { id: 'pm-1', methodType: 'card', providerName: 'Visa' },
    });
    const t2 = (await svc.gql<{ transaction: Record<string, unknown> }>(TRANSACTION, { id: 't-2' })).data!
      .transaction;
    expect(t2).toMatchObject({
      amount: '0.10',
      currency: 'EUR',
      amountUsd: '0.11',
      day: '2026-03-01',
      timestamp: '2026-03-01T23:59:59.999Z',
    });
    const t3 = (await svc.gql<{ transaction: Record<string, unknown> }>(TRANSACTION, { id: 't-3' })).data!
      .transaction;
    expect(t3).toMatchObject({
      amount: '0.20',
      amountUsd: '0.22',
      day: '2026-03-02',
      timestamp: '2026-03-02T00:00:00.000Z',
    });
    expect((await svc.gql(TRANSACTION, { id: 't-bad' })).data).toEqual({ transaction: null });
  });

  it('flags risky events and fills a late merchant through the loader', async () => {
    const before = await eventually(
      async () =>
        (await svc.gql<{ transaction: Record<string, unknown> | null }>(TRANSACTION, { id: 't-6' })).data
          ?.transaction ?? undefined,
    );
    // 0.6×80 = 48, + high-risk segment 10, + unknown merchant 10, + USD ≥ 1,000 10 = 78 ≥ 70
    expect(before).toMatchObject({
      riskScore: 78,
      riskReasons: ['user_risk_score', 'merchant_missing', 'high_risk_segment', 'amount_usd_over_1000'],
      flagged: true,
      dimensionMisses: ['merchant'],
      merchant: null,
      merchantCategory: null,
    });
    const late = {
      merchant_id: 'm-9',
      merchant_name: 'Late Electronics',
      category: 'electronics',
      risk_category: 'high',
      status: 'active',
    };
    expect((await svc.post('/v1/dimensions/merchants', ndjson([late]))).json).toEqual({
      accepted: 1,
      rejected: [],
    });
    const after = await eventually(async () => {
      const t = (
        await svc.gql<{ transaction: { merchant: { name: string } | null } }>(TRANSACTION, { id: 't-6' })
      ).data?.transaction;
      return t?.merchant ? t : undefined;
    });
    // The stored enrichment keeps what was known then; the reprocess job re-enriches it.
    expect(after).toMatchObject({
      merchant: { id: 'm-9', name: 'Late Electronics', category: 'electronics' },
      merchantCategory: null,
      dimensionMisses: ['merchant'],
    });
  });

  it('aggregates per user and merchant per UTC day with duplicates and corrections counted once', async () => {
    // User-days are written by the indexer, merchant-days a moment later by the refresher, and
    // topMerchants' names come from the dimension tables: wait until all of them have settled.
    const r = await eventually(async () => {
      const res = await svc.gql<typeof EXPECTED_STATS>(STATS, { u: 'u-1', m: 'm-1' });
      return statsSettled(res.data) ? res.data : undefined;
    }).catch(async (error: unknown) => {
      // Show the difference rather than only the timeout.
      expect((await svc.gql(STATS, { u: 'u-1', m: 'm-1' })).data).toEqual(EXPECTED_STATS);
      throw error;
    });
    expect(r).toEqual(EXPECTED_STATS);
  });

  it("pages a user's transactions newest first with cursors", async () => {
    const q = `query ($after: String) { transactions(userId: "u-1", first: 2, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`;
    type Page = {
      transactions: {
        edges: { node: { id: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    };
    const ids: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const page: Page = (await svc.gql<Page>(q, { after })).data!;
      ids.push(...page.transactions.edges.map((e) => e.node.id));
      if (!page.transactions.pageInfo.hasNextPage) break;
      after = page.transactions.pageInfo.endCursor;
    }
    expect(ids).toEqual(['t-3', 't-2', 't-5', 't-4', 't-1']);
  });

  it('masks PII for analysts only', async () => {
    const q = `{ user(id: "u-1") { email phone firstName } }`;
    const analyst = (await svc.gql<{ user: Record<string, string> }>(q, {}, KEYS.analyst)).data!.user;
    expect(analyst.email).not.toContain('ada@');
    expect(analyst.phone).not.toBe('+447700900123');
    expect((await svc.gql(q, {}, KEYS.fraud)).data).toEqual({
      user: { email: 'ada@example.com', phone: '+447700900123', firstName: 'Ada' },
    });
    const anonymous = await fetch(`${svc.service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: q }),
    });
    expect(anonymous.status).toBe(401);
  });

  it('archives raw and enriched records to the Parquet lake by day and type', async () => {
    const lake = path.join(svc.dataDir, 'lake');
    const files = await eventually(async () => {
      const found = await listFiles(lake);
      const wanted = [
        'raw/dt=2026-03-01/event_type=purchase',
        'raw/dt=2026-03-01/event_type=refund',
        'enriched/dt=2026-03-02/event_type=purchase',
        'enriched/dt=2026-03-01/event_type=refund',
      ];
      return wanted.every((w) => found.some((f) => f.startsWith(w) && f.endsWith('.parquet')))
        ? found
        : undefined;
    });
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  it('reports health, readiness and metrics', async () => {
    expect((await fetch(`${svc.service.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${svc.service.url}/readyz`);
    expect(ready.status).toBe(200);
    const metrics = await (await fetch(`${svc.service.url}/metrics`)).text();
    expect(metrics).toMatch(/txgraph_ingest_rejected_total\{kind="transactions",reason="invalid_amount"\} 1/);
    expect(metrics).toMatch(/txgraph_events_in_total\{worker="enrichment",topic="transactions"\} 9/);
  });
});

async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(dir: string): Promise<void> {
    for (const e of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else out.push(path.relative(root, full));
    }
  }
  await walk(root);
  return out;
}
