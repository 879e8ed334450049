import fs from 'node:fs/promises';
import path from 'node:path';
import { print } from 'graphql';
import { TransactionByIdDocument, type TransactionByIdQuery } from '../generated/graphql';
import {
  ALL_STATS,
  EVENTS,
  EXPECTED_ALL_STATS,
  EXPECTED_STATS,
  EXPECTED_TRANSACTIONS,
  LATE_MERCHANT,
  STATS,
  answers,
  postDimensions,
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

const BY_ID = print(TransactionByIdDocument);
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('embedded pipeline end to end', () => {
  let svc: TestService;
  let postedAt = 0;
  const byId = async (id: string) => (await svc.gql<TransactionByIdQuery>(BY_ID, { id })).data?.transaction;
  beforeAll(async () => {
    svc = await startTestService(await makeDataDir());
    await postDimensions(svc);
  });
  afterAll(async () => {
    await svc?.stop();
    await fs.rm(svc.dataDir, { recursive: true, force: true });
  });

  it('answers each ingest line with accepted or a reason', async () => {
    postedAt = Date.now();
    const res = await svc.post('/v1/transactions', ndjson(EVENTS));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      accepted: 9,
      rejected: [{ index: 8, reason: 'invalid_amount', field: 'amount', message: expect.any(String) }],
    });
  });

  it('indexes the current state of each transaction: every field, to the cent', async () => {
    const ids = Object.keys(EXPECTED_TRANSACTIONS);
    const found = await eventually(async () => {
      const all = await Promise.all(ids.map(byId));
      // t-5's correction may land after its first copy; wait for the current state.
      return all.every(Boolean) && all[ids.indexOf('t-5')]?.version === 1 ? all : undefined;
    });
    const indexedBy = Date.now();
    for (const [i, id] of ids.entries()) {
      const expected =
        id === 't-6' ? { ...EXPECTED_TRANSACTIONS[id], merchant: null } : EXPECTED_TRANSACTIONS[id];
      expect(found[i]).toEqual({ ...expected, enrichedAt: expect.stringMatching(ISO_MS) });
      // Stamped by this run's enrichment, between the POST and the answer.
      expect(Date.parse(found[i]!.enrichedAt)).toBeGreaterThanOrEqual(postedAt);
      expect(Date.parse(found[i]!.enrichedAt)).toBeLessThanOrEqual(indexedBy);
    }
    expect(await byId('t-bad')).toBeNull();
  });

  it('flags risky events and fills a late merchant through the loader', async () => {
    expect((await svc.post('/v1/dimensions/merchants', ndjson([LATE_MERCHANT]))).json).toEqual({
      accepted: 1,
      rejected: [],
    });
    const after = await eventually(async () => {
      const t = await byId('t-6');
      return t?.merchant ? t : undefined;
    });
    // The stored enrichment keeps what was known then; the reprocess job re-enriches it.
    expect(after).toEqual({ ...EXPECTED_TRANSACTIONS['t-6'], enrichedAt: expect.stringMatching(ISO_MS) });
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
    // Every user and merchant day, including u-2 and the late merchant m-9, and no others in range.
    const all = await eventually(async () => {
      const res = await svc.gql(ALL_STATS);
      return answers(res.data, EXPECTED_ALL_STATS) ? res.data : undefined;
    }).catch(async (error: unknown) => {
      expect((await svc.gql(ALL_STATS)).data).toEqual(EXPECTED_ALL_STATS);
      throw error;
    });
    expect(all).toEqual(EXPECTED_ALL_STATS);
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
    // The archiver counts rows out once their file landed: wait for the last flush.
    const metrics = await eventually(async () => {
      const text = await (await fetch(`${svc.service.url}/metrics`)).text();
      return sample(text, 'txgraph_events_out_total{worker="archiver",sink="lake_enriched"}') === 9
        ? text
        : undefined;
    });
    expect(metrics).toMatch(/txgraph_ingest_rejected_total\{kind="transactions",reason="invalid_amount"\} 1/);
    // The 9 accepted lines, each through every worker once: duplicates and replays are records too.
    const flow = (series: string) => sample(metrics, series);
    expect(flow('txgraph_events_in_total{worker="enrichment",topic="transactions"}')).toBe(9);
    expect(flow('txgraph_events_out_total{worker="enrichment",sink="transactions_enriched"}')).toBe(9);
    expect(flow('txgraph_events_in_total{worker="indexer",topic="transactions_enriched"}')).toBe(9);
    expect(flow('txgraph_events_in_total{worker="archiver",topic="transactions"}')).toBe(9);
    expect(flow('txgraph_events_in_total{worker="archiver",topic="transactions_enriched"}')).toBe(9);
    expect(flow('txgraph_events_out_total{worker="archiver",sink="lake_raw"}')).toBe(9);
    expect(flow('txgraph_events_out_total{worker="archiver",sink="lake_enriched"}')).toBe(9);
    // Index writes that changed a current state: one per distinct transaction (6), plus the later
    // copy of t-1 and t-5's pending version 0 when they came in an earlier batch than their winner;
    // the stale replay of t-5 never wins.
    const applied = flow('txgraph_events_out_total{worker="indexer",sink="TransactionIndex"}');
    expect(applied).toBeGreaterThanOrEqual(6);
    expect(applied).toBeLessThanOrEqual(8);
    // DynamoDB latency is observed on the embedded path as on AWS: the indexer's conditional puts,
    // the heads' and loaders' batch reads, the API's and stats' queries.
    for (const operation of [
      'PutItemCommand',
      'BatchGetItemCommand',
      'QueryCommand',
      'BatchWriteItemCommand',
    ]) {
      expect(flow(`txgraph_dynamodb_seconds_count{operation="${operation}"}`)).toBeGreaterThan(0);
      expect(flow(`txgraph_dynamodb_seconds_sum{operation="${operation}"}`)).toBeGreaterThan(0);
    }
  });
});

/** The value of one Prometheus series, e.g. `name{label="v"}`, or undefined when it is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

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
