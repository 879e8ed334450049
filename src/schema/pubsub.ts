import type { EnrichedTransaction } from '../domain/types';
import { boundedAsyncQueue } from '../lib/bounded-async-queue';

/** Topic of every enriched transaction the live feed consumes; payload: the EnrichedTransaction. */
export const TRANSACTION_ENRICHED = 'TRANSACTION_ENRICHED';

/** Events a subscription may have waiting for execution before it is cut off (≈ 5 s at 1,000 events/s). */
export const DEFAULT_MAX_QUEUED_PER_SUBSCRIBER = 5_000;

export type LivePredicate = (transaction: EnrichedTransaction) => boolean;

/**
 * The in-process bus between the live feed and subscriptions, in type-graphql's PubSub shape.
 *
 * Two things a generic pub/sub (graphql-yoga's) does not give: the subscription's filter runs at
 * publish time (passed as type-graphql's `topicId`), so a subscriber queues only the events it will
 * push, not every event for a later filter; and each queue is bounded, so a subscription that
 * cannot keep up fails with QueueOverflowError instead of growing the heap (or, with
 * graphql-yoga's repeater, throwing out of the publisher after 1,024 pending events).
 */
export interface TxgraphPubSub {
  publish(topic: string, transaction: EnrichedTransaction): void;
  subscribe(topic: string, predicate?: unknown): AsyncIterableIterator<EnrichedTransaction>;
}

export function createTxgraphPubSub(options: { maxQueuedPerSubscriber?: number } = {}): TxgraphPubSub {
  const limit = options.maxQueuedPerSubscriber ?? DEFAULT_MAX_QUEUED_PER_SUBSCRIBER;
  const topics = new Map<string, Set<{ predicate: LivePredicate; push(t: EnrichedTransaction): boolean }>>();
  return {
    publish(topic, transaction) {
      const subscribers = topics.get(topic);
      if (!subscribers) return;
      for (const subscriber of subscribers) {
        if (subscriber.predicate(transaction)) subscriber.push(transaction);
      }
    },
    subscribe(topic, predicate) {
      const subscribers = topics.get(topic) ?? new Set();
      topics.set(topic, subscribers);
      const queue = boundedAsyncQueue<EnrichedTransaction>(limit, () => subscribers.delete(subscriber));
      const subscriber = {
        predicate: typeof predicate === 'function' ? (predicate as LivePredicate) : () => true,
        push: (transaction: EnrichedTransaction) => queue.push(transaction),
      };
      subscribers.add(subscriber);
      return queue;
    },
  };
}
