import type { Admin, Consumer as KafkaJsConsumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from '../../../app/logger';
import { backoffDelay } from '../../../lib/backoff';
import type { GroupTimings } from '../group-timings';
import type { BatchHandler, BatchResult, Consumer, ConsumerOptions, ConsumerStatus, LogRecord } from '../log';
import { MAX_UNCOMMITTED_BATCHES, PartitionTracker } from '../partition-tracker';
import type { TopicNamespace } from '../topic-namespace';
import type { Watermarks } from '../watermarks';

const DEFAULT_MAX_BATCH_SIZE = 500;
/** How long stop() waits for `durable` promises of batches already handled. */
const STOP_GRACE_MS = 5000;
const RETRY_BACKOFF = { baseMs: 100, maxMs: 5000 };

export type { GroupTimings };

export interface KafkaConsumerDeps {
  kafka: Kafka;
  admin: Admin;
  names: TopicNamespace;
  watermarks: Watermarks;
  logger: Logger;
  /** Partitions handled at once by one consumer (kafkajs partitionsConsumedConcurrently). */
  concurrency: number;
  timings: GroupTimings;
  onStopped: () => void;
}

const keyOf = (topic: string, partition: number) => `${topic}/${partition}`;

/**
 * One `Log.consume()` on Kafka: a kafkajs consumer in a group (or in a group of its own for a
 * private reader) running `eachBatch` with auto-commit and auto-resolve off. The kafkajs batch of
 * a partition is handed over in slices of at most `maxBatchSize`; each slice is tracked by a
 * PartitionTracker that commits, in offset order, only what the handler finished and made durable.
 *
 * Failure handling stays per partition: a throwing handler or a rejected `durable` pauses only
 * that partition, and after a jittered backoff it is re-read from the first offset not known to be
 * done (seek), so it stalls and never skips. Rebalances: kafkajs has no revoke callback, so on each
 * new assignment (GROUP_JOIN) a revoked partition's uncommitted work is dropped and the new owner
 * re-reads it from the committed offset (the sinks are idempotent), while a partition kept across
 * the rebalance is sought back to where this consumer had got to, so its work is not done twice.
 */
export class KafkaLogConsumer implements Consumer {
  private consumer: KafkaJsConsumer | undefined;
  private readonly topics: string[];
  private readonly groupId: string;
  private readonly isPrivate: boolean;
  private readonly maxBatchSize: number;
  private readonly trackers = new Map<string, PartitionTracker>();
  /** Low and high offsets per partition when consume() was called: what whenCaughtUp waits for. */
  private readonly targets = new Map<string, { low: number; high: number }>();
  private assigned = false;
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  private caughtUpWaiters: (() => void)[] = [];
  private readonly failing = new Set<string>();
  private lastError: string | null = null;
  private crashed = false;
  private isStopping = false;
  private stopping: Promise<void> | null = null;
  private readonly logger: Logger;

  constructor(
    private readonly deps: KafkaConsumerDeps,
    private readonly options: ConsumerOptions,
    private readonly handler: BatchHandler,
  ) {
    this.topics = [...new Set(options.topics)].map((t) => deps.names.topic(t));
    this.isPrivate = options.groupId === null;
    this.groupId = options.groupId === null ? deps.names.privateGroup() : deps.names.group(options.groupId);
    this.maxBatchSize = options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
    this.logger = deps.logger.child({ groupId: this.groupId, topics: options.topics });
  }

  async start(): Promise<void> {
    for (const topic of this.topics) {
      for (const o of await this.deps.watermarks.track(topic)) {
        this.targets.set(keyOf(topic, o.partition), { low: o.low, high: o.high });
      }
    }
    const { timings } = this.deps;
    const consumer = this.deps.kafka.consumer({
      groupId: this.groupId,
      sessionTimeout: timings.sessionTimeoutMs,
      heartbeatInterval: timings.heartbeatIntervalMs,
      maxWaitTimeInMs: timings.maxWaitTimeMs,
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, (event) => this.onAssignment(event.payload.memberAssignment));
    consumer.on(consumer.events.CRASH, (event) => {
      const { error, restart } = event.payload;
      this.lastError = error.message;
      // kafkajs restarts itself after retriable errors; after any other the consumer is gone.
      if (!restart) this.crashed = true;
      this.logger[restart ? 'warn' : 'error']({ err: error, restart }, 'kafka consumer crashed');
    });
    await consumer.connect();
    await consumer.subscribe({ topics: this.topics, fromBeginning: this.options.fromBeginning });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.deps.concurrency,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  whenCaughtUp(): Promise<void> {
    if (this.isCaughtUp()) return Promise.resolve();
    return new Promise((resolve) => this.caughtUpWaiters.push(resolve));
  }

  status(): ConsumerStatus {
    let lag = 0;
    for (const [key, tracker] of this.trackers) {
      const [topic, partition] = splitKey(key);
      const high = this.deps.watermarks.high(topic, partition) ?? this.targets.get(key)?.high ?? 0;
      lag += Math.max(0, high - (tracker.position ?? high));
    }
    return {
      healthy: this.failing.size === 0 && !this.crashed,
      lastError: this.failing.size > 0 || this.crashed ? this.lastError : null,
      lag,
    };
  }

  stop(): Promise<void> {
    this.isStopping = true;
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    const consumer = this.consumer;
    if (consumer) {
      // Stop fetching first, but stay in the group: commits need a live membership.
      consumer.pause(this.topics.map((topic) => ({ topic })));
      await this.idle();
      const deadline = Date.now() + STOP_GRACE_MS;
      const open = () => [...this.trackers.values()].filter((t) => t.uncommitted > 0);
      while (open().length > 0 && Date.now() < deadline) {
        await Promise.race(open().map((t) => t.waitForChange(Math.max(1, deadline - Date.now()))));
      }
      const left = open();
      if (left.length > 0) {
        this.logger.warn(
          { partitions: left.length },
          'stopped with batches not yet durable; they will be delivered again',
        );
      }
      await Promise.all([...this.trackers.values()].map((t) => t.settled()));
      for (const tracker of this.trackers.values()) {
        clearTimeout(tracker.rewindTimer);
        tracker.discard();
      }
      await consumer.disconnect().catch((error: unknown) => {
        this.logger.warn({ err: error }, 'kafka consumer disconnect failed');
      });
    }
    for (const topic of this.topics) this.deps.watermarks.untrack(topic);
    // Nobody should wait forever on a consumer that will never catch up.
    this.resolveCaughtUp();
    this.deps.onStopped();
  }

  private onAssignment(assignment: Record<string, number[]>): void {
    const consumer = this.consumer!;
    const now = new Set(
      Object.entries(assignment).flatMap(([topic, partitions]) => partitions.map((p) => keyOf(topic, p))),
    );
    for (const [key, tracker] of this.trackers) {
      if (now.has(key)) {
        if (tracker.position !== null && tracker.rewindTo === null) {
          // kafkajs restarts a kept partition at the committed offset; what this consumer handled
          // since is tracked (and commits when durable), so do not hand it to the sinks again.
          const [topic, partition] = splitKey(key);
          consumer.seek({ topic, partition, offset: String(tracker.position) });
        }
        continue;
      }
      // Revoked: another member re-reads from the group's commit; our late `durable`s must not
      // commit over its progress.
      if (tracker.rewindTimer) {
        clearTimeout(tracker.rewindTimer);
        const [topic, partition] = splitKey(key);
        consumer.resume([{ topic, partitions: [partition] }]);
      }
      tracker.discard();
      this.trackers.delete(key);
      this.failing.delete(key);
    }
    const fresh: [string, number][] = [];
    for (const [topic, partitions] of Object.entries(assignment)) {
      for (const partition of partitions) {
        if (this.trackers.has(keyOf(topic, partition))) continue;
        this.trackers.set(keyOf(topic, partition), this.newTracker(topic, partition));
        fresh.push([topic, partition]);
      }
    }
    if (this.isPrivate) {
      for (const [topic, partition] of fresh) {
        const target = this.targets.get(keyOf(topic, partition)) ?? { low: 0, high: 0 };
        if (!this.options.fromBeginning) {
          // "From latest" means from the end as of consume(), as in-process: nothing produced
          // between consume() and the group join is missed.
          consumer.seek({ topic, partition, offset: String(target.high) });
        }
        const tracker = this.trackers.get(keyOf(topic, partition))!;
        tracker.advance(this.options.fromBeginning ? target.low : target.high);
        tracker.committed = tracker.position!;
      }
    } else if (fresh.length > 0) {
      void this.loadPositions(fresh);
    }
    this.assigned = true;
    this.logger.info({ partitions: [...this.trackers.keys()] }, 'partitions assigned');
    this.checkCaughtUp();
  }

  /** Where a newly assigned partition starts: the group's commit, else the reset policy. */
  private async loadPositions(partitions: [string, number][]): Promise<void> {
    for (let attempt = 0; !this.isStopping; attempt++) {
      try {
        const byTopic = await this.deps.admin.fetchOffsets({
          groupId: this.groupId,
          topics: [...new Set(partitions.map(([t]) => t))],
        });
        for (const { topic, partitions: offsets } of byTopic) {
          for (const { partition, offset } of offsets) {
            const tracker = this.trackers.get(keyOf(topic, partition));
            if (!tracker || !partitions.some(([t, p]) => t === topic && p === partition)) continue;
            const target = this.targets.get(keyOf(topic, partition)) ?? { low: 0, high: 0 };
            const committed = Number(offset);
            const start =
              committed >= 0
                ? Math.max(committed, target.low)
                : this.options.fromBeginning
                  ? target.low
                  : target.high;
            const untouched = tracker.committed < start && (tracker.position ?? start) <= start;
            tracker.advance(start);
            // Everything before the start point is done, whether the group committed it or not.
            tracker.committed = Math.max(tracker.committed, start);
            if (committed < 0 && !this.options.fromBeginning && untouched) {
              // Pin "latest" for the group as of consume(), so what arrives before the first
              // commit is not skipped by a restart that would otherwise reset to a newer latest.
              this.consumer!.seek({ topic, partition, offset: String(start) });
              await this.consumer!.commitOffsets([{ topic, partition, offset: String(start) }]);
            }
          }
        }
        this.checkCaughtUp();
        return;
      } catch (error) {
        this.logger.warn({ err: error }, 'reading committed offsets failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, RETRY_BACKOFF)));
      }
    }
  }

  private newTracker(topic: string, partition: number): PartitionTracker {
    const consumer = this.consumer!;
    const tracker: PartitionTracker = new PartitionTracker({
      commit: this.isPrivate
        ? () => Promise.resolve()
        : async (offset) => {
            await consumer.commitOffsets([{ topic, partition, offset: String(offset) }]);
          },
      onDurableFailed: (error) => {
        this.logger.warn(
          { err: error, topic, partition, committed: tracker.committed, discarded: tracker.uncommitted },
          'durable write failed; rewinding to the last commit',
        );
        tracker.discard();
        const start = this.targets.get(keyOf(topic, partition))?.low ?? 0;
        this.setback(topic, partition, tracker, tracker.committed >= 0 ? tracker.committed : start, error);
      },
      logger: this.logger.child({ topic, partition }),
    });
    return tracker;
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const tracker = this.trackers.get(keyOf(batch.topic, batch.partition));
    // A batch fetched before a pause, a rewind or a revocation: not resolving it is enough.
    if (!tracker || this.isStopping || tracker.rewindTo !== null) return;
    this.inFlight++;
    try {
      await this.handleBatch(payload, tracker);
    } finally {
      if (--this.inFlight === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const resolve of waiters) resolve();
      }
    }
  }

  private async handleBatch(payload: EachBatchPayload, tracker: PartitionTracker): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    const { topic, partition } = batch;
    const key = keyOf(topic, partition);
    this.deps.watermarks.observe(topic, partition, Number(batch.highWatermark));
    const logicalTopic = this.deps.names.logicalTopic(topic);
    const records = batch.messages.map((m) => toLogRecord(logicalTopic, partition, m));
    const epoch = tracker.epoch;
    const current = () =>
      !this.isStopping &&
      isRunning() &&
      !isStale() &&
      tracker.epoch === epoch &&
      this.trackers.get(key) === tracker;
    for (let i = 0; i < records.length; i += this.maxBatchSize) {
      const slice = records.slice(i, i + this.maxBatchSize);
      while (tracker.uncommitted >= MAX_UNCOMMITTED_BATCHES && current()) {
        await tracker.waitForChange(1000);
        await heartbeat();
      }
      if (!current()) return;
      let result: BatchResult | void;
      // kafkajs heartbeats only between batches: a sink slower than the session timeout would get
      // this member expelled and every partition rebalanced. A rebalance seen here is acted on by
      // the heartbeat after the handler (kafkajs then rejoins).
      const beat = setInterval(
        () => void heartbeat().catch(() => undefined),
        this.deps.timings.heartbeatIntervalMs,
      );
      try {
        result = await this.handler({ topic: logicalTopic, partition, records: slice });
      } catch (error) {
        if (this.trackers.get(key) !== tracker) return;
        this.failing.add(key);
        this.lastError = error instanceof Error ? error.message : String(error);
        this.logger.warn(
          {
            err: error,
            topic: logicalTopic,
            partition,
            offset: slice[0].offset,
            attempt: tracker.failures + 1,
          },
          'batch handler failed; delivering the same records again',
        );
        this.setback(topic, partition, tracker, Number(slice[0].offset), error);
        return;
      } finally {
        clearInterval(beat);
      }
      const durable = result && typeof result.durable?.then === 'function' ? result.durable : null;
      if (tracker.epoch !== epoch || this.trackers.get(key) !== tracker) {
        // Rewound or revoked meanwhile: these records are read again, their durability is moot.
        durable?.catch(() => undefined);
        return;
      }
      if (this.failing.delete(key) && this.failing.size === 0) this.lastError = null;
      const last = slice[slice.length - 1].offset;
      resolveOffset(last);
      tracker.advance(Number(last) + 1);
      tracker.track(Number(last) + 1, durable);
      this.checkCaughtUp();
      // Keeps the membership alive through long batches; throws (and kafkajs rejoins) on a rebalance.
      await heartbeat();
    }
  }

  /**
   * Pauses one partition and, after a jittered backoff, re-reads it from `offset`. Two setbacks
   * before the timer fires keep the lower offset, so a later one never jumps over an earlier one.
   */
  private setback(
    topic: string,
    partition: number,
    tracker: PartitionTracker,
    offset: number,
    error: unknown,
  ): void {
    this.lastError = error instanceof Error ? error.message : String(error);
    this.failing.add(keyOf(topic, partition));
    tracker.rewindTo = Math.min(tracker.rewindTo ?? offset, offset);
    tracker.position = Math.min(tracker.position ?? offset, offset);
    if (tracker.rewindTimer) return;
    const consumer = this.consumer!;
    consumer.pause([{ topic, partitions: [partition] }]);
    const delay = backoffDelay(Math.max(0, tracker.failures - 1), RETRY_BACKOFF);
    tracker.failures++;
    tracker.rewindTimer = setTimeout(() => {
      tracker.rewindTimer = undefined;
      const to = tracker.rewindTo;
      tracker.rewindTo = null;
      if (this.isStopping || this.trackers.get(keyOf(topic, partition)) !== tracker || to === null) return;
      consumer.seek({ topic, partition, offset: String(to) });
      consumer.resume([{ topic, partitions: [partition] }]);
    }, delay);
  }

  private idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isCaughtUp(): boolean {
    if (this.isStopping) return true;
    if (!this.assigned) return false;
    for (const [key, tracker] of this.trackers) {
      if (tracker.position === null || tracker.position < (this.targets.get(key)?.high ?? 0)) return false;
    }
    return true;
  }

  private checkCaughtUp(): void {
    if (this.caughtUpWaiters.length > 0 && this.isCaughtUp()) this.resolveCaughtUp();
  }

  private resolveCaughtUp(): void {
    const waiters = this.caughtUpWaiters;
    this.caughtUpWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

function splitKey(key: string): [string, number] {
  const at = key.lastIndexOf('/');
  return [key.slice(0, at), Number(key.slice(at + 1))];
}

function toLogRecord(topic: string, partition: number, message: KafkaMessage): LogRecord {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value === undefined) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) headers[name] = first.toString();
  }
  return {
    topic,
    partition,
    offset: message.offset,
    timestamp: Number(message.timestamp),
    key: message.key === null ? null : message.key.toString('utf8'),
    // A tombstone (null value) has no bytes; nothing in txgraph produces one.
    value: message.value ?? Buffer.alloc(0),
    headers,
  };
}
