import { SLOW_CONSUMER_CLOSE_CODE } from '../../../src/http/ws-connection';
import { TRANSACTION_ENRICHED } from '../../../src/schema/build-schema';
import { enriched } from './fake-read-model';
import { startSubscriptionServer } from './subscription-server';

jest.setTimeout(30_000);

const FRAUD = { role: 'fraud', keyId: 'ffffffff' } as const;
const LIMIT = 3;

async function slowConsumerClosed(registry: { getSingleMetricAsString(name: string): Promise<string> }) {
  const text = await registry.getSingleMetricAsString('txgraph_ws_slow_consumer_closed_total');
  return Number(/^txgraph_ws_slow_consumer_closed_total (\d+)$/m.exec(text)?.[1]);
}

/**
 * The other slow-consumer cutoff: not a full socket send buffer (slow-consumer.e2e.test.ts) but a
 * subscription whose execution falls more than maxQueuedPerSubscriber events behind the bus. The
 * live feed publishes a whole Kafka batch in one synchronous loop, so a burst larger than the bound
 * queues faster than any subscription can execute.
 */
test('a subscription that falls more events behind than its queue holds is closed with 4008', async () => {
  const server = await startSubscriptionServer({
    principals: { fraud: FRAUD },
    maxQueuedPerSubscriber: LIMIT,
  });
  try {
    const flooded = await server.connect('fraud');
    const other = await server.connect('fraud');
    flooded.subscribe('s', 'subscription { transactionEnriched(filter: { userId: "u1" }) { id } }');
    other.subscribe('s', 'subscription { transactionEnriched(filter: { userId: "u2" }) { id } }');
    await server.untilSubscribed(2);
    expect(await slowConsumerClosed(server.metrics.registry)).toBe(0);

    for (let i = 0; i < LIMIT * 4; i++) {
      server.pubSub.publish(TRANSACTION_ENRICHED, enriched(`t${i}`, { user_id: 'u1' }));
    }
    const closed = await Promise.race([
      flooded.closed,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('not closed in 5 s')), 5_000).unref(),
      ),
    ]);
    expect(closed.code).toBe(SLOW_CONSUMER_CLOSE_CODE);
    expect(closed.reason).toMatch(/^slow consumer/);
    expect(closed.reason).toBe(`slow consumer: more than ${LIMIT} events queued for one subscription`);
    expect(await slowConsumerClosed(server.metrics.registry)).toBe(1);
    // It got what it executed before the cutoff, never the whole burst.
    expect(flooded.data('s').length).toBeLessThan(LIMIT * 4);

    // Another subscriber, on its own socket and filter, goes on receiving.
    server.pubSub.publish(TRANSACTION_ENRICHED, enriched('after', { user_id: 'u2' }));
    await other.until(() => other.data('s').length === 1, 5_000, 'the later event');
    expect(other.data('s')).toEqual([{ transactionEnriched: { id: 'after' } }]);
    expect(other.ws.readyState).toBe(other.ws.OPEN);
  } finally {
    await server.stop();
  }
});
