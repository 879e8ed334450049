import { GraphQLError, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { createSharedSubscriptions, subscriptionShareKey } from '../../../src/http/shared-subscriptions';
import { boundedAsyncQueue, QueueOverflowError } from '../../../src/lib/bounded-async-queue';
import { TRANSACTION_ENRICHED } from '../../../src/schema/build-schema';
import { eventually } from '../../support/service-harness';
import { enriched } from './fake-read-model';
import { startSubscriptionServer } from './subscription-server';

jest.setTimeout(30_000);

const FRAUD = { role: 'fraud', keyId: 'ffffffff' } as const;
const ADMIN = { role: 'admin', keyId: 'aaaaaaaa' } as const;
const BY_USER = `subscription ($filter: TransactionFilter) { transactionEnriched(filter: $filter) { id } }`;
const ids = (data: Record<string, unknown>[]) =>
  data.map((d) => (d['transactionEnriched'] as { id: string }).id);

describe('equal subscriptions over the real graphql-ws server', () => {
  test('execute once per event for all their sockets, and each socket gets every event', async () => {
    const server = await startSubscriptionServer({ principals: { a: FRAUD, b: FRAUD } });
    const busSubscribe = jest.spyOn(server.pubSub, 'subscribe');
    try {
      const a = await server.connect('a');
      const b = await server.connect('b');
      // The same variables in another key order are the same operation.
      a.subscribe('s', BY_USER, { filter: { userId: 'u1', currencies: ['EUR'] } });
      b.subscribe('s', BY_USER, { filter: { currencies: ['EUR'], userId: 'u1' } });
      await server.untilSubscribed(2);
      expect(server.stats()).toMatchObject({ subscriptions: 2, streams: 1 });
      expect(busSubscribe).toHaveBeenCalledTimes(1);

      server.pubSub.publish(TRANSACTION_ENRICHED, enriched('t1', { user_id: 'u1', currency: 'EUR' }));
      server.pubSub.publish(TRANSACTION_ENRICHED, enriched('t2', { user_id: 'u2', currency: 'EUR' }));
      server.pubSub.publish(TRANSACTION_ENRICHED, enriched('t3', { user_id: 'u1', currency: 'EUR' }));
      for (const client of [a, b]) await client.until(() => client.data('s').length === 2);
      expect(ids(a.data('s'))).toEqual(['t1', 't3']);
      expect(ids(b.data('s'))).toEqual(['t1', 't3']);
    } finally {
      await server.stop();
    }
  });

  test('other variables or other permissions are other streams', async () => {
    const server = await startSubscriptionServer({ principals: { fraud: FRAUD, admin: ADMIN } });
    try {
      const fraud = await server.connect('fraud');
      const admin = await server.connect('admin');
      fraud.subscribe('u1', BY_USER, { filter: { userId: 'u1' } });
      fraud.subscribe('u2', BY_USER, { filter: { userId: 'u2' } });
      admin.subscribe('u1', BY_USER, { filter: { userId: 'u1' } });
      await server.untilSubscribed(3);
      expect(server.stats()).toMatchObject({ subscriptions: 3, streams: 3 });
      server.pubSub.publish(TRANSACTION_ENRICHED, enriched('t1', { user_id: 'u1' }));
      server.pubSub.publish(TRANSACTION_ENRICHED, enriched('t2', { user_id: 'u2' }));
      await fraud.until(() => fraud.data('u2').length === 1);
      await admin.until(() => admin.data('u1').length === 1);
      expect(ids(fraud.data('u1'))).toEqual(['t1']);
      expect(ids(fraud.data('u2'))).toEqual(['t2']);
      expect(ids(admin.data('u1'))).toEqual(['t1']);
    } finally {
      await server.stop();
    }
  });

  test('one socket leaving does not end the stream for the others; the last one releases it', async () => {
    const server = await startSubscriptionServer({ principals: { a: FRAUD, b: FRAUD } });
    try {
      const a = await server.connect('a');
      const b = await server.connect('b');
      a.subscribe('s', BY_USER, { filter: { userId: 'u1' } });
      b.subscribe('s', BY_USER, { filter: { userId: 'u1' } });
      await server.untilSubscribed(2);
      a.complete('s');
      await eventually(async () => (server.stats().subscriptions === 1 ? true : undefined), 5_000);
      expect(server.stats().streams).toBe(1);
      server.pubSub.publish(TRANSACTION_ENRICHED, enriched('after', { user_id: 'u1' }));
      await b.until(() => b.data('s').length === 1);
      expect(ids(b.data('s'))).toEqual(['after']);
      expect(a.data('s')).toEqual([]);

      await b.close();
      await eventually(async () => (server.stats().streams === 0 ? true : undefined), 5_000);
      // A newcomer starts a fresh stream, not the released one.
      const c = await server.connect('a');
      c.subscribe('s', BY_USER, { filter: { userId: 'u1' } });
      await server.untilSubscribed(1);
      server.pubSub.publish(TRANSACTION_ENRICHED, enriched('later', { user_id: 'u1' }));
      await c.until(() => c.data('s').length === 1);
      expect(ids(c.data('s'))).toEqual(['later']);
      expect(server.stats().streams).toBe(1);
    } finally {
      await server.stop();
    }
  });
});

describe('createSharedSubscriptions', () => {
  const args = {} as ExecutionArgs;
  const result = (n: number): ExecutionResult => ({ data: { n } });

  function controllableSource() {
    const source = boundedAsyncQueue<ExecutionResult>(100, () => undefined);
    const run = jest.fn(() => source);
    return { source, run };
  }

  test('joiners while the operation starts share its one run', async () => {
    const { source, run } = controllableSource();
    const shared = createSharedSubscriptions({ maxQueuedPerSubscriber: 10, subscribe: run });
    const [first, second] = (await Promise.all([
      shared.subscribe('k', args),
      shared.subscribe('k', args),
    ])) as AsyncIterableIterator<ExecutionResult>[];
    expect(run).toHaveBeenCalledTimes(1);
    source.push(result(1));
    expect(await first!.next()).toEqual({ value: result(1), done: false });
    expect(await second!.next()).toEqual({ value: result(1), done: false });
  });

  test('a subscriber that stops reading is cut off alone; the others and the stream go on', async () => {
    const { source, run } = controllableSource();
    const shared = createSharedSubscriptions({ maxQueuedPerSubscriber: 2, subscribe: run });
    const stuck = (await shared.subscribe('k', args)) as AsyncIterableIterator<ExecutionResult>;
    const reading = (await shared.subscribe('k', args)) as AsyncIterableIterator<ExecutionResult>;
    const received: unknown[] = [];
    for (let n = 1; n <= 3; n++) {
      const next = reading.next();
      source.push(result(n));
      received.push((await next).value);
    }
    expect(received).toEqual([result(1), result(2), result(3)]);
    await expect(stuck.next()).rejects.toEqual(new QueueOverflowError(2));
    expect(shared.streams()).toBe(1);
    await reading.return!();
    expect(shared.streams()).toBe(0);
    // The source is released with its last subscriber.
    expect(source.push(result(4))).toBe(false);
  });

  test('a source that fails fails every subscriber of it', async () => {
    const { source, run } = controllableSource();
    const shared = createSharedSubscriptions({ maxQueuedPerSubscriber: 10, subscribe: run });
    const one = (await shared.subscribe('k', args)) as AsyncIterableIterator<ExecutionResult>;
    const two = (await shared.subscribe('k', args)) as AsyncIterableIterator<ExecutionResult>;
    source.fail(new QueueOverflowError(5));
    await expect(one.next()).rejects.toEqual(new QueueOverflowError(5));
    await expect(two.next()).rejects.toEqual(new QueueOverflowError(5));
    expect(shared.streams()).toBe(0);
  });

  test('an operation refused at subscribe time answers every joiner and is not kept', async () => {
    const refused: ExecutionResult = { errors: [new GraphQLError('filter.minAmount: must be ≥ 0')] };
    const run = jest.fn(() => refused);
    const shared = createSharedSubscriptions({ maxQueuedPerSubscriber: 10, subscribe: run });
    const answers = await Promise.all([shared.subscribe('k', args), shared.subscribe('k', args)]);
    expect(answers).toEqual([refused, refused]);
    expect(shared.streams()).toBe(0);
    await shared.subscribe('k', args);
    expect(run).toHaveBeenCalledTimes(2);
  });

  test('the key ignores variable key order and permission order, nothing else', () => {
    const key = subscriptionShareKey(['subscribe', 'query'], 'q', null, {
      f: { a: 1, b: [2, { c: 3, d: 4 }] },
    });
    expect(
      subscriptionShareKey(['query', 'subscribe'], 'q', undefined, { f: { b: [2, { d: 4, c: 3 }], a: 1 } }),
    ).toBe(key);
    expect(subscriptionShareKey(['query'], 'q', null, { f: { a: 1, b: [2, { c: 3, d: 4 }] } })).not.toBe(key);
    expect(
      subscriptionShareKey(['query', 'subscribe'], 'q2', null, { f: { a: 1, b: [2, { c: 3, d: 4 }] } }),
    ).not.toBe(key);
    expect(
      subscriptionShareKey(['query', 'subscribe'], 'q', 'Op', { f: { a: 1, b: [2, { c: 3, d: 4 }] } }),
    ).not.toBe(key);
    expect(
      subscriptionShareKey(['query', 'subscribe'], 'q', null, { f: { a: 1, b: [{ c: 3, d: 4 }, 2] } }),
    ).not.toBe(key);
  });
});
