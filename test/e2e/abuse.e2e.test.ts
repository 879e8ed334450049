/**
 * Abuse of the API on the whole service (DESIGN §7, issue 7): every limit answers with a clear code
 * and no request without a valid key reaches data.
 */
import fs from 'node:fs/promises';
import { GraphQLWsTestClient } from '../support/graphql-ws-client';
import { KEYS, makeDataDir, startTestService, type TestService } from '../support/service-harness';

jest.setTimeout(60_000);

const ROOT_FIELDS = [
  '{ transaction(id: "t1") { id } }',
  '{ transactions(userId: "u1") { edges { cursor } } }',
  '{ merchantTransactions(merchantId: "m1") { edges { cursor } } }',
  '{ dailyUserStats(userId: "u1", from: "2026-03-01", to: "2026-03-02") { date } }',
  '{ merchantDailyStats(merchantId: "m1", from: "2026-03-01", to: "2026-03-02") { date } }',
  '{ topMerchants(date: "2026-03-01") { merchantId } }',
  '{ user(id: "u1") { id email } }',
  '{ merchant(id: "m1") { id } }',
];

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function send(url: string, body: string, headers: Record<string, string>): Promise<Answer> {
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  let parsed: Answer['body'];
  try {
    parsed = JSON.parse(text) as Answer['body'];
  } catch {
    parsed = { errors: [{ message: text }] };
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

const asAdmin = { 'content-type': 'application/json', authorization: `Bearer ${KEYS.admin}` };
const codesOf = (a: Answer) => (a.body.errors ?? []).map((e) => e.extensions?.['code']);

describe('abuse of the API', () => {
  let svc: TestService;
  let gql: string;
  beforeAll(async () => {
    svc = await startTestService(await makeDataDir());
    gql = `${svc.service.url}/graphql`;
  });
  afterAll(async () => {
    await svc?.stop();
    if (svc) await fs.rm(svc.dataDir, { recursive: true, force: true });
  });

  describe('no valid key, no data', () => {
    test.each(ROOT_FIELDS)('%s without a key or with a wrong one is 401', async (query) => {
      for (const auth of [{}, { authorization: 'Bearer wrong-key' }, { authorization: KEYS.admin }] as Record<
        string,
        string
      >[]) {
        const a = await send(gql, JSON.stringify({ query }), { 'content-type': 'application/json', ...auth });
        expect(a.status).toBe(401);
        expect(a.body.data).toBeUndefined();
        expect(codesOf(a)).toEqual(['UNAUTHENTICATED']);
      }
    });

    test.each(['/v1/transactions', '/v1/dimensions/users'])(
      '%s: 401 without a key, 403 for a query role',
      async (p) => {
        const body = '{"transaction_id":"x"}';
        expect((await send(`${svc.service.url}${p}`, body, {})).status).toBe(401);
        expect((await send(`${svc.service.url}${p}`, body, { authorization: 'Bearer nope' })).status).toBe(
          401,
        );
        const analyst = await send(`${svc.service.url}${p}`, body, {
          authorization: `Bearer ${KEYS.analyst}`,
        });
        expect(analyst.status).toBe(403);
      },
    );
  });

  test('depth 50 is QUERY_TOO_COMPLEX (maxDepth)', async () => {
    const query = `{ ${'... on Query { '.repeat(50)} transaction(id: "t1") { id } ${'} '.repeat(50)}}`;
    const a = await send(gql, JSON.stringify({ query }), asAdmin);
    expect(a.status).toBe(400);
    expect(a.body.errors?.map((e) => e.extensions?.['limit'])).toContain('maxDepth');
  });

  test('10,000 aliases never reach validation: the token cap refuses the document', async () => {
    const aliases = Array.from({ length: 10_000 }, (_, i) => `a${i}: __typename`).join(' ');
    const a = await send(gql, JSON.stringify({ query: `{ ${aliases} }` }), asAdmin);
    expect(a.status).toBe(400);
    expect(codesOf(a)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(a.body.errors?.[0]?.message).toMatch(/2000 tokens/);
  });

  test('31 aliases (under the token cap) are QUERY_TOO_COMPLEX (maxAliases)', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: user(id: "u1") { id }`).join(' ');
    const a = await send(gql, JSON.stringify({ query: `{ ${aliases} }` }), asAdmin);
    expect(a.body.errors?.map((e) => e.extensions?.['limit'])).toContain('maxAliases');
  });

  test('a field count over the token cap is refused (2,001 fields)', async () => {
    const a = await send(gql, JSON.stringify({ query: `{ ${'__typename '.repeat(2001)}}` }), asAdmin);
    expect(codesOf(a)).toEqual(['GRAPHQL_PARSE_FAILED']);
  });

  test('first: 1000000 is refused: by cost as a literal, as BAD_USER_INPUT through a variable', async () => {
    const literal = await send(
      gql,
      JSON.stringify({ query: '{ transactions(userId: "u1", first: 1000000) { edges { cursor } } }' }),
      asAdmin,
    );
    expect(literal.status).toBe(400);
    expect(literal.body.errors?.map((e) => e.extensions?.['limit'])).toContain('maxCost');
    // A variable is invisible to the static cost analysis; the page-size cap catches it.
    const variable = await send(
      gql,
      JSON.stringify({
        query: 'query($n: Int) { transactions(userId: "u1", first: $n) { edges { cursor } } }',
        variables: { n: 1_000_000 },
      }),
      asAdmin,
    );
    expect(variable.body.data ?? null).toBeNull();
    expect(codesOf(variable)).toEqual(['BAD_USER_INPUT']);
    expect(variable.body.errors?.[0]?.message).toMatch(/500/);
  });

  test('a query over the cost limit is QUERY_TOO_COMPLEX (maxCost)', async () => {
    const node =
      'id amount currency riskScore riskReasons flagged user { id email phone } merchant { id name category } paymentMethod { id } product { id name }';
    const page = (n: string) => `${n}: transactions(userId: "u1", first: 500) { edges { node { ${node} } } }`;
    const query = `{ ${['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map(page).join(' ')} }`;
    const a = await send(gql, JSON.stringify({ query }), asAdmin);
    expect(a.status).toBe(400);
    expect(a.body.errors?.map((e) => e.extensions?.['limit'])).toContain('maxCost');
  });

  test('batched operations (a JSON array) are refused', async () => {
    const op = { query: '{ __typename }' };
    const a = await send(gql, JSON.stringify(Array.from({ length: 100 }, () => op)), asAdmin);
    expect(a.status).toBe(400);
    expect(a.body.data).toBeUndefined();
    expect(JSON.stringify(a.body)).toMatch(/batch/i);
  });

  test('CSRF: a simple-request POST (text/plain) is refused before execution', async () => {
    const a = await send(gql, JSON.stringify({ query: '{ __typename }' }), {
      'content-type': 'text/plain',
      authorization: `Bearer ${KEYS.admin}`,
    });
    expect(a.status).toBe(400);
    expect(JSON.stringify(a.body)).toMatch(/CSRF/i);
  });

  test('a request body over 1 MiB is 413 PAYLOAD_TOO_LARGE', async () => {
    const a = await send(
      gql,
      JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(1_100_000) } }),
      asAdmin,
    );
    expect(a.status).toBe(413);
    expect(codesOf(a)).toEqual(['PAYLOAD_TOO_LARGE']);
  });

  test('a 10 MiB WebSocket frame closes the socket with 1009 and the server keeps serving', async () => {
    const { client, acked } = await GraphQLWsTestClient.connect(svc.wsUrl, {
      authorization: `Bearer ${KEYS.fraud}`,
    });
    expect(acked).toBe(true);
    client.ws.send(Buffer.alloc(10 * 1024 * 1024, 0x78));
    expect((await client.closed).code).toBe(1009);
    expect((await svc.gql('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  test('an analyst may not subscribe (4403), so no unmasked PII can be pushed to one', async () => {
    const { acked, closed } = await GraphQLWsTestClient.connect(svc.wsUrl, {
      authorization: `Bearer ${KEYS.analyst}`,
    });
    expect(acked).toBe(false);
    expect(closed?.code).toBe(4403);
  });
});

describe('rate limit per API key', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService(await makeDataDir(), { RATE_LIMIT_PER_SECOND: '1', RATE_LIMIT_BURST: '3' });
  });
  afterAll(async () => {
    await svc?.stop();
    if (svc) await fs.rm(svc.dataDir, { recursive: true, force: true });
  });

  test('past the burst: 429, Retry-After and RATE_LIMITED on /graphql and /v1; other keys unaffected', async () => {
    const gql = `${svc.service.url}/graphql`;
    const body = JSON.stringify({ query: '{ __typename }' });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await send(gql, body, asAdmin));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    const limited = answers[3] as Answer;
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(codesOf(limited)).toEqual(['RATE_LIMITED']);

    // One budget per key across surfaces: the admin key is spent on /v1 too.
    const ingest = await send(`${svc.service.url}/v1/transactions`, '{}', {
      authorization: `Bearer ${KEYS.admin}`,
    });
    expect(ingest.status).toBe(429);
    expect(ingest.headers.get('retry-after')).not.toBeNull();
    expect(ingest.body).toMatchObject({ error: { code: 'RATE_LIMITED' } });

    const other = await send(gql, body, { ...asAdmin, authorization: `Bearer ${KEYS.analyst}` });
    expect(other.status).toBe(200);

    const metrics = await (await fetch(`${svc.service.url}/metrics`)).text();
    expect(metrics).toMatch(/txgraph_rate_limited_total\{surface="graphql",caller="key"\} 1/);
    expect(metrics).toMatch(/txgraph_rate_limited_total\{surface="ingest",caller="key"\} 1/);
  });

  test('callers without a valid key are limited by address, so keys cannot be guessed at speed', async () => {
    const gql = `${svc.service.url}/graphql`;
    const statuses = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await send(gql, '{}', { authorization: `Bearer guess-${i}` })).status);
    expect(statuses).toContain(429);
  });
});
