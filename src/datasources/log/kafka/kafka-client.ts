import { Kafka, type RetryOptions } from 'kafkajs';
import type { Logger } from '../../../app/logger';
import { kafkaLogLevel, pinoLogCreator } from './kafka-logger';

/**
 * kafkajs's own retry of retriable errors (leader moves, coordinator loading, broken connections):
 * exponential with jitter (factor 0.2), up to about 30 s before a call gives up. Beyond that the
 * caller's own backoff takes over (a failed batch is re-read, a failed ingest answers 5xx).
 */
export const KAFKA_RETRY: RetryOptions = { initialRetryTime: 100, maxRetryTime: 5000, retries: 10 };

export interface KafkaClientOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
}

export function createKafkaClient({ brokers, clientId, logger }: KafkaClientOptions): Kafka {
  return new Kafka({
    clientId,
    brokers,
    connectionTimeout: 3000,
    requestTimeout: 30_000,
    retry: KAFKA_RETRY,
    logLevel: kafkaLogLevel(logger),
    logCreator: pinoLogCreator(logger),
  });
}
