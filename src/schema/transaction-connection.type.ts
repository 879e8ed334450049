import 'reflect-metadata';
import { Field, ObjectType } from 'type-graphql';
import { PageInfo } from './page-info.type';
import { TransactionEdge } from './transaction-edge.type';

@ObjectType({ description: 'A page of transactions, newest first.', simpleResolvers: true })
export class TransactionConnection {
  @Field(() => [TransactionEdge])
  edges!: TransactionEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
