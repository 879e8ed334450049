import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentLogger } from '../../../src/app/logger';
import { createMetrics } from '../../../src/app/metrics';
import { mountSubscriptions } from '../../../src/http/subscriptions';
import {
  buildTxgraphSchema,
  createTxgraphPubSub,
  TRANSACTION_ENRICHED,
} from '../../../src/schema/build-schema';
import { GraphQLWsTestClient } from '../../support/graphql-ws-client';
import { FakeReadModel, enriched, merchant, user } from './fake-read-model';

jest.setTimeout(30_000);

const QUERY = `subscription { transactionEnriched { id merchant { name } user { firstName } } }`;

it('events pushed to 20 subscribers read each dimension table once, not once per event or subscriber', async () => {
  const readModel = new FakeReadModel();
  readModel.dimensions.merchants.set('m-1', merchant('m-1'));
  readModel.dimensions.users.set('u-1', user('u-1'));
  const pubSub = createTxgraphPubSub();
  const schema = await buildTxgraphSchema({ pubSub });
  const server = http.createServer();
  const mounted = mountSubscriptions({
    httpServer: server,
    schema,
    readModel,
    authenticate: (h) => (h === 'Bearer fraud' ? { role: 'fraud', keyId: 'f' } : null),
    logger: silentLogger(),
    metrics: createMetrics(),
    development: false,
    // Long enough that a loaded machine cannot expire rows between the events of this test.
    liveDimensionTtlMs: 60_000,
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const clients: GraphQLWsTestClient[] = [];
  try {
    for (let i = 0; i < 20; i++) {
      const { client, acked } = await GraphQLWsTestClient.connect(url, { authorization: 'Bearer fraud' });
      expect(acked).toBe(true);
      client.subscribe('s', QUERY);
      clients.push(client);
    }
    await new Promise((r) => setTimeout(r, 200)); // let every subscription register
    readModel.resetCalls();
    pubSub.publish(TRANSACTION_ENRICHED, enriched('t-1', { user_id: 'u-1', merchant_id: 'm-1' }));
    for (const c of clients) await c.until(() => c.messages.length === 1);
    for (const c of clients) {
      expect(c.messages[0]!.payload).toEqual({
        data: {
          transactionEnriched: {
            id: 't-1',
            merchant: { name: expect.any(String) },
            user: { firstName: expect.any(String) },
          },
        },
      });
    }
    expect(readModel.callsOf('dimensionsByIds', 'merchants')).toHaveLength(1);
    expect(readModel.callsOf('dimensionsByIds', 'users')).toHaveLength(1);
    // Later events within the cache's second reuse the rows: no read at all.
    await new Promise((r) => setTimeout(r, 20));
    readModel.resetCalls();
    for (let i = 2; i <= 5; i++) {
      pubSub.publish(TRANSACTION_ENRICHED, enriched(`t-${i}`, { user_id: 'u-1', merchant_id: 'm-1' }));
    }
    for (const c of clients) await c.until(() => c.messages.length === 5);
    expect(readModel.callsOf('dimensionsByIds', 'merchants')).toHaveLength(0);
    expect(readModel.callsOf('dimensionsByIds', 'users')).toHaveLength(0);
  } finally {
    for (const c of clients) await c.close();
    await mounted.stop();
    await new Promise<void>((r) => server.close(() => r()));
  }
});
