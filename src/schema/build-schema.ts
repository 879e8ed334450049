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

/**
 * The executable schema; subscriptions read from `pubSub`, which the live feed publishes into.
 * Object types declare `simpleResolvers: true`: their fields are plain properties that graphql-js
 * reads itself, instead of through a type-graphql wrapper allocated per field per row (thousands on
 * a page of transactions). The price: middleware or a field-level @Authorized would not run on
 * those fields; there are none, access is checked on every Query and Subscription entry point.
 */
export async function buildTxgraphSchema(opts: { pubSub: TxgraphPubSub }): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [TransactionResolver, StatsResolver, DimensionResolver, SubscriptionResolver],
    pubSub: opts.pubSub,
    authChecker,
    // Arguments are checked by hand in the resolvers (class-validator is not a dependency).
    validate: false,
  });
}
