import { ProduceAcks, Producer, stringSerializer, type MessageToProduce } from '@platformatic/kafka';
import type { Logger } from '../../../app/logger';
import type { TopicMessages } from '../produce-batcher';
import type { TopicNamespace } from '../topic-namespace';
import { baseClientOptions } from './client-options';
import { routeClientLogs } from './client-logger';
import { javaCompatiblePartitioner } from './partitioner';

export interface PlatformaticProducerOptions {
  brokers: string[];
  clientId: string;
  names: TopicNamespace;
  logger: Logger;
}

/**
 * The idempotent, acks=all producer. Callers must not overlap send(): the client stamps each
 * request with the partition's next sequence number when it builds the request, and advances it
 * only when the answer arrives, so two sends in flight to one partition would carry the same
 * sequence and the broker would drop the second as a duplicate while acknowledging it. The
 * ProduceBatcher in front of it keeps exactly one send in flight.
 */
export function createPlatformaticProducer({
  brokers,
  clientId,
  names,
  logger,
}: PlatformaticProducerOptions) {
  const producer = new Producer<Buffer, Buffer, string, string>({
    ...baseClientOptions(brokers, clientId),
    idempotent: true,
    acks: ProduceAcks.ALL,
    partitioner: javaCompatiblePartitioner(),
    // Headers go in as the plain object they are, serialised by the client: it recognises a Map by
    // `instanceof`, which fails for a Map from another realm (jest's sandbox) and would drop the
    // headers without a word.
    serializers: { headerKey: stringSerializer, headerValue: stringSerializer },
  });
  routeClientLogs(producer, logger);
  let afterFailure = false;

  return {
    /** Connects and obtains the producer id up front, so a broken cluster fails startup. */
    async connect(): Promise<void> {
      await producer.initIdempotentProducer({});
    },

    async send(batch: TopicMessages[]): Promise<void> {
      if (afterFailure) {
        // A failed request may still have been written. Its sequence numbers were not advanced,
        // so the next request would reuse them and the broker would take it for that duplicate and
        // drop it. A new producer id restarts the sequences: the worst case is then a duplicate
        // record (the consumers are idempotent), never a silently lost one.
        await producer.initIdempotentProducer({});
        afterFailure = false;
      }
      const messages: MessageToProduce<Buffer, Buffer, string, string>[] = [];
      for (const { topic, messages: logMessages } of batch) {
        const physical = names.topic(topic);
        for (const m of logMessages) {
          messages.push({
            topic: physical,
            key: m.key === null || m.key === undefined ? undefined : Buffer.from(m.key, 'utf8'),
            value: m.value,
            headers: m.headers,
          });
        }
      }
      try {
        await producer.send({ messages });
      } catch (error) {
        afterFailure = true;
        throw error;
      }
    },

    close: () => producer.close(),
  };
}
