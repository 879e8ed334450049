import fs from 'node:fs/promises';
import { GraphQLWsTestClient } from '../support/graphql-ws-client';
import { LIVE_DIMENSIONS, liveTx } from '../support/live-fixtures';
import {
  KEYS,
  eventually,
  makeDataDir,
  ndjson,
  startTestService,
  type TestService,
} from '../support/service-harness';

jest.setTimeout(60_000);

const FULL = `id userId amount currency transactionType riskScore riskReasons flagged
  user { id firstName lastName email phone segment } merchant { id name category }`;

describe('GraphQL subscriptions over graphql-ws', () => {
  let svc: TestService;
  const clients: GraphQLWsTestClient[] = [];

  async function connect(key: string | null = KEYS.fraud) {
    const result = await GraphQLWsTestClient.connect(
      svc.wsUrl,
      key === null ? undefined : { authorization: `Bearer ${key}` },
    );
    clients.push(result.client);
    return result;
  }

  async function subscribed(client: GraphQLWsTestClient, id: string, query: string, variables = {}) {
    client.subscribe(id, query, variables);
    // The live feed reads from the latest offset: only events produced after this point reach us.
    await eventually(async () => {
      const metrics = await (await fetch(`${svc.service.url}/metrics`)).text();
      return /txgraph_subscriptions_active [1-9]/.test(metrics) ? true : undefined;
    });
  }

  async function ingest(rows: Record<string, unknown>[]): Promise<void> {
    const res = await svc.post('/v1/transactions', ndjson(rows));
    expect(res).toEqual({ status: 200, json: { accepted: rows.length, rejected: [] } });
  }

  beforeAll(async () => {
    svc = await startTestService(await makeDataDir());
    for (const [kind, rows] of Object.entries(LIVE_DIMENSIONS)) {
      expect((await svc.post(`/v1/dimensions/${kind}`, ndjson(rows))).status).toBe(200);
    }
    await eventually(async () =>
      (await svc.gql(`{ user(id: "u-risky") { id } merchant(id: "m-shop") { id } }`)).data?.merchant
        ? true
        : undefined,
    );
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    // Wait for the server to have dropped the closed subscriptions, so the next test's wait is honest.
    await eventually(async () =>
      /txgraph_subscriptions_active 0/.test(await (await fetch(`${svc.service.url}/metrics`)).text())
        ? true
        : undefined,
    );
  });
  afterAll(async () => {
    await svc?.stop();
    if (svc) await fs.rm(svc.dataDir, { recursive: true, force: true });
  });

  describe('auth on connect', () => {
    test.each([
      { name: 'no connectionParams', key: null, code: 4401 },
      { name: 'an unknown key', key: 'not-a-key', code: 4401 },
      { name: 'an analyst key (may query, not subscribe)', key: KEYS.analyst, code: 4403 },
      { name: 'an ingest key', key: KEYS.ingest, code: 4403 },
    ])('$name is closed with $code', async ({ key, code }) => {
      const { acked, closed } = await connect(key);
      expect(acked).toBe(false);
      expect(closed?.code).toBe(code);
      expect(closed?.reason).toMatch(code === 4401 ? /Unauthorized/ : /Forbidden/);
    });

    test('a malformed authorization value is 4401, a fraud or admin key is acknowledged', async () => {
      const bad = await GraphQLWsTestClient.connect(svc.wsUrl, { authorization: KEYS.fraud });
      clients.push(bad.client);
      expect(bad.closed?.code).toBe(4401);
      expect((await connect(KEYS.fraud)).acked).toBe(true);
      expect((await connect(KEYS.admin)).acked).toBe(true);
    });
  });

  test('an event is pushed within 1 s of ingest, with nested dimensions resolved', async () => {
    const { client } = await connect();
    await subscribed(
      client,
      's1',
      `subscription { transactionEnriched(filter: { userId: "u-calm" }) { ${FULL} } }`,
    );
    const event = liveTx({ amount: '42.00' });
    const started = Date.now();
    await ingest([event]);
    await client.until(() => client.data('s1').length === 1, 5_000, 'the push');
    const pushedAfter = client.messages[0]!.receivedAt - started;
    expect(pushedAfter).toBeLessThan(1_000);
    expect(client.data('s1')[0]).toEqual({
      transactionEnriched: {
        id: event['transaction_id'],
        userId: 'u-calm',
        amount: '42.00',
        currency: 'EUR',
        transactionType: 'purchase',
        riskScore: 6,
        riskReasons: ['user_risk_score'],
        flagged: false,
        user: {
          id: 'u-calm',
          firstName: 'Ada',
          lastName: 'Lovelace',
          email: 'ada@example.com',
          phone: '+447700900123',
          segment: 'standard',
        },
        merchant: { id: 'm-shop', name: 'Corner Shop', category: 'grocery' },
      },
    });
  });

  test('filters: each subscription receives exactly the events that match it', async () => {
    const { client } = await connect();
    const subscriptions: [string, string][] = [
      ['all', 'transactionEnriched { id }'],
      ['risky-user', 'transactionEnriched(filter: { userId: "u-risky" }) { id }'],
      ['refunds-in-usd', 'transactionEnriched(filter: { types: ["refund"], currencies: ["usd"] }) { id }'],
      ['score-50', 'transactionEnriched(filter: { minRiskScore: 50 }) { id }'],
      ['other-merchant', 'transactionEnriched(filter: { merchantId: "m-none" }) { id }'],
      ['flagged', 'transactionFlagged { id }'],
      ['flagged-90', 'transactionFlagged(minRiskScore: 90) { id }'],
    ];
    for (const [id, selection] of subscriptions) client.subscribe(id, `subscription { ${selection} }`);
    await eventually(async () =>
      /txgraph_subscriptions_active 7/.test(await (await fetch(`${svc.service.url}/metrics`)).text())
        ? true
        : undefined,
    );
    const calm = liveTx();
    const calmRefundUsd = liveTx({ transaction_type: 'refund', currency: 'USD' });
    // 0.6×80 + 10 (segment) = 58, not flagged; with the fraud flag 88, flagged; + USD ≥ 1,000 → 98.
    const risky = liveTx({ user_id: 'u-risky' });
    const riskyFlagged = liveTx({ user_id: 'u-risky', fraud_flag: true });
    const riskyBig = liveTx({ user_id: 'u-risky', fraud_flag: true, amount: '5000.00', currency: 'USD' });
    const events = [calm, calmRefundUsd, risky, riskyFlagged, riskyBig];
    await ingest(events);
    await client.until(() => client.data('all').length === events.length, 10_000, 'all events');
    // A trailing event that only "all" sees would prove nothing; the others had as long as "all".
    const ids = (name: string) =>
      client.data<Record<string, { id: string }>>(name).map((d) => Object.values(d)[0]!.id);
    const idOf = (e: Record<string, unknown>) => e['transaction_id'] as string;
    expect(new Set(ids('all'))).toEqual(new Set(events.map(idOf)));
    expect(new Set(ids('risky-user'))).toEqual(new Set([risky, riskyFlagged, riskyBig].map(idOf)));
    expect(ids('refunds-in-usd')).toEqual([idOf(calmRefundUsd)]);
    expect(new Set(ids('score-50'))).toEqual(new Set([risky, riskyFlagged, riskyBig].map(idOf)));
    expect(ids('other-merchant')).toEqual([]);
    expect(new Set(ids('flagged'))).toEqual(new Set([riskyFlagged, riskyBig].map(idOf)));
    expect(ids('flagged-90')).toEqual([idOf(riskyBig)]);
  });

  test('pushed payloads go through the same masking as queries for the same key', async () => {
    const selection = 'user { firstName lastName email phone }';
    for (const key of [KEYS.fraud, KEYS.admin]) {
      const { client } = await connect(key);
      await subscribed(client, 'm', `subscription { transactionFlagged { id ${selection} } }`);
      const event = liveTx({ user_id: 'u-risky', fraud_flag: true });
      await ingest([event]);
      await client.until(() => client.data('m').length === 1, 5_000, 'the push');
      const pushed = client.data<{ transactionFlagged: { user: unknown } }>('m')[0]!.transactionFlagged.user;
      const queried = (
        await svc.gql<{ user: unknown }>(
          `{ user(id: "u-risky") { firstName lastName email phone } }`,
          {},
          key,
        )
      ).data?.user;
      expect(pushed).toEqual(queried);
      await client.close();
    }
    // The only masked role cannot open a socket at all, so masked PII can't be pushed either way.
    const analystView = await svc.gql<{ user: { email: string } }>(
      `{ user(id: "u-risky") { email } }`,
      {},
      KEYS.analyst,
    );
    expect(analystView.data?.user.email).toBe('m***@example.com');
    expect((await connect(KEYS.analyst)).closed?.code).toBe(4403);
  });

  test('a bad filter is a BAD_USER_INPUT error for that operation; the socket stays open', async () => {
    const { client } = await connect();
    client.subscribe('bad', 'subscription { transactionFlagged(minRiskScore: 101) { id } }');
    client.subscribe('unknown-field', 'subscription { transactionFlagged { nope } }');
    await client.until(
      () => client.messages.filter((m) => m.type !== 'complete').length === 2,
      5_000,
      'two errors',
    );
    const byId = Object.fromEntries(
      client.messages.filter((m) => m.type !== 'complete').map((m) => [m.id, m]),
    );
    expect(byId['bad']).toMatchObject({
      type: 'next',
      payload: { errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'minRiskScore' } }] },
    });
    expect(byId['unknown-field']).toMatchObject({
      type: 'error',
      payload: [{ message: expect.stringContaining('nope') }],
    });
    expect(client.ws.readyState).toBe(client.ws.OPEN);
  });

  test('the same abuse limits as HTTP apply to operations over the socket', async () => {
    const { client } = await connect();
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: id`).join(' ');
    client.subscribe('aliases', `subscription { transactionFlagged { ${aliases} } }`);
    await client.until(() => client.messages.some((m) => m.id === 'aliases'), 5_000, 'the refusal');
    expect(client.messages[0]).toMatchObject({
      type: 'error',
      payload: [{ extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'maxAliases' } }],
    });
  });

  test('caps operations per connection', async () => {
    const { client } = await connect();
    for (let i = 0; i < 21; i++) client.subscribe(`s${i}`, 'subscription { transactionFlagged { id } }');
    await client.until(() => client.messages.some((m) => m.type === 'error'), 5_000, 'the refusal');
    expect(client.messages.filter((m) => m.type === 'error')).toEqual([
      expect.objectContaining({
        id: 's20',
        payload: [
          expect.objectContaining({
            extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'maxSubscriptionsPerConnection' },
          }),
        ],
      }),
    ]);
  });

  test('frames over the payload cap close the socket with 1009', async () => {
    const { client } = await connect();
    client.ws.send('x'.repeat(65 * 1024));
    expect((await client.closed).code).toBe(1009);
  });

  test('metrics count sockets, subscriptions and pushed events', async () => {
    const { client } = await connect();
    await subscribed(
      client,
      'c',
      'subscription { transactionEnriched(filter: { userId: "u-calm" }) { id } }',
    );
    await ingest([liveTx(), liveTx()]);
    await client.until(() => client.data('c').length === 2, 5_000, 'two pushes');
    const metrics = await (await fetch(`${svc.service.url}/metrics`)).text();
    expect(metrics).toMatch(/^txgraph_ws_connections [1-9]/m);
    expect(metrics).toMatch(/^txgraph_subscriptions_active 1$/m);
    expect(metrics).toMatch(/^txgraph_subscription_events_pushed_total [1-9]\d*$/m);
    expect(metrics).toMatch(/^txgraph_ws_slow_consumer_closed_total 0$/m);
  });
});
