import type { ConsumerOptions } from './log';

/** The argument checks every Log implementation makes before it starts a consumer. */
export function assertConsumerOptions(options: ConsumerOptions): void {
  if (options.topics.length === 0) throw new Error('consume() needs at least one topic');
  const { maxBatchSize } = options;
  if (maxBatchSize !== undefined && (!Number.isInteger(maxBatchSize) || maxBatchSize < 1)) {
    throw new Error(`maxBatchSize must be a positive integer, got ${maxBatchSize}`);
  }
}
