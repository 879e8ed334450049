import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode, type GraphQLSchema } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { conformingData } from './response-shape';

/**
 * Runs the generated typed documents against a running service. Results come back as the generated
 * types only after the response was checked against the schema, so a test never trusts a shape it did
 * not verify. Errors fail the call: every contract operation is expected to succeed.
 */

type Variables = Record<string, unknown>;

interface WireResult {
  data?: unknown;
  errors?: readonly { message: string }[];
}

function failIfErrors(name: string, result: WireResult): void {
  if (result.errors && result.errors.length > 0)
    throw new Error(`${name} answered errors: ${result.errors.map((e) => e.message).join('; ')}`);
}

export function operationName(document: DocumentNode): string {
  for (const definition of document.definitions)
    if (definition.kind === 'OperationDefinition' && definition.name) return definition.name.value;
  throw new Error('contract operations must be named');
}

export interface TypedClient {
  query<TData, TVariables extends Variables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
  ): Promise<TData>;
  /**
   * The first event of a subscription. `trigger(attempt)` must cause one: it runs once the
   * subscription is requested and again each second until an event arrives, because the server
   * registers a subscription asynchronously and an event published before that is not replayed.
   */
  firstEvent<TData, TVariables extends Variables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
    trigger: (attempt: number) => Promise<void>,
  ): Promise<TData>;
  close(): Promise<void>;
}

export function createTypedClient(opts: { url: string; key: string; schema: GraphQLSchema }): TypedClient {
  let ws: Client | null = null;
  const socket = () =>
    (ws ??= createClient({
      url: `${opts.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${opts.key}` },
      retryAttempts: 0,
    }));

  return {
    async query(document, variables) {
      const name = operationName(document);
      const res = await fetch(`${opts.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.key}` },
        body: JSON.stringify({ operationName: name, query: print(document), variables }),
      });
      const result = (await res.json()) as WireResult;
      failIfErrors(name, result);
      if (res.status !== 200) throw new Error(`${name} answered HTTP ${res.status}`);
      return conformingData(opts.schema, document, result.data);
    },

    async firstEvent(document, variables, trigger) {
      const name = operationName(document);
      const events = socket().iterate<unknown>({
        operationName: name,
        query: print(document),
        variables,
      });
      // graphql-ws sends `subscribe` when the iterator is first pulled.
      const next = events.next();
      try {
        let event: Awaited<typeof next> | undefined;
        for (let attempt = 0; event === undefined; attempt++) {
          if (attempt === 20) throw new Error(`${name} received no event in 20 attempts`);
          await trigger(attempt);
          event = await Promise.race([
            next,
            new Promise<undefined>((r) => setTimeout(() => r(undefined), 1_000)),
          ]);
        }
        const { value, done } = event;
        if (done) throw new Error(`${name} completed without an event`);
        failIfErrors(name, value);
        return conformingData(opts.schema, document, value.data);
      } finally {
        await events.return?.(undefined);
      }
    },

    async close() {
      await ws?.dispose();
    },
  };
}
