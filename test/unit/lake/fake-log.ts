import type {
  BatchHandler,
  Consumer,
  ConsumerOptions,
  Log,
  LogMessage,
  LogRecord,
  TopicSpec,
} from '../../../src/datasources/log/log';

export interface Commit {
  groupId: string;
  topic: string;
  partition: number;
  /** Offset of the last record of the committed batch. */
  offset: string;
}

interface Subscription {
  options: ConsumerOptions;
  handler: BatchHandler;
  inFlight: Set<Promise<void>>;
}

/**
 * A hand-driven Log for archiver tests: the test delivers batches explicitly and observes commits,
 * which (as in the real contract) happen only after the handler and its `durable` resolved.
 */
export function createFakeLog() {
  const subscriptions: Subscription[] = [];
  const commits: Commit[] = [];
  const failedDurables: unknown[] = [];
  const nextOffset = new Map<string, number>();

  function record(topic: string, partition: number, value: Buffer | string, timestamp: number): LogRecord {
    const id = `${topic}/${partition}`;
    const offset = nextOffset.get(id) ?? 0;
    nextOffset.set(id, offset + 1);
    const bytes = typeof value === 'string' ? Buffer.from(value) : value;
    return { topic, partition, offset: String(offset), timestamp, key: null, value: bytes, headers: {} };
  }

  /** Hands one batch to the group consuming `topic`; resolves once handled (not once committed). */
  async function deliver(
    topic: string,
    partition: number,
    records: LogRecord[],
  ): Promise<{ committed: Promise<boolean> }> {
    const sub = subscriptions.find((s) => s.options.topics.includes(topic));
    if (!sub) throw new Error(`no consumer for ${topic}`);
    const result = await sub.handler({ topic, partition, records });
    const committed = (async () => {
      try {
        await result?.durable;
      } catch (error) {
        failedDurables.push(error);
        return false;
      }
      const last = records[records.length - 1];
      if (last) commits.push({ groupId: sub.options.groupId ?? '', topic, partition, offset: last.offset });
      return true;
    })();
    const tracked = committed.then(() => undefined);
    sub.inFlight.add(tracked);
    void tracked.then(() => sub.inFlight.delete(tracked));
    return { committed };
  }

  const log: Log = {
    async ensureTopics(_specs: TopicSpec[]) {},
    async produce(_topic: string, _messages: LogMessage[]) {},
    async consume(options, handler): Promise<Consumer> {
      const sub: Subscription = { options, handler, inFlight: new Set() };
      subscriptions.push(sub);
      return {
        whenCaughtUp: async () => {},
        status: () => ({ healthy: true, lastError: null, lag: 0 }),
        // Like the real consumers: waits for the batch in flight to be committed.
        stop: async () => {
          await Promise.all([...sub.inFlight]);
        },
      };
    },
    healthy: () => true,
    async close() {},
  };

  return { log, record, deliver, commits, failedDurables, subscriptions };
}
