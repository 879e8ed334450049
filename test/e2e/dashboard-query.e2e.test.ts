import fs from 'node:fs/promises';
import type { UserDashboardQuery } from '../generated/graphql';
import {
  DASHBOARD_MERCHANTS,
  DASHBOARD_PAYMENT_METHODS,
  DASHBOARD_QUERY,
  DASHBOARD_VARIABLES,
  DAY_TRANSACTIONS,
  STATS_DAYS,
  dashboardCallsPerRequest,
  seedDashboard,
} from '../support/dashboard-fixtures';
import { countDynamoCalls } from '../support/dynamo-call-counter';
import { KEYS, makeDataDir, startTestService, type TestService } from '../support/service-harness';

jest.setTimeout(90_000);

/**
 * The dashboard's DynamoDB budget on the real read model (DESIGN §6: one BatchGetItem per table per
 * DataLoader batch): 50 rows over 5 merchants and 5 payment methods cost one BatchGetItem on each
 * table, never a read per row, and overlapping requests do not share or split batches.
 */
describe('dashboard query DynamoDB calls', () => {
  const counting = countDynamoCalls();
  let svc: TestService;
  const dashboard = () => svc.gql<UserDashboardQuery>(DASHBOARD_QUERY, DASHBOARD_VARIABLES, KEYS.analyst);

  beforeAll(async () => {
    svc = await startTestService(await makeDataDir(), {}, { dynamoMiddleware: counting.middleware });
    await seedDashboard(svc);
  });
  afterAll(async () => {
    await svc?.stop();
    if (svc) await fs.rm(svc.dataDir, { recursive: true, force: true });
  });

  it('reads each dimension table with one BatchGetItem for the whole page', async () => {
    counting.api().reset();
    const { data, errors } = await dashboard();
    expect(errors).toBeUndefined();
    const nodes = data!.transactions.edges.map((edge) => edge.node);
    expect(nodes).toHaveLength(DAY_TRANSACTIONS);
    expect(new Set(nodes.map((node) => node.merchant?.id)).size).toBe(DASHBOARD_MERCHANTS);
    expect(new Set(nodes.map((node) => node.paymentMethod?.id)).size).toBe(DASHBOARD_PAYMENT_METHODS);
    expect(nodes.every((node) => node.merchant !== null && node.paymentMethod !== null)).toBe(true);
    expect(data!.dailyUserStats).toHaveLength(STATS_DAYS);
    expect(counting.api().counts()).toEqual(dashboardCallsPerRequest());
  });

  it('keeps one batch per table per request when requests overlap', async () => {
    const requests = 10;
    counting.api().reset();
    const results = await Promise.all(Array.from({ length: requests }, dashboard));
    for (const { errors } of results) expect(errors).toBeUndefined();
    const expected = Object.fromEntries(
      Object.entries(dashboardCallsPerRequest()).map(([key, n]) => [key, n * requests]),
    );
    expect(counting.api().counts()).toEqual(expected);
  });
});
