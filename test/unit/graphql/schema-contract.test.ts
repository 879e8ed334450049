import { readFileSync } from 'node:fs';
import { buildSchema, parse, print, type FieldDefinitionNode, type ObjectTypeDefinitionNode } from 'graphql';
import { emitSchemaSdl, SCHEMA_PATH } from '../../../src/schema/emit-schema';

/** The Query and Subscription blocks of DESIGN.md §6, verbatim. */
const DESIGN_SDL = /* GraphQL */ `
  type Query {
    transaction(id: ID!): Transaction
    transactions(userId: ID!, from: Date, to: Date, first: Int = 50, after: String): TransactionConnection!
    merchantTransactions(
      merchantId: ID!
      from: Date
      to: Date
      first: Int = 50
      after: String
    ): TransactionConnection!
    dailyUserStats(userId: ID!, from: Date!, to: Date!): [DailyUserStats!]!
    merchantDailyStats(merchantId: ID!, from: Date!, to: Date!): [DailyMerchantStats!]!
    topMerchants(date: Date!, by: MerchantRanking = NET_SPEND, limit: Int = 10): [DailyMerchantStats!]!
    user(id: ID!): User
    merchant(id: ID!): Merchant
  }
  enum MerchantRanking {
    NET_SPEND
    COUNT
    FLAGGED
  }
  input TransactionFilter {
    userId: ID
    merchantId: ID
    minRiskScore: Int
    types: [String!]
    currencies: [String!]
  }
  type Subscription {
    transactionEnriched(filter: TransactionFilter): Transaction!
    transactionFlagged(minRiskScore: Int): Transaction!
  }
  type Transaction {
    id: ID!
    userId: ID!
    user: User
    merchantId: ID!
    merchant: Merchant
    merchantCategory: String
    paymentMethodId: ID!
    paymentMethod: PaymentMethod
    productId: ID
    product: Product
    amount: Decimal!
    currency: String!
    amountUsd: Decimal
    transactionType: String!
    status: String!
    timestamp: DateTime!
    day: Date!
    version: Int!
    riskScore: Int!
    riskReasons: [String!]!
    flagged: Boolean!
    dimensionMisses: [String!]!
    enrichedAt: DateTime!
    metadata: JSON
  }
  type CurrencyTotal {
    currency: String!
    purchases: Decimal!
    refunds: Decimal!
    net: Decimal!
  }
  type DailyUserStats {
    userId: ID!
    date: Date!
    transactionCount: Int!
    totals: [CurrencyTotal!]!
    totalSpendUsd: Decimal
    maxRiskScore: Int!
    flaggedCount: Int!
  }
  type DailyMerchantStats {
    merchantId: ID!
    merchant: Merchant
    date: Date!
    transactionCount: Int!
    totals: [CurrencyTotal!]!
    totalSpendUsd: Decimal
    maxRiskScore: Int!
    flaggedCount: Int!
  }
  type TransactionConnection {
    edges: [TransactionEdge!]!
    pageInfo: PageInfo!
  }
  type TransactionEdge {
    cursor: String!
    node: Transaction!
  }
  type PageInfo {
    hasNextPage: Boolean!
    endCursor: String
  }
  type User {
    id: ID!
    firstName: String
    lastName: String
    email: String
    phone: String
    country: String
    segment: String
    riskScore: Int
    dateCreated: DateTime
  }
  type Merchant {
    id: ID!
    name: String
    category: String
    riskCategory: String
    status: String
    location: JSON
    dateOnboarded: DateTime
  }
  type PaymentMethod {
    id: ID!
    methodType: String
    providerName: String
  }
  type Product {
    id: ID!
    name: String
    category: String
    price: Decimal
  }
  scalar Decimal
  scalar DateTime
  scalar Date
  scalar JSON
`;

/** "name(arg: Type = default, ...): Type" with arguments sorted, so declaration order doesn't matter. */
function signature(field: FieldDefinitionNode): string {
  const args = (field.arguments ?? [])
    .map(
      (arg) =>
        `${arg.name.value}: ${print(arg.type)}${arg.defaultValue ? ` = ${print(arg.defaultValue)}` : ''}`,
    )
    .sort();
  return `${field.name.value}(${args.join(', ')}): ${print(field.type)}`;
}

function signatures(sdl: string): Map<string, Set<string>> {
  const types = new Map<string, Set<string>>();
  for (const definition of parse(sdl).definitions) {
    if ('fields' in definition && definition.fields) {
      const fields = (definition as ObjectTypeDefinitionNode).fields ?? [];
      types.set(
        definition.name.value,
        new Set(fields.map((field) => signature(field as FieldDefinitionNode))),
      );
    } else if (definition.kind === 'EnumTypeDefinition') {
      types.set(definition.name.value, new Set((definition.values ?? []).map((value) => value.name.value)));
    }
  }
  return types;
}

describe('schema contract (DESIGN §6)', () => {
  let emitted: string;
  beforeAll(async () => {
    emitted = await emitSchemaSdl();
  });

  test('every type, field and argument of DESIGN §6 is in the emitted schema, unchanged', () => {
    const actual = signatures(emitted);
    for (const [type, fields] of signatures(DESIGN_SDL)) {
      expect({ type, fields: [...fields].filter((field) => !actual.get(type)?.has(field)) }).toEqual({
        type,
        fields: [],
      });
    }
  });

  test('Query and Subscription have exactly the fields of DESIGN §6', () => {
    const actual = signatures(emitted);
    const design = signatures(DESIGN_SDL);
    for (const root of ['Query', 'Subscription']) expect(actual.get(root)).toEqual(design.get(root));
  });

  test('the emitted SDL is a valid schema and stable across builds', async () => {
    expect(() => buildSchema(emitted)).not.toThrow();
    expect(await emitSchemaSdl()).toBe(emitted);
  });

  test('src/schema/schema.graphql is up to date (run `npm run schema:emit` after a deliberate change)', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(emitted);
  });
});
