import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Every Prometheus metric of the service, created once per process by the composition root and
 * handed to the components that update them (no global registry, so tests can run several services).
 */
export function createMetrics(options: { processMetrics?: boolean } = {}) {
  const registry = new Registry();
  // A storage thread's registry leaves them out: the process (CPU, memory, event loop) is the
  // main thread's to report, and /metrics merges the two registries by summing.
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const eventsIn = new Counter({
    name: 'txgraph_events_in_total',
    help: 'Records consumed, by worker and topic',
    labelNames: ['worker', 'topic'] as const,
    registers: [registry],
  });
  const eventsOut = new Counter({
    name: 'txgraph_events_out_total',
    help: 'Records produced or written, by worker and sink',
    labelNames: ['worker', 'sink'] as const,
    registers: [registry],
  });
  const dlq = new Counter({
    name: 'txgraph_dlq_total',
    help: 'Events sent to the dead-letter topic, by reason',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const ingestRejected = new Counter({
    name: 'txgraph_ingest_rejected_total',
    help: 'HTTP ingest lines rejected, by kind and reason',
    labelNames: ['kind', 'reason'] as const,
    registers: [registry],
  });
  const consumerLag = new Gauge({
    name: 'txgraph_consumer_lag',
    help: 'Records behind the high watermark, by consumer',
    labelNames: ['consumer'] as const,
    registers: [registry],
  });
  const handlerFailures = new Counter({
    name: 'txgraph_batch_failures_total',
    help: 'Batches whose handler failed and will be retried, by worker',
    labelNames: ['worker'] as const,
    registers: [registry],
  });
  const dynamoLatency = new Histogram({
    name: 'txgraph_dynamodb_seconds',
    help: 'DynamoDB call latency by operation',
    labelNames: ['operation'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const dynamoRetries = new Counter({
    name: 'txgraph_dynamodb_retries_total',
    help: 'DynamoDB retries of throttled calls or unprocessed items, by operation',
    labelNames: ['operation'] as const,
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: 'txgraph_rate_limited_total',
    help: 'Requests answered 429 by the per-key rate limit, by surface and caller kind',
    labelNames: ['surface', 'caller'] as const,
    registers: [registry],
  });
  const lakeFiles = new Counter({
    name: 'txgraph_lake_files_total',
    help: 'Parquet files written to the lake, by dataset',
    labelNames: ['dataset'] as const,
    registers: [registry],
  });
  const indexLatency = new Histogram({
    name: 'txgraph_ingest_to_indexed_seconds',
    help: 'Time from log append to index write',
    // Up to 2 minutes: an indexer behind a backlog (the Kafka bench at 2,000/s) takes tens of
    // seconds, and a histogram that stops at 10 s can only say "> 10 s" for its p50 and p99.
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 20, 30, 45, 60, 90, 120],
    registers: [registry],
  });
  const wsConnections = new Gauge({
    name: 'txgraph_ws_connections',
    help: 'Open GraphQL WebSocket connections',
    registers: [registry],
  });
  const subscriptionsActive = new Gauge({
    name: 'txgraph_subscriptions_active',
    help: 'GraphQL subscriptions currently streaming',
    registers: [registry],
  });
  const subscriptionStreams = new Gauge({
    name: 'txgraph_subscription_streams',
    help: 'Distinct subscription operations executed per event (subscriptions with equal ones share it)',
    registers: [registry],
  });
  const subscriptionEventsPushed = new Counter({
    name: 'txgraph_subscription_events_pushed_total',
    help: 'Events pushed to subscribers (one per subscription per matching event)',
    registers: [registry],
  });
  const wsSlowConsumerClosed = new Counter({
    name: 'txgraph_ws_slow_consumer_closed_total',
    help: "WebSockets closed with 4008 because their send buffer or a subscription's event queue overflowed",
    registers: [registry],
  });
  const statsPending = new Gauge({
    name: 'txgraph_merchant_stats_pending',
    help: 'Merchant-days marked for a DailyMerchantStats recompute, as of the last refresh round',
    registers: [registry],
  });
  const statsRefreshed = new Counter({
    name: 'txgraph_merchant_stats_refreshed_total',
    help: 'DailyMerchantStats rows recomputed by the refresher',
    registers: [registry],
  });
  const storageThread = new Gauge({
    name: 'txgraph_storage_thread',
    help: '1 when the indexer, archiver and merchant-stats refresher run on their own thread (STORAGE_THREAD=on)',
    registers: [registry],
  });
  return {
    registry,
    eventsIn,
    eventsOut,
    dlq,
    ingestRejected,
    consumerLag,
    handlerFailures,
    dynamoLatency,
    dynamoRetries,
    lakeFiles,
    rateLimited,
    indexLatency,
    wsConnections,
    subscriptionsActive,
    subscriptionStreams,
    subscriptionEventsPushed,
    wsSlowConsumerClosed,
    statsPending,
    statsRefreshed,
    storageThread,
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
