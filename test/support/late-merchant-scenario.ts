import { eventually, ndjson, type TestService } from './service-harness';

type RawOverrides = Record<string, unknown>;

/**
 * The scenario both reprocess suites (disk and S3 lakes) start from: u-1, pm-1 and m-1 are known;
 * l-1 and l-2 go to m-late, which has not arrived yet (so they are indexed with a dimension miss);
 * c-1 goes to m-1. `tx` builds a raw event from the suite's own defaults.
 */
export async function ingestLateMerchantScenario(
  svc: Pick<TestService, 'post' | 'gql'>,
  day: string,
  tx: (over: RawOverrides) => RawOverrides,
): Promise<void> {
  await svc.post(
    '/v1/dimensions/users',
    ndjson([{ user_id: 'u-1', segment: 'standard', risk_score: 40, country: 'GB' }]),
  );
  await svc.post(
    '/v1/dimensions/payment_methods',
    ndjson([{ payment_method_id: 'pm-1', method_type: 'card' }]),
  );
  await svc.post(
    '/v1/dimensions/merchants',
    ndjson([
      {
        merchant_id: 'm-1',
        merchant_name: 'Corner Grocer',
        category: 'grocery',
        risk_category: 'low',
        status: 'active',
      },
    ]),
  );
  await eventually(async () =>
    (await svc.gql(`{ merchant(id: "m-1") { id } }`)).data?.merchant ? true : undefined,
  );
  const res = await svc.post(
    '/v1/transactions',
    ndjson([
      tx({ transaction_id: 'l-1', merchant_id: 'm-late', amount: '100.00', timestamp: `${day}T10:00:00Z` }),
      tx({ transaction_id: 'l-2', merchant_id: 'm-late', amount: '2000.00', timestamp: `${day}T11:00:00Z` }),
      tx({ transaction_id: 'c-1', merchant_id: 'm-1', amount: '10.00', timestamp: `${day}T12:00:00Z` }),
    ]),
  );
  expect(res.json).toEqual({ accepted: 3, rejected: [] });
}

/**
 * l-2 as the suites' TRANSACTION query answers it once m-late (high risk, electronics) has arrived
 * and the day was reprocessed: 24 + high-risk merchant 25 (+ 10) = 59.
 */
export function lateL2AfterReprocess(day: string): Record<string, unknown> {
  return {
    id: 'l-2',
    version: 0,
    day,
    amount: '2000.00',
    merchantCategory: 'electronics',
    riskScore: 59,
    riskReasons: ['user_risk_score', 'merchant_risk_high', 'amount_usd_over_1000'],
    flagged: false,
    dimensionMisses: [],
    merchant: { name: 'Late Electronics', category: 'electronics', riskCategory: 'high' },
  };
}
