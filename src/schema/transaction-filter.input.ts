import 'reflect-metadata';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'Which enriched transactions a subscription receives; absent fields match all.' })
export class TransactionFilter {
  @Field(() => ID, { nullable: true })
  userId?: string | null;

  @Field(() => ID, { nullable: true })
  merchantId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only transactions with riskScore ≥ this (0–100).' })
  minRiskScore?: number | null;

  @Field(() => [String], { nullable: true, description: 'transactionType values; empty or absent = any.' })
  types?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'ISO 4217 codes; empty or absent = any.' })
  currencies?: string[] | null;
}
