import 'reflect-metadata';
import { Field, ID, ObjectType } from 'type-graphql';
import { DecimalScalar } from './scalars/decimal.scalar';

@ObjectType({ description: 'A product a transaction was for.', simpleResolvers: true })
export class Product {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true })
  category!: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  price!: string | null;
}
