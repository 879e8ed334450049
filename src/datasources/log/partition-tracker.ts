import type { Logger } from '../../app/logger';

/** Back-pressure: a sink that never makes its batches durable stalls its partition, not memory. */
export const MAX_UNCOMMITTED_BATCHES = 64;

interface Uncommitted {
  nextOffset: number;
  pending: boolean;
}

export interface PartitionTrackerOptions {
  /** Commits `offset` (the next offset to read) for the group; resolves when the broker took it. */
  commit: (offset: number) => Promise<void>;
  /** A batch's `durable` rejected: everything after the last commit has to be delivered again. */
  onDurableFailed: (error: unknown) => void;
  logger: Logger;
}

/**
 * One assigned partition's batches that were handed to the handler but are not committed yet.
 * Commits go out in offset order and only for the longest prefix of batches that are done, so a
 * batch whose `durable` is still pending holds back every later one. Commits never move backwards:
 * after a rebalance or rewind the same offsets may be handled twice, and the second pass must not
 * drag the group's offset back behind work that is already durable.
 */
export class PartitionTracker {
  /** Next offset not yet handled (lag, whenCaughtUp); null until known after an assignment. */
  position: number | null = null;
  /** Last offset handed to commit() (optimistically; a failed commit is superseded by the next). */
  committed = -1;
  /** Bumped when the queue is thrown away: results and `durable`s of an older epoch are ignored. */
  epoch = 0;
  /** Consecutive failures without progress: the backoff exponent. */
  failures = 0;
  /** Set while the partition is paused waiting to be re-read from `rewindTo`. */
  rewindTo: number | null = null;
  rewindTimer: NodeJS.Timeout | undefined;
  private queue: Uncommitted[] = [];
  private lastCommit: Promise<void> = Promise.resolve();
  private waiters: (() => void)[] = [];

  constructor(private readonly options: PartitionTrackerOptions) {}

  get uncommitted(): number {
    return this.queue.length;
  }

  advance(nextOffset: number): void {
    this.position = Math.max(this.position ?? nextOffset, nextOffset);
  }

  /** Records a handled batch; it commits once `durable` (if any) resolves and all before it did. */
  track(nextOffset: number, durable: Promise<void> | null): void {
    const entry: Uncommitted = { nextOffset, pending: durable !== null };
    this.queue.push(entry);
    if (durable) {
      const epoch = this.epoch;
      durable.then(
        () => {
          if (epoch !== this.epoch) return;
          entry.pending = false;
          this.commitReady();
        },
        (error: unknown) => {
          if (epoch === this.epoch) this.options.onDurableFailed(error);
        },
      );
    }
    this.commitReady();
  }

  /** Forgets every uncommitted batch (rewind, revocation); late `durable`s then change nothing. */
  discard(): void {
    this.epoch++;
    this.queue = [];
    this.notify();
  }

  /** Resolves when the queue has room, is empty, or `ms` passed (the caller heartbeats between). */
  waitForChange(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const waiter = () => done();
      this.waiters.push(waiter);
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  /** The commit request last sent, settled (stop waits for it before leaving the group). */
  settled(): Promise<void> {
    return this.lastCommit;
  }

  private commitReady(): void {
    let offset: number | null = null;
    while (this.queue.length > 0 && !this.queue[0].pending) offset = this.queue.shift()!.nextOffset;
    if (offset !== null && offset > this.committed) {
      this.committed = offset;
      this.failures = 0;
      const committing = offset;
      this.lastCommit = this.lastCommit
        // Commits queued behind a newer one are skipped: the newer offset covers them.
        .then(() => (committing === this.committed ? this.options.commit(committing) : undefined))
        .catch((error: unknown) => {
          // The records are durable; a lost commit only means they are delivered again.
          this.options.logger.warn({ err: error, offset: committing }, 'offset commit failed');
        });
    }
    this.notify();
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }
}
