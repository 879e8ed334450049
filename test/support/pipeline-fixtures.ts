import { isDeepStrictEqual } from 'node:util';
import { eventually, ndjson, type TestService } from './service-harness';
/**
 * The end-to-end scenario of test/e2e/pipeline.e2e.test.ts as data, for the runs of the same
 * scenario on other stacks (test/integration/ on real Kafka, DynamoDB Local and S3): dimensions,
 * events (duplicate, correction by version, stale replay, refund, two currencies, UTC day
 * boundary, an invalid line, an unknown merchant) and the GraphQL queries that check them.
 */
export const tx = (over: Record<string, unknown>) => ({
  user_id: 'u-1',
  merchant_id: 'm-1',
  payment_method_id: 'pm-1',
  product_id: null,
  currency: 'USD',
  transaction_type: 'purchase',
  status: 'completed',
  ...over,
});

export const DIMENSIONS = {
  users: [
    {
      user_id: 'u-1',
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: 'ada@example.com',
      phone: '+447700900123',
      country: 'GB',
      segment: 'standard',
      risk_score: 40,
      date_created: '2024-05-01T08:00:00Z',
    },
    {
      user_id: 'u-2',
      first_name: 'Alan',
      last_name: 'Turing',
      email: 'alan@example.com',
      phone: '+447700900456',
      country: 'GB',
      segment: 'highRiskSegment',
      risk_score: 80,
    },
  ],
  merchants: [
    {
      merchant_id: 'm-1',
      merchant_name: 'Corner Grocer',
      category: 'grocery',
      risk_category: 'low',
      status: 'active',
      location: { city: 'London', country: 'GB' },
      date_onboarded: '2023-01-15T00:00:00Z',
    },
  ],
  payment_methods: [{ payment_method_id: 'pm-1', method_type: 'card', provider_name: 'Visa' }],
  products: [{ product_id: 'p-1', name: 'Gift Card', category: 'vouchers', price: '25.00' }],
  fx_rates: [{ currency: 'EUR', usd_rate: '1.1' }],
};

/**
 * Posts DIMENSIONS and waits until enrichment has them: they must be in its cache before the
 * events, as they would be in production.
 */
export async function postDimensions(svc: TestService): Promise<void> {
  for (const [kind, rows] of Object.entries(DIMENSIONS)) {
    const res = await svc.post(`/v1/dimensions/${kind}`, ndjson(rows));
    expect(res).toEqual({ status: 200, json: { accepted: rows.length, rejected: [] } });
  }
  await eventually(async () => ((await svc.gql(`{ user(id: "u-2") { id } }`)).data?.user ? true : undefined));
}

export const EVENTS = [
  tx({ transaction_id: 't-1', amount: '100.10', timestamp: '2026-03-01T10:00:00Z' }),
  tx({ transaction_id: 't-1', amount: '100.10', timestamp: '2026-03-01T10:00:00Z' }), // duplicate
  tx({ transaction_id: 't-2', amount: 0.1, currency: 'EUR', timestamp: '2026-03-01T23:59:59.999Z' }),
  tx({
    transaction_id: 't-3',
    amount: '0.20',
    currency: 'EUR',
    timestamp: Date.parse('2026-03-02T00:00:00.000Z'),
    terminal: 'pos-7', // unknown field: kept in metadata.extra
  }),
  tx({
    transaction_id: 't-4',
    amount: '20.05',
    transaction_type: 'refund',
    timestamp: '2026-03-01T12:00:00Z',
    product_id: 'p-1',
    metadata: { channel: 'web', reason: 'damaged' },
  }),
  tx({ transaction_id: 't-5', amount: '50.00', status: 'pending', timestamp: '2026-03-01T13:00:00Z' }),
  tx({ transaction_id: 't-5', amount: '55.00', version: 1, timestamp: '2026-03-01T13:00:00Z' }), // correction
  tx({ transaction_id: 't-5', amount: '50.00', status: 'pending', timestamp: '2026-03-01T13:00:00Z' }), // stale replay
  tx({ transaction_id: 't-bad', amount: '1.005', timestamp: '2026-03-01T13:00:00Z' }), // invalid: 3 decimals
  tx({
    transaction_id: 't-6',
    user_id: 'u-2',
    merchant_id: 'm-9',
    amount: '2000.00',
    timestamp: '2026-03-01T15:00:00+00:00',
  }),
];

export const TRANSACTION = `query ($id: ID!) { transaction(id: $id) {
  id userId merchantId merchantCategory paymentMethodId productId amount currency amountUsd transactionType status
  timestamp day version riskScore riskReasons flagged dimensionMisses
  user { id firstName email segment riskScore } merchant { id name category riskCategory } paymentMethod { id methodType providerName } } }`;

export const STATS = `query ($u: ID!, $m: ID!) {
  dailyUserStats(userId: $u, from: "2026-02-28", to: "2026-03-03") { userId date transactionCount totals { currency purchases refunds net } totalSpendUsd maxRiskScore flaggedCount }
  merchantDailyStats(merchantId: $m, from: "2026-03-01", to: "2026-03-02") { merchantId date transactionCount totals { currency purchases refunds net } totalSpendUsd maxRiskScore flaggedCount }
  topMerchants(date: "2026-03-01", by: COUNT) { merchantId transactionCount flaggedCount totalSpendUsd merchant { name } }
}`;

const DAY1_TOTALS = [
  { currency: 'EUR', purchases: '0.10', refunds: '0.00', net: '0.10' },
  { currency: 'USD', purchases: '155.10', refunds: '20.05', net: '135.05' },
];
const DAY2_TOTALS = [{ currency: 'EUR', purchases: '0.20', refunds: '0.00', net: '0.20' }];
const day = (date: string, totals: unknown, transactionCount: number, totalSpendUsd: string) => ({
  date,
  transactionCount,
  totals,
  totalSpendUsd,
  maxRiskScore: 24,
  flaggedCount: 0,
});

/** What STATS answers for u-1 / m-1 once EVENTS are indexed: duplicates and corrections counted once. */
export const EXPECTED_STATS = {
  dailyUserStats: [
    { userId: 'u-1', ...day('2026-03-01', DAY1_TOTALS, 4, '135.16') },
    { userId: 'u-1', ...day('2026-03-02', DAY2_TOTALS, 1, '0.22') },
  ],
  merchantDailyStats: [
    { merchantId: 'm-1', ...day('2026-03-01', DAY1_TOTALS, 4, '135.16') },
    { merchantId: 'm-1', ...day('2026-03-02', DAY2_TOTALS, 1, '0.22') },
  ],
  topMerchants: [
    {
      merchantId: 'm-1',
      transactionCount: 4,
      flaggedCount: 0,
      totalSpendUsd: '135.16',
      merchant: { name: 'Corner Grocer' },
    },
    {
      merchantId: 'm-9',
      transactionCount: 1,
      flaggedCount: 1,
      totalSpendUsd: '2000.00',
      merchant: { name: 'Late Electronics' },
    },
  ],
};

/**
 * True once STATS answers EXPECTED_STATS. fetch() builds its objects in another realm than the
 * test's literals, so they are re-parsed here before a prototype-sensitive deep comparison.
 */
export function statsSettled(data: unknown): boolean {
  return answers(data, EXPECTED_STATS);
}

/*
 * Every field of every transaction and every user/merchant day of the scenario, worked out by hand
 * from DIMENSIONS and EVENTS above (DESIGN §4 risk rules, §5 aggregate semantics), never by calling
 * the code under test. Transactions are read through TransactionById (test/operations), which selects
 * all Transaction fields with the full user, merchant, payment method and product.
 */
const USER_1 = {
  id: 'u-1',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  phone: '+447700900123',
  country: 'GB',
  segment: 'standard',
  riskScore: 40,
  dateCreated: '2024-05-01T08:00:00.000Z',
};
const USER_2 = {
  id: 'u-2',
  firstName: 'Alan',
  lastName: 'Turing',
  email: 'alan@example.com',
  phone: '+447700900456',
  country: 'GB',
  segment: 'highRiskSegment',
  riskScore: 80,
  dateCreated: null,
};
const MERCHANT_1 = {
  id: 'm-1',
  name: 'Corner Grocer',
  category: 'grocery',
  riskCategory: 'low',
  status: 'active',
  location: { city: 'London', country: 'GB' },
  dateOnboarded: '2023-01-15T00:00:00.000Z',
};
/** The merchant the test posts after t-6 was enriched without it. */
export const LATE_MERCHANT = {
  merchant_id: 'm-9',
  merchant_name: 'Late Electronics',
  category: 'electronics',
  risk_category: 'high',
  status: 'active',
};
const MERCHANT_9 = {
  id: 'm-9',
  name: 'Late Electronics',
  category: 'electronics',
  riskCategory: 'high',
  status: 'active',
  location: null,
  dateOnboarded: null,
};
const PAYMENT_METHOD_1 = { id: 'pm-1', methodType: 'card', providerName: 'Visa' };
const PRODUCT_1 = { id: 'p-1', name: 'Gift Card', category: 'vouchers', price: '25.00' };

/** u-1 (risk 40, standard) at m-1 (low, active), under 1,000 USD: 0.6 × 40 = 24, not flagged. */
const u1AtM1 = (over: Record<string, unknown>) => ({
  userId: 'u-1',
  merchantId: 'm-1',
  merchantCategory: 'grocery',
  paymentMethodId: 'pm-1',
  productId: null,
  currency: 'USD',
  transactionType: 'purchase',
  status: 'completed',
  version: 0,
  riskScore: 24,
  riskReasons: ['user_risk_score'],
  flagged: false,
  dimensionMisses: [],
  metadata: null,
  user: USER_1,
  merchant: MERCHANT_1,
  paymentMethod: PAYMENT_METHOD_1,
  product: null,
  ...over,
});

/**
 * TransactionById's answer per id once EVENTS are indexed, except `enrichedAt` (the enrichment
 * clock, checked by the test). t-6 is as answered after LATE_MERCHANT arrived: its stored enrichment
 * keeps what was known then (no category, the miss), the loader reads the merchant as it is now.
 */
export const EXPECTED_TRANSACTIONS: Record<string, Record<string, unknown>> = {
  // Sent twice: the second copy is the current state, with the same fields.
  't-1': u1AtM1({
    id: 't-1',
    amount: '100.10',
    amountUsd: '100.10',
    timestamp: '2026-03-01T10:00:00.000Z',
    day: '2026-03-01',
  }),
  // 0.1 EUR × 1.1 = 0.11 USD; the last millisecond of 1 March.
  't-2': u1AtM1({
    id: 't-2',
    amount: '0.10',
    currency: 'EUR',
    amountUsd: '0.11',
    timestamp: '2026-03-01T23:59:59.999Z',
    day: '2026-03-01',
  }),
  // Epoch ms of midnight: the first millisecond of 2 March. 0.20 × 1.1 = 0.22.
  't-3': u1AtM1({
    id: 't-3',
    amount: '0.20',
    currency: 'EUR',
    amountUsd: '0.22',
    timestamp: '2026-03-02T00:00:00.000Z',
    day: '2026-03-02',
    metadata: { extra: { terminal: 'pos-7' } },
  }),
  't-4': u1AtM1({
    id: 't-4',
    productId: 'p-1',
    amount: '20.05',
    amountUsd: '20.05',
    transactionType: 'refund',
    timestamp: '2026-03-01T12:00:00.000Z',
    day: '2026-03-01',
    metadata: { channel: 'web', reason: 'damaged' },
    product: PRODUCT_1,
  }),
  // Version 1 (completed, 55.00) beats both pending version-0 copies, whatever their arrival.
  't-5': u1AtM1({
    id: 't-5',
    amount: '55.00',
    amountUsd: '55.00',
    timestamp: '2026-03-01T13:00:00.000Z',
    day: '2026-03-01',
    version: 1,
  }),
  // u-2 (risk 80, highRiskSegment) at an unknown merchant, 2,000 USD:
  // 0.6 × 80 = 48, + missing merchant 10, + high-risk segment 10, + ≥ 1,000 USD 10 = 78 ≥ 70.
  't-6': {
    id: 't-6',
    userId: 'u-2',
    merchantId: 'm-9',
    merchantCategory: null,
    paymentMethodId: 'pm-1',
    productId: null,
    amount: '2000.00',
    currency: 'USD',
    amountUsd: '2000.00',
    transactionType: 'purchase',
    status: 'completed',
    timestamp: '2026-03-01T15:00:00.000Z',
    day: '2026-03-01',
    version: 0,
    riskScore: 78,
    riskReasons: ['user_risk_score', 'merchant_missing', 'high_risk_segment', 'amount_usd_over_1000'],
    flagged: true,
    dimensionMisses: ['merchant'],
    metadata: null,
    user: USER_2,
    merchant: MERCHANT_9,
    paymentMethod: PAYMENT_METHOD_1,
    product: null,
  },
};

const STATS_FIELDS = `date transactionCount totals { currency purchases refunds net } totalSpendUsd maxRiskScore flaggedCount`;
const RANGE = `from: "2026-02-28", to: "2026-03-03"`;

/** Every user and merchant of the scenario, over a range one day wider than its events on each side. */
export const ALL_STATS = `{
  u1: dailyUserStats(userId: "u-1", ${RANGE}) { userId ${STATS_FIELDS} }
  u2: dailyUserStats(userId: "u-2", ${RANGE}) { userId ${STATS_FIELDS} }
  m1: merchantDailyStats(merchantId: "m-1", ${RANGE}) { merchantId merchant { id name } ${STATS_FIELDS} }
  m9: merchantDailyStats(merchantId: "m-9", ${RANGE}) { merchantId merchant { id name } ${STATS_FIELDS} }
}`;

/*
 * u-1 and m-1 on 1 March: t-1 (100.10 USD, once despite the duplicate), t-2 (0.10 EUR), t-4 (refund
 * 20.05 USD), t-5 (55.00 USD, the completed correction, not the pending 50.00): 4 transactions.
 * USD purchases 100.10 + 55.00 = 155.10, refunds 20.05, net 135.05; EUR purchases and net 0.10.
 * totalSpendUsd = 135.05 × 1 + 0.10 × 1.1 = 135.16. On 2 March: t-3, 0.20 EUR, 0.22 USD.
 * u-2 and m-9 on 1 March: t-6 alone, 2,000.00 USD, score 78, flagged.
 */
const U1_M1_DAY1 = {
  date: '2026-03-01',
  transactionCount: 4,
  totals: [
    { currency: 'EUR', purchases: '0.10', refunds: '0.00', net: '0.10' },
    { currency: 'USD', purchases: '155.10', refunds: '20.05', net: '135.05' },
  ],
  totalSpendUsd: '135.16',
  maxRiskScore: 24,
  flaggedCount: 0,
};
const U1_M1_DAY2 = {
  date: '2026-03-02',
  transactionCount: 1,
  totals: [{ currency: 'EUR', purchases: '0.20', refunds: '0.00', net: '0.20' }],
  totalSpendUsd: '0.22',
  maxRiskScore: 24,
  flaggedCount: 0,
};
const U2_M9_DAY1 = {
  date: '2026-03-01',
  transactionCount: 1,
  totals: [{ currency: 'USD', purchases: '2000.00', refunds: '0.00', net: '2000.00' }],
  totalSpendUsd: '2000.00',
  maxRiskScore: 78,
  flaggedCount: 1,
};

/** What ALL_STATS answers once EVENTS are indexed and LATE_MERCHANT is in the dimension tables. */
export const EXPECTED_ALL_STATS = {
  u1: [
    { userId: 'u-1', ...U1_M1_DAY1 },
    { userId: 'u-1', ...U1_M1_DAY2 },
  ],
  u2: [{ userId: 'u-2', ...U2_M9_DAY1 }],
  m1: [
    { merchantId: 'm-1', merchant: { id: 'm-1', name: 'Corner Grocer' }, ...U1_M1_DAY1 },
    { merchantId: 'm-1', merchant: { id: 'm-1', name: 'Corner Grocer' }, ...U1_M1_DAY2 },
  ],
  m9: [{ merchantId: 'm-9', merchant: { id: 'm-9', name: 'Late Electronics' }, ...U2_M9_DAY1 }],
};

/** True once `data` (a fetch() answer) deep-equals `expected`; re-parsed as in statsSettled. */
export function answers(data: unknown, expected: unknown): boolean {
  return isDeepStrictEqual(JSON.parse(JSON.stringify(data ?? null)), expected);
}
