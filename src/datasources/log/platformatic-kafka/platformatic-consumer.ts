import { Consumer as PlatformaticConsumer } from '@platformatic/kafka';
import type { Logger } from '../../../app/logger';
import { backoffDelay, sleep } from '../../../lib/backoff';
import type { GroupTimings } from '../group-timings';
import type { BatchHandler, BatchResult, Consumer, ConsumerOptions, ConsumerStatus, LogRecord } from '../log';
import { MAX_UNCOMMITTED_BATCHES, PartitionTracker } from '../partition-tracker';
import { Semaphore } from '../semaphore';
import type { TopicNamespace } from '../topic-namespace';
import type { PartitionOffsets, Watermarks } from '../watermarks';
import { Wakeup } from '../wakeup';
import { baseClientOptions } from './client-options';
import { routeClientLogs } from './client-logger';
import { describeError } from './errors';
import {
  OFFSET_OUT_OF_RANGE,
  fetchFrom,
  targetsByLeader,
  type FetchSettings,
  type FetchTarget,
  type PartitionResult,
} from './fetcher';
import { GroupMembership } from './group-membership';
import { decodeBatches } from './record-decoder';

const DEFAULT_MAX_BATCH_SIZE = 500;
/** How long stop() waits for `durable` promises of batches already handled. */
const STOP_GRACE_MS = 5000;
const RETRY_BACKOFF = { baseMs: 100, maxMs: 5000 };
/** Kafka errors after which the partition's leader must be looked up again. */
const STALE_METADATA_CODES = new Set([3, 5, 6, 74, 75]);

export interface PlatformaticConsumerDeps {
  brokers: string[];
  clientId: string;
  names: TopicNamespace;
  watermarks: Watermarks;
  logger: Logger;
  /** Partitions handled at once by one consumer (kafkajs's partitionsConsumedConcurrently). */
  concurrency: number;
  timings: GroupTimings;
  fetch: Omit<FetchSettings, 'maxWaitTimeMs'>;
  /** Current low and high offsets of a physical topic (offset-out-of-range resets). */
  offsetsOf: (topic: string) => Promise<PartitionOffsets[]>;
  onStopped: () => void;
}

/** One assigned partition: where reading has got to and what was read but not yet handled. */
interface PartitionState {
  topic: string;
  partition: number;
  tracker: PartitionTracker;
  /** Next offset to fetch; null until the start position is known. */
  fetchOffset: number | null;
  fetching: boolean;
  /** Fetched, not yet handed to the handler. */
  buffer: LogRecord[];
  /** Bumped whenever the buffer is thrown away: fetches answered for an older one are dropped. */
  generation: number;
  wakeup: Wakeup;
}

/** A fetch planned for a partition, valid while the partition is still at this generation. */
interface PlannedFetch extends FetchTarget {
  state: PartitionState;
  generation: number;
}

const keyOf = (topic: string, partition: number) => `${topic}/${partition}`;

/**
 * One `Log.consume()` on @platformatic/kafka, with the kafkajs adapter's contract: per-partition
 * batches of at most `maxBatchSize` handed to the handler, commits in offset order only for what
 * the handler finished and made durable (PartitionTracker), a throwing handler or a rejected
 * `durable` stalling only its partition, which is re-read after a jittered backoff from the first
 * offset not known to be done.
 *
 * The client's MessagesStream is one message stream for all partitions, without pause, seek or
 * rewind per partition, so this consumer reads with Fetch requests of its own (one per leader
 * broker in flight, by offsets it keeps per partition) on a client of their own, whose connections
 * long-poll without delaying heartbeats and commits. Group membership is a GroupMembership; a
 * private reader (groupId null) joins no group at all and reads every partition itself.
 *
 * Reading runs ahead of handling by up to two batches per partition, so the next records are
 * already here when the handler returns (kafkajs fetches only after the batch was handled).
 */
export class PlatformaticLogConsumer implements Consumer {
  private readonly topics: string[];
  private readonly isPrivate: boolean;
  private readonly maxBatchSize: number;
  private readonly states = new Map<string, PartitionState>();
  /** Low and high offsets per partition when consume() was called: what whenCaughtUp waits for. */
  private readonly targets = new Map<string, { low: number; high: number }>();
  private readonly fetchClient: PlatformaticConsumer<Buffer, Buffer, Buffer, Buffer>;
  private membership: GroupMembership | undefined;
  private readonly slots: Semaphore;
  private readonly fetchWakeup = new Wakeup();
  private readonly stopSignal = new AbortController();
  private fetchLoop: Promise<void> | undefined;
  private fetchFailures = 0;
  private assigned = false;
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  private caughtUpWaiters: (() => void)[] = [];
  private readonly failing = new Set<string>();
  private lastError: string | null = null;
  private isStopping = false;
  private stopping: Promise<void> | null = null;
  private readonly logger: Logger;

  constructor(
    private readonly deps: PlatformaticConsumerDeps,
    private readonly options: ConsumerOptions,
    private readonly handler: BatchHandler,
  ) {
    this.topics = [...new Set(options.topics)].map((t) => deps.names.topic(t));
    this.isPrivate = options.groupId === null;
    this.maxBatchSize = options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
    this.slots = new Semaphore(Math.max(1, deps.concurrency));
    const groupId = options.groupId === null ? null : deps.names.group(options.groupId);
    this.logger = deps.logger.child({ groupId: groupId ?? 'private', topics: options.topics });
    // No retries inside the client: the fetch loop retries itself, after looking the leader up
    // again, instead of repeating a request to a broker that just said it is not the leader.
    this.fetchClient = new PlatformaticConsumer<Buffer, Buffer, Buffer, Buffer>({
      ...baseClientOptions(deps.brokers, deps.clientId),
      retries: 0,
      // Required by the client, never joined: this client only fetches.
      groupId: groupId ?? `${deps.clientId}-private-reader`,
    });
    routeClientLogs(this.fetchClient, this.logger);
  }

  async start(): Promise<void> {
    for (const topic of this.topics) {
      for (const o of await this.deps.watermarks.track(topic)) {
        this.targets.set(keyOf(topic, o.partition), { low: o.low, high: o.high });
      }
    }
    if (this.isPrivate) {
      this.assignPrivate();
    } else {
      this.membership = new GroupMembership({
        brokers: this.deps.brokers,
        clientId: this.deps.clientId,
        groupId: this.deps.names.group(this.options.groupId!),
        topics: this.topics,
        timings: this.deps.timings,
        logger: this.logger,
        onAssignment: (assignment) => this.onAssignment(assignment),
      });
      await this.membership.join();
    }
    this.fetchLoop = this.runFetchLoop();
  }

  whenCaughtUp(): Promise<void> {
    if (this.isCaughtUp()) return Promise.resolve();
    return new Promise((resolve) => this.caughtUpWaiters.push(resolve));
  }

  status(): ConsumerStatus {
    let lag = 0;
    for (const [key, { tracker, topic, partition }] of this.states) {
      const high = this.deps.watermarks.high(topic, partition) ?? this.targets.get(key)?.high ?? 0;
      lag += Math.max(0, high - (tracker.position ?? high));
    }
    return {
      healthy: this.failing.size === 0,
      lastError: this.failing.size > 0 ? this.lastError : null,
      lag,
    };
  }

  stop(): Promise<void> {
    this.isStopping = true;
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    this.stopSignal.abort();
    this.fetchWakeup.notify();
    for (const state of this.states.values()) state.wakeup.notify();
    await this.fetchLoop;
    await this.idle();
    // Stay in the group until the last commits are in: commits need a live membership.
    const deadline = Date.now() + STOP_GRACE_MS;
    const open = () => [...this.states.values()].map((s) => s.tracker).filter((t) => t.uncommitted > 0);
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
    await Promise.all([...this.states.values()].map((s) => s.tracker.settled()));
    for (const { tracker } of this.states.values()) {
      clearTimeout(tracker.rewindTimer);
      tracker.discard();
    }
    await this.membership?.leave().catch((error: unknown) => {
      this.logger.warn({ err: error }, 'leaving the consumer group failed');
    });
    await this.fetchClient.close().catch((error: unknown) => {
      this.logger.warn({ err: error }, 'closing the fetch client failed');
    });
    for (const topic of this.topics) this.deps.watermarks.untrack(topic);
    // Nobody should wait forever on a consumer that will never catch up.
    this.resolveCaughtUp();
    this.deps.onStopped();
  }

  /** A private reader takes every partition, from the start or from the end as of consume(). */
  private assignPrivate(): void {
    for (const [key, target] of this.targets) {
      const at = key.lastIndexOf('/');
      const state = this.addPartition(key.slice(0, at), Number(key.slice(at + 1)));
      const start = this.options.fromBeginning ? target.low : target.high;
      state.tracker.advance(start);
      state.tracker.committed = start;
      state.fetchOffset = start;
    }
    this.assigned = true;
    this.checkCaughtUp();
  }

  private onAssignment(assignment: Map<string, number[]>): void {
    if (this.isStopping) return;
    const now = new Set(
      [...assignment].flatMap(([topic, partitions]) => partitions.map((p) => keyOf(topic, p))),
    );
    for (const [key, state] of this.states) {
      // Kept partitions go on from where this consumer had got to: its fetch offsets are its own.
      if (now.has(key)) continue;
      // Revoked: another member re-reads from the group's commit; our late `durable`s must not
      // commit over its progress, and our buffered records are not ours to hand out any more.
      clearTimeout(state.tracker.rewindTimer);
      state.tracker.rewindTimer = undefined;
      state.tracker.discard();
      state.buffer = [];
      state.generation++;
      this.states.delete(key);
      this.failing.delete(key);
      state.wakeup.notify();
    }
    const fresh: [string, number][] = [];
    for (const [topic, partitions] of assignment) {
      for (const partition of partitions) {
        if (this.states.has(keyOf(topic, partition))) continue;
        this.addPartition(topic, partition);
        fresh.push([topic, partition]);
      }
    }
    if (fresh.length > 0) void this.loadPositions(fresh);
    this.assigned = true;
    this.logger.info({ partitions: [...this.states.keys()] }, 'partitions assigned');
    this.checkCaughtUp();
  }

  private addPartition(topic: string, partition: number): PartitionState {
    const state: PartitionState = {
      topic,
      partition,
      tracker: this.newTracker(topic, partition),
      fetchOffset: null,
      fetching: false,
      buffer: [],
      generation: 0,
      wakeup: new Wakeup(),
    };
    this.states.set(keyOf(topic, partition), state);
    void this.work(state);
    return state;
  }

  /** Where a newly assigned partition starts: the group's commit, else the reset policy. */
  private async loadPositions(partitions: [string, number][]): Promise<void> {
    for (let attempt = 0; !this.isStopping; attempt++) {
      try {
        const committed = await this.membership!.committed(partitions);
        for (const [topic, partition] of partitions) {
          const key = keyOf(topic, partition);
          const state = this.states.get(key);
          if (!state || state.fetchOffset !== null) continue;
          const target = this.targets.get(key) ?? { low: 0, high: 0 };
          const offset = committed.get(key) ?? -1;
          const start =
            offset >= 0
              ? Math.max(offset, target.low)
              : this.options.fromBeginning
                ? target.low
                : target.high;
          if (offset < 0 && !this.options.fromBeginning) {
            // Pin "latest" for the group as of consume(), so what arrives before the first commit
            // is not skipped by a restart that would otherwise reset to a newer latest.
            await this.membership!.commit(topic, partition, start);
          }
          if (this.states.get(key) !== state) continue;
          state.tracker.advance(start);
          // Everything before the start point is done, whether the group committed it or not.
          state.tracker.committed = Math.max(state.tracker.committed, start);
          state.fetchOffset = start;
        }
        this.fetchWakeup.notify();
        this.checkCaughtUp();
        return;
      } catch (error) {
        this.logger.warn({ err: error }, 'reading committed offsets failed; retrying');
        await sleep(backoffDelay(attempt, RETRY_BACKOFF), this.stopSignal.signal);
      }
    }
  }

  private newTracker(topic: string, partition: number): PartitionTracker {
    const tracker: PartitionTracker = new PartitionTracker({
      commit: this.isPrivate
        ? () => Promise.resolve()
        : (offset) => this.membership!.commit(topic, partition, offset),
      onDurableFailed: (error) => {
        this.logger.warn(
          { err: error, topic, partition, committed: tracker.committed, discarded: tracker.uncommitted },
          'durable write failed; rewinding to the last commit',
        );
        tracker.discard();
        const state = this.states.get(keyOf(topic, partition));
        if (!state || state.tracker !== tracker) return;
        const start = this.targets.get(keyOf(topic, partition))?.low ?? 0;
        this.setback(state, tracker.committed >= 0 ? tracker.committed : start, error);
      },
      logger: this.logger.child({ topic, partition }),
    });
    return tracker;
  }

  /** Partitions worth a fetch now: position known, not paused, not in flight, buffer not full. */
  private fetchable(): PlannedFetch[] {
    const out: PlannedFetch[] = [];
    for (const state of this.states.values()) {
      const { fetchOffset, fetching, tracker, buffer, topic, partition, generation } = state;
      if (fetchOffset === null || fetching || tracker.rewindTo !== null) continue;
      if (buffer.length >= 2 * this.maxBatchSize) continue;
      out.push({ topic, partition, offset: fetchOffset, state, generation });
    }
    return out;
  }

  /** Still what the partition wants: not revoked, rewound or reset since it was planned. */
  private stillWanted(planned: PlannedFetch): boolean {
    const { state } = planned;
    return (
      this.states.get(keyOf(state.topic, state.partition)) === state &&
      state.generation === planned.generation &&
      state.fetchOffset === planned.offset
    );
  }

  private async runFetchLoop(): Promise<void> {
    const inflight = new Map<number, Promise<void>>();
    while (!this.isStopping) {
      const wanted = this.fetchable();
      if (wanted.length > 0) {
        try {
          const byLeader = await targetsByLeader(this.fetchClient, wanted);
          for (const [leader, targets] of byLeader) {
            // The leader lookup yielded: drop what a rewind or revocation changed meanwhile.
            const planned = (targets as PlannedFetch[]).filter(
              (t) => this.stillWanted(t) && !t.state.fetching,
            );
            if (planned.length === 0 || inflight.has(leader) || this.isStopping) continue;
            for (const t of planned) t.state.fetching = true;
            const request = this.fetchOnce(leader, planned).finally(() => {
              for (const t of planned) t.state.fetching = false;
              inflight.delete(leader);
              this.fetchWakeup.notify();
            });
            inflight.set(leader, request);
          }
        } catch (error) {
          await this.fetchFailed(error);
        }
      }
      await this.fetchWakeup.wait(this.deps.timings.maxWaitTimeMs);
    }
    await Promise.all(inflight.values());
  }

  private async fetchOnce(leader: number, planned: PlannedFetch[]): Promise<void> {
    try {
      const results = await fetchFrom(this.fetchClient, leader, planned, {
        ...this.deps.fetch,
        maxWaitTimeMs: this.deps.timings.maxWaitTimeMs,
      });
      this.fetchFailures = 0;
      let stale = false;
      for (const result of results) {
        const target = result.target as PlannedFetch;
        // Answered for an older read position (rewind, revocation, reset): read again instead.
        if (!this.stillWanted(target)) continue;
        stale = this.deliver(target.state, result) || stale;
      }
      if (stale) this.fetchClient.clearMetadata();
    } catch (error) {
      await this.fetchFailed(error);
    }
  }

  /** Hands a partition's fetched records to its worker; true if its leader must be looked up. */
  private deliver(state: PartitionState, result: PartitionResult): boolean {
    const { topic, partition } = state;
    if (result.errorCode === OFFSET_OUT_OF_RANGE) {
      void this.resetOutOfRange(state);
      return false;
    }
    if (result.errorCode !== 0) {
      this.logger.debug({ topic, partition, errorCode: result.errorCode }, 'fetch error on a partition');
      return STALE_METADATA_CODES.has(result.errorCode);
    }
    if (result.highWatermark >= 0) this.deps.watermarks.observe(topic, partition, result.highWatermark);
    const logical = this.deps.names.logicalTopic(topic);
    const { records, nextOffset } = decodeBatches(logical, partition, result.batches, result.target.offset);
    state.fetchOffset = nextOffset;
    if (records.length > 0) {
      for (const record of records) state.buffer.push(record);
      state.wakeup.notify();
    }
    return false;
  }

  /** A whole fetch failed (broker unreachable, leader moved): back off, look leaders up again. */
  private async fetchFailed(error: unknown): Promise<void> {
    if (this.isStopping) return;
    this.fetchFailures++;
    this.fetchClient.clearMetadata();
    this.logger[this.fetchFailures > 3 ? 'warn' : 'debug'](
      { err: describeError(error), attempt: this.fetchFailures },
      'fetch failed; retrying',
    );
    await sleep(backoffDelay(this.fetchFailures - 1, RETRY_BACKOFF), this.stopSignal.signal);
  }

  /**
   * The broker no longer has the offset (retention) or never had it (topic recreated): start over
   * where the reset policy says, as kafkajs does (earliest when reading from the beginning).
   */
  private async resetOutOfRange(state: PartitionState): Promise<void> {
    const { topic, partition } = state;
    const from = state.fetchOffset;
    // No fetching while the new position is looked up (fetchable() skips a null offset).
    state.fetchOffset = null;
    state.buffer = [];
    const generation = ++state.generation;
    const current = () =>
      this.states.get(keyOf(topic, partition)) === state && state.generation === generation;
    try {
      const found = (await this.deps.offsetsOf(topic)).find((o) => o.partition === partition);
      if (!current()) return;
      const to = found ? (this.options.fromBeginning ? found.low : found.high) : from;
      this.logger.warn({ topic, partition, from, to }, 'offset out of range; resetting');
      state.fetchOffset = to;
      if (to !== null) state.tracker.position = to;
    } catch (error) {
      // Try the old position again: if it is still out of range, the reset is tried again.
      if (current()) state.fetchOffset = from;
      await this.fetchFailed(error);
    } finally {
      this.fetchWakeup.notify();
    }
  }

  /** The partition's worker: hands its buffered records to the handler, one batch at a time. */
  private async work(state: PartitionState): Promise<void> {
    const key = keyOf(state.topic, state.partition);
    while (!this.isStopping && this.states.get(key) === state) {
      const { tracker } = state;
      if (state.buffer.length === 0 || tracker.rewindTo !== null) {
        await state.wakeup.wait(1000);
        continue;
      }
      if (tracker.uncommitted >= MAX_UNCOMMITTED_BATCHES) {
        await tracker.waitForChange(1000);
        continue;
      }
      await this.slots.acquire();
      try {
        if (this.isStopping || this.states.get(key) !== state || state.buffer.length === 0) continue;
        if (tracker.rewindTo !== null) continue;
        const slice = state.buffer.splice(0, this.maxBatchSize);
        this.fetchWakeup.notify();
        this.inFlight++;
        try {
          await this.handle(state, slice);
        } finally {
          if (--this.inFlight === 0) {
            const waiters = this.idleWaiters;
            this.idleWaiters = [];
            for (const resolve of waiters) resolve();
          }
        }
      } finally {
        this.slots.release();
      }
    }
  }

  private async handle(state: PartitionState, slice: LogRecord[]): Promise<void> {
    const { tracker, topic, partition } = state;
    const key = keyOf(topic, partition);
    const epoch = tracker.epoch;
    const generation = state.generation;
    const logicalTopic = slice[0].topic;
    let result: BatchResult | void;
    try {
      result = await this.handler({ topic: logicalTopic, partition, records: slice });
    } catch (error) {
      if (this.states.get(key) !== state) return;
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
      this.setback(state, Number(slice[0].offset), error);
      return;
    }
    const durable = result && typeof result.durable?.then === 'function' ? result.durable : null;
    if (tracker.epoch !== epoch || state.generation !== generation || this.states.get(key) !== state) {
      // Rewound or revoked meanwhile: these records are read again, their durability is moot.
      durable?.catch(() => undefined);
      return;
    }
    if (this.failing.delete(key) && this.failing.size === 0) this.lastError = null;
    const next = Number(slice[slice.length - 1].offset) + 1;
    tracker.advance(next);
    tracker.track(next, durable);
    this.checkCaughtUp();
  }

  /**
   * Pauses one partition and, after a jittered backoff, re-reads it from `offset`. Two setbacks
   * before the timer fires keep the lower offset, so a later one never jumps over an earlier one.
   */
  private setback(state: PartitionState, offset: number, error: unknown): void {
    const { tracker, topic, partition } = state;
    this.lastError = error instanceof Error ? error.message : String(error);
    this.failing.add(keyOf(topic, partition));
    tracker.rewindTo = Math.min(tracker.rewindTo ?? offset, offset);
    tracker.position = Math.min(tracker.position ?? offset, offset);
    // What was read ahead is read again from the rewind point.
    state.buffer = [];
    state.generation++;
    if (tracker.rewindTimer) return;
    const delay = backoffDelay(Math.max(0, tracker.failures - 1), RETRY_BACKOFF);
    tracker.failures++;
    tracker.rewindTimer = setTimeout(() => {
      tracker.rewindTimer = undefined;
      const to = tracker.rewindTo;
      tracker.rewindTo = null;
      if (this.isStopping || this.states.get(keyOf(topic, partition)) !== state || to === null) return;
      state.buffer = [];
      state.generation++;
      state.fetchOffset = to;
      this.fetchWakeup.notify();
    }, delay);
  }

  private idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isCaughtUp(): boolean {
    if (this.isStopping) return true;
    if (!this.assigned) return false;
    for (const [key, { tracker }] of this.states) {
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
