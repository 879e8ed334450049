import type { Logger } from '../../../app/logger';
import type { BatchHandler, Consumer, ConsumerOptions, ConsumerStatus } from '../log';
import type { GroupCoordinator, GroupMember, TopicPartition } from './group-coordinator';
import type { OffsetStore } from './offset-store';
import { PartitionConsumer } from './partition-consumer';
import type { Topic, TopicRegistry } from './topic-registry';

const DEFAULT_MAX_BATCH_SIZE = 500;

export interface ConsumerDeps {
  registry: TopicRegistry;
  offsets: OffsetStore;
  coordinator: GroupCoordinator;
  logger: Logger;
  memberId: number;
  onStopped: () => void;
}

const keyOf = (tp: TopicPartition) => `${tp.topic}/${tp.partition}`;

/**
 * A consumer: a member of an in-process group (partitions assigned by the coordinator) or a
 * private reader of every partition. Each owned partition runs its own PartitionConsumer, so
 * partitions are handled concurrently and each one strictly in order.
 */
export class InProcessConsumer implements Consumer, GroupMember {
  readonly topics: string[];
  private readonly topicsByName = new Map<string, Topic>();
  private readonly owned = new Map<string, PartitionConsumer>();
  /** End offsets when consume() was called: what whenCaughtUp waits for. */
  private readonly caughtUpTargets = new Map<string, number>();
  private caughtUpWaiters: (() => void)[] = [];
  private readonly failing = new Set<string>();
  private lastError: string | null = null;
  private stopping: Promise<void> | null = null;
  private readonly logger: Logger;

  constructor(
    private readonly deps: ConsumerDeps,
    private readonly options: ConsumerOptions,
    private readonly handler: BatchHandler,
  ) {
    this.topics = [...new Set(options.topics)];
    this.logger = deps.logger.child({ groupId: options.groupId, topics: this.topics });
  }

  get memberId(): number {
    return this.deps.memberId;
  }

  async start(): Promise<void> {
    for (const topic of await Promise.all(this.topics.map((t) => this.deps.registry.getOrCreate(t)))) {
      this.topicsByName.set(topic.name, topic);
      topic.partitions.forEach((log, partition) => {
        this.caughtUpTargets.set(keyOf({ topic: topic.name, partition }), log.endOffset);
      });
    }
    if (this.options.groupId !== null) {
      await this.deps.coordinator.join(this.options.groupId, this);
    } else {
      await this.assign(
        [...this.topicsByName.values()].flatMap((t) =>
          t.partitions.map((_, partition) => ({ topic: t.name, partition })),
        ),
      );
    }
  }

  partitionCount(topic: string): number {
    return this.topicsByName.get(topic)?.partitions.length ?? 0;
  }

  async assign(partitions: TopicPartition[]): Promise<void> {
    if (this.stopping) return;
    await Promise.all(partitions.map((tp) => this.startPartition(tp)));
    this.checkCaughtUp();
  }

  async revoke(partitions: TopicPartition[]): Promise<void> {
    await Promise.all(
      partitions.map((tp) => {
        const consumer = this.owned.get(keyOf(tp));
        this.owned.delete(keyOf(tp));
        this.failing.delete(keyOf(tp));
        return consumer?.stop();
      }),
    );
    this.checkCaughtUp();
  }

  whenCaughtUp(): Promise<void> {
    if (this.isCaughtUp()) return Promise.resolve();
    return new Promise((resolve) => this.caughtUpWaiters.push(resolve));
  }

  status(): ConsumerStatus {
    let lag = 0;
    for (const consumer of this.owned.values()) lag += consumer.lag();
    return { healthy: this.failing.size === 0, lastError: this.lastError, lag };
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      if (this.options.groupId !== null) await this.deps.coordinator.leave(this.options.groupId, this);
      await this.revoke([...this.owned.keys()].map(parseKey));
      // Nobody should wait forever on a consumer that will never catch up.
      this.resolveCaughtUp();
      this.deps.onStopped();
    })();
    return this.stopping;
  }

  private async startPartition(tp: TopicPartition): Promise<void> {
    const log = this.topicsByName.get(tp.topic)?.partitions[tp.partition];
    if (!log) throw new Error(`unknown partition ${keyOf(tp)}`);
    const { groupId } = this.options;
    const key = keyOf(tp);
    const consumer = new PartitionConsumer({
      topic: tp.topic,
      partition: tp.partition,
      log,
      handler: this.handler,
      maxBatchSize: this.options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE,
      startOffset: await this.startOffset(tp, log.startOffset, log.endOffset),
      commit:
        groupId === null
          ? () => Promise.resolve()
          : (offset) => this.deps.offsets.commit(groupId, tp.topic, tp.partition, offset),
      onError: (error) => {
        this.failing.add(key);
        this.lastError = error instanceof Error ? error.message : String(error);
      },
      onSuccess: () => {
        this.failing.delete(key);
        if (this.failing.size === 0) this.lastError = null;
      },
      onProgress: () => this.checkCaughtUp(),
      logger: this.logger.child({ topic: tp.topic, partition: tp.partition }),
    });
    this.owned.set(key, consumer);
    consumer.start();
  }

  private async startOffset(tp: TopicPartition, logStart: number, logEnd: number): Promise<number> {
    const { groupId, fromBeginning } = this.options;
    if (groupId === null) return fromBeginning ? logStart : logEnd;
    const committed = await this.deps.offsets.committed(groupId, tp.topic, tp.partition);
    if (committed !== undefined && committed <= logEnd) return Math.max(committed, logStart);
    const start = fromBeginning ? logStart : logEnd;
    if (committed !== undefined) {
      // Kafka's "offset out of range": the log was recreated behind the group's back.
      this.logger.warn({ ...tp, committed, logEnd, start }, 'committed offset beyond the log end; resetting');
      await this.deps.offsets.commit(groupId, tp.topic, tp.partition, start, { reset: true });
    } else if (!fromBeginning) {
      // Pin "latest" for the group, so what arrives before the first commit survives a restart.
      await this.deps.offsets.commit(groupId, tp.topic, tp.partition, start);
    }
    return start;
  }

  private isCaughtUp(): boolean {
    if (this.stopping) return true;
    for (const [key, consumer] of this.owned) {
      if (consumer.position < (this.caughtUpTargets.get(key) ?? 0)) return false;
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

function parseKey(key: string): TopicPartition {
  const at = key.lastIndexOf('/');
  return { topic: key.slice(0, at), partition: Number(key.slice(at + 1)) };
}
