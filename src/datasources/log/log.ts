/**
 * The partitioned log the workers talk to. Two implementations: an in-process, file-backed one
 * (embedded default) and kafkajs (production). Nothing outside src/datasources/log knows which.
 */

export const TOPICS = {
  transactions: 'transactions',
  enriched: 'transactions_enriched',
  dlq: 'transactions_dlq',
  dim: (kind: string) => `dim.${kind}`,
} as const;

export interface LogMessage {
  /** Partition key: user_id for transactions, the dimension id for dim.* topics. */
  key: string | null;
  value: Buffer;
  headers?: Record<string, string>;
}

export interface LogRecord {
  topic: string;
  partition: number;
  /** Offsets are decimal strings, as in Kafka. */
  offset: string;
  /** Log timestamp in epoch ms (append time for the in-process log, message timestamp on Kafka). */
  timestamp: number;
  key: string | null;
  value: Buffer;
  headers: Record<string, string>;
}

export interface TopicSpec {
  name: string;
  partitions: number;
  /** Keep only the latest record per key (dim.* topics). */
  compacted?: boolean;
}

export interface RecordBatch {
  topic: string;
  partition: number;
  records: LogRecord[];
}

export interface ConsumerOptions {
  /**
   * Consumer group. Offsets are committed for the group after the handler resolves.
   * null: a private, non-committing reader (live feed, dimension cache) of this process only.
   */
  groupId: string | null;
  topics: string[];
  /** Where a group without committed offsets (or a private reader) starts. */
  fromBeginning: boolean;
  maxBatchSize?: number;
}

/**
 * What a handler may return: commit the batch only once `durable` resolves (a sink that buffers
 * across batches, like the archiver, returns the promise of the flush that contains them).
 * Commits stay in offset order. If `durable` rejects, the consumer rewinds the partition to its
 * last committed offset and delivers again.
 */
export interface BatchResult {
  durable: Promise<void>;
}

/**
 * Handles one batch of one partition. When it resolves (and its `durable`, if returned, resolves),
 * the batch's offsets are committed. When it throws, nothing is committed and the same batch is
 * handed again after a jittered backoff: a failing sink stalls its partition, it never skips events.
 */
export type BatchHandler = (batch: RecordBatch) => Promise<BatchResult | void>;

export interface ConsumerStatus {
  healthy: boolean;
  /** Last handler or broker error, for /readyz. */
  lastError: string | null;
  /** Messages behind the high watermark, summed over assigned partitions. */
  lag: number;
}

export interface Consumer {
  /** Resolves once every record that existed when the consumer started has been handled. */
  whenCaughtUp(): Promise<void>;
  status(): ConsumerStatus;
  /** Stops fetching, waits for the batch in flight, commits it, and leaves the group. */
  stop(): Promise<void>;
}

export interface Log {
  ensureTopics(specs: TopicSpec[]): Promise<void>;
  /** Resolves once every message is durably in the log (acks=all on Kafka, written on disk in-process). */
  produce(topic: string, messages: LogMessage[]): Promise<void>;
  consume(options: ConsumerOptions, handler: BatchHandler): Promise<Consumer>;
  /** Health of the log connection itself (broker reachable). */
  healthy(): boolean;
  close(): Promise<void>;
}
