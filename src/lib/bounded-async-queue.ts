/** Raised to a consumer that let more than `limit` items pile up; it never sees the items it missed. */
export class QueueOverflowError extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} events queued for one subscription`);
    this.name = 'QueueOverflowError';
  }
}

export interface BoundedAsyncQueue<T> extends AsyncIterableIterator<T> {
  /** Hands an item to the consumer; false once the queue is closed or has overflowed. */
  push(item: T): boolean;
  /** Ends the queue with `error`, as an overflow does: held items are dropped, the next pull throws. */
  fail(error: Error): void;
  /** Takes no more items; the consumer still gets those it holds, then the end. */
  close(): void;
}

/**
 * A push-to-pull queue with a hard bound: instead of growing without limit behind a consumer that
 * stops pulling, it fails that consumer with QueueOverflowError (after the items it already holds
 * are dropped, so memory is freed at once). `onEnd` runs once, however it ends.
 */
export function boundedAsyncQueue<T>(limit: number, onEnd: () => void): BoundedAsyncQueue<T> {
  let items: T[] = [];
  let waiting: { resolve(r: IteratorResult<T>): void; reject(e: Error): void } | null = null;
  let ended = false;
  let closing = false;
  let failure: Error | null = null;

  function end(error: Error | null): void {
    if (ended) return;
    ended = true;
    items = [];
    onEnd();
    const pending = waiting;
    waiting = null;
    if (pending && error) pending.reject(error);
    else if (pending) pending.resolve({ value: undefined, done: true });
    else failure = error;
  }

  return {
    push(item) {
      if (ended || closing) return false;
      if (waiting) {
        const pending = waiting;
        waiting = null;
        pending.resolve({ value: item, done: false });
        return true;
      }
      if (items.length >= limit) {
        end(new QueueOverflowError(limit));
        return false;
      }
      items.push(item);
      return true;
    },
    next() {
      if (items.length > 0) {
        const item = items.shift() as T;
        if (closing && items.length === 0) end(null);
        return Promise.resolve({ value: item, done: false });
      }
      if (failure) {
        const error = failure;
        failure = null;
        return Promise.reject(error);
      }
      if (ended) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => (waiting = { resolve, reject }));
    },
    fail(error) {
      end(error);
    },
    close() {
      if (items.length === 0) end(null);
      else closing = true;
    },
    return() {
      end(null);
      failure = null;
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
