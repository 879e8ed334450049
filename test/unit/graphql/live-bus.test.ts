import { boundedAsyncQueue, QueueOverflowError } from '../../../src/lib/bounded-async-queue';
import { createTxgraphPubSub, TRANSACTION_ENRICHED } from '../../../src/schema/pubsub';
import { enriched } from './fake-read-model';

describe('boundedAsyncQueue', () => {
  test('hands items over in order, to a waiting pull or from the queue', async () => {
    const queue = boundedAsyncQueue<number>(10, () => undefined);
    const waiting = queue.next();
    queue.push(1);
    queue.push(2);
    queue.push(3);
    expect(await waiting).toEqual({ value: 1, done: false });
    expect(await queue.next()).toEqual({ value: 2, done: false });
    expect(await queue.next()).toEqual({ value: 3, done: false });
  });

  test('past the limit it drops what it holds and fails the consumer once, then ends', async () => {
    const onEnd = jest.fn();
    const queue = boundedAsyncQueue<number>(2, onEnd);
    expect([queue.push(1), queue.push(2), queue.push(3)]).toEqual([true, true, false]);
    expect(onEnd).toHaveBeenCalledTimes(1);
    await expect(queue.next()).rejects.toEqual(new QueueOverflowError(2));
    expect(await queue.next()).toEqual({ value: undefined, done: true });
    expect(queue.push(4)).toBe(false);
  });

  test('close() hands over what it holds, then ends; it takes nothing more', async () => {
    const onEnd = jest.fn();
    const queue = boundedAsyncQueue<number>(5, onEnd);
    queue.push(1);
    queue.push(2);
    queue.close();
    expect(queue.push(3)).toBe(false);
    expect(onEnd).not.toHaveBeenCalled();
    expect(await queue.next()).toEqual({ value: 1, done: false });
    expect(await queue.next()).toEqual({ value: 2, done: false });
    expect(onEnd).toHaveBeenCalledTimes(1);
    expect(await queue.next()).toEqual({ value: undefined, done: true });
  });

  test('close() on an empty queue ends a pending pull', async () => {
    const queue = boundedAsyncQueue<number>(5, () => undefined);
    const pending = queue.next();
    queue.close();
    expect(await pending).toEqual({ value: undefined, done: true });
  });

  test('fail() drops what it holds and raises the error at the next pull, once', async () => {
    const onEnd = jest.fn();
    const queue = boundedAsyncQueue<number>(5, onEnd);
    queue.push(1);
    queue.fail(new Error('source broke'));
    expect(onEnd).toHaveBeenCalledTimes(1);
    await expect(queue.next()).rejects.toThrow('source broke');
    expect(await queue.next()).toEqual({ value: undefined, done: true });
    const waiting = boundedAsyncQueue<number>(5, () => undefined);
    const pending = waiting.next();
    waiting.fail(new Error('while waiting'));
    await expect(pending).rejects.toThrow('while waiting');
  });

  test('return() ends a pending pull and runs onEnd once', async () => {
    const onEnd = jest.fn();
    const queue = boundedAsyncQueue<number>(2, onEnd);
    const pending = queue.next();
    await queue.return!();
    await queue.return!();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(onEnd).toHaveBeenCalledTimes(1);
  });
});

describe('the live bus (createTxgraphPubSub)', () => {
  test('filters at publish time, so a subscriber queues only its own events', async () => {
    const bus = createTxgraphPubSub({ maxQueuedPerSubscriber: 2 });
    const mine = bus.subscribe(TRANSACTION_ENRICHED, (t: { user_id: string }) => t.user_id === 'u1');
    // 100 events for someone else must not count against this subscriber's bound of 2.
    for (let i = 0; i < 100; i++)
      bus.publish(TRANSACTION_ENRICHED, enriched(`other-${i}`, { user_id: 'u2' }));
    bus.publish(TRANSACTION_ENRICHED, enriched('a', { user_id: 'u1' }));
    bus.publish(TRANSACTION_ENRICHED, enriched('b', { user_id: 'u1' }));
    expect((await mine.next()).value?.transaction_id).toBe('a');
    expect((await mine.next()).value?.transaction_id).toBe('b');
  });

  test('a subscriber that falls behind is failed and dropped; the others go on', async () => {
    const bus = createTxgraphPubSub({ maxQueuedPerSubscriber: 3 });
    const stuck = bus.subscribe(TRANSACTION_ENRICHED);
    const reading = bus.subscribe(TRANSACTION_ENRICHED);
    const received: string[] = [];
    const drain = (async () => {
      for await (const t of reading) {
        received.push(t.transaction_id);
        if (received.length === 10) break;
      }
    })();
    for (let i = 0; i < 10; i++) {
      bus.publish(TRANSACTION_ENRICHED, enriched(`t${i}`));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await drain;
    expect(received).toHaveLength(10);
    await expect(stuck.next()).rejects.toBeInstanceOf(QueueOverflowError);
  });
});
