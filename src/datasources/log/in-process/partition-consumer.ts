import type { Logger } from '../../../app/logger';
import { backoffDelay, sleep } from '../../../lib/backoff';
import type { BatchHandler, BatchResult, LogRecord, RecordBatch } from '../log';
import type { PartitionLog } from './partition-log';
import type { StoredRecord } from './record-codec';

/** Back-pressure: a sink that never makes its batches durable stalls here, not in memory. */
const MAX_UNCOMMITTED_BATCHES = 64;
/** How long stop() waits for `durable` promises of batches already handled. */
const STOP_GRACE_MS = 5000;
const RETRY_BACKOFF = { baseMs: 100, maxMs: 5000 };

export interface PartitionConsumerOptions {
  topic: string;
  partition: number;
  log: PartitionLog;
  handler: BatchHandler;
  maxBatchSize: number;
  /** Next offset to deliver; also the initial commit point. */
  startOffset: number;
  /** Persists a commit (a group's offset file); private readers pass a no-op. */
  commit: (offset: number) => Promise<void>;
  onError: (error: unknown) => void;
  onSuccess: () => void;
  onProgress: () => void;
  logger: Logger;
}

interface UncommittedBatch {
  nextOffset: number;
  durable: boolean;
}

/**
 * Delivers one partition's batches to the handler, strictly one at a time and in order, and
 * commits them in order once handled (or, for `{ durable }` results, once durable). A throwing
 * handler gets the same batch again after a backoff; a rejected `durable` rewinds to the last
 * commit, discarding whatever was handled after it (at-least-once, never a gap).
 */
export class PartitionConsumer {
  /** Next offset not yet handled: drives lag and whenCaughtUp. */
  position: number;
  private committed: number;
  private uncommitted: UncommittedBatch[] = [];
  /** Bumped on rewind and stop: results and `durable`s of an older epoch are ignored. */
  private epoch = 0;
  /** Consecutive handler failures: the backoff exponent for redelivering the same batch. */
  private failures = 0;
  /** Consecutive rewinds and read errors without a durable commit in between. */
  private setbacks = 0;
  private pauseBeforeFetch = false;
  private stopping = false;
  private readonly abort = new AbortController();
  private wakeUp: { promise: Promise<void>; resolve: () => void } | null = null;
  private lastCommitWrite: Promise<void> = Promise.resolve();
  private loop: Promise<void> = Promise.resolve();

  constructor(private readonly options: PartitionConsumerOptions) {
    this.position = options.startOffset;
    this.committed = options.startOffset;
  }

  start(): void {
    this.loop = this.run().catch((error: unknown) => {
      this.options.logger.error({ err: error }, 'partition consumer crashed');
    });
  }

  lag(): number {
    return Math.max(0, this.options.log.endOffset - this.position);
  }

  /** Stops fetching, lets the in-flight batch finish and commit, and waits briefly for `durable`s. */
  async stop(): Promise<void> {
    if (!this.stopping) {
      this.stopping = true;
      this.abort.abort();
      this.wake();
    }
    await this.loop;
    const deadline = Date.now() + STOP_GRACE_MS;
    while (this.uncommitted.length > 0 && Date.now() < deadline) {
      await this.wakeOrTimeout(deadline - Date.now());
    }
    if (this.uncommitted.length > 0) {
      this.options.logger.warn(
        { uncommittedBatches: this.uncommitted.length, committed: this.committed },
        'stopped with batches not yet durable; they will be delivered again',
      );
    }
    this.epoch++;
    this.uncommitted = [];
    await this.lastCommitWrite;
  }

  private async run(): Promise<void> {
    const { log, maxBatchSize } = this.options;
    let fetchOffset = this.position;
    let fetchEpoch = this.epoch;
    while (!this.stopping) {
      if (fetchEpoch !== this.epoch) {
        fetchOffset = this.position;
        fetchEpoch = this.epoch;
      }
      if (this.pauseBeforeFetch) {
        // After a rewind or read error: do not spin against a sink or disk that keeps failing.
        this.pauseBeforeFetch = false;
        await sleep(backoffDelay(this.setbacks - 1, RETRY_BACKOFF), this.abort.signal);
        continue;
      }
      if (this.uncommitted.length >= MAX_UNCOMMITTED_BATCHES || log.endOffset <= fetchOffset) {
        // Checked synchronously before waiting, so an append between fetch and wait is not missed.
        await Promise.race([log.changed(), this.nextWake()]);
        continue;
      }
      let fetched: { records: StoredRecord[]; next: number };
      try {
        fetched = await log.read(fetchOffset, maxBatchSize);
      } catch (error) {
        this.options.logger.warn({ err: error, offset: fetchOffset }, 'reading the log failed');
        this.setback(error);
        continue;
      }
      if (this.stopping || fetchEpoch !== this.epoch) continue;
      if (fetched.records.length === 0) {
        // Only compaction gaps or expired segments lay between us and the end.
        fetchOffset = fetched.next;
        this.position = Math.max(this.position, fetched.next);
        this.options.onProgress();
        continue;
      }
      const batch: RecordBatch = {
        topic: this.options.topic,
        partition: this.options.partition,
        records: fetched.records.map((r) => this.toLogRecord(r)),
      };
      const handled = await this.deliver(batch, fetchEpoch);
      if (!handled) continue;
      if (fetchEpoch !== this.epoch) {
        // Handled after a rewind: it will be delivered again, so its durability no longer matters.
        handled.result?.durable?.catch(() => undefined);
        continue;
      }
      fetchOffset = fetched.next;
      this.position = fetched.next;
      this.options.onProgress();
      this.track(fetched.next, handled.result, fetchEpoch);
    }
  }

  /** Calls the handler until it succeeds; null if stopped or rewound meanwhile. */
  private async deliver(batch: RecordBatch, epoch: number): Promise<{ result: BatchResult | void } | null> {
    while (!this.stopping && epoch === this.epoch) {
      try {
        const result = await this.options.handler(batch);
        this.failures = 0;
        this.options.onSuccess();
        return { result };
      } catch (error) {
        const first = batch.records[0].offset;
        this.options.logger.warn(
          { err: error, offset: first, records: batch.records.length, attempt: this.failures + 1 },
          'batch handler failed; delivering the same batch again',
        );
        this.failures++;
        this.options.onError(error);
        await sleep(backoffDelay(this.failures - 1, RETRY_BACKOFF), this.abort.signal);
      }
    }
    return null;
  }

  private track(nextOffset: number, result: BatchResult | void, epoch: number): void {
    const durable = result && typeof result.durable?.then === 'function' ? result.durable : null;
    const entry: UncommittedBatch = { nextOffset, durable: durable !== null };
    this.uncommitted.push(entry);
    if (durable) {
      durable.then(
        () => {
          if (epoch !== this.epoch) return;
          entry.durable = false;
          this.commitReady();
        },
        (error: unknown) => this.rewind(epoch, error),
      );
    }
    this.commitReady();
  }

  /** Commits the longest prefix of batches that are done, so commits never overtake a pending one. */
  private commitReady(): void {
    let offset: number | null = null;
    while (this.uncommitted.length > 0 && !this.uncommitted[0].durable) {
      offset = this.uncommitted.shift()!.nextOffset;
    }
    if (offset === null) return;
    this.committed = offset;
    this.setbacks = 0;
    this.lastCommitWrite = this.options.commit(offset).catch((error: unknown) => {
      // The in-memory commit stands; the next commit rewrites the file with it.
      this.options.logger.warn({ err: error, offset }, 'offset commit write failed');
    });
    this.wake();
  }

  private rewind(epoch: number, error: unknown): void {
    if (epoch !== this.epoch) return;
    this.options.logger.warn(
      { err: error, committed: this.committed, discarded: this.uncommitted.length },
      'durable write failed; rewinding to the last commit',
    );
    this.epoch++;
    this.uncommitted = [];
    this.position = this.committed;
    this.setback(error);
    this.wake();
  }

  private setback(error: unknown): void {
    this.setbacks++;
    this.pauseBeforeFetch = true;
    this.options.onError(error);
  }

  private toLogRecord(record: StoredRecord): LogRecord {
    return {
      topic: this.options.topic,
      partition: this.options.partition,
      offset: String(record.offset),
      timestamp: record.timestamp,
      key: record.key,
      value: record.value,
      headers: { ...record.headers },
    };
  }

  private nextWake(): Promise<void> {
    if (!this.wakeUp) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.wakeUp = { promise, resolve };
    }
    return this.wakeUp.promise;
  }

  private wake(): void {
    const wakeUp = this.wakeUp;
    this.wakeUp = null;
    wakeUp?.resolve();
  }

  private async wakeOrTimeout(ms: number): Promise<void> {
    const timer = new AbortController();
    await Promise.race([this.nextWake(), sleep(ms, timer.signal)]);
    timer.abort();
  }
}
