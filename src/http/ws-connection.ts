import type { WebSocket as GraphQLWsSocket } from 'graphql-ws';
import { WebSocket } from 'ws';

/** Close code for a subscriber that does not keep up (private range, mirrors 1008 policy violation). */
export const SLOW_CONSUMER_CLOSE_CODE = 4008;

export interface SendLimits {
  /** Bytes a socket may hold unsent (ws queue + Node's stream buffer) before it is cut off. */
  maxBufferedBytes: number;
  /** After a 4008 close is queued, how long the peer gets to read up to it (see closeSlowConsumer). */
  slowCloseGraceMs: number;
}

/**
 * Queues a 4008 close. The close frame waits behind everything already buffered, so a peer that never
 * reads never sees it: after the grace period the socket is destroyed and its buffer freed.
 */
export function closeSlowConsumer(socket: WebSocket, reason: string, graceMs: number): void {
  if (socket.readyState !== WebSocket.OPEN) return;
  socket.close(SLOW_CONSUMER_CLOSE_CODE, reason);
  const grace = setTimeout(() => socket.terminate(), graceMs);
  grace.unref();
  socket.once('close', () => clearTimeout(grace));
}

/** The TCP stream under a WebSocket (what `handleUpgrade` was given). */
export interface Corkable {
  cork(): void;
  uncork(): void;
}

const CORK_FLUSH_BYTES = 64 * 1024;

/**
 * Adapts a `ws` socket to graphql-ws. Unlike graphql-ws's own `useServer`, `send` does not wait for
 * the bytes to reach the kernel: waiting would park a slow reader's events in its subscription queue
 * and delay everything behind them. Instead each socket's unsent bytes are capped and a socket over
 * the cap is closed with 4008, so one slow reader costs at most the cap and never delays the others.
 */
export function graphqlWsSocket(
  socket: WebSocket,
  limits: SendLimits,
  onOverflow: (bufferedBytes: number) => void,
  transport?: Corkable,
  /** Turns graphql-ws's message text into what goes on the wire (next-payload-json.ts). */
  encode: (data: string) => string | Buffer = (data) => data,
): GraphQLWsSocket {
  let cutOff = false;
  // One event batch becomes many messages per socket within one turn of the event loop: held (corked)
  // until the turn ends, or until CORK_FLUSH_BYTES pile up, they leave in one write, not one each.
  let corked = false;
  let corkedBytes = 0;
  const flush = () => {
    if (!corked) return;
    corked = false;
    corkedBytes = 0;
    transport?.uncork();
  };
  return {
    protocol: socket.protocol,
    send(text) {
      // Encoded even when not sent: it also consumes what graphql-ws's replacer set aside for it.
      const data = encode(text);
      if (cutOff || socket.readyState !== WebSocket.OPEN) return;
      const size = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
      // Held bytes are not waiting on the peer yet: only what it has not read counts against the cap.
      const buffered = socket.bufferedAmount - corkedBytes + size;
      if (buffered > limits.maxBufferedBytes) {
        cutOff = true;
        onOverflow(buffered);
        closeSlowConsumer(
          socket,
          `slow consumer: send buffer over ${limits.maxBufferedBytes} bytes`,
          limits.slowCloseGraceMs,
        );
        return;
      }
      if (transport && !corked) {
        corked = true;
        transport.cork();
        setImmediate(flush);
      }
      socket.send(data, { binary: false });
      if (corked) {
        corkedBytes += size;
        if (corkedBytes >= CORK_FLUSH_BYTES) flush();
      }
    },
    close(code, reason) {
      // graphql-ws may ask again after we closed (e.g. our 4401, then its own 4403): the first reason stands.
      if (socket.readyState === WebSocket.OPEN) socket.close(code, reason);
    },
    onMessage(handler) {
      socket.on('message', (data, isBinary) => {
        // graphql-transport-ws is a text protocol; graphql-ws answers anything else with 4400.
        const text = !isBinary && Buffer.isBuffer(data) ? data.toString('utf8') : '';
        handler(text).catch(() => {
          if (socket.readyState === WebSocket.OPEN) socket.close(1011, 'Internal server error');
        });
      });
    },
  };
}
