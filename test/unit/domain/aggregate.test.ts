import { aggregateDay } from '../../../src/domain/aggregate';
import { formatArrival } from '../../../src/domain/current-state';
import type { DayStats, EnrichedTransaction } from '../../../src/domain/types';
import { enrichedTx } from './fixtures';

const at = (n: number) => formatArrival(1772359200000 + n, 0, String(n));

function tx(id: string, overrides: Partial<EnrichedTransaction> = {}): EnrichedTransaction {
  return enrichedTx({ transaction_id: id, arrival: at(0), ...overrides });
}

const eur = (id: string, amount: string, rate: string | null, o: Partial<EnrichedTransaction> = {}) =>
  tx(id, { currency: 'EUR', amount, usd_rate: rate, ...o });

const EMPTY: DayStats = {
  transaction_count: 0,
  totals: [],
  total_spend_usd: '0.00',
  max_risk_score: 0,
  flagged_count: 0,
};

describe('aggregateDay', () => {
  test.each<[string, EnrichedTransaction[], Partial<DayStats>]>([
    ['no transactions', [], EMPTY],
    [
      '0.1 + 0.2 is exactly 0.30',
      [tx('a', { amount: '0.10' }), tx('b', { amount: '0.20' })],
      {
        totals: [{ currency: 'USD', purchases: '0.30', refunds: '0.00', net: '0.30' }],
        total_spend_usd: '0.30',
      },
    ],
    [
      'refunds subtract',
      [tx('a', { amount: '100.00' }), tx('b', { amount: '30.25', transaction_type: 'refund' })],
      {
        transaction_count: 2,
        totals: [{ currency: 'USD', purchases: '100.00', refunds: '30.25', net: '69.75' }],
        total_spend_usd: '69.75',
      },
    ],
    [
      'net may be negative',
      [tx('a', { amount: '5.00', transaction_type: 'refund' })],
      {
        totals: [{ currency: 'USD', purchases: '0.00', refunds: '5.00', net: '-5.00' }],
        total_spend_usd: '-5.00',
      },
    ],
    [
      'pending, failed, reversed, chargebacks and adjustments count but do not sum',
      [
        tx('a', { amount: '10.00' }),
        tx('b', { amount: '20.00', status: 'pending' }),
        tx('c', { amount: '30.00', status: 'failed' }),
        tx('d', { amount: '40.00', status: 'reversed', transaction_type: 'refund' }),
        tx('e', { amount: '50.00', transaction_type: 'chargeback' }),
        tx('f', { amount: '60.00', transaction_type: 'adjustment' }),
      ],
      {
        transaction_count: 6,
        totals: [{ currency: 'USD', purchases: '10.00', refunds: '0.00', net: '10.00' }],
        total_spend_usd: '10.00',
      },
    ],
    [
      'a currency seen only on a failed transaction still gets a row',
      [tx('a'), eur('b', '5.00', null, { status: 'failed' })],
      {
        totals: [
          { currency: 'EUR', purchases: '0.00', refunds: '0.00', net: '0.00' },
          { currency: 'USD', purchases: '10.00', refunds: '0.00', net: '10.00' },
        ],
        total_spend_usd: '10.00', // the failed one needs no rate
      },
    ],
    [
      'two currencies, sorted, converted per transaction',
      [
        tx('a', { amount: '10.00' }),
        eur('b', '20.00', '1.10'),
        eur('c', '5.00', '1.20', { transaction_type: 'refund' }),
      ],
      {
        totals: [
          { currency: 'EUR', purchases: '20.00', refunds: '5.00', net: '15.00' },
          { currency: 'USD', purchases: '10.00', refunds: '0.00', net: '10.00' },
        ],
        total_spend_usd: '26.00', // 10 + 22 − 6
      },
    ],
    [
      'a completed purchase without a rate makes USD null',
      [tx('a'), eur('b', '20.00', null)],
      { total_spend_usd: null },
    ],
    [
      'a completed refund without a rate makes USD null',
      [tx('a'), eur('b', '1.00', null, { transaction_type: 'refund' })],
      { total_spend_usd: null },
    ],
    [
      'rounding only at the end: 3 × 0.01 EUR at 1.5 is 0.045 → 0.05 (per row: 3 × 0.02 = 0.06)',
      [eur('a', '0.01', '1.5'), eur('b', '0.01', '1.5'), eur('c', '0.01', '1.5')],
      { total_spend_usd: '0.05' },
    ],
    [
      'rounding only at the end: 2 × 1.00 EUR at 1.005 is 2.01 (per row: 2 × 1.01 = 2.02)',
      [eur('a', '1.00', '1.005'), eur('b', '1.00', '1.005')],
      { total_spend_usd: '2.01' },
    ],
    [
      '3 × 0.01 EUR at 1.005: Σ = 0.03015 → 0.03',
      [eur('a', '0.01', '1.005'), eur('b', '0.01', '1.005'), eur('c', '0.01', '1.005')],
      { total_spend_usd: '0.03' },
    ],
    [
      'risk maximum and flagged count',
      [
        tx('a', { risk_score: 40 }),
        tx('b', { risk_score: 85, flagged: true }),
        tx('c', { risk_score: 20, flagged: true }),
      ],
      { max_risk_score: 85, flagged_count: 2 },
    ],
    [
      'an exact duplicate counts once',
      [tx('a', { amount: '7.00' }), tx('a', { amount: '7.00' })],
      {
        transaction_count: 1,
        totals: [{ currency: 'USD', purchases: '7.00', refunds: '0.00', net: '7.00' }],
      },
    ],
    [
      'version 2 replaces version 1 even when it arrived first',
      [
        tx('a', {
          amount: '9.00',
          version: 2,
          arrival: at(1),
          status: 'failed',
          flagged: true,
          risk_score: 90,
        }),
        tx('a', { amount: '7.00', version: 1, arrival: at(2) }),
      ],
      {
        transaction_count: 1,
        totals: [{ currency: 'USD', purchases: '0.00', refunds: '0.00', net: '0.00' }],
        total_spend_usd: '0.00',
        max_risk_score: 90,
        flagged_count: 1,
      },
    ],
    [
      'equal versions: the later arrival wins',
      [tx('a', { amount: '9.00', arrival: at(5) }), tx('a', { amount: '7.00', arrival: at(3) })],
      { transaction_count: 1, total_spend_usd: '9.00' },
    ],
    [
      'a superseded high risk score does not count',
      [
        tx('a', { risk_score: 95, flagged: true, arrival: at(1) }),
        tx('a', { risk_score: 10, arrival: at(2) }),
      ],
      { max_risk_score: 10, flagged_count: 0 },
    ],
  ])('%s', (_name, transactions, expected) => {
    expect(aggregateDay(transactions)).toMatchObject(expected);
    expect(aggregateDay([...transactions].reverse())).toEqual(aggregateDay(transactions));
  });
});
