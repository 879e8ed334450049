import { createProduceBatcher, type TopicMessages } from '../../../src/datasources/log/produce-batcher';
import { message } from './log-testkit';

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flat = (batch: TopicMessages[]) =>
  batch.flatMap(({ topic, messages }) => messages.map((m) => `${topic}:${m.value.toString()}`));

describe('produce batcher', () => {
  test('one request in flight; calls made meanwhile share the next one, in call order', async () => {
    const sent: TopicMessages[][] = [];
    const answers: ReturnType<typeof deferred>[] = [];
    const batcher = createProduceBatcher((batch) => {
      sent.push(batch);
      const d = deferred();
      answers.push(d);
      return d.promise;
    });
    const first = batcher.produce('a', [message('k', '1')]);
    await Promise.resolve();
    await Promise.resolve();
    expect(sent).toHaveLength(1);
    const second = batcher.produce('a', [message('k', '2')]);
    const third = batcher.produce('b', [message('k', '3')]);
    const fourth = batcher.produce('a', [message('k', '4'), message('k', '5')]);
    await new Promise((r) => setImmediate(r));
    expect(sent).toHaveLength(1);
    answers[0].resolve();
    await first;
    await new Promise((r) => setImmediate(r));
    expect(sent).toHaveLength(2);
    expect(flat(sent[1])).toEqual(['a:2', 'b:3', 'a:4', 'a:5']);
    answers[1].resolve();
    await Promise.all([second, third, fourth]);
    await batcher.idle();
  });

  test('calls of the same tick go out together', async () => {
    const sent: TopicMessages[][] = [];
    const batcher = createProduceBatcher(async (batch) => {
      sent.push(batch);
    });
    await Promise.all([
      batcher.produce('t', [message('k', '1')]),
      batcher.produce('t', [message('k', '2')]),
      batcher.produce('u', [message(null, '3')]),
    ]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual([
      { topic: 't', messages: [message('k', '1'), message('k', '2')] },
      { topic: 'u', messages: [message(null, '3')] },
    ]);
  });

  test('a failed request rejects exactly the calls it carried; later calls still go out', async () => {
    let calls = 0;
    const batcher = createProduceBatcher(async (batch) => {
      calls++;
      if (flat(batch).includes('t:bad')) throw new Error('broker said no');
    });
    const bad = batcher.produce('t', [message('k', 'bad')]);
    const alsoBad = batcher.produce('t', [message('k', 'x')]);
    await expect(bad).rejects.toThrow('broker said no');
    await expect(alsoBad).rejects.toThrow('broker said no');
    await expect(batcher.produce('t', [message('k', 'ok')])).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });

  test('a request never exceeds the byte budget unless one call alone does; calls are never split', async () => {
    const sizes: number[] = [];
    const batcher = createProduceBatcher(async (batch) => {
      sizes.push(flat(batch).length);
    }, 2500);
    const kb = (n: number) => Array.from({ length: n }, (_, i) => message('k', 'x'.repeat(1000 - 30) + i));
    await Promise.all([
      batcher.produce('t', kb(1)),
      batcher.produce('t', kb(1)),
      batcher.produce('t', kb(1)),
      batcher.produce('t', kb(4)),
      batcher.produce('t', kb(1)),
    ]);
    expect(sizes).toEqual([2, 1, 4, 1]);
  });

  test('idle() waits for every call made so far', async () => {
    const d = deferred();
    const batcher = createProduceBatcher(() => d.promise);
    let done = false;
    void batcher.produce('t', [message('k', '1')]).then(() => (done = true));
    const idle = batcher.idle();
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(false);
    d.resolve();
    await idle;
    expect(done).toBe(true);
  });
});
