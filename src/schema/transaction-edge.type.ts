import 'reflect-metadata';
import { Field, ObjectType } from 'type-graphql';
import { Transaction } from './transaction.type';

@ObjectType({ description: 'A transaction and the cursor that points just after it.', simpleResolvers: true })
export class TransactionEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Transaction)
  node!: Transaction;
}
