import fs from 'node:fs/promises';
import { createInProcessLog } from '../../src/datasources/log/in-process';
import type { Log } from '../../src/datasources/log/log';
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

jest.setTimeout(90_000);

/**
 * Two replicas on one log, as two pods on one Kafka cluster: they split the enrichment partitions
 * between them, and each runs its own live feed and WebSocket server.
 */
describe('two replicas', () => {
  let logDir: string;
  let log: Log;
  let a: TestService;
  let b: TestService;

  beforeAll(async () => {
    logDir = await makeDataDir();
    log = await createInProcessLog({ dataDir: logDir });
    a = await startTestService(await makeDataDir(), {}, { log });
    b = await startTestService(await makeDataDir(), {}, { log });
    for (const [kind, rows] of Object.entries(LIVE_DIMENSIONS))
      await a.post(`/v1/dimensions/${kind}`, ndjson(rows));
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await log?.close();
    await Promise.all(
      [logDir, a?.dataDir, b?.dataDir].map((dir) => dir && fs.rm(dir, { recursive: true, force: true })),
    );
  });

  async function enrichedBy(svc: TestService): Promise<number> {
    const metrics = await (await fetch(`${svc.service.url}/metrics`)).text();
    const match = /^txgraph_events_in_total\{worker="enrichment",topic="transactions"\} (\d+)$/m.exec(
      metrics,
    );
    return match ? Number(match[1]) : 0;
  }

  async function subscriber(svc: TestService): Promise<GraphQLWsTestClient> {
    const { client } = await GraphQLWsTestClient.connect(svc.wsUrl, {
      authorization: `Bearer ${KEYS.fraud}`,
    });
    client.subscribe('all', 'subscription { transactionEnriched { id userId } }');
    await eventually(async () => {
      const metrics = await (await fetch(`${svc.service.url}/metrics`)).text();
      return /^txgraph_subscriptions_active 1$/m.test(metrics) ? true : undefined;
    });
    return client;
  }

  test('a subscriber on either replica sees every event, whichever replica took it in and enriched it', async () => {
    const onA = await subscriber(a);
    const onB = await subscriber(b);
    // Many users spread the events over all partitions, so both replicas' enrichment workers take part.
    const events = Array.from({ length: 40 }, (_, i) => liveTx({ user_id: `u-fan-${i}` }));
    const started = Date.now();
    expect((await a.post('/v1/transactions', ndjson(events))).json).toEqual({ accepted: 40, rejected: [] });
    for (const client of [onA, onB]) {
      await client.until(() => client.data('all').length === events.length, 10_000, 'every event');
      const ids = client
        .data<{ transactionEnriched: { id: string } }>('all')
        .map((d) => d.transactionEnriched.id);
      expect(new Set(ids)).toEqual(new Set(events.map((e) => e['transaction_id'])));
    }
    expect(Math.max(...onB.messages.map((m) => m.receivedAt)) - started).toBeLessThan(1_000);
    for (const svc of [a, b]) expect(await enrichedBy(svc)).toBeGreaterThan(0);

    // …and an event that only replica B took in reaches replica A's subscriber too.
    const single = liveTx({ user_id: 'u-fan-b' });
    await b.post('/v1/transactions', ndjson([single]));
    await onA.until(() => onA.data('all').length === events.length + 1, 5_000, 'the event from B');
    await Promise.all([onA.close(), onB.close()]);
  });

  test('stopping a replica closes its sockets with 1001 and leaves the other serving', async () => {
    const onA = await subscriber(a);
    const onB = await subscriber(b);
    await b.stop();
    expect(await onB.closed).toEqual({ code: 1001, reason: 'server shutting down' });
    const event = liveTx();
    await a.post('/v1/transactions', ndjson([event]));
    await onA.until(() => onA.data('all').length === 1, 5_000, 'the push after B stopped');
    await onA.close();
  });
});
