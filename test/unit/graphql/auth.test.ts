import { parse, subscribe, type ExecutionResult } from 'graphql';
import type { Principal } from '../../../src/auth/principal';
import { createContext } from '../../../src/resolvers/context';
import { TRANSACTION_ENRICHED } from '../../../src/schema/build-schema';
import { enriched, FakeReadModel, merchant, user } from './fake-read-model';
import { codes, PRINCIPALS, startHarness, type Harness } from './harness';

const ROOT_QUERIES: [string, string][] = [
  ['transaction', '{ transaction(id: "t1") { id } }'],
  ['transactions', '{ transactions(userId: "u1") { edges { cursor } } }'],
  ['merchantTransactions', '{ merchantTransactions(merchantId: "m1") { edges { cursor } } }'],
  ['dailyUserStats', '{ dailyUserStats(userId: "u1", from: "2026-03-01", to: "2026-03-02") { date } }'],
  [
    'merchantDailyStats',
    '{ merchantDailyStats(merchantId: "m1", from: "2026-03-01", to: "2026-03-02") { date } }',
  ],
  ['topMerchants', '{ topMerchants(date: "2026-03-01") { merchantId } }'],
  ['user', '{ user(id: "u1") { id } }'],
  ['merchant', '{ merchant(id: "m1") { id } }'],
];

const PII_QUERY = '{ user(id: "u1") { id firstName lastName email phone country } }';

describe('access control and PII masking', () => {
  let harness: Harness;
  let readModel: FakeReadModel;

  beforeAll(async () => {
    readModel = new FakeReadModel();
    readModel.transactions.push(enriched('t1'));
    readModel.dimensions.users.set('u1', user('u1'));
    readModel.dimensions.merchants.set('m1', merchant('m1'));
    harness = await startHarness({ readModel });
  });
  afterAll(async () => harness.stop());

  test('the table covers every Query field of the schema', () => {
    const fields = Object.keys(harness.schema.getQueryType()?.getFields() ?? {}).sort();
    expect(ROOT_QUERIES.map(([name]) => name).sort()).toEqual(fields);
  });

  test.each(ROOT_QUERIES)('%s rejects anonymous callers with UNAUTHENTICATED', async (_name, query) => {
    readModel.resetCalls();
    const result = await harness.execute(query, { principal: null });
    expect(codes(result)).toEqual(['UNAUTHENTICATED']);
    expect(readModel.calls).toHaveLength(0);
  });

  test.each(ROOT_QUERIES)('%s rejects the ingest role with FORBIDDEN', async (_name, query) => {
    readModel.resetCalls();
    const result = await harness.execute(query, { principal: PRINCIPALS.ingest });
    expect(codes(result)).toEqual(['FORBIDDEN']);
    expect(readModel.calls).toHaveLength(0);
  });

  test.each(ROOT_QUERIES)('%s answers an analyst', async (_name, query) => {
    const result = await harness.execute(query, { principal: PRINCIPALS.analyst });
    expect(result.errors).toBeUndefined();
  });

  test('an analyst sees masked names, email and phone', async () => {
    const result = await harness.execute(PII_QUERY, { principal: PRINCIPALS.analyst });
    expect(result.data?.['user']).toEqual({
      id: 'u1',
      firstName: 'J***',
      lastName: 'D***',
      email: 'j***@example.com',
      phone: '+*******89',
      country: 'GB',
    });
  });

  test.each([['fraud'], ['admin']] as const)('%s sees PII unmasked', async (role) => {
    const result = await harness.execute(PII_QUERY, { principal: PRINCIPALS[role] });
    expect(result.data?.['user']).toMatchObject({
      firstName: 'Johanna',
      lastName: 'Doe',
      email: 'johanna.doe@example.com',
      phone: '+44 20 7946 0989',
    });
  });

  test('masking also applies to transaction.user', async () => {
    const result = await harness.execute('{ transaction(id: "t1") { user { email phone } } }', {
      principal: PRINCIPALS.analyst,
    });
    expect(result.data?.['transaction']).toEqual({
      user: { email: 'j***@example.com', phone: '+*******89' },
    });
  });

  describe('subscriptions', () => {
    const SUBSCRIPTION = parse(
      'subscription { transactionEnriched(filter: { userId: "u1" }) { id user { email } } }',
    );

    async function subscribeAs(principal: Principal | null) {
      return subscribe({
        schema: harness.schema,
        document: SUBSCRIPTION,
        contextValue: createContext(principal, readModel),
      });
    }

    test.each([
      [null, 'UNAUTHENTICATED'],
      [PRINCIPALS.analyst, 'FORBIDDEN'],
      [PRINCIPALS.ingest, 'FORBIDDEN'],
    ])('subscribing as %o fails with %s', async (principal, code) => {
      const result = (await subscribeAs(principal)) as ExecutionResult;
      expect(Symbol.asyncIterator in result).toBe(false);
      expect(result.errors?.map((error) => error.extensions['code'])).toEqual([code]);
    });

    test('fraud receives matching events, with PII as its role allows', async () => {
      const stream = (await subscribeAs(PRINCIPALS.fraud)) as AsyncGenerator<ExecutionResult>;
      expect(Symbol.asyncIterator in stream).toBe(true);
      const next = stream.next();
      harness.pubSub.publish(TRANSACTION_ENRICHED, enriched('other', { user_id: 'u2' }));
      harness.pubSub.publish(TRANSACTION_ENRICHED, enriched('t1'));
      const { value } = await next;
      expect(value.errors).toBeUndefined();
      expect(value.data).toEqual({
        transactionEnriched: { id: 't1', user: { email: 'johanna.doe@example.com' } },
      });
      await stream.return(undefined);
    });
  });
});
