// Generated from test/operations/live-flagged.subscription.graphql and src/schema/schema.graphql by `npm run codegen`. Do not edit.
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> =
  T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type LiveFlaggedSubscriptionVariables = Exact<{
  minRiskScore?: number | null | undefined;
}>;

export type LiveFlaggedSubscription = {
  transactionFlagged: {
    id: string;
    timestamp: string;
    userId: string;
    merchantId: string;
    amount: string;
    currency: string;
    riskScore: number;
    riskReasons: Array<string>;
    merchant: { name: string | null } | null;
  };
};

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const LiveFlaggedDocument = new TypedDocumentString(`
    subscription LiveFlagged($minRiskScore: Int) {
  transactionFlagged(minRiskScore: $minRiskScore) {
    id
    timestamp
    userId
    merchantId
    merchant {
      name
    }
    amount
    currency
    riskScore
    riskReasons
  }
}
    `) as unknown as TypedDocumentString<LiveFlaggedSubscription, LiveFlaggedSubscriptionVariables>;
