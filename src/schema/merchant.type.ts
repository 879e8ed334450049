import 'reflect-metadata';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from './scalars/datetime.scalar';
import { JSONScalar } from './scalars/json.scalar';

@ObjectType({ description: 'A merchant accepting payments.', simpleResolvers: true })
export class Merchant {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true })
  category!: string | null;

  @Field(() => String, { nullable: true, description: 'low, medium or high.' })
  riskCategory!: string | null;

  @Field(() => String, { nullable: true, description: 'active or suspended.' })
  status!: string | null;

  @Field(() => JSONScalar, { nullable: true, description: '{ city, country }.' })
  location!: Record<string, unknown> | null;

  @Field(() => DateTimeScalar, { nullable: true })
  dateOnboarded!: string | null;
}
