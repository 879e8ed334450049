import { MessageType } from 'graphql-ws';

/** Stands in for a `next` payload in graphql-ws's JSON until the socket adapter splices it back. */
const PLACEHOLDER = '\u0000txgraph:next-payload';
const PLACEHOLDER_END = `"payload":${JSON.stringify(PLACEHOLDER)}}`;
const CLOSE = Buffer.from('}');

export interface NextPayloadJson {
  /** graphql-ws's `jsonMessageReplacer`. */
  replacer(this: unknown, key: string, value: unknown): unknown;
  /** What the socket sends for graphql-ws's `data`: the message with its payload spliced back in. */
  encode(data: string): string | Buffer;
}

/**
 * Serialises each `next` payload once however many sockets it goes to. A shared subscription hands
 * the same result object to every subscriber (shared-subscriptions.ts), and graphql-ws would
 * stringify it again for each one: at a thousand subscribers that was the largest single function
 * in the fan-out profile. The replacer swaps the payload for a placeholder and remembers the
 * payload's bytes (cached per result object); `encode`, called by the socket adapter with the
 * string graphql-ws built right after, puts the bytes back. graphql-ws stringifies and sends in one
 * synchronous step, so the remembered payload is always the one of the message being sent; a
 * message that does not match is an error rather than a wrong payload on the wire.
 */
export function createNextPayloadJson(): NextPayloadJson {
  const bytesByResult = new WeakMap<object, Buffer>();
  let pending: Buffer | null = null;
  return {
    replacer(this: unknown, key: string, value: unknown): unknown {
      if (key !== 'payload' || typeof value !== 'object' || value === null) return value;
      if ((this as { type?: unknown }).type !== MessageType.Next) return value;
      let bytes = bytesByResult.get(value);
      if (bytes === undefined) {
        bytes = Buffer.from(JSON.stringify(value));
        bytesByResult.set(value, bytes);
      }
      pending = bytes;
      return PLACEHOLDER;
    },
    encode(data: string): string | Buffer {
      const bytes = pending;
      pending = null;
      if (!data.endsWith(PLACEHOLDER_END)) {
        if (bytes !== null) throw new Error('a next payload was replaced but not sent');
        return data;
      }
      if (bytes === null) throw new Error('a next message arrived without its payload');
      const head = data.slice(0, data.length - PLACEHOLDER_END.length + '"payload":'.length);
      return Buffer.concat([Buffer.from(head), bytes, CLOSE]);
    },
  };
}
