import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GRAPHQL_LIMITS } from '../src/http/graphql';

/**
 * The baseline of bench/query.bench.ts: a bare Apollo Server on the service's HTTP stack (same
 * @apollo/server, express 5 integration, body limit, node http server) with a hand-written schema of
 * the dashboard's shape that answers a constant. What the service costs beyond it is its own work:
 * auth, limits, validation rules, resolvers, DynamoDB and the scalars. Custom scalars are declared
 * bare (identity), so the constant goes out exactly as it was captured.
 */
const TYPE_DEFS = /* GraphQL */ `
  scalar Date
  scalar DateTime
  scalar Decimal
  scalar JSON

  type Query {
    transactions(userId: ID!, from: Date, to: Date, first: Int = 50, after: String): TransactionConnection!
    dailyUserStats(userId: ID!, from: Date!, to: Date!): [DailyUserStats!]!
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
  type Transaction {
    id: ID!
    userId: ID!
    merchantId: ID!
    merchantCategory: String
    paymentMethodId: ID!
    productId: ID
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
    merchant: Merchant
    paymentMethod: PaymentMethod
  }
  type Merchant {
    id: ID!
    name: String
    category: String
    riskCategory: String
  }
  type PaymentMethod {
    id: ID!
    methodType: String
    providerName: String
  }
  type DailyUserStats {
    date: Date!
    transactionCount: Int!
    totals: [CurrencyTotal!]!
    totalSpendUsd: Decimal
    maxRiskScore: Int!
    flaggedCount: Int!
  }
  type CurrencyTotal {
    currency: String!
    purchases: Decimal!
    refunds: Decimal!
    net: Decimal!
  }
`;

export interface BareApollo {
  url: string;
  /** Dashboard queries executed so far, including any whose client has gone. */
  served(): number;
  stop(): Promise<void>;
}

/** Serves `data` (a captured dashboard response's data) for every dashboard query, on 127.0.0.1. */
export async function startBareApollo(data: {
  transactions: unknown;
  dailyUserStats: unknown;
}): Promise<BareApollo> {
  let served = 0;
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const server = new ApolloServer({
    typeDefs: TYPE_DEFS,
    resolvers: {
      Query: {
        transactions: () => {
          served += 1;
          return data.transactions;
        },
        dailyUserStats: () => data.dailyUserStats,
      },
    },
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await server.start();
  app.use('/graphql', express.json({ limit: GRAPHQL_LIMITS.bodyLimit }), expressMiddleware(server));
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, served: () => served, stop: () => server.stop() };
}
