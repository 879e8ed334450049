import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { silentLogger, type Logger } from '../../../src/app/logger';
import { createAuthenticator } from '../../../src/auth/api-keys';
import type { ApiKey, Principal } from '../../../src/auth/principal';
import { mountGraphQL } from '../../../src/http/graphql';
import { createContext } from '../../../src/resolvers/context';
import { buildTxgraphSchema, createTxgraphPubSub } from '../../../src/schema/build-schema';
import { FakeReadModel } from './fake-read-model';

export const PRINCIPALS = {
  analyst: { role: 'analyst', keyId: 'aaaaaaaa' },
  fraud: { role: 'fraud', keyId: 'ffffffff' },
  ingest: { role: 'ingest', keyId: '11111111' },
  admin: { role: 'admin', keyId: 'dddddddd' },
} satisfies Record<string, Principal>;

export const KEYS: ApiKey[] = [
  { key: 'analyst-key-0123456789', role: 'analyst' },
  { key: 'fraud-key-0123456789', role: 'fraud' },
  { key: 'ingest-key-0123456789', role: 'ingest' },
];

export interface Result {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
}

/** A real Apollo server (all plugins and limits) on an express app listening on 127.0.0.1:0. */
export async function startHarness(
  opts: { readModel?: FakeReadModel; development?: boolean; logger?: Logger } = {},
) {
  const readModel = opts.readModel ?? new FakeReadModel();
  const pubSub = createTxgraphPubSub();
  const schema = await buildTxgraphSchema({ pubSub });
  const app = express();
  const httpServer = http.createServer(app);
  const mounted = await mountGraphQL(app, {
    schema,
    readModel,
    authenticate: createAuthenticator(KEYS).authenticate,
    httpServer,
    logger: opts.logger ?? silentLogger(),
    development: opts.development ?? false,
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;

  async function execute(
    query: string,
    opts: { principal?: Principal | null; variables?: Record<string, unknown> } = {},
  ): Promise<Result> {
    const principal = opts.principal === undefined ? PRINCIPALS.admin : opts.principal;
    const response = await mounted.server.executeOperation(
      { query, ...(opts.variables ? { variables: opts.variables } : {}) },
      { contextValue: createContext(principal, readModel) },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult as Result;
  }

  return {
    app,
    schema,
    pubSub,
    readModel,
    execute,
    url: `http://127.0.0.1:${port}/graphql`,
    stop: () => mounted.stop(),
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

export function codes(result: Result): unknown[] {
  return (result.errors ?? []).map((error) => error.extensions?.['code']);
}
