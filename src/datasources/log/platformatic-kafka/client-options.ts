import type { BaseOptions } from '@platformatic/kafka';

/** One step of the retry ladder: exponential from 100 ms to 5 s, ±20 % so replicas spread out. */
export function retryDelayMs(attempt: number): number {
  const step = Math.min(5000, 100 * 2 ** Math.max(0, attempt - 1));
  return Math.round(step * (0.8 + Math.random() * 0.4));
}

/**
 * What every client of this adapter shares. Retries and timeouts mirror the kafkajs adapter's
 * (10 retries up to about 26 s, 30 s per request, 3 s to connect), so an outage reaches callers
 * (ingest's 503, a stalled partition) after the same time whichever client is configured.
 * `retries` must be explicit: an idempotent producer left at the default retries forever.
 */
export function baseClientOptions(brokers: string[], clientId: string): BaseOptions {
  return {
    clientId,
    bootstrapBrokers: brokers,
    connectTimeout: 3000,
    requestTimeout: 30_000,
    timeout: 30_000,
    retries: 10,
    retryDelay: (_client, _operation, attempt) => retryDelayMs(attempt),
    autocreateTopics: false,
  };
}
