import 'reflect-metadata';
import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Merchant } from '../schema/merchant.type';
import { User } from '../schema/user.type';
import { requireId } from './arguments';
import { GraphQLContext } from './context';
import { toMerchant, toUser } from './mappers';

@Resolver()
export class DimensionResolver {
  @Authorized('query')
  @Query(() => User, { nullable: true, description: 'A user; PII is masked unless the caller may see it.' })
  async user(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<User | null> {
    const user = await ctx.loaders.users.load(requireId('id', id));
    return user ? toUser(user, ctx.principal) : null;
  }

  @Authorized('query')
  @Query(() => Merchant, { nullable: true })
  async merchant(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<Merchant | null> {
    const merchant = await ctx.loaders.merchants.load(requireId('id', id));
    return merchant ? toMerchant(merchant) : null;
  }
}
