import { GRAPHQL_LIMITS } from '../../../src/http/graphql';
import { enriched, FakeReadModel } from './fake-read-model';
import { codes, PRINCIPALS, startHarness, type Harness } from './harness';

/** A valid query nested `depth` levels deep through inline fragments (the schema itself has no cycles). */
function nestedQuery(depth: number): string {
  return `{ ${'... on Query { '.repeat(depth)} transaction(id: "t1") { id } ${'} '.repeat(depth)}}`;
}

const FULL_TRANSACTION = `
  id userId merchantId merchantCategory merchantName userSegment paymentMethodId paymentMethodType paymentProvider
  productId productCategory amount currency amountUsd transactionType status timestamp day version riskScore
  riskReasons flagged dimensionMisses enrichedAt metadata
  user { id firstName lastName email phone country segment riskScore dateCreated }
  merchant { id name category riskCategory status location dateOnboarded }
  paymentMethod { id methodType providerName }
  product { id name category price }`;

const INTROSPECTION =
  '{ __schema { queryType { name } types { name fields { name type { name ofType { name } } } } } }';

describe('query limits and introspection', () => {
  let harness: Harness;
  let readModel: FakeReadModel;

  beforeAll(async () => {
    readModel = new FakeReadModel();
    readModel.transactions.push(enriched('t1'));
    harness = await startHarness({ readModel });
  });
  afterAll(async () => harness.stop());

  test('a depth-50 query is rejected as QUERY_TOO_COMPLEX before any read', async () => {
    readModel.resetCalls();
    const result = await harness.execute(nestedQuery(50));
    // Fifty levels are also over the cost limit; both say so.
    expect(new Set(codes(result))).toEqual(new Set(['QUERY_TOO_COMPLEX']));
    const depth = result.errors?.find((error) => error.extensions?.['limit'] === 'maxDepth');
    expect(depth?.message).toMatch(/depth limit of 12 exceeded/i);
    expect(readModel.calls).toHaveLength(0);
  });

  test('a query just within the depth limit runs', async () => {
    const result = await harness.execute(nestedQuery(GRAPHQL_LIMITS.maxDepth - 2));
    expect(result.errors).toBeUndefined();
  });

  test('more than 30 aliases are rejected', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: transaction(id: "t1") { id }`).join(' ');
    const result = await harness.execute(`{ ${aliases} }`);
    expect(codes(result)).toContain('QUERY_TOO_COMPLEX');
    expect(result.errors?.map((error) => error.extensions?.['limit'])).toContain('maxAliases');
  });

  test('a full page of 500 with every field passes the cost limit; aliasing it three times does not', async () => {
    const page = `transactions(userId: "u1", first: 500) { edges { cursor node { ${FULL_TRANSACTION} } } pageInfo { hasNextPage endCursor } }`;
    const one = await harness.execute(`{ ${page} }`);
    expect(one.errors).toBeUndefined();
    const three = await harness.execute(`{ a: ${page} b: ${page} c: ${page} }`);
    expect(codes(three)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(three.errors?.[0]?.extensions?.['limit']).toBe('maxCost');
  });

  test('a document over the token limit fails to parse', async () => {
    const result = await harness.execute(`{ ${'__typename '.repeat(GRAPHQL_LIMITS.maxTokens + 1)}}`);
    expect(codes(result)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(result.errors?.[0]?.message).toMatch(/2000 tokens/);
  });

  test('field suggestions are not leaked', async () => {
    const result = await harness.execute('{ transactio(id: "t1") { id } }');
    expect(result.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  test('introspection is rejected for anonymous callers', async () => {
    const result = await harness.execute(INTROSPECTION, { principal: null });
    expect(codes(result)).toEqual(['UNAUTHENTICATED']);
    expect(result.data).toBeUndefined();
    const typeQuery = await harness.execute('{ __type(name: "User") { name } }', { principal: null });
    expect(codes(typeQuery)).toEqual(['UNAUTHENTICATED']);
  });

  test.each([['analyst'], ['ingest']] as const)('introspection is allowed with a key (%s)', async (role) => {
    const result = await harness.execute(INTROSPECTION, { principal: PRINCIPALS[role] });
    expect(result.errors).toBeUndefined();
    expect((result.data?.['__schema'] as { queryType: { name: string } }).queryType.name).toBe('Query');
  });

  test('__typename alone is not introspection', async () => {
    const result = await harness.execute('{ __typename }', { principal: null });
    expect(result.errors).toBeUndefined();
  });
});
