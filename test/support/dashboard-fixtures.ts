/**
 * One user's dashboard as data (test/operations/user-dashboard.query.graphql): a busy day of 50
 * transactions across 5 merchants and 5 payment methods, and two transactions on each of the 29 days
 * before it, so the stats range holds 30 days. Shared by the dashboard e2e test and bench/query.bench.ts,
 * which both seed it through the real pipeline (HTTP ingest → enrichment → indexer).
 */
import { print } from 'graphql';
import { tableNames } from '../../src/datasources/dynamo/table-names';
import { seedDimensions } from '../../src/synthetic/seed-dimensions';
import { UserDashboardDocument, type UserDashboardQuery } from '../generated/graphql';
import { eventually, ndjson, type TestService } from './service-harness';

export const DASHBOARD_QUERY = print(UserDashboardDocument);

const DAY = '2026-03-01';
export const DAY_TRANSACTIONS = 50;
export const STATS_DAYS = 30;
const EARLIER_PER_DAY = 2;

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const DIMENSIONS = seedDimensions({ users: 1, merchants: 5, paymentMethods: 5, products: 5 });
export const DASHBOARD_MERCHANTS = DIMENSIONS.merchants.length;
export const DASHBOARD_PAYMENT_METHODS = DIMENSIONS.payment_methods.length;

/**
 * The DynamoDB calls one dashboard request may make (counted by test/support/dynamo-call-counter.ts):
 * a Query per list, and one BatchGetItem per dimension table for the 50 rows, never a read per row.
 */
export function dashboardCallsPerRequest(): Record<string, number> {
  const tables = tableNames(''); // the harness leaves TABLE_PREFIX unset
  return {
    [`BatchGetItem ${tables.merchants}`]: 1,
    [`BatchGetItem ${tables.paymentMethods}`]: 1,
    [`Query ${tables.dailyUserStats}`]: 1,
    [`Query ${tables.transactionIndex}`]: 1,
  };
}

export const DASHBOARD_VARIABLES = {
  userId: DIMENSIONS.users[0]!.user_id,
  day: DAY,
  from: addDays(DAY, 1 - STATS_DAYS),
  to: DAY,
  first: 100,
};

function event(i: number, timestamp: string): Record<string, unknown> {
  const pick = <T>(rows: readonly T[], k: number) => rows[k % rows.length]!;
  return {
    transaction_id: `dash-${String(i).padStart(4, '0')}`,
    user_id: DASHBOARD_VARIABLES.userId,
    merchant_id: pick(DIMENSIONS.merchants, i).merchant_id,
    // Another stride than the merchants', so merchant × payment method pairs vary.
    payment_method_id: pick(DIMENSIONS.payment_methods, i * 3).payment_method_id,
    product_id: pick(DIMENSIONS.products, i).product_id,
    amount: `${((i * 37) % 300) + 5}.${String((i * 13) % 100).padStart(2, '0')}`,
    currency: pick(['USD', 'EUR', 'GBP'], i),
    transaction_type: i % 10 === 9 ? 'refund' : 'purchase',
    status: i % 17 === 5 ? 'pending' : 'completed',
    fraud_flag: i % 23 === 11,
    timestamp,
    ...(i % 4 === 0 ? { metadata: { channel: pick(['web', 'app'], i / 4) } } : {}),
  };
}

export function dashboardEvents(): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  for (let i = 0; i < DAY_TRANSACTIONS; i++) {
    const minute = 10 + i * 27;
    const hh = String(Math.floor(minute / 60)).padStart(2, '0');
    const mm = String(minute % 60).padStart(2, '0');
    events.push(event(i, `${DAY}T${hh}:${mm}:00Z`));
  }
  for (let d = 1; d < STATS_DAYS; d++) {
    for (let k = 0; k < EARLIER_PER_DAY; k++) {
      events.push(event(events.length, `${addDays(DAY, -d)}T${k === 0 ? '09:00' : '18:30'}:00Z`));
    }
  }
  return events;
}

/** Ingests the dimensions, then the events, and waits until the dashboard shows all of them. */
export async function seedDashboard(svc: TestService, timeoutMs = 60_000): Promise<void> {
  for (const [kind, rows] of Object.entries(DIMENSIONS)) {
    const res = await svc.post(`/v1/dimensions/${kind}`, ndjson(rows));
    if (res.status !== 200) throw new Error(`dimensions ${kind}: HTTP ${res.status}`);
  }
  // Enrichment must see the dimensions before the events, as it would in production.
  const lastMerchant = DIMENSIONS.merchants.at(-1)!.merchant_id;
  await eventually(async () => {
    const { data } = await svc.gql(
      `{ merchant(id: "${lastMerchant}") { id } user(id: "${DASHBOARD_VARIABLES.userId}") { id } }`,
    );
    return data?.['merchant'] && data['user'] ? true : undefined;
  }, timeoutMs);
  const events = dashboardEvents();
  const res = await svc.post('/v1/transactions', ndjson(events));
  if ((res.json as { accepted?: number }).accepted !== events.length) {
    throw new Error(`ingest accepted ${JSON.stringify(res.json)} of ${events.length} events`);
  }
  await eventually(async () => {
    const { data } = await svc.gql<UserDashboardQuery>(DASHBOARD_QUERY, DASHBOARD_VARIABLES);
    const counted = data?.dailyUserStats.reduce((sum, day) => sum + day.transactionCount, 0);
    return data?.transactions.edges.length === DAY_TRANSACTIONS && counted === events.length
      ? true
      : undefined;
  }, timeoutMs);
}
