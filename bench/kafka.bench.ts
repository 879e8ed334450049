import 'reflect-metadata';
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../src/app/logger';
import { createMetrics } from '../src/app/metrics';
import { startService } from '../src/app/service';
import { loadConfig, type KafkaClient } from '../src/config/config';
import { topicSpecs } from '../src/datasources/log/create-log';
import { createKafkaLog, type KafkaLogOptions } from '../src/datasources/log/kafka';
import { TOPICS, type Log, type LogMessage } from '../src/datasources/log/log';
import { createPlatformaticKafkaLog } from '../src/datasources/log/platformatic-kafka';
import { createRiskConfig } from '../src/domain/risk-rules';
import { seedDimensions } from '../src/synthetic/seed-dimensions';
import { createEnrichmentWorker } from '../src/workers/enrichment-worker';
import { report } from './bench-report';
import { stackEndpoints, type StackEndpoints } from './stack-endpoints';
import { diffBuckets, percentile, readBuckets } from './histogram';

/**
 * The production path on real servers (scripts/stack/: Kafka 4 KRaft, DynamoDB Local, S3Proxy),
 * for both Kafka clients (KAFKA_CLIENT=kafkajs|platformatic) on the same broker in the same run:
 * 1. raw consume rate of `transactions` through the client's log adapter with a no-op handler:
 *    the ceiling for anything that reads the topic with this client;
 * 2. enrichment throughput, raw → enriched topic, over the same records in the same run, and its
 *    ratio to the ceiling; beside it the same pipeline with an identity handler (pass-through),
 *    which separates what the adapter costs from what enrichment itself costs;
 * 3. produce→indexed latency of the whole service at a fixed offered load, from the service's
 *    own histogram (bucket-interpolated), for one client (BENCH_LATENCY_CLIENT), once per index
 *    write path (BENCH_INDEX_WRITES: INDEX_WRITES=single and =transact), one after the other.
 * Figures 1–2 run BENCH_ROUNDS times per client, alternating which client goes first (the broker
 * and the shared JIT warm up under whoever runs first). Rates: the best round, as in enrich.bench;
 * ratios: the mean of the per-round ratios.
 * usage: node dist/bench/kafka.bench.js [N=100000] [RATE=2000] [SECONDS=20]
 * env: BENCH_ROUNDS=2, BENCH_CLIENTS=kafkajs,platformatic,
 *      BENCH_LATENCY_CLIENT=kafkajs (or platformatic, or none to skip part 3),
 *      BENCH_INDEX_WRITES=single,transact
 * TXGRAPH_IT_STACK_ENV=.stack/stack.env reuses a stack started with `npm run stack:up`.
 */
const N = Number(process.argv[2] ?? 100_000);
const RATE = Number(process.argv[3] ?? 2000);
const SECONDS = Number(process.argv[4] ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CLIENTS = (process.env.BENCH_CLIENTS ?? 'kafkajs,platformatic').split(',') as KafkaClient[];
const LATENCY_CLIENT = (process.env.BENCH_LATENCY_CLIENT ?? 'kafkajs') as KafkaClient | 'none';
const INDEX_WRITES = (process.env.BENCH_INDEX_WRITES ?? 'single,transact').split(',');
const PARTITIONS = 8;
const COPY_TOPIC = 'bench_copy';
const HIST = 'txgraph_ingest_to_indexed_seconds';
const KEY = 'bench-admin-key';
const DRAIN_LIMIT_MS = Number(process.env.BENCH_DRAIN_LIMIT_MS ?? 60_000);

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

function createLog(client: KafkaClient, options: KafkaLogOptions): Promise<Log> {
  return client === 'platformatic' ? createPlatformaticKafkaLog(options) : createKafkaLog(options);
}

interface Throughput {
  produce: number;
  raw: number;
  enrich: number;
  pass: number;
  /** consume() / enrichment start to the first record: group join, dimension load (in the rates). */
  rawFirstMs: number;
  enrichFirstMs: number;
}

async function throughput(endpoints: StackEndpoints, client: KafkaClient): Promise<Throughput> {
  const logger = silentLogger();
  const topicPrefix = `bench-${randomBytes(4).toString('hex')}-`;
  const log = await createLog(client, {
    brokers: endpoints.brokers,
    clientId: 'txgraph-bench',
    partitions: PARTITIONS,
    logger,
    topicPrefix,
  });
  await log.ensureTopics([...topicSpecs(PARTITIONS), { name: COPY_TOPIC, partitions: PARTITIONS }]);
  await produceDimensions(log);

  trace(`${client} produce`);
  const produceStart = Date.now();
  for (let i = 0; i < N; i += 2000) {
    await log.produce(TOPICS.transactions, Array.from({ length: Math.min(2000, N - i) }, event));
  }
  const produceSeconds = (Date.now() - produceStart) / 1000;

  // Ceiling: the same topic, the same adapter, a handler that does nothing.
  trace(`${client} raw`);
  const rawStart = Date.now();
  let rawSeen = 0;
  let rawFirst = 0;
  const raw = await log.consume(
    { groupId: 'bench-raw', topics: [TOPICS.transactions], fromBeginning: true },
    async (b) => {
      rawFirst ||= Date.now();
      rawSeen += b.records.length;
    },
  );
  await raw.whenCaughtUp();
  const rawSeconds = (Date.now() - rawStart) / 1000;
  await raw.stop();

  // Pass-through: the enrichment pipeline's shape (consume, produce per batch, read back) with an
  // identity handler: what the adapter alone allows, before any enrichment work.
  const pass = await readBack(log, COPY_TOPIC);
  trace(`${client} pass`);
  const passStart = Date.now();
  const copier = await log.consume(
    { groupId: 'bench-pass', topics: [TOPICS.transactions], fromBeginning: true },
    async (b) => {
      await log.produce(
        COPY_TOPIC,
        b.records.map((r) => ({ key: r.key, value: r.value })),
      );
    },
  );
  await pass.done;
  const passSeconds = (Date.now() - passStart) / 1000;
  await copier.stop();
  await pass.consumer.stop();

  // Enrichment: raw → enriched topic, timed until every enriched record has been read back.
  const enrichment = createEnrichmentWorker({
    log,
    risk: createRiskConfig({}),
    logger,
    metrics: createMetrics(),
  });
  const enriched = await readBack(log, TOPICS.enriched);
  trace(`${client} enrich`);
  const enrichStart = Date.now();
  await enrichment.start();
  await enriched.done;
  const enrichSeconds = (Date.now() - enrichStart) / 1000;
  trace(`${client} end`);
  await enrichment.stop();
  await enriched.consumer.stop();
  await log.close();
  return {
    produce: Math.round(N / produceSeconds),
    raw: Math.round(rawSeen / rawSeconds),
    enrich: Math.round(N / enrichSeconds),
    pass: Math.round(N / passSeconds),
    rawFirstMs: rawFirst - rawStart,
    enrichFirstMs: enriched.first() - enrichStart,
  };
}

/** A private reader counting `topic` from the beginning; `done` resolves at N records. */
async function readBack(log: Log, topic: string) {
  let seen = 0;
  let first = 0;
  let done!: () => void;
  const all = new Promise<void>((resolve) => (done = resolve));
  const consumer = await log.consume({ groupId: null, topics: [topic], fromBeginning: true }, async (b) => {
    first ||= Date.now();
    seen += b.records.length;
    if (seen >= N) done();
  });
  return { consumer, done: all, first: () => first };
}

/** Phase marks on the clock of `node --cpu-prof` profiles (µs), to cut a profile into phases. */
function trace(label: string): void {
  if (process.env.BENCH_TRACE === '1') console.error(`trace ${label} ${process.hrtime.bigint() / 1000n}`);
}

/** Every client ROUNDS times, the first client of a round alternating; the best round per figure. */
async function compareClients(endpoints: StackEndpoints) {
  const rounds: Record<string, Throughput>[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? CLIENTS : [...CLIENTS].reverse();
    const round: Record<string, Throughput> = {};
    for (const client of order) {
      round[client] = await throughput(endpoints, client);
      console.error(`round ${r + 1} ${client}: ${JSON.stringify(round[client])}`);
    }
    rounds.push(round);
  }
  const best = (client: KafkaClient, figure: keyof Throughput) =>
    Math.max(...rounds.map((round) => round[client][figure]));
  // A ratio compares figures of one round (same broker state, same neighbours), never the best
  // of one round with the best of another.
  const meanRatio = (client: KafkaClient, figure: 'enrich' | 'pass') =>
    rounds.reduce((sum, round) => sum + round[client][figure] / round[client].raw, 0) / rounds.length;
  const percent = (ratio: number) => `${(100 * ratio).toFixed(1)} %`;
  const row = (figure: string, value: (client: KafkaClient) => string | number) => ({
    figure,
    ...Object.fromEntries(CLIENTS.map((c) => [c, value(c)])),
  });
  const rows: Record<string, string | number>[] = [
    row('events (per client and round)', () => N),
    row(`produce events/s (idempotent, acks=all, ${PARTITIONS} partitions)`, (c) => best(c, 'produce')),
    row('raw consume events/s (same topic, same client; ceiling)', (c) => best(c, 'raw')),
    row('pass-through events/s (raw → copy topic, identity handler)', (c) => best(c, 'pass')),
    row('enrichment events/s (raw → enriched topic)', (c) => best(c, 'enrich')),
    row('enrichment / ceiling (mean of per-round ratios)', (c) => percent(meanRatio(c, 'enrich'))),
    row('enrichment / ceiling (per round)', (c) =>
      rounds.map((round) => percent(round[c].enrich / round[c].raw)).join(', '),
    ),
    row('pass-through / ceiling (mean of per-round ratios)', (c) => percent(meanRatio(c, 'pass'))),
    row('start to first record, raw / enrichment (ms, per round)', (c) =>
      rounds.map((round) => `${round[c].rawFirstMs} / ${round[c].enrichFirstMs}`).join(', '),
    ),
  ];
  return { rows, rounds };
}

/**
 * The offered load comes from a child process: produced from the service's own event loop, it
 * would be throttled by the very work it is measuring.
 */
async function offerLoad(endpoints: StackEndpoints, topicPrefix: string): Promise<number> {
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

async function latency(
  endpoints: StackEndpoints,
  client: KafkaClient,
  indexWrites: string,
): Promise<Record<string, string | number>[]> {
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
    KAFKA_CLIENT: client,
    KAFKA_TOPIC_PREFIX: topicPrefix,
    KAFKA_PARTITIONS: String(PARTITIONS),
    DYNAMODB_ENDPOINT: endpoints.dynamo,
    AWS_REGION: 'us-east-1',
    TABLE_PREFIX: `bench_${id}_`,
    LAKE_URL: `s3://${endpoints.bucket}/bench/${id}`,
    S3_ENDPOINT: endpoints.s3,
    INDEX_WRITES: indexWrites,
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
    // The service ran on `client`; the load source and the observer stay on kafkajs, a constant.
    const row = (figure: string, value: string | number) => ({
      figure: `${figure} [service on ${client}, INDEX_WRITES=${indexWrites}]`,
      [client]: value,
    });
    return [
      row('offered load', `${RATE}/s × ${SECONDS} s (achieved ${Math.round(achieved)}/s)`),
      row('produce→enriched p50 / p99', `${pct(0.5)} / ${pct(0.99)} (${sorted.length} records)`),
      row(
        'indexed',
        `${done} of ${total} after ${drainedSeconds.toFixed(0)} s (${Math.round(done / drainedSeconds)}/s)`,
      ),
      row(`produce→indexed p50${partial}`, percentile(hist, 0.5)),
      row(`produce→indexed p99${partial}`, percentile(hist, 0.99)),
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
    // Load average next to the figures: on a shared 2-core machine it explains most of the spread.
    const loadBefore = os.loadavg();
    const { rows, rounds } = await compareClients(endpoints);
    if (LATENCY_CLIENT !== 'none') {
      for (const mode of INDEX_WRITES) rows.push(...(await latency(endpoints, LATENCY_CLIENT, mode)));
    }
    report('kafka', rows, {
      cpus: os.cpus().length,
      loadavg: { before: loadBefore, after: os.loadavg() },
      rounds,
    });
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
