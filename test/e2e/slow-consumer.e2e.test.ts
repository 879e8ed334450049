import fs from 'node:fs/promises';
import { DEFAULT_SUBSCRIPTION_LIMITS } from '../../src/http/subscriptions';
import { SLOW_CONSUMER_CLOSE_CODE } from '../../src/http/ws-connection';
import { GraphQLWsTestClient } from '../support/graphql-ws-client';
import { LIVE_DIMENSIONS, liveTx } from '../support/live-fixtures';
import {
  KEYS,
  eventually,
  makeDataDir,
  ndjson,
  startTestService,
  type TestService,
} from '../support/service-harness';

jest.setTimeout(120_000);

/** ~12 KiB per event: the flood must outgrow the kernel's socket buffers before the server's own cap. */
const PADDING = { note: 'x'.repeat(12 * 1024) };
const EVENTS = 1_200;
const BATCH = 300;
const QUERY = 'subscription { transactionEnriched(filter: { userId: "u-calm" }) { id metadata } }';

async function metric(svc: TestService, name: string): Promise<number> {
  const text = await (await fetch(`${svc.service.url}/metrics`)).text();
  const match = new RegExp(`^${name} (\\d+)$`, 'm').exec(text);
  return match ? Number(match[1]) : NaN;
}

describe('a subscriber that stops reading', () => {
  let svc: TestService;
  beforeAll(async () => {
    // A long grace so the test, not the clock, decides when the slow client reads again.
    svc = await startTestService(
      await makeDataDir(),
      {},
      { subscriptionLimits: { slowCloseGraceMs: 60_000 } },
    );
    for (const [kind, rows] of Object.entries(LIVE_DIMENSIONS))
      await svc.post(`/v1/dimensions/${kind}`, ndjson(rows));
  });
  afterAll(async () => {
    await svc?.stop();
    if (svc) await fs.rm(svc.dataDir, { recursive: true, force: true });
  });

  test('is closed with 4008 once its send buffer overflows; a healthy subscriber misses nothing', async () => {
    const healthy = (await GraphQLWsTestClient.connect(svc.wsUrl, { authorization: `Bearer ${KEYS.fraud}` }))
      .client;
    const slow = (await GraphQLWsTestClient.connect(svc.wsUrl, { authorization: `Bearer ${KEYS.admin}` }))
      .client;
    healthy.subscribe('h', QUERY);
    slow.subscribe('s', QUERY);
    await eventually(async () =>
      (await metric(svc, 'txgraph_subscriptions_active')) === 2 ? true : undefined,
    );
    // From here on the slow client's kernel buffers fill, then the server's; nothing is read.
    slow.tcp!.pause();

    let resumedAt = -1;
    const resumeOnCutOff = eventually(async () => {
      if ((await metric(svc, 'txgraph_ws_slow_consumer_closed_total')) !== 1) return undefined;
      slow.tcp!.resume();
      resumedAt = healthy.data('h').length;
      return true;
    }, 60_000);
    const ids: string[] = [];
    for (let offset = 0; offset < EVENTS; offset += BATCH) {
      const rows = Array.from({ length: BATCH }, () => liveTx({ metadata: PADDING }));
      ids.push(...rows.map((row) => row['transaction_id'] as string));
      const res = await svc.post('/v1/transactions', ndjson(rows));
      expect(res.status).toBe(200);
    }

    await resumeOnCutOff;
    expect(resumedAt).toBeGreaterThanOrEqual(0);
    expect(resumedAt).toBeLessThan(EVENTS);
    await healthy.until(
      () => healthy.data('h').length === EVENTS,
      60_000,
      'every event at the healthy subscriber',
    );
    expect(
      healthy.data<{ transactionEnriched: { id: string } }>('h').map((d) => d.transactionEnriched.id),
    ).toEqual(ids);
    expect(await metric(svc, 'txgraph_ws_slow_consumer_closed_total')).toBe(1);
    expect(healthy.ws.readyState).toBe(healthy.ws.OPEN);

    // Reading again, the slow client drained what was already in flight and then found the close frame.
    expect(await slow.closed).toEqual({
      code: SLOW_CONSUMER_CLOSE_CODE,
      reason: `slow consumer: send buffer over ${DEFAULT_SUBSCRIPTION_LIMITS.maxBufferedBytes} bytes`,
    });
    expect(slow.data('s').length).toBeLessThan(EVENTS);
    await eventually(async () =>
      (await metric(svc, 'txgraph_subscriptions_active')) === 1 ? true : undefined,
    );
    await healthy.close();
  });
});
