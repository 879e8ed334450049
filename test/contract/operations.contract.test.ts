import fs from 'node:fs';
import path from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  buildSchema,
  getOperationAST,
  parse,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { SCHEMA_PATH } from '../../src/schema/emit-schema';
import * as operations from '../generated/graphql';
import {
  KEYS,
  eventually,
  makeDataDir,
  ndjson,
  startTestService,
  type TestService,
} from '../support/service-harness';
import { createTypedClient, operationName, type TypedClient } from './support/typed-client';

jest.setTimeout(90_000);

/**
 * Every operation in test/operations, run through its generated TypedDocumentNode against the whole
 * embedded service, each response checked against the checked-in schema (support/response-shape.ts)
 * before the test reads it through the generated types.
 */

const OPERATIONS_DIR = path.join(__dirname, '..', 'operations');
const DAY = '2026-03-01';
const NEXT_DAY = '2026-03-02';

const DIMENSIONS = {
  users: [
    {
      user_id: 'u-c1',
      first_name: 'Grace',
      last_name: 'Hopper',
      email: 'grace@example.com',
      phone: '+15550100',
      country: 'US',
      segment: 'standard',
      risk_score: 20,
      date_created: '2024-05-01T08:00:00Z',
    },
    { user_id: 'u-c2', first_name: 'Live', segment: 'highRiskSegment', risk_score: 90 },
  ],
  merchants: [
    {
      merchant_id: 'm-c1',
      merchant_name: 'Harbour Books',
      category: 'books',
      risk_category: 'high',
      status: 'active',
      location: { city: 'Boston', country: 'US' },
      date_onboarded: '2023-01-15T00:00:00Z',
    },
  ],
  payment_methods: [{ payment_method_id: 'pm-c1', method_type: 'card', provider_name: 'Visa' }],
  products: [{ product_id: 'p-c1', name: 'Compiler Design', category: 'books', price: '49.90' }],
  fx_rates: [{ currency: 'EUR', usd_rate: '1.1' }],
};

const event = (over: Record<string, unknown>) => ({
  user_id: 'u-c1',
  merchant_id: 'm-c1',
  payment_method_id: 'pm-c1',
  product_id: 'p-c1',
  currency: 'USD',
  transaction_type: 'purchase',
  status: 'completed',
  timestamp: `${DAY}T10:00:00Z`,
  ...over,
});

const EVENTS = [
  event({ transaction_id: 't-c1', amount: '49.90', currency: 'EUR', metadata: { channel: 'web' } }),
  event({ transaction_id: 't-c2', amount: '12.00', timestamp: `${DAY}T11:00:00Z` }),
  event({
    transaction_id: 't-c3',
    amount: '5.00',
    transaction_type: 'refund',
    timestamp: `${DAY}T12:00:00Z`,
  }),
  event({ transaction_id: 't-c4', amount: '900.00', fraud_flag: true, timestamp: `${NEXT_DAY}T09:00:00Z` }),
];

interface Case {
  name: string;
  run(client: TypedClient): Promise<void>;
}

/** Ties each document to its own variables and result types, so a table can hold them all. */
function queryCase<TData, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  check: (data: TData) => void,
): Case {
  return {
    name: operationName(document),
    run: async (client) => check(await client.query(document, variables)),
  };
}

const QUERIES: Case[] = [
  queryCase(operations.TransactionByIdDocument, { id: 't-c1' }, ({ transaction }) => {
    expect(transaction).toMatchObject({ id: 't-c1', amount: '49.90', amountUsd: '54.89', day: DAY });
    expect(transaction?.user?.id).toBe('u-c1');
    expect(transaction?.merchant?.location).toEqual({ city: 'Boston', country: 'US' });
    expect(transaction?.paymentMethod?.providerName).toBe('Visa');
    expect(transaction?.product?.price).toBe('49.90');
    expect(transaction?.metadata).toEqual({ channel: 'web' });
  }),
  queryCase(operations.TransactionsPageDocument, { userId: 'u-c1', first: 2 }, ({ transactions }) => {
    expect(transactions.edges.map((e) => e.node.id)).toEqual(['t-c4', 't-c3']);
    expect(transactions.pageInfo.hasNextPage).toBe(true);
    expect(transactions.pageInfo.endCursor).toEqual(expect.any(String));
  }),
  queryCase(
    operations.MerchantTransactionsPageDocument,
    { merchantId: 'm-c1', from: DAY, to: DAY },
    ({ merchantTransactions }) => {
      expect(merchantTransactions.edges.map((e) => e.node.id)).toEqual(['t-c3', 't-c2', 't-c1']);
      expect(merchantTransactions.edges[0]?.node.user?.segment).toBe('standard');
      expect(merchantTransactions.pageInfo).toEqual({ hasNextPage: false, endCursor: expect.any(String) });
    },
  ),
  queryCase(
    operations.DailyUserStatsDocument,
    { userId: 'u-c1', from: DAY, to: NEXT_DAY },
    ({ dailyUserStats }) => {
      expect(dailyUserStats.map((d) => [d.date, d.transactionCount])).toEqual([
        [DAY, 3],
        [NEXT_DAY, 1],
      ]);
      expect(dailyUserStats[0]?.totals.map((t) => t.currency)).toEqual(['EUR', 'USD']);
    },
  ),
  queryCase(
    operations.MerchantDailyStatsDocument,
    { merchantId: 'm-c1', from: DAY, to: NEXT_DAY },
    ({ merchantDailyStats }) => {
      expect(merchantDailyStats.map((d) => d.date)).toEqual([DAY, NEXT_DAY]);
      expect(merchantDailyStats[1]?.flaggedCount).toBe(1);
    },
  ),
  queryCase(operations.TopMerchantsDocument, { date: DAY, by: 'COUNT', limit: 5 }, ({ topMerchants }) => {
    expect(topMerchants[0]).toMatchObject({ merchantId: 'm-c1', transactionCount: 3 });
    expect(topMerchants[0]?.merchant?.name).toBe('Harbour Books');
  }),
  queryCase(
    operations.UserDashboardDocument,
    { userId: 'u-c1', day: DAY, from: DAY, to: NEXT_DAY, first: 10 },
    ({ transactions, dailyUserStats }) => {
      expect(transactions.edges.map((e) => e.node.id)).toEqual(['t-c3', 't-c2', 't-c1']);
      expect(transactions.edges[0]?.node.merchant?.name).toBe('Harbour Books');
      expect(transactions.edges[0]?.node.paymentMethod?.providerName).toBe('Visa');
      expect(transactions.pageInfo.hasNextPage).toBe(false);
      expect(dailyUserStats.map((d) => [d.date, d.transactionCount])).toEqual([
        [DAY, 3],
        [NEXT_DAY, 1],
      ]);
    },
  ),
  queryCase(
    operations.UserTransactionsWithDimensionsDocument,
    { userId: 'u-c1', from: DAY, to: DAY },
    ({ transactions }) => {
      expect(transactions.edges.map((e) => e.node.id)).toEqual(['t-c3', 't-c2', 't-c1']);
      expect(transactions.edges[2]?.node).toMatchObject({
        user: { id: 'u-c1', segment: 'standard', riskScore: 20 },
        merchant: { id: 'm-c1', category: 'books', riskCategory: 'high' },
        paymentMethod: { id: 'pm-c1', methodType: 'card' },
        product: { id: 'p-c1', name: 'Compiler Design', price: '49.90' },
      });
      expect(transactions.pageInfo.hasNextPage).toBe(false);
    },
  ),
  queryCase(
    operations.MerchantTransactionsWithDimensionsDocument,
    { merchantId: 'm-c1', from: NEXT_DAY, to: NEXT_DAY },
    ({ merchantTransactions }) => {
      expect(merchantTransactions.edges.map((e) => e.node.id)).toEqual(['t-c4']);
      expect(merchantTransactions.edges[0]?.node).toMatchObject({
        flagged: true,
        user: { id: 'u-c1' },
        merchant: { id: 'm-c1', name: 'Harbour Books' },
        paymentMethod: { providerName: 'Visa' },
        product: { id: 'p-c1' },
      });
    },
  ),
  queryCase(operations.UserDocument, { id: 'u-c1' }, ({ user }) => {
    expect(user).toMatchObject({ id: 'u-c1', country: 'US', dateCreated: '2024-05-01T08:00:00.000Z' });
  }),
  queryCase(operations.MerchantDocument, { id: 'm-c1' }, ({ merchant }) => {
    expect(merchant).toMatchObject({
      id: 'm-c1',
      riskCategory: 'high',
      dateOnboarded: '2023-01-15T00:00:00.000Z',
    });
  }),
];

/** A new event for the live user; every attempt is a distinct transaction, so each one is pushed. */
const liveEvent = (name: string, attempt: number, over: Record<string, unknown> = {}) =>
  ndjson([
    event({
      transaction_id: `t-live-${name}-${attempt}`,
      user_id: 'u-c2',
      amount: '300.00',
      timestamp: `${NEXT_DAY}T15:00:00Z`,
      ...over,
    }),
  ]);

interface SubscriptionCase {
  name: string;
  run(client: TypedClient, svc: TestService): Promise<void>;
}

function subscriptionCase<TData, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  trigger: Record<string, unknown>,
  check: (data: TData) => void,
): SubscriptionCase {
  const name = operationName(document);
  return {
    name,
    async run(client, svc) {
      const data = await client.firstEvent(document, variables, async (attempt) => {
        expect((await svc.post('/v1/transactions', liveEvent(name, attempt, trigger))).status).toBe(200);
      });
      check(data);
    },
  };
}

const SUBSCRIPTIONS: SubscriptionCase[] = [
  subscriptionCase(
    operations.TransactionEnrichedDocument,
    { filter: { userId: 'u-c2', currencies: ['USD'] } },
    {},
    ({ transactionEnriched }) => {
      expect(transactionEnriched).toMatchObject({ userId: 'u-c2', amount: '300.00', currency: 'USD' });
      expect(transactionEnriched.merchant?.name).toBe('Harbour Books');
    },
  ),
  subscriptionCase(
    operations.TransactionFlaggedDocument,
    { minRiskScore: 50 },
    { fraud_flag: true },
    ({ transactionFlagged }) => {
      expect(transactionFlagged).toMatchObject({ userId: 'u-c2', flagged: true });
      expect(transactionFlagged.user?.firstName).toBe('Live');
    },
  ),
  subscriptionCase(operations.LiveFlaggedDocument, {}, { fraud_flag: true }, ({ transactionFlagged }) => {
    expect(transactionFlagged.riskReasons).toContain('raw_fraud_flag');
  }),
];

function operationsOnDisk(): OperationDefinitionNode[] {
  return fs
    .readdirSync(OPERATIONS_DIR)
    .filter((file) => file.endsWith('.graphql'))
    .flatMap((file) => parse(fs.readFileSync(path.join(OPERATIONS_DIR, file), 'utf8')).definitions)
    .filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
}

describe('contract operations (test/operations) against the embedded service', () => {
  const schema: GraphQLSchema = buildSchema(fs.readFileSync(SCHEMA_PATH, 'utf8'));
  let svc: TestService;
  const clients: TypedClient[] = [];
  const clientFor = (key: string) => {
    const client = createTypedClient({ url: svc.service.url, key, schema });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    svc = await startTestService(await makeDataDir());
    for (const [kind, rows] of Object.entries(DIMENSIONS)) {
      expect(await svc.post(`/v1/dimensions/${kind}`, ndjson(rows))).toEqual({
        status: 200,
        json: { accepted: rows.length, rejected: [] },
      });
    }
    // Enrichment must see the dimensions before the events, as it would in production.
    await eventually(async () => {
      const { data } = await svc.gql(`{ merchant(id: "m-c1") { id } user(id: "u-c2") { id } }`);
      return data?.['merchant'] && data['user'] ? true : undefined;
    });
    expect((await svc.post('/v1/transactions', ndjson(EVENTS))).json).toEqual({ accepted: 4, rejected: [] });
    await eventually(async () => {
      const stats = await svc.gql<{ merchantDailyStats: { transactionCount: number }[] }>(
        `{ merchantDailyStats(merchantId: "m-c1", from: "${DAY}", to: "${NEXT_DAY}") { transactionCount } }`,
      );
      const counts = stats.data?.merchantDailyStats.map((d) => d.transactionCount);
      return counts?.join() === '3,1' ? true : undefined;
    });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await svc?.stop();
    if (svc) await fs.promises.rm(svc.dataDir, { recursive: true, force: true });
  });

  test('every operation in test/operations has a case here, and each is valid against the schema', () => {
    const onDisk = operationsOnDisk();
    expect(onDisk.map((op) => op.name?.value).sort()).toEqual(
      [...QUERIES, ...SUBSCRIPTIONS].map((c) => c.name).sort(),
    );
    // Fragment documents (…FragmentDoc) are checked through the operations that spread them.
    const documents = Object.values(operations).filter(
      (value): value is DocumentNode =>
        typeof value === 'object' && value !== null && 'kind' in value && getOperationAST(value) !== null,
    );
    expect(documents.map((d) => operationName(d)).sort()).toEqual(onDisk.map((op) => op.name?.value).sort());
    for (const document of documents) expect(validate(schema, document).map((e) => e.message)).toEqual([]);
  });

  test.each(QUERIES.map((c) => [c.name, c] as const))('query %s (admin)', async (_name, c) => {
    await c.run(clientFor(KEYS.admin));
  });

  // Masked PII must still be in the declared formats.
  test.each(QUERIES.map((c) => [c.name, c] as const))(
    'query %s conforms for a masked role (analyst)',
    async (_name, c) => {
      await c.run(clientFor(KEYS.analyst));
    },
  );

  test.each(SUBSCRIPTIONS.map((c) => [c.name, c] as const))(
    'subscription %s over graphql-ws (fraud)',
    async (_name, c) => {
      await c.run(clientFor(KEYS.fraud), svc);
    },
  );
});
