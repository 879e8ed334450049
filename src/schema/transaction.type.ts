import 'reflect-metadata';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from './scalars/date.scalar';
import { DateTimeScalar } from './scalars/datetime.scalar';
import { DecimalScalar } from './scalars/decimal.scalar';
import { JSONScalar } from './scalars/json.scalar';

/**
 * The current state of an enriched transaction. `user`, `merchant`, `paymentMethod` and `product`
 * are field resolvers (transaction.resolver.ts) so they can batch through per-request loaders.
 */
@ObjectType({
  description: 'The current state (highest version) of an enriched payment transaction.',
  simpleResolvers: true,
})
export class Transaction {
  @Field(() => ID, { description: 'The transaction_id of the source event.' })
  id!: string;

  @Field(() => ID)
  userId!: string;

  @Field(() => ID)
  merchantId!: string;

  @Field(() => String, { nullable: true, description: 'Merchant category at enrichment time.' })
  merchantCategory!: string | null;

  @Field(() => String, { nullable: true, description: 'Merchant name at enrichment time.' })
  merchantName!: string | null;

  @Field(() => String, { nullable: true, description: 'User segment at enrichment time.' })
  userSegment!: string | null;

  @Field(() => ID)
  paymentMethodId!: string;

  @Field(() => String, { nullable: true, description: 'Payment method type at enrichment time.' })
  paymentMethodType!: string | null;

  @Field(() => String, { nullable: true, description: 'Payment provider at enrichment time.' })
  paymentProvider!: string | null;

  @Field(() => ID, { nullable: true })
  productId!: string | null;

  @Field(() => String, { nullable: true, description: 'Product category at enrichment time.' })
  productCategory!: string | null;

  @Field(() => DecimalScalar)
  amount!: string;

  @Field(() => String, { description: 'ISO 4217 code.' })
  currency!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'amount × USD rate; null without a rate.' })
  amountUsd!: string | null;

  @Field(() => String, { description: 'purchase, refund, chargeback or adjustment.' })
  transactionType!: string;

  @Field(() => String, { description: 'pending, completed, failed or reversed.' })
  status!: string;

  @Field(() => DateTimeScalar)
  timestamp!: string;

  @Field(() => DateScalar, { description: 'UTC day of timestamp.' })
  day!: string;

  @Field(() => Int, { description: 'Correction version; the highest one is the current state.' })
  version!: number;

  @Field(() => Int, { description: '0–100.' })
  riskScore!: number;

  @Field(() => [String], { description: 'Ids of the risk rules that added points.' })
  riskReasons!: string[];

  @Field(() => Boolean)
  flagged!: boolean;

  @Field(() => [String], { description: 'Dimensions that were unknown at enrichment time.' })
  dimensionMisses!: string[];

  @Field(() => DateTimeScalar)
  enrichedAt!: string;

  @Field(() => JSONScalar, { nullable: true })
  metadata!: Record<string, unknown> | null;
}
