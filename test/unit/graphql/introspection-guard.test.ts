import { ApolloServer } from '@apollo/server';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { Principal } from '../../../src/auth/principal';
import { createContext, type GraphQLContext } from '../../../src/resolvers/context';
import { introspectionGuardPlugin } from '../../../src/resolvers/request-plugins';
import { buildTxgraphSchema, createTxgraphPubSub } from '../../../src/schema/build-schema';
import { FakeReadModel } from './fake-read-model';
import { PRINCIPALS } from './harness';

/**
 * The plugin alone, on an Apollo server with nothing else (no HTTP auth in front, introspection
 * switched on): what in-process execution and the WebSocket transport rely on.
 */

const SCHEMA_QUERY = '{ __schema { queryType { name } } }';
const TYPE_IN_FRAGMENT = 'query { ...T } fragment T on Query { __type(name: "Transaction") { name } }';

interface Answer {
  data: Record<string, unknown> | null | undefined;
  errors: readonly GraphQLFormattedError[] | undefined;
}

describe('introspectionGuardPlugin', () => {
  let schema: GraphQLSchema;
  const servers: ApolloServer<GraphQLContext>[] = [];

  async function serverWith(guard: boolean): Promise<ApolloServer<GraphQLContext>> {
    const server = new ApolloServer<GraphQLContext>({
      schema,
      introspection: true,
      plugins: guard ? [introspectionGuardPlugin()] : [],
    });
    await server.start();
    servers.push(server);
    return server;
  }

  async function run(
    server: ApolloServer<GraphQLContext>,
    query: string,
    principal: Principal | null,
  ): Promise<Answer> {
    const response = await server.executeOperation(
      { query },
      { contextValue: createContext(principal, new FakeReadModel()) },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    const { data, errors } = response.body.singleResult;
    return { data, errors };
  }

  beforeAll(async () => {
    schema = await buildTxgraphSchema({ pubSub: createTxgraphPubSub() });
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
  });

  test.each([
    ['__schema', SCHEMA_QUERY],
    ['__type inside a fragment', TYPE_IN_FRAGMENT],
  ])('refuses %s to a caller without a principal: UNAUTHENTICATED, no data', async (_name, query) => {
    const { data, errors } = await run(await serverWith(true), query, null);
    expect(data).toBeUndefined();
    expect(errors).toEqual([
      expect.objectContaining({
        message: 'Introspection requires an API key',
        extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }),
      }),
    ]);
  });

  test('the same anonymous query is answered without the plugin (the refusal is the plugin’s)', async () => {
    const { data, errors } = await run(await serverWith(false), SCHEMA_QUERY, null);
    expect(errors).toBeUndefined();
    expect(data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  test('answers introspection for any authenticated role', async () => {
    const server = await serverWith(true);
    for (const principal of Object.values(PRINCIPALS)) {
      const { data, errors } = await run(server, TYPE_IN_FRAGMENT, principal);
      expect(errors).toBeUndefined();
      expect(data).toEqual({ __type: { name: 'Transaction' } });
    }
  });

  test('lets anonymous operations without introspection through (__typename is not introspection)', async () => {
    const { data, errors } = await run(await serverWith(true), '{ __typename }', null);
    expect(errors).toBeUndefined();
    expect(data).toEqual({ __typename: 'Query' });
  });
});
