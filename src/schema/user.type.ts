import 'reflect-metadata';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from './scalars/datetime.scalar';

@ObjectType({
  description:
    'A customer. firstName, lastName, email and phone are masked for callers without unmasked-PII access.',
  simpleResolvers: true,
})
export class User {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  firstName!: string | null;

  @Field(() => String, { nullable: true })
  lastName!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166 country code.' })
  country!: string | null;

  @Field(() => String, { nullable: true })
  segment!: string | null;

  @Field(() => Int, { nullable: true, description: 'Customer risk score, 0–100.' })
  riskScore!: number | null;

  @Field(() => DateTimeScalar, { nullable: true })
  dateCreated!: string | null;
}
