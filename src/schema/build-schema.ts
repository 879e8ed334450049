// type-graphql reads decorator metadata through the Reflect API, so the polyfill comes first.
import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from '../resolvers/auth-checker';
import { DimensionResolver } from '../resolvers/dimension.resolver';
import { StatsResolver } from '../resolvers/stats.resolver';
import { SubscriptionResolver } from '../resolvers/subscription.resolver';
import { TransactionResolver } from '../resolvers/transaction.resolver';
import type { TxgraphPubSub } from './pubsub';

export { createTxgraphPubSub, TRANSACTION_ENRICHED, type TxgraphPubSub } from './pubsub';

/** The executable schema; subscriptions read from `pubSub`, which the live feed publishes into. */
export async function buildTxgraphSchema(opts: { pubSub: TxgraphPubSub }): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [TransactionResolver, StatsResolver, DimensionResolver, SubscriptionResolver],
    pubSub: opts.pubSub,
    authChecker,
    // Arguments are checked by hand in the resolvers (class-validator is not a dependency).
    validate: false,
  });
}
