import type { Logger } from '../../app/logger';
import { assertConsumerOptions } from './consumer-options';
import type { BatchHandler, Consumer, ConsumerOptions, Log, LogMessage, TopicSpec } from './log';
import { assertValidMessage } from './message-checks';
import type { createProduceBatcher } from './produce-batcher';
import type { Watermarks } from './watermarks';

/** A client's consumer as the shell drives it: started once, stopped on close. */
export interface StartableConsumer extends Consumer {
  start(): Promise<void>;
}

/** What a Kafka client adapter supplies; the shell adds the Log's checks and lifecycle. */
export interface KafkaLogParts {
  logger: Logger;
  watermarks: Watermarks;
  batcher: ReturnType<typeof createProduceBatcher>;
  ensureTopics(specs: TopicSpec[]): Promise<void>;
  /** A new, not yet started consumer; it must call `onStopped` once it has stopped. */
  newConsumer(options: ConsumerOptions, handler: BatchHandler, onStopped: () => void): StartableConsumer;
  /** Closes the producer and admin clients (after the consumers and pending produce calls). */
  closeClients(): Promise<void>;
}

/**
 * The Log on Kafka, whichever client library is underneath (kafka/, platformatic-kafka/): argument
 * checks, the set of live consumers, health, and the close order — consumers first, then the
 * watermark probe, then the produce calls already accepted, then the clients.
 */
export function assembleKafkaLog(parts: KafkaLogParts): Log {
  const { watermarks, batcher } = parts;
  const consumers = new Set<StartableConsumer>();
  let open = true;
  let closing: Promise<void> | null = null;

  function assertOpen(): void {
    if (!open) throw new Error('kafka log is closed');
  }

  return {
    async ensureTopics(specs: TopicSpec[]): Promise<void> {
      assertOpen();
      await parts.ensureTopics(specs);
    },

    async produce(topic: string, messages: LogMessage[]): Promise<void> {
      assertOpen();
      if (messages.length === 0) return;
      for (const message of messages) assertValidMessage(topic, message);
      await batcher.produce(topic, messages);
    },

    async consume(consumerOptions: ConsumerOptions, handler: BatchHandler): Promise<Consumer> {
      assertOpen();
      assertConsumerOptions(consumerOptions);
      const consumer = parts.newConsumer(consumerOptions, handler, () => consumers.delete(consumer));
      consumers.add(consumer);
      try {
        await consumer.start();
      } catch (error) {
        await consumer.stop();
        throw error;
      }
      return consumer;
    },

    healthy(): boolean {
      return open && watermarks.healthy();
    },

    close(): Promise<void> {
      closing ??= (async () => {
        open = false;
        await Promise.all([...consumers].map((c) => c.stop()));
        await watermarks.stop();
        // Calls already accepted are answered before the producer goes away.
        await batcher.idle();
        await parts.closeClients();
      })();
      return closing;
    },
  };
}
