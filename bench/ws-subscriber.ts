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

export function openSubscriber(options: {
  url: string;
  key: string;
  query: string;
  variables?: Record<string, unknown>;
  onNext: (data: Record<string, Record<string, unknown>>, receivedAt: number) => void;
}): Promise<BenchSubscriber> {
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
        payload?: { data?: never; errors?: unknown };
      };
      if (message.type === 'connection_ack') {
        ws.send(
          JSON.stringify({
            id: '1',
            type: 'subscribe',
            payload: { query: options.query, variables: options.variables ?? {} },
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
