import { subscribe, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { boundedAsyncQueue, type BoundedAsyncQueue } from '../lib/bounded-async-queue';

type Subscribed = AsyncGenerator<ExecutionResult> | AsyncIterable<ExecutionResult> | ExecutionResult;

interface Stream {
  readonly key: string;
  readonly subscribers: Set<BoundedAsyncQueue<ExecutionResult>>;
  /** Settles once the shared operation started: null, or the one-off result (errors) every joiner gets. */
  readonly started: Promise<ExecutionResult | null>;
  source: AsyncIterator<ExecutionResult> | null;
  closed: boolean;
}

export interface SharedSubscriptions {
  /**
   * Joins the stream of `key`, starting it with `args` if there is none. Callers must give equal keys
   * only to operations whose results are equal for the same event (see subscriptionShareKey).
   */
  subscribe(
    key: string,
    args: ExecutionArgs,
  ): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult>;
  /** Distinct operations being executed now (a subscriber count above this is shared work). */
  streams(): number;
}

/** Whether an operation answered with a stream (a subscription) rather than one result. */
export function isAsyncIterable(value: unknown): value is AsyncIterable<ExecutionResult> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * Runs each distinct live operation once per event, however many sockets subscribed to it, and hands
 * the one result to every subscriber: a dashboard wall or a fraud team with the same subscription
 * costs one execution per event instead of one per socket. Each subscriber reads from its own bounded
 * queue, so one that stops reading is cut off (QueueOverflowError) without holding up the others.
 *
 * A subscriber that joins a running stream gets the results that stream produces from then on; an
 * event published moments before the join but still being executed may be among them, which a live
 * feed cannot promise to exclude anyway (subscribe and publish race on the wire).
 */
export function createSharedSubscriptions(options: {
  maxQueuedPerSubscriber: number;
  subscribe?: (args: ExecutionArgs) => Promise<Subscribed> | Subscribed;
  /** Told the number of streams whenever one starts or ends (for a gauge). */
  onStreamsChanged?: (streams: number) => void;
}): SharedSubscriptions {
  const run = options.subscribe ?? subscribe;
  const streams = new Map<string, Stream>();

  function close(stream: Stream): void {
    if (stream.closed) return;
    stream.closed = true;
    if (streams.get(stream.key) === stream) streams.delete(stream.key);
    options.onStreamsChanged?.(streams.size);
    // Ends the bus subscription under it; there is nobody left to tell if that fails.
    stream.source?.return?.().catch(() => undefined);
  }

  async function pump(stream: Stream, source: AsyncIterator<ExecutionResult>): Promise<void> {
    try {
      for (;;) {
        const step = await source.next();
        if (step.done) break;
        for (const subscriber of stream.subscribers) subscriber.push(step.value);
      }
      for (const subscriber of [...stream.subscribers]) subscriber.close();
    } catch (error) {
      // Execution itself fell behind (the bus overflowed) or broke: every subscriber shares that fate.
      const failure = error instanceof Error ? error : new Error(String(error));
      for (const subscriber of [...stream.subscribers]) subscriber.fail(failure);
    } finally {
      close(stream);
    }
  }

  function start(key: string, args: ExecutionArgs): Stream {
    const stream: Stream = {
      key,
      subscribers: new Set(),
      source: null,
      closed: false,
      started: Promise.resolve()
        .then(() => run(args))
        .then(
          (result) => {
            if (!isAsyncIterable(result)) {
              // Refused at subscribe time (e.g. a bad argument): not a stream anyone may join later.
              close(stream);
              return result;
            }
            const source = result[Symbol.asyncIterator]();
            stream.source = source;
            if (stream.closed || stream.subscribers.size === 0) close(stream);
            else void pump(stream, source);
            return null;
          },
          (error: unknown) => {
            close(stream);
            throw error;
          },
        ),
    };
    streams.set(key, stream);
    options.onStreamsChanged?.(streams.size);
    return stream;
  }

  return {
    async subscribe(key, args) {
      const stream = streams.get(key) ?? start(key, args);
      const subscriber = boundedAsyncQueue<ExecutionResult>(options.maxQueuedPerSubscriber, () => {
        stream.subscribers.delete(subscriber);
        if (stream.subscribers.size === 0) close(stream);
      });
      stream.subscribers.add(subscriber);
      let refused: ExecutionResult | null;
      try {
        refused = await stream.started;
      } catch (error) {
        stream.subscribers.delete(subscriber);
        throw error;
      }
      if (refused) {
        stream.subscribers.delete(subscriber);
        return refused;
      }
      return subscriber;
    },
    streams: () => streams.size,
  };
}

/**
 * Operations share a stream only when their results are equal for every event: the same document,
 * operation and variables (key order aside), run with the same permissions, which alone decide what
 * a subscriber may see (authorization and PII masking).
 */
export function subscriptionShareKey(
  permissions: readonly string[],
  query: string,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | null | undefined,
): string {
  return JSON.stringify([
    [...permissions].sort(),
    operationName ?? null,
    query,
    canonical(variables ?? null),
  ]);
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    sorted[key] = canonical((value as Record<string, unknown>)[key]);
  return sorted;
}
