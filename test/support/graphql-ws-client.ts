import type { Socket } from 'node:net';
import WebSocket from 'ws';

/**
 * A bare graphql-transport-ws client for tests: it exposes what a library client hides (close codes
 * and reasons, the raw TCP socket so a test can stop reading, every message in arrival order).
 */

export interface Closed {
  code: number;
  reason: string;
}

export interface Pushed {
  id: string;
  type: 'next' | 'error' | 'complete';
  payload: unknown;
  receivedAt: number;
}

export class GraphQLWsTestClient {
  readonly messages: Pushed[] = [];
  readonly closed: Promise<Closed>;
  /** The TCP socket under the WebSocket; `pause()` it to play a client that never reads. */
  tcp: Socket | null = null;
  private listeners = new Set<() => void>();

  private constructor(readonly ws: WebSocket) {
    ws.once('upgrade', (response) => (this.tcp = response.socket as Socket));
    this.closed = new Promise((resolve) =>
      ws.once('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        this.notify();
      }),
    );
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: string; type: string; payload?: unknown };
      if (message.type === 'next' || message.type === 'error' || message.type === 'complete') {
        this.messages.push({
          id: message.id ?? '',
          type: message.type,
          payload: message.payload,
          receivedAt: Date.now(),
        });
        this.notify();
      }
    });
    ws.on('error', () => undefined);
  }

  /**
   * Opens a socket and sends connection_init. Resolves once acknowledged; if the server closes
   * instead, resolves with the close so a test can assert the code.
   */
  static async connect(
    url: string,
    connectionParams?: Record<string, unknown>,
  ): Promise<{ client: GraphQLWsTestClient; acked: boolean; closed?: Closed }> {
    const client = new GraphQLWsTestClient(new WebSocket(url, 'graphql-transport-ws'));
    await new Promise<void>((resolve, reject) => {
      client.ws.once('open', () => resolve());
      client.ws.once('error', reject);
    });
    const ack = new Promise<boolean>((resolve) => {
      client.ws.on('message', (data) => {
        if ((JSON.parse(String(data)) as { type: string }).type === 'connection_ack') resolve(true);
      });
      void client.closed.then(() => resolve(false));
    });
    client.ws.send(JSON.stringify({ type: 'connection_init', payload: connectionParams }));
    const acked = await ack;
    return acked ? { client, acked } : { client, acked, closed: await client.closed };
  }

  subscribe(id: string, query: string, variables?: Record<string, unknown>): void {
    this.ws.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } }));
  }

  complete(id: string): void {
    this.ws.send(JSON.stringify({ id, type: 'complete' }));
  }

  /** `next` payloads' `data` of one operation, in order. */
  data<T = Record<string, unknown>>(id: string): T[] {
    return this.messages
      .filter((m) => m.id === id && m.type === 'next')
      .map((m) => (m.payload as { data: T }).data);
  }

  /** Resolves once `check` holds; rejects after `timeoutMs`. */
  async until(check: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    if (check()) return;
    await new Promise<void>((resolve, reject) => {
      const listener = () => {
        if (!check()) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${what} not met in ${timeoutMs} ms (${this.messages.length} messages)`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      this.listeners.add(listener);
    });
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close();
    const timer = setTimeout(() => this.ws.terminate(), 2_000);
    await this.closed;
    clearTimeout(timer);
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
