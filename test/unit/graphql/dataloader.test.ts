import { createContext } from '../../../src/resolvers/context';
import { enriched, FakeReadModel, merchant, paymentMethod, user } from './fake-read-model';
import { startHarness, type Harness } from './harness';

const PAGE_QUERY = /* GraphQL */ `
  query Page($userId: ID!, $first: Int) {
    transactions(userId: $userId, first: $first) {
      edges {
        node {
          id
          merchant {
            name
          }
          user {
            email
          }
          paymentMethod {
            methodType
          }
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`;

describe('per-request DataLoaders', () => {
  let harness: Harness;
  let readModel: FakeReadModel;

  beforeAll(async () => {
    readModel = new FakeReadModel();
    // 150 transactions of user u1, each with its own merchant; 50 share 10 payment methods.
    for (let i = 0; i < 150; i++) {
      readModel.transactions.push(
        enriched(`t${i}`, {
          merchant_id: `m${i}`,
          payment_method_id: `pm${i % 10}`,
          timestamp_ms: Date.UTC(2026, 2, 1) + i * 1000,
        }),
      );
      readModel.dimensions.merchants.set(`m${i}`, merchant(`m${i}`));
    }
    for (let i = 0; i < 10; i++) readModel.dimensions.payment_methods.set(`pm${i}`, paymentMethod(`pm${i}`));
    readModel.dimensions.users.set('u1', user('u1'));
    harness = await startHarness({ readModel });
  });

  afterAll(async () => harness.stop());
  beforeEach(() => readModel.resetCalls());

  test('a page of 50 makes exactly one dimensionsByIds call per kind', async () => {
    const result = await harness.execute(PAGE_QUERY, { variables: { userId: 'u1', first: 50 } });
    expect(result.errors).toBeUndefined();
    const edges = (result.data?.['transactions'] as { edges: unknown[] }).edges;
    expect(edges).toHaveLength(50);
    expect(readModel.callsOf('userTransactions')).toHaveLength(1);
    expect(readModel.callsOf('dimensionsByIds', 'merchants')).toHaveLength(1);
    expect(readModel.callsOf('dimensionsByIds', 'users')).toHaveLength(1);
    expect(readModel.callsOf('dimensionsByIds', 'payment_methods')).toHaveLength(1);
    expect(readModel.callsOf('dimensionsByIds', 'products')).toHaveLength(0);
    // Duplicate keys are collapsed before they reach DynamoDB.
    expect(readModel.callsOf('dimensionsByIds', 'users')[0]?.args[0]).toEqual(['u1']);
    expect(readModel.callsOf('dimensionsByIds', 'merchants')[0]?.args[0]).toHaveLength(50);
  });

  test('150 distinct merchants are fetched in batches of at most 100', async () => {
    const result = await harness.execute(PAGE_QUERY, { variables: { userId: 'u1', first: 150 } });
    expect(result.errors).toBeUndefined();
    const batches = readModel
      .callsOf('dimensionsByIds', 'merchants')
      .map((call) => (call.args[0] as string[]).length);
    expect(batches).toEqual([100, 50]);
    expect(readModel.callsOf('dimensionsByIds', 'users')).toHaveLength(1);
  });

  test('loaders are not shared across requests', async () => {
    await harness.execute(PAGE_QUERY, { variables: { userId: 'u1', first: 5 } });
    await harness.execute(PAGE_QUERY, { variables: { userId: 'u1', first: 5 } });
    expect(readModel.callsOf('dimensionsByIds', 'merchants')).toHaveLength(2);
    expect(readModel.callsOf('dimensionsByIds', 'users')).toHaveLength(2);
  });

  test('createContext builds new loaders every time', () => {
    const a = createContext(null, readModel);
    const b = createContext(null, readModel);
    expect(a.loaders.users).not.toBe(b.loaders.users);
    expect(a.loaders.transactions).not.toBe(b.loaders.transactions);
    expect(a.requestId).not.toEqual(b.requestId);
  });
});
