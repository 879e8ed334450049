import 'reflect-metadata';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { InvalidCursorError, type PageRequest, type TransactionPage } from '../datasources/dynamo/read-model';
import { Merchant } from '../schema/merchant.type';
import { PaymentMethod } from '../schema/payment-method.type';
import { Product } from '../schema/product.type';
import { DateScalar } from '../schema/scalars/date.scalar';
import { TransactionConnection } from '../schema/transaction-connection.type';
import { Transaction } from '../schema/transaction.type';
import { User } from '../schema/user.type';
import { MAX_PAGE_SIZE, requireDayRange, requireId, requireIntInRange } from './arguments';
import { GraphQLContext } from './context';
import { BadUserInputError } from './errors';
import { toConnection, toMerchant, toPaymentMethod, toProduct, toTransaction, toUser } from './mappers';

const DEFAULT_PAGE_SIZE = 50;

function pageRequest(args: {
  from?: string | null;
  to?: string | null;
  first?: number | null;
  after?: string | null;
}): PageRequest {
  // An explicit `first: null` means "the default", as if it were absent.
  const first = requireIntInRange('first', args.first ?? DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
  return { ...requireDayRange(args), first, after: args.after ?? null };
}

async function loadPage(ctx: GraphQLContext, fetch: () => Promise<TransactionPage>) {
  let page: TransactionPage;
  try {
    page = await fetch();
  } catch (error) {
    if (error instanceof InvalidCursorError) {
      throw new BadUserInputError('after', '"after" is not a cursor from a previous page of this query');
    }
    throw error;
  }
  // A later `transaction(id)` in the same request then costs nothing.
  for (const { transaction } of page.items)
    ctx.loaders.transactions.prime(transaction.transaction_id, transaction);
  return toConnection(page);
}

@Resolver(() => Transaction)
export class TransactionResolver {
  @Authorized('query')
  @Query(() => Transaction, { nullable: true, description: 'The current state of one transaction.' })
  async transaction(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Transaction | null> {
    const tx = await ctx.loaders.transactions.load(requireId('id', id));
    return tx ? toTransaction(tx) : null;
  }

  @Authorized('query')
  @Query(() => TransactionConnection, { description: "A user's transactions, newest first." })
  async transactions(
    @Arg('userId', () => ID) userId: string,
    @Arg('from', () => DateScalar, { nullable: true }) from: string | null,
    @Arg('to', () => DateScalar, { nullable: true }) to: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<TransactionConnection> {
    const id = requireId('userId', userId);
    const page = pageRequest({ from, to, first, after });
    return loadPage(ctx, () => ctx.readModel.userTransactions(id, page));
  }

  @Authorized('query')
  @Query(() => TransactionConnection, { description: "A merchant's transactions, newest first." })
  async merchantTransactions(
    @Arg('merchantId', () => ID) merchantId: string,
    @Arg('from', () => DateScalar, { nullable: true }) from: string | null,
    @Arg('to', () => DateScalar, { nullable: true }) to: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<TransactionConnection> {
    const id = requireId('merchantId', merchantId);
    const page = pageRequest({ from, to, first, after });
    return loadPage(ctx, () => ctx.readModel.merchantTransactions(id, page));
  }

  @FieldResolver(() => User, { nullable: true, description: 'Null when the user is unknown.' })
  async user(@Root() tx: Transaction, @Ctx() ctx: GraphQLContext): Promise<User | null> {
    const user = await ctx.loaders.users.load(tx.userId);
    return user ? toUser(user, ctx.principal) : null;
  }

  @FieldResolver(() => Merchant, { nullable: true, description: 'Null when the merchant is unknown.' })
  async merchant(@Root() tx: Transaction, @Ctx() ctx: GraphQLContext): Promise<Merchant | null> {
    const merchant = await ctx.loaders.merchants.load(tx.merchantId);
    return merchant ? toMerchant(merchant) : null;
  }

  @FieldResolver(() => PaymentMethod, {
    nullable: true,
    description: 'Null when the payment method is unknown.',
  })
  async paymentMethod(@Root() tx: Transaction, @Ctx() ctx: GraphQLContext): Promise<PaymentMethod | null> {
    const method = await ctx.loaders.paymentMethods.load(tx.paymentMethodId);
    return method ? toPaymentMethod(method) : null;
  }

  @FieldResolver(() => Product, { nullable: true, description: 'Null without a productId or when unknown.' })
  async product(@Root() tx: Transaction, @Ctx() ctx: GraphQLContext): Promise<Product | null> {
    if (tx.productId === null) return null;
    const product = await ctx.loaders.products.load(tx.productId);
    return product ? toProduct(product) : null;
  }
}
