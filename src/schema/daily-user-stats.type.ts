import 'reflect-metadata';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { CurrencyTotal } from './currency-total.type';
import { DateScalar } from './scalars/date.scalar';
import { DecimalScalar } from './scalars/decimal.scalar';

@ObjectType({
  description: "A user's aggregates for one UTC day, over the current state of each transaction.",
  simpleResolvers: true,
})
export class DailyUserStats {
  @Field(() => ID)
  userId!: string;

  @Field(() => DateScalar)
  date!: string;

  @Field(() => Int, { description: 'Distinct transactions of any type and status.' })
  transactionCount!: number;

  @Field(() => [CurrencyTotal], { description: 'Sorted by currency.' })
  totals!: CurrencyTotal[];

  @Field(() => DecimalScalar, { nullable: true, description: 'Σ net × USD rate; null if a rate is missing.' })
  totalSpendUsd!: string | null;

  @Field(() => Int)
  maxRiskScore!: number;

  @Field(() => Int)
  flaggedCount!: number;
}
