/**
 * Coalesces work per key: a request made while a run for that key is in flight waits for ONE
 * follow-up run that starts after the current one (its input, e.g. an index write, happened
 * before the request, so only a later run is guaranteed to see it). Any number of requests
 * arriving meanwhile share that follow-up. Used so the partitions of one process never race
 * each other on the same aggregate row.
 */
export function createSingleFlight<K, R>(keyOf: (key: K) => string, run: (key: K) => Promise<R>) {
  interface Slot {
    running: Promise<R | undefined>;
    queued: Promise<R> | null;
  }
  const slots = new Map<string, Slot>();

  function start(id: string, slot: Slot, key: K): Promise<R> {
    const p = run(key);
    slot.running = p;
    void p
      .catch(() => undefined)
      .then(() => {
        if (slot.running === p && slot.queued === null) slots.delete(id);
      });
    return p;
  }

  return function request(key: K): Promise<R> {
    const id = keyOf(key);
    const slot = slots.get(id);
    if (!slot) {
      const fresh: Slot = { running: Promise.resolve(undefined), queued: null };
      slots.set(id, fresh);
      return start(id, fresh, key);
    }
    slot.queued ??= slot.running
      .catch(() => undefined)
      .then(() => {
        slot.queued = null;
        return start(id, slot, key);
      });
    return slot.queued;
  };
}
