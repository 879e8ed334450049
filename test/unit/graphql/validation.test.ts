import { enriched, FakeReadModel } from './fake-read-model';
import { PRINCIPALS, startHarness, type Harness, type Result } from './harness';

function badInput(result: Result) {
  expect(result.errors).toHaveLength(1);
  const error = result.errors?.[0];
  expect(error?.extensions?.['code']).toBe('BAD_USER_INPUT');
  return { field: error?.extensions?.['field'], message: error?.message ?? '' };
}

describe('argument validation', () => {
  let harness: Harness;
  let readModel: FakeReadModel;

  beforeAll(async () => {
    readModel = new FakeReadModel();
    for (let i = 0; i < 3; i++)
      readModel.transactions.push(enriched(`t${i}`, { timestamp_ms: Date.UTC(2026, 2, 1 + i) }));
    harness = await startHarness({ readModel });
  });
  afterAll(async () => harness.stop());
  beforeEach(() => readModel.resetCalls());

  test.each([
    ['first: 501', '{ transactions(userId: "u1", first: 501) { edges { cursor } } }', 'first'],
    ['first: 0', '{ transactions(userId: "u1", first: 0) { edges { cursor } } }', 'first'],
    [
      'merchant first: -1',
      '{ merchantTransactions(merchantId: "m1", first: -1) { edges { cursor } } }',
      'first',
    ],
    ['limit: 1000', '{ topMerchants(date: "2026-03-01", limit: 1000) { merchantId } }', 'limit'],
    ['limit: 0', '{ topMerchants(date: "2026-03-01", limit: 0) { merchantId } }', 'limit'],
    [
      'page from > to',
      '{ transactions(userId: "u1", from: "2026-03-05", to: "2026-03-01") { edges { cursor } } }',
      'from',
    ],
    [
      'stats from > to',
      '{ dailyUserStats(userId: "u1", from: "2026-03-05", to: "2026-03-01") { date } }',
      'from',
    ],
    [
      'stats range of 367 days',
      '{ merchantDailyStats(merchantId: "m1", from: "2025-01-01", to: "2026-01-02") { date } }',
      'to',
    ],
    [
      'bad Date literal',
      '{ dailyUserStats(userId: "u1", from: "2026-13-01", to: "2026-12-31") { date } }',
      'from',
    ],
    ['bad Date day', '{ topMerchants(date: "2026-02-30") { merchantId } }', 'date'],
    ['empty id', '{ user(id: "") { id } }', 'id'],
    ['bad cursor', '{ transactions(userId: "u1", after: "forged") { edges { cursor } } }', 'after'],
  ])('%s is BAD_USER_INPUT naming the argument', async (_name, query, field) => {
    const error = badInput(await harness.execute(query));
    expect(error.field).toBe(field);
    expect(error.message).toContain(`"${field}"`);
  });

  test('a bad Date passed as a variable names the argument it feeds', async () => {
    const result = await harness.execute(
      'query ($day: Date!) { dailyUserStats(userId: "u1", from: $day, to: "2026-12-31") { date } }',
      { variables: { day: '2026-13-01' } },
    );
    const error = badInput(result);
    expect(error.field).toBe('from');
    expect(error.message).toContain('"2026-13-01"');
  });

  test('no read happens for rejected arguments', async () => {
    await harness.execute('{ transactions(userId: "u1", first: 501) { edges { cursor } } }');
    expect(readModel.calls).toHaveLength(0);
  });

  test('a range of exactly 366 days and first: 500 are accepted', async () => {
    const stats = await harness.execute(
      '{ dailyUserStats(userId: "u1", from: "2024-01-01", to: "2024-12-31") { date } }',
    );
    expect(stats.errors).toBeUndefined();
    const page = await harness.execute('{ transactions(userId: "u1", first: 500) { edges { cursor } } }', {
      principal: PRINCIPALS.analyst,
    });
    expect(page.errors).toBeUndefined();
  });

  test('defaults: first 50, topMerchants by NET_SPEND limit 10, explicit null means default', async () => {
    await harness.execute('{ transactions(userId: "u1", first: null) { edges { cursor } } }');
    await harness.execute('{ topMerchants(date: "2026-03-01") { merchantId } }');
    expect(readModel.callsOf('userTransactions')[0]?.args[1]).toMatchObject({ first: 50, after: null });
    expect(readModel.callsOf('topMerchants')[0]?.args).toEqual(['2026-03-01', 'NET_SPEND', 10]);
  });

  test('pages chain through endCursor, newest first', async () => {
    const query =
      'query ($after: String) { transactions(userId: "u1", first: 2, after: $after) { edges { node { id day } } pageInfo { hasNextPage endCursor } } }';
    const first = (await harness.execute(query)).data?.['transactions'] as {
      edges: { node: { id: string } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string };
    };
    expect(first.edges.map((edge) => edge.node.id)).toEqual(['t2', 't1']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await harness.execute(query, { variables: { after: first.pageInfo.endCursor } })).data?.[
      'transactions'
    ] as { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean } };
    expect(second.edges.map((edge) => edge.node.id)).toEqual(['t0']);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });
});
