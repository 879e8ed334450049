import { isDeepStrictEqual } from 'node:util';
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
    },
  ],
  payment_methods: [{ payment_method_id: 'pm-1', method_type: 'card', provider_name: 'Visa' }],
  fx_rates: [{ currency: 'EUR', usd_rate: '1.1' }],
};

export const EVENTS = [
  tx({ transaction_id: 't-1', amount: '100.10', timestamp: '2026-03-01T10:00:00Z' }),
  tx({ transaction_id: 't-1', amount: '100.10', timestamp: '2026-03-01T10:00:00Z' }), // duplicate
  tx({ transaction_id: 't-2', amount: 0.1, currency: 'EUR', timestamp: '2026-03-01T23:59:59.999Z' }),
  tx({
    transaction_id: 't-3',
    amount: '0.20',
    currency: 'EUR',
    timestamp: Date.parse('2026-03-02T00:00:00.000Z'),
  }),
  tx({
    transaction_id: 't-4',
    amount: '20.05',
    transaction_type: 'refund',
    timestamp: '2026-03-01T12:00:00Z',
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
  return isDeepStrictEqual(JSON.parse(JSON.stringify(data ?? null)), EXPECTED_STATS);
}
