import 'reflect-metadata';
import {
  Arg,
  Authorized,
  Ctx,
  Int,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from 'type-graphql';
import type { EnrichedTransaction } from '../domain/types';
import { TRANSACTION_ENRICHED, type LivePredicate } from '../schema/pubsub';
import { TransactionFilter } from '../schema/transaction-filter.input';
import { Transaction } from '../schema/transaction.type';
import { GraphQLContext } from './context';
import { toTransaction } from './mappers';
import { matchesFlagged, matchesTransactionFilter, validateLiveFilter } from './subscription-filter';

type EnrichedArgs = { filter?: TransactionFilter | null };
type FlaggedArgs = { minRiskScore?: number | null };

// Nested dimensions resolve through the shared live dimension loaders of the subscription context
// (resolvers/context.ts), so the context itself needs nothing per pushed event.
function push(payload: EnrichedTransaction, _ctx: GraphQLContext): Transaction {
  return toTransaction(payload);
}

/**
 * Arguments are validated in `topics` because it is the one hook type-graphql runs once, at subscribe
 * time, before any event; the `@Authorized` check runs before it. The filter travels as the `topicId`,
 * which type-graphql hands to the bus's `subscribe`: the bus (schema/pubsub.ts) applies it at publish
 * time, so a subscription queues only the events it will push.
 */
@Resolver()
export class SubscriptionResolver {
  @Authorized('subscribe')
  @Subscription(() => Transaction, {
    description: 'Every enriched transaction that matches the filter, as it is enriched.',
    topics: ({ args }) => {
      validateLiveFilter((args as EnrichedArgs).filter);
      return TRANSACTION_ENRICHED;
    },
    topicId: ({ args }: SubscribeResolverData<unknown, EnrichedArgs>): LivePredicate => {
      const filter = args.filter;
      return (transaction) => matchesTransactionFilter(transaction, filter);
    },
  })
  transactionEnriched(
    @Root() payload: EnrichedTransaction,
    @Arg('filter', () => TransactionFilter, { nullable: true }) _filter: TransactionFilter | null,
    @Ctx() ctx: GraphQLContext,
  ): Transaction {
    return push(payload, ctx);
  }

  @Authorized('subscribe')
  @Subscription(() => Transaction, {
    description:
      'Flagged transactions (fraud flag or risk score over the threshold) with riskScore ≥ minRiskScore.',
    topics: ({ args }) => {
      validateLiveFilter({ minRiskScore: (args as FlaggedArgs).minRiskScore }, '');
      return TRANSACTION_ENRICHED;
    },
    topicId: ({ args }: SubscribeResolverData<unknown, FlaggedArgs>): LivePredicate => {
      const minRiskScore = args.minRiskScore;
      return (transaction) => matchesFlagged(transaction, minRiskScore);
    },
  })
  transactionFlagged(
    @Root() payload: EnrichedTransaction,
    @Arg('minRiskScore', () => Int, { nullable: true }) _minRiskScore: number | null,
    @Ctx() ctx: GraphQLContext,
  ): Transaction {
    return push(payload, ctx);
  }
}
