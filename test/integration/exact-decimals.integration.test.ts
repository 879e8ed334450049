/**
 * Money stays exact through the service on the real stack (Kafka, DynamoDB Local): decimals with
 * more significant digits than a double holds come back from GraphQL digit for digit.
 *
 * DESIGN §2 caps an amount at 10 digits, so per-currency sums of a few events stay far below a
 * double's 15–17 digits. The USD side is not capped: amount × usd_rate (any positive decimal,
 * §3) gives amountUsd and totalSpendUsd of 18 significant digits here, near 2^53, where a double
 * cannot hold the cents at all. The lake's DECIMAL(38,2) takes them too.
 */
import fs from 'node:fs/promises';
import { eventually, ndjson, type TestService } from '../support/service-harness';
import { tx } from '../support/pipeline-fixtures';
import { freshNames, startStackService } from './real-stack';

jest.setTimeout(120_000);

/** A made-up rate (USD per unit) with the precision of a real one; XAU so it is a valid code. */
const RATE = { currency: 'XAU', usd_rate: '86419753.1234567' };
const DAY = '2026-03-05';
const at = (hh: string) => `${DAY}T${hh}:00:00Z`;
const EVENTS = [
  tx({
    transaction_id: 't-x1',
    user_id: 'u-x',
    merchant_id: 'm-x',
    amount: '99999999.99',
    currency: 'XAU',
    timestamp: at('09'),
  }),
  tx({
    transaction_id: 't-x2',
    user_id: 'u-x',
    merchant_id: 'm-x',
    amount: '0.01',
    currency: 'XAU',
    timestamp: at('10'),
  }),
  tx({
    transaction_id: 't-x3',
    user_id: 'u-x',
    merchant_id: 'm-x',
    amount: '0.03',
    currency: 'XAU',
    transaction_type: 'refund',
    timestamp: at('11'),
  }),
  tx({
    transaction_id: 't-x4',
    user_id: 'u-x',
    merchant_id: 'm-x',
    amount: '0.01',
    currency: 'USD',
    timestamp: at('12'),
  }),
];

// Worked out by hand (Python decimal, 60 digits): amount × rate, half up to cents; the day's
// spend is Σ net × rate + 0.01 USD, rounded once: 99999999.97 × 86419753.1234567 + 0.01.
const AMOUNT_USD = {
  't-x1': '8641975311481472.47',
  't-x2': '864197.53',
  't-x3': '2592592.59',
  't-x4': '0.01',
};
const DAY_STATS = {
  date: DAY,
  transactionCount: 4,
  totals: [
    { currency: 'USD', purchases: '0.01', refunds: '0.00', net: '0.01' },
    { currency: 'XAU', purchases: '100000000.00', refunds: '0.03', net: '99999999.97' },
  ],
  totalSpendUsd: '8641975309753077.42',
};
const EXPECTED = {
  dailyUserStats: [{ userId: 'u-x', ...DAY_STATS }],
  merchantDailyStats: [{ merchantId: 'm-x', ...DAY_STATS }],
};

const FIELDS = 'date transactionCount totals { currency purchases refunds net } totalSpendUsd';
const STATS = `{
  dailyUserStats(userId: "u-x", from: "${DAY}", to: "${DAY}") { userId ${FIELDS} }
  merchantDailyStats(merchantId: "m-x", from: "${DAY}", to: "${DAY}") { merchantId ${FIELDS} }
}`;
const AMOUNTS = `query ($id: ID!) { transaction(id: $id) { amount amountUsd } }`;

describe('exact decimals through Kafka and DynamoDB Local', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startStackService(freshNames('decimals'));
  });
  afterAll(async () => {
    await svc?.stop();
    if (svc) await fs.rm(svc.dataDir, { recursive: true, force: true });
  });

  const amountUsd = async (id: string) =>
    (await svc.gql<{ transaction: { amountUsd: string | null } | null }>(AMOUNTS, { id })).data?.transaction
      ?.amountUsd;

  test('amountUsd and the day aggregates of 18 significant digits come back digit for digit', async () => {
    expect(await svc.post('/v1/dimensions/fx_rates', ndjson([RATE]))).toEqual({
      status: 200,
      json: { accepted: 1, rejected: [] },
    });
    // The rate reaches enrichment's cache through dim.fx_rates, racing the transactions topic:
    // probe (another user and day) until an XAU event is converted, then send the real ones.
    let probe = 0;
    const probed = await eventually(async () => {
      const id = `t-probe-${probe++}`;
      await svc.post(
        '/v1/transactions',
        ndjson([
          tx({
            transaction_id: id,
            user_id: 'u-probe',
            amount: '1.00',
            currency: 'XAU',
            timestamp: '2026-03-04T00:00:00Z',
          }),
        ]),
      );
      // Indexed: null means enriched before the rate arrived, so try again with a new probe.
      return (await eventually(() => amountUsd(id), 10_000)) ?? undefined;
    }, 60_000);
    expect(probed).toBe('86419753.12');

    expect(await svc.post('/v1/transactions', ndjson(EVENTS))).toEqual({
      status: 200,
      json: { accepted: 4, rejected: [] },
    });
    for (const [id, usd] of Object.entries(AMOUNT_USD)) {
      expect(await eventually(async () => (await amountUsd(id)) ?? undefined, 30_000)).toBe(usd);
    }
    expect((await svc.gql(AMOUNTS, { id: 't-x1' })).data).toEqual({
      transaction: { amount: '99999999.99', amountUsd: AMOUNT_USD['t-x1'] },
    });

    // Merchant-days are recomputed by the refresher a moment after the user-days.
    const settled = (data: unknown) => JSON.stringify(data) === JSON.stringify(EXPECTED);
    await eventually(async () => (settled((await svc.gql(STATS)).data) ? true : undefined), 30_000).catch(
      async (error: unknown) => {
        expect((await svc.gql(STATS)).data).toEqual(EXPECTED);
        throw error;
      },
    );
    expect((await svc.gql(STATS)).data).toEqual(EXPECTED);
  });
});
