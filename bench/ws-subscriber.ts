import type { ResultOf, TypedDocumentNode, VariablesOf } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import WebSocket from 'ws';

/** A minimal graphql-transport-ws subscriber for load tests: one socket, one subscription, counters. */
export interface BenchSubscriber {
  received: number;
  /** Pushes that carried GraphQL errors (not counted in `received`), and the first one. */
  errors: number;
  firstError: string;
  closedWith: number | null;
  closedReason: string;
  close(): void;
}

/**
 * Subscribes with a codegen document (test/generated), so the variables and each push are its types.
 * Generic over the document rather than over (data, variables): a union of documents then gives a
 * union of results, which the variance of TypedDocumentNode<TData, TVariables> would refuse.
 */
export function openSubscriber<TDocument extends TypedDocumentNode<unknown, never>>(options: {
  url: string;
  key: string;
  document: TDocument;
  variables: VariablesOf<TDocument>;
  onNext: (data: ResultOf<TDocument>, receivedAt: number) => void;
}): Promise<BenchSubscriber> {
  const query = print(options.document);
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(options.url, 'graphql-transport-ws');
    const subscriber: BenchSubscriber = {
      received: 0,
      errors: 0,
      firstError: '',
      closedWith: null,
      closedReason: '',
      close: () => ws.close(),
    };
    ws.on('open', () =>
      ws.send(
        JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${options.key}` } }),
      ),
    );
    ws.on('message', (raw) => {
      const receivedAt = performance.now();
      const message = JSON.parse(String(raw)) as {
        type: string;
        // The service's answer to this document: the contract test checks it has the generated shape.
        payload?: { data?: ResultOf<TDocument>; errors?: unknown };
      };
      if (message.type === 'connection_ack') {
        ws.send(
          JSON.stringify({
            id: '1',
            type: 'subscribe',
            payload: { query, variables: options.variables },
          }),
        );
        resolve(subscriber);
      } else if (message.type === 'next' && message.payload?.data && !message.payload.errors) {
        subscriber.received += 1;
        options.onNext(message.payload.data, receivedAt);
      } else if (message.type === 'error' || message.payload?.errors) {
        // Before the first push this rejects the subscribe; after it, the bench reports the count.
        subscriber.errors += 1;
        subscriber.firstError ||= JSON.stringify(message.payload);
        reject(new Error(`subscription failed: ${JSON.stringify(message.payload)}`));
      }
    });
    ws.on('close', (code, reason) => {
      subscriber.closedWith = code;
      subscriber.closedReason = reason.toString();
      reject(new Error(`closed with ${code} before the subscription started`));
    });
    ws.on('error', reject);
  });
}
