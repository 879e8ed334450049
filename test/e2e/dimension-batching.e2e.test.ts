import fs from 'node:fs/promises';
import { print } from 'graphql';
import { tableNames } from '../../src/datasources/dynamo/table-names';
import { seedDimensions } from '../../src/synthetic/seed-dimensions';
import {
  MerchantTransactionsWithDimensionsDocument,
  UserTransactionsWithDimensionsDocument,
  type MerchantTransactionsWithDimensionsQuery,
  type TransactionWithDimensionsFragment,
  type UserTransactionsWithDimensionsQuery,
} from '../generated/graphql';
import { countDynamoCalls } from '../support/dynamo-call-counter';
import {
  eventually,
  makeDataDir,
  ndjson,
  startTestService,
  type TestService,
} from '../support/service-harness';

jest.setTimeout(90_000);

/**
 * DESIGN §6 / issue 2: resolving 50 transactions with their users, merchants, payment methods and
 * products costs one BatchGetItem per dimension table, never a GetItem per row. Counted on the
 * DynamoDB client of the real embedded service (dynalite), after the real pipeline indexed them.
 */

const PAGE = 50;
const DAY = '2026-04-01';
const DIMENSIONS = seedDimensions({ users: PAGE, merchants: PAGE, paymentMethods: PAGE, products: PAGE });
const USER = DIMENSIONS.users[0]!.user_id;
const MERCHANT = DIMENSIONS.merchants[0]!.merchant_id;

/**
 * USER pays MERCHANT-0…49 and users 0…49 pay MERCHANT (the pair 0/0 is one transaction), each row
 * with its own payment method and product: every page of 50 names 50 distinct keys of a table.
 */
function events(): Record<string, unknown>[] {
  const row = (id: string, i: number, userIndex: number, merchantIndex: number) => ({
    transaction_id: id,
    user_id: DIMENSIONS.users[userIndex]!.user_id,
    merchant_id: DIMENSIONS.merchants[merchantIndex]!.merchant_id,
    payment_method_id: DIMENSIONS.payment_methods[i]!.payment_method_id,
    product_id: DIMENSIONS.products[i]!.product_id,
    amount: `${i + 1}.50`,
    currency: 'USD',
    transaction_type: 'purchase',
    status: 'completed',
    timestamp: `${DAY}T${String(Math.floor(i / 4) + 8).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}:00Z`,
  });
  const out = [];
  for (let i = 0; i < PAGE; i++) out.push(row(`db-u-${i}`, i, 0, i));
  for (let i = 1; i < PAGE; i++) out.push(row(`db-m-${i}`, i, i, 0));
  return out;
}

/** One request's budget: the page's Query, then one BatchGetItem per dimension table. */
function callsPerPage(): Record<string, number> {
  const tables = tableNames(''); // the harness leaves TABLE_PREFIX unset
  return {
    [`BatchGetItem ${tables.merchants}`]: 1,
    [`BatchGetItem ${tables.paymentMethods}`]: 1,
    [`BatchGetItem ${tables.products}`]: 1,
    [`BatchGetItem ${tables.users}`]: 1,
    [`Query ${tables.transactionIndex}`]: 1,
  };
}

/** Every dimension resolved, and each the one its row names. */
function expectJoined(nodes: TransactionWithDimensionsFragment[]): void {
  for (const node of nodes) {
    expect(node.user?.id).toBe(node.userId);
    expect(node.merchant?.id).toBe(node.merchantId);
    expect(node.paymentMethod?.id).toBe(node.paymentMethodId);
    expect(node.product?.id).toBe(node.productId);
  }
}

const distinct = (values: unknown[]) => new Set(values).size;

describe('DataLoader batching against the embedded DynamoDB', () => {
  const counting = countDynamoCalls();
  let svc: TestService;
  const variables = { from: DAY, to: DAY, first: 100 };
  const userPage = () =>
    svc.gql<UserTransactionsWithDimensionsQuery>(print(UserTransactionsWithDimensionsDocument), {
      userId: USER,
      ...variables,
    });
  const merchantPage = () =>
    svc.gql<MerchantTransactionsWithDimensionsQuery>(print(MerchantTransactionsWithDimensionsDocument), {
      merchantId: MERCHANT,
      ...variables,
    });

  beforeAll(async () => {
    svc = await startTestService(await makeDataDir(), {}, { dynamoMiddleware: counting.middleware });
    for (const [kind, rows] of Object.entries(DIMENSIONS)) {
      expect((await svc.post(`/v1/dimensions/${kind}`, ndjson(rows))).status).toBe(200);
    }
    const lastUser = DIMENSIONS.users.at(-1)!.user_id;
    const lastMerchant = DIMENSIONS.merchants.at(-1)!.merchant_id;
    // Enrichment must see the dimensions before the events, as it would in production.
    await eventually(async () => {
      const { data } = await svc.gql(
        `{ user(id: "${lastUser}") { id } merchant(id: "${lastMerchant}") { id } }`,
      );
      return data?.['user'] && data['merchant'] ? true : undefined;
    });
    const all = events();
    expect((await svc.post('/v1/transactions', ndjson(all))).json).toEqual({
      accepted: all.length,
      rejected: [],
    });
    await eventually(async () => {
      const [u, m] = await Promise.all([userPage(), merchantPage()]);
      return u.data?.transactions.edges.length === PAGE && m.data?.merchantTransactions.edges.length === PAGE
        ? true
        : undefined;
    }, 60_000);
  });
  afterAll(async () => {
    await svc?.stop();
    if (svc) await fs.rm(svc.dataDir, { recursive: true, force: true });
  });

  it("resolves a user's 50 transactions at 50 merchants with one BatchGetItem per table", async () => {
    counting.api().reset();
    const { data, errors } = await userPage();
    expect(errors).toBeUndefined();
    const nodes = data!.transactions.edges.map((edge) => edge.node);
    expect(nodes).toHaveLength(PAGE);
    expect(distinct(nodes.map((n) => n.merchant?.id))).toBe(PAGE);
    expect(distinct(nodes.map((n) => n.paymentMethod?.id))).toBe(PAGE);
    expect(distinct(nodes.map((n) => n.product?.id))).toBe(PAGE);
    expectJoined(nodes);
    const counts = counting.api().counts();
    expect(Object.keys(counts).filter((call) => call.startsWith('GetItem '))).toEqual([]);
    expect(counts).toEqual(callsPerPage());
  });

  it("resolves a merchant's 50 transactions by 50 users with one BatchGetItem per table", async () => {
    counting.api().reset();
    const { data, errors } = await merchantPage();
    expect(errors).toBeUndefined();
    const nodes = data!.merchantTransactions.edges.map((edge) => edge.node);
    expect(nodes).toHaveLength(PAGE);
    expect(distinct(nodes.map((n) => n.user?.id))).toBe(PAGE);
    expect(distinct(nodes.map((n) => n.paymentMethod?.id))).toBe(PAGE);
    expectJoined(nodes);
    const counts = counting.api().counts();
    expect(Object.keys(counts).filter((call) => call.startsWith('GetItem '))).toEqual([]);
    expect(counts).toEqual(callsPerPage());
  });
});
