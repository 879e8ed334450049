import 'reflect-metadata';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { DailyMerchantStats } from '../schema/daily-merchant-stats.type';
import { DailyUserStats } from '../schema/daily-user-stats.type';
import { Merchant } from '../schema/merchant.type';
import { MerchantRanking } from '../schema/merchant-ranking.enum';
import { DateScalar } from '../schema/scalars/date.scalar';
import { MAX_STATS_DAYS, MAX_TOP_LIMIT, requireDayRange, requireId, requireIntInRange } from './arguments';
import { GraphQLContext } from './context';
import { toDailyMerchantStats, toDailyUserStats, toMerchant } from './mappers';

const DEFAULT_TOP_LIMIT = 10;

function statsRange(from: string, to: string): { from: string; to: string } {
  requireDayRange({ from, to }, MAX_STATS_DAYS);
  return { from, to };
}

@Resolver(() => DailyMerchantStats)
export class StatsResolver {
  @Authorized('query')
  @Query(() => [DailyUserStats], {
    description: `A user's days with transactions in from..to (inclusive, at most ${MAX_STATS_DAYS} days), ascending.`,
  })
  async dailyUserStats(
    @Arg('userId', () => ID) userId: string,
    @Arg('from', () => DateScalar) from: string,
    @Arg('to', () => DateScalar) to: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<DailyUserStats[]> {
    const id = requireId('userId', userId);
    const range = statsRange(from, to);
    const rows = await ctx.readModel.dailyUserStats(id, range.from, range.to);
    return rows.map(toDailyUserStats);
  }

  @Authorized('query')
  @Query(() => [DailyMerchantStats], {
    description: `A merchant's days with transactions in from..to (inclusive, at most ${MAX_STATS_DAYS} days), ascending.`,
  })
  async merchantDailyStats(
    @Arg('merchantId', () => ID) merchantId: string,
    @Arg('from', () => DateScalar) from: string,
    @Arg('to', () => DateScalar) to: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<DailyMerchantStats[]> {
    const id = requireId('merchantId', merchantId);
    const range = statsRange(from, to);
    const rows = await ctx.readModel.dailyMerchantStats(id, range.from, range.to);
    return rows.map(toDailyMerchantStats);
  }

  @Authorized('query')
  @Query(() => [DailyMerchantStats], {
    description: `The top merchants of one day (limit 1–${MAX_TOP_LIMIT}); ties by merchantId.`,
  })
  async topMerchants(
    @Arg('date', () => DateScalar) date: string,
    @Arg('by', () => MerchantRanking, { nullable: true, defaultValue: MerchantRanking.NET_SPEND })
    by: MerchantRanking | null,
    @Arg('limit', () => Int, { nullable: true, defaultValue: DEFAULT_TOP_LIMIT }) limit: number | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<DailyMerchantStats[]> {
    const checkedLimit = requireIntInRange('limit', limit ?? DEFAULT_TOP_LIMIT, 1, MAX_TOP_LIMIT);
    const rows = await ctx.readModel.topMerchants(date, by ?? MerchantRanking.NET_SPEND, checkedLimit);
    return rows.map(toDailyMerchantStats);
  }

  @FieldResolver(() => Merchant, { nullable: true, description: 'Null when the merchant is unknown.' })
  async merchant(@Root() stats: DailyMerchantStats, @Ctx() ctx: GraphQLContext): Promise<Merchant | null> {
    const merchant = await ctx.loaders.merchants.load(stats.merchantId);
    return merchant ? toMerchant(merchant) : null;
  }
}
