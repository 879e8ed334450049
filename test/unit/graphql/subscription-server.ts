import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentLogger } from '../../../src/app/logger';
import { createMetrics } from '../../../src/app/metrics';
import type { Principal } from '../../../src/auth/principal';
import { mountSubscriptions, type SubscriptionLimits } from '../../../src/http/subscriptions';
import { buildTxgraphSchema, createTxgraphPubSub } from '../../../src/schema/build-schema';
import { GraphQLWsTestClient } from '../../support/graphql-ws-client';
import { FakeReadModel } from './fake-read-model';

/**
 * The real graphql-ws server (mountSubscriptions) on 127.0.0.1 with the real schema and live bus,
 * without the rest of the service: the test publishes to the bus itself, as the live feed would.
 * `Bearer <name>` authenticates as `principals[name]`.
 */
export async function startSubscriptionServer(opts: {
  principals: Record<string, Principal>;
  readModel?: FakeReadModel;
  maxQueuedPerSubscriber?: number;
  limits?: Partial<SubscriptionLimits>;
}) {
  const readModel = opts.readModel ?? new FakeReadModel();
  const pubSub = createTxgraphPubSub(
    opts.maxQueuedPerSubscriber === undefined ? {} : { maxQueuedPerSubscriber: opts.maxQueuedPerSubscriber },
  );
  const schema = await buildTxgraphSchema({ pubSub });
  const metrics = createMetrics({ processMetrics: false });
  const server = http.createServer();
  const mounted = mountSubscriptions({
    httpServer: server,
    schema,
    readModel,
    authenticate: (header) => opts.principals[header?.replace(/^Bearer /, '') ?? ''] ?? null,
    logger: silentLogger(),
    metrics,
    development: false,
    ...(opts.limits ? { limits: opts.limits } : {}),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const clients: GraphQLWsTestClient[] = [];

  return {
    pubSub,
    readModel,
    metrics,
    url,
    /** A client authenticated as `principals[name]`, closed by stop(). */
    async connect(name: string): Promise<GraphQLWsTestClient> {
      const { client, acked } = await GraphQLWsTestClient.connect(url, { authorization: `Bearer ${name}` });
      clients.push(client);
      if (!acked) throw new Error(`"${name}" was not acknowledged`);
      return client;
    },
    /** Resolves once `count` subscriptions stream, i.e. later publishes reach them. */
    async untilSubscribed(count: number): Promise<void> {
      for (let waited = 0; mounted.stats().subscriptions < count; waited += 10) {
        if (waited > 5_000) throw new Error(`${count} subscriptions not streaming after 5 s`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    stats: () => mounted.stats(),
    async stop(): Promise<void> {
      await Promise.all(clients.map((client) => client.close()));
      await mounted.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
