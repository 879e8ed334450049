/**
 * Live subscriptions on Kafka: two replicas share the consumer groups (so each enriches only its
 * own partitions), and each runs its own non-committing reader of the enriched topic. A subscriber
 * on either replica must therefore see every event, including those the other replica enriched,
 * with its nested merchant resolved on the replica that pushes it.
 */
import fs from 'node:fs/promises';
import { GraphQLWsTestClient } from '../support/graphql-ws-client';
import { KEYS, eventually, ndjson, type TestService } from '../support/service-harness';
import { freshNames, startStackService } from './real-stack';

jest.setTimeout(180_000);

const USERS = 12;
const MERCHANTS = 3;
const ROUND = 24;
const names = freshNames('live');

const merchant = (i: number) => ({ id: `m-${i}`, name: `Shop ${i}`, category: i % 2 ? 'grocery' : 'travel' });

const DIMENSIONS = {
  users: Array.from({ length: USERS }, (_, i) => ({
    user_id: `u-${i}`,
    segment: 'standard',
    risk_score: 10,
  })),
  merchants: Array.from({ length: MERCHANTS }, (_, i) => ({
    merchant_id: merchant(i).id,
    merchant_name: merchant(i).name,
    category: merchant(i).category,
    risk_category: 'low',
    status: 'active',
  })),
  payment_methods: [{ payment_method_id: 'pm-1', method_type: 'card', provider_name: 'Visa' }],
};

let sequence = 0;
function event() {
  const j = sequence++;
  return {
    transaction_id: `live-${names.topicPrefix}${j}`,
    // Many user keys spread the events over every partition, hence over both replicas' enrichment.
    user_id: `u-${j % USERS}`,
    merchant_id: `m-${j % MERCHANTS}`,
    payment_method_id: 'pm-1',
    amount: '10.00',
    currency: 'EUR',
    transaction_type: 'purchase',
    timestamp: new Date().toISOString(),
    status: 'completed',
  };
}

async function metric(svc: TestService, pattern: RegExp): Promise<number> {
  const text = await (await fetch(`${svc.service.url}/metrics`)).text();
  return Number(pattern.exec(text)?.[1] ?? 0);
}
const enrichedBy = (svc: TestService) =>
  metric(svc, /^txgraph_events_in_total\{worker="enrichment",topic="transactions"\} (\d+)$/m);
const activeSubscriptions = (svc: TestService) => metric(svc, /^txgraph_subscriptions_active (\d+)$/m);

type Pushed = { transactionEnriched: { id: string; merchant: ReturnType<typeof merchant> | null } };

describe('subscriptions on Kafka with two replicas', () => {
  const services: TestService[] = [];
  const clients: GraphQLWsTestClient[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    for (const svc of services) {
      await svc.stop();
      await fs.rm(svc.dataDir, { recursive: true, force: true });
    }
  });

  async function subscriber(svc: TestService): Promise<GraphQLWsTestClient> {
    const { client, acked } = await GraphQLWsTestClient.connect(svc.wsUrl, {
      authorization: `Bearer ${KEYS.fraud}`,
    });
    clients.push(client);
    expect(acked).toBe(true);
    client.subscribe('all', 'subscription { transactionEnriched { id merchant { id name category } } }');
    await eventually(async () => ((await activeSubscriptions(svc)) === 1 ? true : undefined));
    return client;
  }

  test('a subscriber on each replica receives every event ingested through one of them', async () => {
    const a = await startStackService(names);
    services.push(a);
    for (const [kind, rows] of Object.entries(DIMENSIONS)) {
      expect((await a.post(`/v1/dimensions/${kind}`, ndjson(rows))).json).toEqual({
        accepted: rows.length,
        rejected: [],
      });
    }
    // Both replicas' in-memory dimensions are read from the dim topics at start; B starts after.
    await eventually(async () =>
      (await a.gql(`{ merchant(id: "m-${MERCHANTS - 1}") { id } }`)).data?.merchant ? true : undefined,
    );
    const b = await startStackService(names);
    services.push(b);
    const onA = await subscriber(a);
    const onB = await subscriber(b);

    // Rounds until both replicas have enriched some (B's group join can take a rebalance or two):
    // only then are some of A's subscriber's events ones that A never enriched, and vice versa.
    const sent: ReturnType<typeof event>[] = [];
    for (let round = 0; round < 20; round++) {
      const rows = Array.from({ length: ROUND }, () => event());
      expect((await a.post('/v1/transactions', ndjson(rows))).json).toEqual({
        accepted: ROUND,
        rejected: [],
      });
      sent.push(...rows);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      if ((await enrichedBy(a)) > 0 && (await enrichedBy(b)) > 0) break;
    }
    expect(await enrichedBy(a)).toBeGreaterThan(0);
    expect(await enrichedBy(b)).toBeGreaterThan(0);

    const expectedIds = new Set(sent.map((row) => row.transaction_id));
    for (const client of [onA, onB]) {
      await client.until(() => client.data('all').length >= sent.length, 60_000, 'every event');
      // A moment more: a duplicate push would arrive after the last expected one.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const pushed = client.data<Pushed>('all').map((d) => d.transactionEnriched);
      expect(pushed).toHaveLength(sent.length);
      expect(new Set(pushed.map((p) => p.id))).toEqual(expectedIds);
      const merchantOf = new Map(sent.map((row) => [row.transaction_id, row.merchant_id]));
      for (const p of pushed) expect(p.merchant).toEqual(merchant(Number(merchantOf.get(p.id)!.slice(2))));
    }
  });
});
