import { MessageType, stringifyMessage, type Message } from 'graphql-ws';
import { createNextPayloadJson } from '../../../src/http/next-payload-json';

/** What a socket would put on the wire for `message`, as graphql-ws builds and our adapter sends it. */
function wire(json: ReturnType<typeof createNextPayloadJson>, message: Message): string {
  const sent = json.encode(stringifyMessage(message, json.replacer));
  return typeof sent === 'string' ? sent : sent.toString('utf8');
}

describe('next payloads serialised once for every socket', () => {
  test('a next message goes out exactly as graphql-ws would have written it', () => {
    const json = createNextPayloadJson();
    const payload = { data: { transactionEnriched: { id: 'tx-1', amount: '12.50', note: 'é "q" \u2028' } } };
    const message: Message = { id: 'sub-7', type: MessageType.Next, payload };
    expect(wire(json, message)).toBe(stringifyMessage(message));
    expect(JSON.parse(wire(json, message))).toEqual(message);
  });

  test('one result sent to many sockets is serialised once', () => {
    const json = createNextPayloadJson();
    let reads = 0;
    const payload = {};
    Object.defineProperty(payload, 'data', {
      enumerable: true,
      get: () => {
        reads++;
        return { transactionFlagged: { id: 'tx-2', riskScore: 91 } };
      },
    });
    const sent = ['a', 'b', 'c'].map((id) => wire(json, { id, type: MessageType.Next, payload }));
    expect(reads).toBe(1);
    expect(sent.map((text) => JSON.parse(text) as unknown)).toEqual(
      ['a', 'b', 'c'].map((id) => ({
        id,
        type: 'next',
        payload: { data: { transactionFlagged: { id: 'tx-2', riskScore: 91 } } },
      })),
    );
  });

  test('other messages pass through untouched, whatever ids clients chose', () => {
    const json = createNextPayloadJson();
    const sneaky = '\u0000txgraph:next-payload';
    const messages: Message[] = [
      { type: MessageType.ConnectionAck },
      { id: sneaky, type: MessageType.Complete },
      { id: 'e1', type: MessageType.Error, payload: [{ message: 'bad "filter"' }] },
      { type: MessageType.Pong, payload: { at: 1 } },
    ];
    for (const message of messages)
      expect(json.encode(stringifyMessage(message, json.replacer))).toBe(stringifyMessage(message));
    const next: Message = { id: sneaky, type: MessageType.Next, payload: { data: { x: 1 } } };
    expect(wire(json, next)).toBe(stringifyMessage(next));
  });

  test('a message that does not match its set-aside payload is refused, not sent with the wrong one', () => {
    const json = createNextPayloadJson();
    stringifyMessage({ id: 'lost', type: MessageType.Next, payload: { data: { x: 1 } } }, json.replacer);
    expect(() => json.encode(stringifyMessage({ id: 'x', type: MessageType.Complete }))).toThrow(
      'a next payload was replaced but not sent',
    );
    expect(() => json.encode(`{"id":"x","type":"next","payload":"\\u0000txgraph:next-payload"}`)).toThrow(
      'a next message arrived without its payload',
    );
  });
});
