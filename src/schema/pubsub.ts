import { createPubSub, type PubSub } from '@graphql-yoga/subscription';
import type { EnrichedTransaction } from '../domain/types';

/** Topic of every enriched transaction the live feed consumes; payload: the EnrichedTransaction. */
export const TRANSACTION_ENRICHED = 'TRANSACTION_ENRICHED';

export type TxgraphPubSubTopics = { [TRANSACTION_ENRICHED]: [EnrichedTransaction] };
export type TxgraphPubSub = PubSub<TxgraphPubSubTopics>;

/** One per process: the live feed publishes into it and every subscription reads from it. */
export function createTxgraphPubSub(): TxgraphPubSub {
  return createPubSub<TxgraphPubSubTopics>();
}
