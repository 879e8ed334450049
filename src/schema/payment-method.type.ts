import 'reflect-metadata';
import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({
  description: 'How a transaction was paid (card, wallet, bank transfer, ...).',
  simpleResolvers: true,
})
export class PaymentMethod {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  methodType!: string | null;

  @Field(() => String, { nullable: true })
  providerName!: string | null;
}
