import 'reflect-metadata';
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../src/app/logger';
import { createMetrics } from '../src/app/metrics';
import { startService } from '../src/app/service';
import { loadConfig } from '../src/config/config';
import { topicSpecs } from '../src/datasources/log/create-log';
import { createKafkaLog } from '../src/datasources/log/kafka';
import { TOPICS, type Log, type LogMessage } from '../src/datasources/log/log';
import { createRiskConfig } from '../src/domain/risk-rules';
import { seedDimensions } from '../src/synthetic/seed-dimensions';
import { createEnrichmentWorker } from '../src/workers/enrichment-worker';
import { parseEnvFile, startStack, type StackHandle } from '../test/integration/stack';
import { report } from './bench-report';
import { diffBuckets, percentile, readBuckets } from './histogram';

/**
 * The production path on real servers (scripts/stack/: Kafka 4 KRaft, DynamoDB Local, S3Proxy):
 * 1. raw consume rate of `transactions` through the same Kafka adapter with a no-op handler: the
 *    ceiling for anything that reads the topic with this client;
 * 2. enrichment throughput, raw → enriched topic, over the same records in the same run;
 * 3. produce→indexed latency of the whole service at a fixed offered load, from the service's
 *    own histogram (bucket-interpolated).
 * usage: node dist/bench/kafka.bench.js [N=100000] [RATE=2000] [SECONDS=20]
 * TXGRAPH_IT_STACK_ENV=.stack/stack.env reuses a stack started with `npm run stack:up`.
 */
const N = Number(process.argv[2] ?? 100_000);
const RATE = Number(process.argv[3] ?? 2000);
const SECONDS = Number(process.argv[4] ?? 20);
const PARTITIONS = 8;
const HIST = 'txgraph_ingest_to_indexed_seconds';
const KEY = 'bench-admin-key';
const DRAIN_LIMIT_MS = Number(process.env.BENCH_DRAIN_LIMIT_MS ?? 60_000);

interface Endpoints {
  brokers: string[];
  dynamo: string;
  s3: string;
  bucket: string;
}

async function stackEndpoints(): Promise<{ endpoints: Endpoints; stack?: StackHandle }> {
  const external = process.env.TXGRAPH_IT_STACK_ENV;
  if (external) {
    const env = parseEnvFile(await fs.readFile(external, 'utf8'));
    return {
      endpoints: {
        brokers: (env.KAFKA_BROKERS ?? '').split(','),
        dynamo: env.DYNAMODB_ENDPOINT ?? '',
        s3: env.S3_ENDPOINT ?? '',
        bucket: env.S3_BUCKET ?? '',
      },
    };
  }
  const stack = await startStack();
  return {
    stack,
    endpoints: {
      brokers: stack.kafkaBrokers,
      dynamo: stack.dynamoEndpoint,
      s3: stack.s3Endpoint,
      bucket: stack.s3Bucket,
    },
  };
}

const dims = seedDimensions();
let seq = 0;
function event(): LogMessage {
  const j = seq++;
  const user = dims.users[j % dims.users.length]!.user_id;
  const value = JSON.stringify({
    transaction_id: `kb-${j}`,
    user_id: user,
    merchant_id: dims.merchants[j % dims.merchants.length]!.merchant_id,
    payment_method_id: dims.payment_methods[j % dims.payment_methods.length]!.payment_method_id,
    amount: `${(j % 900) + 1}.25`,
    currency: j % 3 ? 'USD' : 'EUR',
    transaction_type: 'purchase',
    timestamp: Date.now(),
    status: 'completed',
  });
  return { key: user, value: Buffer.from(value) };
}

async function produceDimensions(log: Log): Promise<void> {
  const kinds = [
    ['users', dims.users, 'user_id'],
    ['merchants', dims.merchants, 'merchant_id'],
    ['payment_methods', dims.payment_methods, 'payment_method_id'],
    ['products', dims.products, 'product_id'],
    ['fx_rates', dims.fx_rates, 'currency'],
  ] as const;
  for (const [kind, rows, id] of kinds) {
    const messages = (rows as unknown as readonly Record<string, unknown>[]).map((r) => ({
      key: String(r[id]),
      value: Buffer.from(JSON.stringify(r)),
    }));
    for (let i = 0; i < messages.length; i += 1000)
      await log.produce(TOPICS.dim(kind), messages.slice(i, i + 1000));
  }
}

async function throughput(endpoints: Endpoints): Promise<Record<string, string | number>[]> {
  const logger = silentLogger();
  const topicPrefix = `bench-${randomBytes(4).toString('hex')}-`;
  const log = await createKafkaLog({
    brokers: endpoints.brokers,
    clientId: 'txgraph-bench',
    partitions: PARTITIONS,
    logger,
    topicPrefix,
  });
  await log.ensureTopics(topicSpecs(PARTITIONS));
  await produceDimensions(log);

  const produceStart = Date.now();
  for (let i = 0; i < N; i += 2000) {
    await log.produce(TOPICS.transactions, Array.from({ length: Math.min(2000, N - i) }, event));
  }
  const produceSeconds = (Date.now() - produceStart) / 1000;

  // Ceiling: the same topic, the same adapter, a handler that does nothing.
  const rawStart = Date.now();
  let rawSeen = 0;
  const raw = await log.consume(
    { groupId: 'bench-raw', topics: [TOPICS.transactions], fromBeginning: true },
    async (b) => {
      rawSeen += b.records.length;
    },
  );
  await raw.whenCaughtUp();
  const rawSeconds = (Date.now() - rawStart) / 1000;
  await raw.stop();

  // Enrichment: raw → enriched topic, timed until every enriched record has been read back.
  const enrichment = createEnrichmentWorker({
    log,
    risk: createRiskConfig({}),
    logger,
    metrics: createMetrics(),
  });
  let enrichedSeen = 0;
  let enrichedDone!: () => void;
  const allEnriched = new Promise<void>((resolve) => (enrichedDone = resolve));
  const counter = await log.consume(
    { groupId: null, topics: [TOPICS.enriched], fromBeginning: true },
    async (b) => {
      enrichedSeen += b.records.length;
      if (enrichedSeen >= N) enrichedDone();
    },
  );
  const enrichStart = Date.now();
  await enrichment.start();
  await allEnriched;
  const enrichSeconds = (Date.now() - enrichStart) / 1000;
  await enrichment.stop();
  await counter.stop();
  await log.close();
  return [
    { figure: 'events', value: N },
    {
      figure: `produce events/s (idempotent, acks=all, ${PARTITIONS} partitions)`,
      value: Math.round(N / produceSeconds),
    },
    {
      figure: 'raw consume events/s (same topic, same client; ceiling)',
      value: Math.round(rawSeen / rawSeconds),
    },
    { figure: 'enrichment events/s (raw → enriched topic)', value: Math.round(N / enrichSeconds) },
  ];
}

/**
 * The offered load comes from a child process: produced from the service's own event loop, it
 * would be throttled by the very work it is measuring.
 */
async function offerLoad(endpoints: Endpoints, topicPrefix: string): Promise<number> {
  if (process.env.TXGRAPH_BENCH_SOURCE === '1') throw new Error('nested source');
  const child = fork(__filename, [], {
    env: {
      ...process.env,
      TXGRAPH_BENCH_SOURCE: '1',
      BENCH_BROKERS: endpoints.brokers.join(','),
      BENCH_PREFIX: topicPrefix,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(Number(m)));
    child.once('exit', (code) =>
      code === 0 ? undefined : reject(new Error(`load source exited with ${code}`)),
    );
  });
}

async function runSource(): Promise<void> {
  const source = await createKafkaLog({
    brokers: (process.env.BENCH_BROKERS ?? '').split(','),
    clientId: 'txgraph-bench-source',
    partitions: PARTITIONS,
    logger: silentLogger(),
    topicPrefix: process.env.BENCH_PREFIX ?? '',
  });
  const perTick = RATE / 20;
  const start = Date.now();
  for (let t = 0; t < SECONDS * 20; t++) {
    await new Promise((r) => setTimeout(r, Math.max(0, start + t * 50 - Date.now())));
    await source.produce(TOPICS.transactions, Array.from({ length: perTick }, event));
  }
  const achieved = (RATE * SECONDS) / ((Date.now() - start) / 1000);
  await source.close();
  process.send!(achieved);
}

async function latency(endpoints: Endpoints): Promise<Record<string, string | number>[]> {
  const id = randomBytes(4).toString('hex');
  const topicPrefix = `bench-${id}-`;
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'txgraph-kbench-'));
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    SOURCE_RATE: '0',
    LOG_LEVEL: 'silent',
    API_KEYS: `${KEY}:admin`,
    KAFKA_BROKERS: endpoints.brokers.join(','),
    KAFKA_TOPIC_PREFIX: topicPrefix,
    KAFKA_PARTITIONS: String(PARTITIONS),
    DYNAMODB_ENDPOINT: endpoints.dynamo,
    AWS_REGION: 'us-east-1',
    TABLE_PREFIX: `bench_${id}_`,
    LAKE_URL: `s3://${endpoints.bucket}/bench/${id}`,
    S3_ENDPOINT: endpoints.s3,
  });
  const service = await startService(config, silentLogger());
  const observer = await createKafkaLog({
    brokers: endpoints.brokers,
    clientId: 'txgraph-bench-observer',
    partitions: PARTITIONS,
    logger: silentLogger(),
    topicPrefix,
  });
  try {
    await produceDimensions(observer);
    const metricsText = async () => (await fetch(`${service.url}/metrics`)).text();
    const indexed = async () =>
      Number(
        /txgraph_events_out_total\{worker="indexer",sink="TransactionIndex"\} (\d+)/.exec(
          await metricsText(),
        )?.[1] ?? 0,
      );
    // Let the dimension cache and the dimension tables take the seed before timing anything.
    await new Promise((r) => setTimeout(r, 3000));
    // The Kafka half alone: produce (CreateTime) → enriched record read back.
    const enrichedLatencies: number[] = [];
    const feed = await observer.consume(
      { groupId: null, topics: [TOPICS.enriched], fromBeginning: false },
      async (b) => {
        const now = Date.now();
        for (const r of b.records)
          enrichedLatencies.push(now - Number(JSON.parse(r.value.toString()).arrival.slice(0, 13)));
      },
    );
    const before = readBuckets(await metricsText(), HIST);
    const start = await indexed();
    const total = RATE * SECONDS;
    const offerStart = Date.now();
    const achieved = await offerLoad(endpoints, topicPrefix);
    const offerEnd = Date.now();
    // The indexer may be far slower than the offered load; wait a bounded time for it.
    while ((await indexed()) - start < total && Date.now() - offerEnd < DRAIN_LIMIT_MS) {
      await new Promise((r) => setTimeout(r, 250));
    }
    const done = (await indexed()) - start;
    const drainedSeconds = (Date.now() - offerStart) / 1000;
    const hist = diffBuckets(readBuckets(await metricsText(), HIST), before);
    await feed.stop();
    const sorted = [...enrichedLatencies].sort((x, y) => x - y);
    const pct = (p: number) =>
      sorted.length ? `${sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]} ms` : 'n/a';
    const partial = done < total ? ' (of those indexed)' : '';
    return [
      { figure: 'offered load', value: `${RATE}/s × ${SECONDS} s (achieved ${Math.round(achieved)}/s)` },
      {
        figure: 'produce→enriched p50 / p99',
        value: `${pct(0.5)} / ${pct(0.99)} (${sorted.length} records)`,
      },
      {
        figure: 'indexed',
        value: `${done} of ${total} after ${drainedSeconds.toFixed(0)} s (${Math.round(done / drainedSeconds)}/s)`,
      },
      { figure: `produce→indexed p50${partial}`, value: percentile(hist, 0.5) },
      { figure: `produce→indexed p99${partial}`, value: percentile(hist, 0.99) },
    ];
  } finally {
    await observer.close();
    await service.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const { endpoints, stack } = await stackEndpoints();
  try {
    const rows = await throughput(endpoints);
    rows.push(...(await latency(endpoints)));
    report('kafka', rows, { cpus: os.cpus().length });
  } finally {
    await stack?.stop();
  }
}

(process.env.TXGRAPH_BENCH_SOURCE === '1' ? runSource() : main()).then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
