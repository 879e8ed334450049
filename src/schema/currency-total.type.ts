import 'reflect-metadata';
import { Field, ObjectType } from 'type-graphql';
import { DecimalScalar } from './scalars/decimal.scalar';

@ObjectType({ description: "One currency's completed money movement in a day.", simpleResolvers: true })
export class CurrencyTotal {
  @Field(() => String, { description: 'ISO 4217 code.' })
  currency!: string;

  @Field(() => DecimalScalar, { description: 'Sum of completed purchases.' })
  purchases!: string;

  @Field(() => DecimalScalar, { description: 'Sum of completed refunds.' })
  refunds!: string;

  @Field(() => DecimalScalar, { description: 'purchases − refunds.' })
  net!: string;
}
