// Generated from test/operations and src/schema/schema.graphql by `npm run codegen`. Do not edit.
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> =
  T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** How topMerchants ranks a day; ties are broken by merchantId. */
export type MerchantRanking =
  /** By transactionCount, highest first. */
  | 'COUNT'
  /** By flaggedCount, highest first. */
  | 'FLAGGED'
  /** By totalSpendUsd, highest first, nulls last. */
  | 'NET_SPEND';

/** Which enriched transactions a subscription receives; absent fields match all. */
export type TransactionFilter = {
  /** ISO 4217 codes; empty or absent = any. */
  currencies?: Array<string> | null | undefined;
  merchantId?: string | number | null | undefined;
  /** Only transactions with riskScore ≥ this (0–100). */
  minRiskScore?: number | null | undefined;
  /** transactionType values; empty or absent = any. */
  types?: Array<string> | null | undefined;
  userId?: string | number | null | undefined;
};

export type DailyUserStatsQueryVariables = Exact<{
  userId: string | number;
  from: string;
  to: string;
}>;

export type DailyUserStatsQuery = {
  dailyUserStats: Array<{
    userId: string;
    date: string;
    transactionCount: number;
    totalSpendUsd: string | null;
    maxRiskScore: number;
    flaggedCount: number;
    totals: Array<{ currency: string; purchases: string; refunds: string; net: string }>;
  }>;
};

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

export type MerchantDailyStatsQueryVariables = Exact<{
  merchantId: string | number;
  from: string;
  to: string;
}>;

export type MerchantDailyStatsQuery = {
  merchantDailyStats: Array<{
    merchantId: string;
    date: string;
    transactionCount: number;
    totalSpendUsd: string | null;
    maxRiskScore: number;
    flaggedCount: number;
    totals: Array<{ currency: string; purchases: string; refunds: string; net: string }>;
  }>;
};

export type MerchantTransactionsPageQueryVariables = Exact<{
  merchantId: string | number;
  from?: string | null | undefined;
  to?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;

export type MerchantTransactionsPageQuery = {
  merchantTransactions: {
    edges: Array<{
      cursor: string;
      node: {
        id: string;
        userId: string;
        merchantId: string;
        merchantCategory: string | null;
        paymentMethodId: string;
        productId: string | null;
        amount: string;
        currency: string;
        amountUsd: string | null;
        transactionType: string;
        status: string;
        timestamp: string;
        day: string;
        version: number;
        riskScore: number;
        riskReasons: Array<string>;
        flagged: boolean;
        dimensionMisses: Array<string>;
        enrichedAt: string;
        metadata: Record<string, unknown> | null;
        user: { id: string; segment: string | null } | null;
      };
    }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

export type MerchantQueryVariables = Exact<{
  id: string | number;
}>;

export type MerchantQuery = {
  merchant: {
    id: string;
    name: string | null;
    category: string | null;
    riskCategory: string | null;
    status: string | null;
    location: Record<string, unknown> | null;
    dateOnboarded: string | null;
  } | null;
};

export type TopMerchantsQueryVariables = Exact<{
  date: string;
  by?: MerchantRanking | null | undefined;
  limit?: number | null | undefined;
}>;

export type TopMerchantsQuery = {
  topMerchants: Array<{
    merchantId: string;
    date: string;
    transactionCount: number;
    totalSpendUsd: string | null;
    maxRiskScore: number;
    flaggedCount: number;
    merchant: { id: string; name: string | null; category: string | null } | null;
  }>;
};

export type TransactionEnrichedSubscriptionVariables = Exact<{
  filter?: TransactionFilter | null | undefined;
}>;

export type TransactionEnrichedSubscription = {
  transactionEnriched: {
    id: string;
    userId: string;
    merchantId: string;
    merchantCategory: string | null;
    paymentMethodId: string;
    productId: string | null;
    amount: string;
    currency: string;
    amountUsd: string | null;
    transactionType: string;
    status: string;
    timestamp: string;
    day: string;
    version: number;
    riskScore: number;
    riskReasons: Array<string>;
    flagged: boolean;
    dimensionMisses: Array<string>;
    enrichedAt: string;
    metadata: Record<string, unknown> | null;
    merchant: { id: string; name: string | null } | null;
  };
};

export type TransactionFieldsFragment = {
  id: string;
  userId: string;
  merchantId: string;
  merchantCategory: string | null;
  paymentMethodId: string;
  productId: string | null;
  amount: string;
  currency: string;
  amountUsd: string | null;
  transactionType: string;
  status: string;
  timestamp: string;
  day: string;
  version: number;
  riskScore: number;
  riskReasons: Array<string>;
  flagged: boolean;
  dimensionMisses: Array<string>;
  enrichedAt: string;
  metadata: Record<string, unknown> | null;
};

export type TransactionFlaggedSubscriptionVariables = Exact<{
  minRiskScore?: number | null | undefined;
}>;

export type TransactionFlaggedSubscription = {
  transactionFlagged: {
    id: string;
    userId: string;
    merchantId: string;
    merchantCategory: string | null;
    paymentMethodId: string;
    productId: string | null;
    amount: string;
    currency: string;
    amountUsd: string | null;
    transactionType: string;
    status: string;
    timestamp: string;
    day: string;
    version: number;
    riskScore: number;
    riskReasons: Array<string>;
    flagged: boolean;
    dimensionMisses: Array<string>;
    enrichedAt: string;
    metadata: Record<string, unknown> | null;
    user: {
      id: string;
      firstName: string | null;
      lastName: string | null;
      email: string | null;
      riskScore: number | null;
    } | null;
    merchant: { id: string; name: string | null; riskCategory: string | null } | null;
  };
};

export type TransactionByIdQueryVariables = Exact<{
  id: string | number;
}>;

export type TransactionByIdQuery = {
  transaction: {
    id: string;
    userId: string;
    merchantId: string;
    merchantCategory: string | null;
    paymentMethodId: string;
    productId: string | null;
    amount: string;
    currency: string;
    amountUsd: string | null;
    transactionType: string;
    status: string;
    timestamp: string;
    day: string;
    version: number;
    riskScore: number;
    riskReasons: Array<string>;
    flagged: boolean;
    dimensionMisses: Array<string>;
    enrichedAt: string;
    metadata: Record<string, unknown> | null;
    user: {
      id: string;
      firstName: string | null;
      lastName: string | null;
      email: string | null;
      phone: string | null;
      country: string | null;
      segment: string | null;
      riskScore: number | null;
      dateCreated: string | null;
    } | null;
    merchant: {
      id: string;
      name: string | null;
      category: string | null;
      riskCategory: string | null;
      status: string | null;
      location: Record<string, unknown> | null;
      dateOnboarded: string | null;
    } | null;
    paymentMethod: { id: string; methodType: string | null; providerName: string | null } | null;
    product: { id: string; name: string | null; category: string | null; price: string | null } | null;
  } | null;
};

export type TransactionWithDimensionsFragment = {
  id: string;
  userId: string;
  merchantId: string;
  merchantCategory: string | null;
  paymentMethodId: string;
  productId: string | null;
  amount: string;
  currency: string;
  amountUsd: string | null;
  transactionType: string;
  status: string;
  timestamp: string;
  day: string;
  version: number;
  riskScore: number;
  riskReasons: Array<string>;
  flagged: boolean;
  dimensionMisses: Array<string>;
  enrichedAt: string;
  metadata: Record<string, unknown> | null;
  user: { id: string; firstName: string | null; segment: string | null; riskScore: number | null } | null;
  merchant: { id: string; name: string | null; category: string | null; riskCategory: string | null } | null;
  paymentMethod: { id: string; methodType: string | null; providerName: string | null } | null;
  product: { id: string; name: string | null; price: string | null } | null;
};

export type UserTransactionsWithDimensionsQueryVariables = Exact<{
  userId: string | number;
  from?: string | null | undefined;
  to?: string | null | undefined;
  first?: number | null | undefined;
}>;

export type UserTransactionsWithDimensionsQuery = {
  transactions: {
    edges: Array<{
      node: {
        id: string;
        userId: string;
        merchantId: string;
        merchantCategory: string | null;
        paymentMethodId: string;
        productId: string | null;
        amount: string;
        currency: string;
        amountUsd: string | null;
        transactionType: string;
        status: string;
        timestamp: string;
        day: string;
        version: number;
        riskScore: number;
        riskReasons: Array<string>;
        flagged: boolean;
        dimensionMisses: Array<string>;
        enrichedAt: string;
        metadata: Record<string, unknown> | null;
        user: {
          id: string;
          firstName: string | null;
          segment: string | null;
          riskScore: number | null;
        } | null;
        merchant: {
          id: string;
          name: string | null;
          category: string | null;
          riskCategory: string | null;
        } | null;
        paymentMethod: { id: string; methodType: string | null; providerName: string | null } | null;
        product: { id: string; name: string | null; price: string | null } | null;
      };
    }>;
    pageInfo: { hasNextPage: boolean };
  };
};

export type MerchantTransactionsWithDimensionsQueryVariables = Exact<{
  merchantId: string | number;
  from?: string | null | undefined;
  to?: string | null | undefined;
  first?: number | null | undefined;
}>;

export type MerchantTransactionsWithDimensionsQuery = {
  merchantTransactions: {
    edges: Array<{
      node: {
        id: string;
        userId: string;
        merchantId: string;
        merchantCategory: string | null;
        paymentMethodId: string;
        productId: string | null;
        amount: string;
        currency: string;
        amountUsd: string | null;
        transactionType: string;
        status: string;
        timestamp: string;
        day: string;
        version: number;
        riskScore: number;
        riskReasons: Array<string>;
        flagged: boolean;
        dimensionMisses: Array<string>;
        enrichedAt: string;
        metadata: Record<string, unknown> | null;
        user: {
          id: string;
          firstName: string | null;
          segment: string | null;
          riskScore: number | null;
        } | null;
        merchant: {
          id: string;
          name: string | null;
          category: string | null;
          riskCategory: string | null;
        } | null;
        paymentMethod: { id: string; methodType: string | null; providerName: string | null } | null;
        product: { id: string; name: string | null; price: string | null } | null;
      };
    }>;
    pageInfo: { hasNextPage: boolean };
  };
};

export type TransactionsPageQueryVariables = Exact<{
  userId: string | number;
  from?: string | null | undefined;
  to?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;

export type TransactionsPageQuery = {
  transactions: {
    edges: Array<{
      cursor: string;
      node: {
        id: string;
        userId: string;
        merchantId: string;
        merchantCategory: string | null;
        paymentMethodId: string;
        productId: string | null;
        amount: string;
        currency: string;
        amountUsd: string | null;
        transactionType: string;
        status: string;
        timestamp: string;
        day: string;
        version: number;
        riskScore: number;
        riskReasons: Array<string>;
        flagged: boolean;
        dimensionMisses: Array<string>;
        enrichedAt: string;
        metadata: Record<string, unknown> | null;
        merchant: { id: string; name: string | null } | null;
      };
    }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

export type UserDashboardQueryVariables = Exact<{
  userId: string | number;
  day: string;
  from: string;
  to: string;
  first?: number | null | undefined;
}>;

export type UserDashboardQuery = {
  transactions: {
    edges: Array<{
      cursor: string;
      node: {
        id: string;
        userId: string;
        merchantId: string;
        merchantCategory: string | null;
        paymentMethodId: string;
        productId: string | null;
        amount: string;
        currency: string;
        amountUsd: string | null;
        transactionType: string;
        status: string;
        timestamp: string;
        day: string;
        version: number;
        riskScore: number;
        riskReasons: Array<string>;
        flagged: boolean;
        dimensionMisses: Array<string>;
        enrichedAt: string;
        metadata: Record<string, unknown> | null;
        merchant: {
          id: string;
          name: string | null;
          category: string | null;
          riskCategory: string | null;
        } | null;
        paymentMethod: { id: string; methodType: string | null; providerName: string | null } | null;
      };
    }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
  dailyUserStats: Array<{
    date: string;
    transactionCount: number;
    totalSpendUsd: string | null;
    maxRiskScore: number;
    flaggedCount: number;
    totals: Array<{ currency: string; purchases: string; refunds: string; net: string }>;
  }>;
};

export type UserQueryVariables = Exact<{
  id: string | number;
}>;

export type UserQuery = {
  user: {
    id: string;
    firstName: string | null;
    lastName: string | null;
    email: string | null;
    phone: string | null;
    country: string | null;
    segment: string | null;
    riskScore: number | null;
    dateCreated: string | null;
  } | null;
};

export const TransactionFieldsFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'TransactionFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Transaction' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'userId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'merchantId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'merchantCategory' } },
          { kind: 'Field', name: { kind: 'Name', value: 'paymentMethodId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'productId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'currency' } },
          { kind: 'Field', name: { kind: 'Name', value: 'amountUsd' } },
          { kind: 'Field', name: { kind: 'Name', value: 'transactionType' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'timestamp' } },
          { kind: 'Field', name: { kind: 'Name', value: 'day' } },
          { kind: 'Field', name: { kind: 'Name', value: 'version' } },
          { kind: 'Field', name: { kind: 'Name', value: 'riskScore' } },
          { kind: 'Field', name: { kind: 'Name', value: 'riskReasons' } },
          { kind: 'Field', name: { kind: 'Name', value: 'flagged' } },
          { kind: 'Field', name: { kind: 'Name', value: 'dimensionMisses' } },
          { kind: 'Field', name: { kind: 'Name', value: 'enrichedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'metadata' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<TransactionFieldsFragment, unknown>;
export const TransactionWithDimensionsFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'TransactionWithDimensions' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Transaction' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'FragmentSpread', name: { kind: 'Name', value: 'TransactionFields' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'user' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'firstName' } },
                { kind: 'Field', name: { kind: 'Name', value: 'segment' } },
                { kind: 'Field', name: { kind: 'Name', value: 'riskScore' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'merchant' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'category' } },
                { kind: 'Field', name: { kind: 'Name', value: 'riskCategory' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'paymentMethod' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'methodType' } },
                { kind: 'Field', name: { kind: 'Name', value: 'providerName' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'product' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'price' } },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'TransactionFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Transaction' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'userId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'merchantId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'merchantCategory' } },
          { kind: 'Field', name: { kind: 'Name', value: 'paymentMethodId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'productId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'currency' } },
          { kind: 'Field', name: { kind: 'Name', value: 'amountUsd' } },
          { kind: 'Field', name: { kind: 'Name', value: 'transactionType' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'timestamp' } },
          { kind: 'Field', name: { kind: 'Name', value: 'day' } },
          { kind: 'Field', name: { kind: 'Name', value: 'version' } },
          { kind: 'Field', name: { kind: 'Name', value: 'riskScore' } },
          { kind: 'Field', name: { kind: 'Name', value: 'riskReasons' } },
          { kind: 'Field', name: { kind: 'Name', value: 'flagged' } },
          { kind: 'Field', name: { kind: 'Name', value: 'dimensionMisses' } },
          { kind: 'Field', name: { kind: 'Name', value: 'enrichedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'metadata' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<TransactionWithDimensionsFragment, unknown>;
export const DailyUserStatsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'DailyUserStats' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'userId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'from' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'Date' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'to' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'Date' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'dailyUserStats' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'userId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'userId' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'from' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'from' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'to' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'to' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'userId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'date' } },
                { kind: 'Field', name: { kind: 'Name', value: 'transactionCount' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'totals' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'currency' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'purchases' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'refunds' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'net' } },
                    ],
                  },
                },
                { kind: 'Field', name: { kind: 'Name', value: 'totalSpendUsd' } },
                { kind: 'Field', name: { kind: 'Name', value: 'maxRiskScore' } },
                { kind: 'Field', name: { kind: 'Name', value: 'flaggedCount' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DailyUserStatsQuery, DailyUserStatsQueryVariables>;
export const LiveFlaggedDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'subscription',
      name: { kind: 'Name', value: 'LiveFlagged' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'minRiskScore' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'transactionFlagged' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'minRiskScore' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'minRiskScore' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'timestamp' } },
                { kind: 'Field', name: { kind: 'Name', value: 'userId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'merchantId' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'merchant' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'Field', name: { kind: 'Name', value: 'name' } }],
                  },
                },
                { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
                { kind: 'Field', name: { kind: 'Name', value: 'currency' } },
                { kind: 'Field', name: { kind: 'Name', value: 'riskScore' } },
                { kind: 'Field', name: { kind: 'Name', value: 'riskReasons' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<LiveFlaggedSubscription, LiveFlaggedSubscriptionVariables>;
export const MerchantDailyStatsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'MerchantDailyStats' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'merchantId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'from' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'Date' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'to' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'Date' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'merchantDailyStats' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'merchantId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'merchantId' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'from' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'from' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'to' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'to' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'merchantId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'date' } },
                { kind: 'Field', name: { kind: 'Name', value: 'transactionCount' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'totals' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'currency' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'purchases' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'refunds' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'net' } },
                    ],
                  },
                },
                { kind: 'Field', name: { kind: 'Name', value: 'totalSpendUsd' } },
                { kind: 'Field', name: { kind: 'Name', value: 'maxRiskScore' } },
                { kind: 'Field', name: { kind: 'Name', value: 'flaggedCount' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<MerchantDailyStatsQuery, MerchantDailyStatsQueryVariables>;
export const MerchantTransactionsPageDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'MerchantTransactionsPage' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'merchantId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'from' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Date' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'to' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Date' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'merchantTransactions' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'merchantId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'merchantId' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'from' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'from' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'to' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'to' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'after' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'edges' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'cursor' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'node' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'FragmentSpread', name: { kind: 'Name', value: 'TransactionFields' } },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'user' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'segment' } },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'pageInfo' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'hasNextPage' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'endCursor' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'TransactionFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Transaction' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'userId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'merchantId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'merchantCategory' } },
          { kind: 'Field', name: { kind: 'Name', value: 'paymentMethodId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'productId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'currency' } },
          { kind: 'Field', name: { kind: 'Name', value: 'amountUsd' } },
          { kind: 'Field', name: { kind: 'Name', value: 'transactionType' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'timestamp' } },
          { kind: 'Field', name: { kind: 'Name', value: 'day' } },
          { kind: 'Field', name: { kind: 'Name', value: 'version' } },
          { kind: 'Field', name: { kind: 'Name', value: 'riskScore' } },
          { kind: 'Field', name: { kind: 'Name', value: 'riskReasons' } },
          { kind: 'Field', name: { kind: 'Name', value: 'flagged' } },
          { kind: 'Field', name: { kind: 'Name', value: 'dimensionMisses' } },
          { kind: 'Field', name: { kind: 'Name', value: 'enrichedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'metadata' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<MerchantTransactionsPageQuery, MerchantTransactionsPageQueryVariables>;
export const MerchantDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Merchant' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'merchant' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'category' } },
                { kind: 'Field', name: { kind: 'Name', value: 'riskCategory' } },
                { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                { kind: 'Field', name: { kind: 'Name', value: 'location' } },
                { kind: 'Field', name: { kind: 'Name', value: 'dateOnboarded' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<MerchantQuery, MerchantQueryVariables>;
export const TopMerchantsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'TopMerchants' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'date' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'Date' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'by' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'MerchantRanking' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'limit' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'topMerchants' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'date' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'date' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'by' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'by' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'limit' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'limit' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'merchantId' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'merchant' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'category' } },
                    ],
                  },
                },
                { kind: 'Field', name: { kind: 'Name', value: 'date' } },
                { kind: 'Field', name: { kind: 'Name', value: 'transactionCount' } },
                { kind: 'Field', name: { kind: 'Name', value: 'totalSpendUsd' } },
                { kind: 'Field', name: { kind: 'Name', value: 'maxRiskScore' } },
                { kind: 'Field', name: { kind: 'Name', value: 'flaggedCount' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<TopMerchantsQuery, TopMerchantsQueryVariables>;
export const TransactionEnrichedDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'subscription',
      name: { kind: 'Name', value: 'TransactionEnriched' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'filter' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'TransactionFilter' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'transactionEnriched' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'filter' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'filter' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'FragmentSpread', name: { kind: 'Name', value: 'TransactionFields' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'merchant' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'TransactionFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Transaction' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'userId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'merchantId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'merchantCategory' } },
          { kind: 'Field', name: { kind: 'Name', value: 'paymentMethodId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'productId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'currency' } },
          { kind: 'Field', name: { kind: 'Name', value: 'amountUsd' } },
          { kind: 'Field', name: { kind: 'Name', value: 'transactionType' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'timestamp' } },
          { kind: 'Field', name: { kind: 'Name', value: 'day' } },
          { kind: 'Field', name: { kind: 'Name', value: 'version' } },
          { kind: 'Field', name: { kind: 'Name', value: 'riskScore' } },
          { kind: 'Field', name: { kind: 'Name', value: 'riskReasons' } },
          { kind: 'Field', name: { kind: 'Name', value: 'flagged' } },
          { kind: 'Field', name: { kind: 'Name', value: 'dimensionMisses' } },
          { kind: 'Field', name: { kind: 'Name', value: 'enrichedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'metadata' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<TransactionEnrichedSubscription, TransactionEnrichedSubscriptionVariables>;
export const TransactionFlaggedDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'subscription',
      name: { kind: 'Name', value: 'TransactionFlagged' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'minRiskScore' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'transactionFlagged' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'minRiskScore' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'minRiskScore' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'FragmentSpread', name: { kind: 'Name', value: 'TransactionFields' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'user' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'firstName' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'lastName' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'email' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'riskScore' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'merchant' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'riskCategory' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'TransactionFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Transaction' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'userId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'merchantId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'merchantCategory' } },
          { kind: 'Field', name: { kind: 'Name', value: 'paymentMethodId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'productId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'currency' } },
          { kind: 'Field', name: { kind: 'Name', value: 'amountUsd' } },
          { kind: 'Field', name: { kind: 'Name', value: 'transactionType' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'timestamp' } },
          { kind: 'Field', name: { kind: 'Name', value: 'day' } },
          { kind: 'Field', name: { kind: 'Name', value: 'version' } },
          { kind: 'Field', name: { kind: 'Name', value: 'riskScore' } },
          { kind: 'Field', name: { kind: 'Name', value: 'riskReasons' } },
          { kind: 'Field', name: { kind: 'Name', value: 'flagged' } },
          { kind: 'Field', name: { kind: 'Name', value: 'dimensionMisses' } },
          { kind: 'Field', name: { kind: 'Name', value: 'enrichedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'metadata' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<TransactionFlaggedSubscription, TransactionFlaggedSubscriptionVariables>;
export const TransactionByIdDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'TransactionById' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'transaction' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'FragmentSpread', name: { kind: 'Name', value: 'TransactionFields' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'user' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'firstName' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'lastName' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'email' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'phone' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'country' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'segment' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'riskScore' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'dateCreated' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'merchant' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'category' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'riskCategory' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'location' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'dateOnboarded' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'paymentMethod' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'methodType' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'providerName' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'product' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'category' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'price' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'TransactionFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Transaction' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'userId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'merchantId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'merchantCategory' } },
          { kind: 'Field', name: { kind: 'Name', value: 'paymentMethodId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'productId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'currency' } },
          { kind: 'Field', name: { kind: 'Name', value: 'amountUsd' } },
          { kind: 'Field', name: { kind: 'Name', value: 'transactionType' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'timestamp' } },
          { kind: 'Field', name: { kind: 'Name', value: 'day' } },
          { kind: 'Field', name: { kind: 'Name', value: 'version' } },
          { kind: 'Field', name: { kind: 'Name', value: 'riskScore' } },
          { kind: 'Field', name: { kind: 'Name', value: 'riskReasons' } },
          { kind: 'Field', name: { kind: 'Name', value: 'flagged' } },
          { kind: 'Field', name: { kind: 'Name', value: 'dimensionMisses' } },
          { kind: 'Field', name: { kind: 'Name', value: 'enrichedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'metadata' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<TransactionByIdQuery, TransactionByIdQueryVariables>;
export const UserTransactionsWithDimensionsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'UserTransactionsWithDimensions' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'userId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'from' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Date' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'to' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Date' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'transactions' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'userId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'userId' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'from' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'from' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'to' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'to' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'edges' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'node' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            {
                              kind: 'FragmentSpread',
                              name: { kind: 'Name', value: 'TransactionWithDimensions' },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'pageInfo' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'Field', name: { kind: 'Name', value: 'hasNextPage' } }],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'TransactionFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Transaction' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'userId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'merchantId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'merchantCategory' } },
          { kind: 'Field', name: { kind: 'Name', value: 'paymentMethodId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'productId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'currency' } },
          { kind: 'Field', name: { kind: 'Name', value: 'amountUsd' } },
          { kind: 'Field', name: { kind: 'Name', value: 'transactionType' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'timestamp' } },
          { kind: 'Field', name: { kind: 'Name', value: 'day' } },
          { kind: 'Field', name: { kind: 'Name', value: 'version' } },
          { kind: 'Field', name: { kind: 'Name', value: 'riskScore' } },
          { kind: 'Field', name: { kind: 'Name', value: 'riskReasons' } },
          { kind: 'Field', name: { kind: 'Name', value: 'flagged' } },
          { kind: 'Field', name: { kind: 'Name', value: 'dimensionMisses' } },
          { kind: 'Field', name: { kind: 'Name', value: 'enrichedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'metadata' } },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'TransactionWithDimensions' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Transaction' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'FragmentSpread', name: { kind: 'Name', value: 'TransactionFields' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'user' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'firstName' } },
                { kind: 'Field', name: { kind: 'Name', value: 'segment' } },
                { kind: 'Field', name: { kind: 'Name', value: 'riskScore' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'merchant' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'category' } },
                { kind: 'Field', name: { kind: 'Name', value: 'riskCategory' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'paymentMethod' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'methodType' } },
                { kind: 'Field', name: { kind: 'Name', value: 'providerName' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'product' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'price' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<
  UserTransactionsWithDimensionsQuery,
  UserTransactionsWithDimensionsQueryVariables
>;
export const MerchantTransactionsWithDimensionsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'MerchantTransactionsWithDimensions' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'merchantId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'from' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Date' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'to' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Date' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'merchantTransactions' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'merchantId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'merchantId' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'from' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'from' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'to' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'to' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'edges' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'node' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            {
                              kind: 'FragmentSpread',
                              name: { kind: 'Name', value: 'TransactionWithDimensions' },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'pageInfo' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'Field', name: { kind: 'Name', value: 'hasNextPage' } }],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'TransactionFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Transaction' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'userId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'merchantId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'merchantCategory' } },
          { kind: 'Field', name: { kind: 'Name', value: 'paymentMethodId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'productId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'currency' } },
          { kind: 'Field', name: { kind: 'Name', value: 'amountUsd' } },
          { kind: 'Field', name: { kind: 'Name', value: 'transactionType' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'timestamp' } },
          { kind: 'Field', name: { kind: 'Name', value: 'day' } },
          { kind: 'Field', name: { kind: 'Name', value: 'version' } },
          { kind: 'Field', name: { kind: 'Name', value: 'riskScore' } },
          { kind: 'Field', name: { kind: 'Name', value: 'riskReasons' } },
          { kind: 'Field', name: { kind: 'Name', value: 'flagged' } },
          { kind: 'Field', name: { kind: 'Name', value: 'dimensionMisses' } },
          { kind: 'Field', name: { kind: 'Name', value: 'enrichedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'metadata' } },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'TransactionWithDimensions' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Transaction' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'FragmentSpread', name: { kind: 'Name', value: 'TransactionFields' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'user' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'firstName' } },
                { kind: 'Field', name: { kind: 'Name', value: 'segment' } },
                { kind: 'Field', name: { kind: 'Name', value: 'riskScore' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'merchant' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'category' } },
                { kind: 'Field', name: { kind: 'Name', value: 'riskCategory' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'paymentMethod' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'methodType' } },
                { kind: 'Field', name: { kind: 'Name', value: 'providerName' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'product' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'price' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<
  MerchantTransactionsWithDimensionsQuery,
  MerchantTransactionsWithDimensionsQueryVariables
>;
export const TransactionsPageDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'TransactionsPage' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'userId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'from' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Date' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'to' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Date' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'transactions' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'userId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'userId' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'from' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'from' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'to' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'to' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'after' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'edges' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'cursor' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'node' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'FragmentSpread', name: { kind: 'Name', value: 'TransactionFields' } },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'merchant' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'pageInfo' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'hasNextPage' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'endCursor' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'TransactionFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Transaction' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'userId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'merchantId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'merchantCategory' } },
          { kind: 'Field', name: { kind: 'Name', value: 'paymentMethodId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'productId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'currency' } },
          { kind: 'Field', name: { kind: 'Name', value: 'amountUsd' } },
          { kind: 'Field', name: { kind: 'Name', value: 'transactionType' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'timestamp' } },
          { kind: 'Field', name: { kind: 'Name', value: 'day' } },
          { kind: 'Field', name: { kind: 'Name', value: 'version' } },
          { kind: 'Field', name: { kind: 'Name', value: 'riskScore' } },
          { kind: 'Field', name: { kind: 'Name', value: 'riskReasons' } },
          { kind: 'Field', name: { kind: 'Name', value: 'flagged' } },
          { kind: 'Field', name: { kind: 'Name', value: 'dimensionMisses' } },
          { kind: 'Field', name: { kind: 'Name', value: 'enrichedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'metadata' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<TransactionsPageQuery, TransactionsPageQueryVariables>;
export const UserDashboardDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'UserDashboard' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'userId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'day' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'Date' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'from' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'Date' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'to' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'Date' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'transactions' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'userId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'userId' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'from' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'day' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'to' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'day' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'edges' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'cursor' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'node' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'FragmentSpread', name: { kind: 'Name', value: 'TransactionFields' } },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'merchant' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'category' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'riskCategory' } },
                                ],
                              },
                            },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'paymentMethod' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'methodType' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'providerName' } },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'pageInfo' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'hasNextPage' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'endCursor' } },
                    ],
                  },
                },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'dailyUserStats' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'userId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'userId' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'from' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'from' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'to' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'to' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'date' } },
                { kind: 'Field', name: { kind: 'Name', value: 'transactionCount' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'totals' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'currency' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'purchases' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'refunds' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'net' } },
                    ],
                  },
                },
                { kind: 'Field', name: { kind: 'Name', value: 'totalSpendUsd' } },
                { kind: 'Field', name: { kind: 'Name', value: 'maxRiskScore' } },
                { kind: 'Field', name: { kind: 'Name', value: 'flaggedCount' } },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'TransactionFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Transaction' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'userId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'merchantId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'merchantCategory' } },
          { kind: 'Field', name: { kind: 'Name', value: 'paymentMethodId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'productId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'currency' } },
          { kind: 'Field', name: { kind: 'Name', value: 'amountUsd' } },
          { kind: 'Field', name: { kind: 'Name', value: 'transactionType' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'timestamp' } },
          { kind: 'Field', name: { kind: 'Name', value: 'day' } },
          { kind: 'Field', name: { kind: 'Name', value: 'version' } },
          { kind: 'Field', name: { kind: 'Name', value: 'riskScore' } },
          { kind: 'Field', name: { kind: 'Name', value: 'riskReasons' } },
          { kind: 'Field', name: { kind: 'Name', value: 'flagged' } },
          { kind: 'Field', name: { kind: 'Name', value: 'dimensionMisses' } },
          { kind: 'Field', name: { kind: 'Name', value: 'enrichedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'metadata' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<UserDashboardQuery, UserDashboardQueryVariables>;
export const UserDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'User' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'user' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'firstName' } },
                { kind: 'Field', name: { kind: 'Name', value: 'lastName' } },
                { kind: 'Field', name: { kind: 'Name', value: 'email' } },
                { kind: 'Field', name: { kind: 'Name', value: 'phone' } },
                { kind: 'Field', name: { kind: 'Name', value: 'country' } },
                { kind: 'Field', name: { kind: 'Name', value: 'segment' } },
                { kind: 'Field', name: { kind: 'Name', value: 'riskScore' } },
                { kind: 'Field', name: { kind: 'Name', value: 'dateCreated' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<UserQuery, UserQueryVariables>;
