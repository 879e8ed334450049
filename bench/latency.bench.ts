import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { visit } from 'graphql';
import {
  TransactionEnrichedDocument,
  type TransactionEnrichedSubscription,
  type TransactionEnrichedSubscriptionVariables,
} from '../test/generated/graphql';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../src/app/logger';
import { loadConfig } from '../src/config/config';
import { createKafkaLog } from '../src/datasources/log/kafka';
import { TOPICS, type Consumer, type Log } from '../src/datasources/log/log';
import { seedDimensions } from '../src/synthetic/seed-dimensions';
import { report } from './bench-report';
import { diffBuckets, formatMs, percentile, quantile, readBuckets, sampleQuantile } from './histogram';
import { createEventSource, createPoster, offerPaced, postDimensions } from './ingest-load';
import { startServiceProcess, type ServiceProcess } from './service-process';
import { stackEndpoints } from './stack-endpoints';
import { openSubscriber, type BenchSubscriber } from './ws-subscriber';

/**
 * Ingest → subscription latency on the real stack (scripts/stack/: Kafka 4 KRaft, DynamoDB Local,
 * S3Proxy): the service runs as a process of its own on Kafka; this process offers RATE events/s
 * over HTTP (POST /v1/transactions, NDJSON, one POST per TICK_MS tick) and holds SUBSCRIBERS
 * graphql-ws subscribers (fraud key, transactionEnriched without filter, i.e. every event, with
 * merchant { id name } resolved through the shared live dimension loaders). One clock (performance.now() of this
 * process): latency = subscriber received the push − the POST carrying the event was sent; also
 * from the POST's answer (the event durably in Kafka). The first WARMUP seconds of load are not
 * counted. Goal (issue "latency"): p99 < 25 ms at 2,000 events/s.
 *
 * Stage breakdown (LATENCY_STAGES=0 to skip): a private Kafka reader in this process follows the
 * enriched topic and reads each record's stamps, all from the service's wall clock (ms): `arrival`
 * (timestamp of the raw record = when the ingest produce request was encoded), `enriched_at` (the
 * enrichment batch started) and the enriched record's own timestamp (its produce request encoded).
 *
 * usage: node dist/bench/latency.bench.js [RATE=2000] [SECONDS=30] [SUBSCRIBERS=4] [WARMUP=5] [TICK_MS=10]
 * TXGRAPH_IT_STACK_ENV=.stack/stack.env reuses a stack started with `npm run stack:up`.
 * Experiments: LATENCY_SERVICE_ENV="KAFKA_PARTITIONS=1 …" adds service settings (src/config);
 * LATENCY_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" adds node options to the service process;
 * LATENCY_QUERY=flat subscribes without the nested merchant (no dimension lookup per push).
 */
const RATE = Number(process.argv[2] ?? 2000);
const SECONDS = Number(process.argv[3] ?? 30);
const SUBSCRIBERS = Number(process.argv[4] ?? 4);
const WARMUP = Number(process.argv[5] ?? 5);
const TICK_MS = Number(process.argv[6] ?? 10);
const STAGES = process.env.LATENCY_STAGES !== '0';
const GOAL_P99_MS = 25;
const PARTITIONS = 8;
const FRAUD_KEY = 'bench-fraud-key';
const INGEST_KEY = 'bench-ingest-key';
/** 50 POSTs of 10 ms: half a second of load queued before the generator slows down. */
const MAX_POSTS_IN_FLIGHT = 50;
const DRAIN_LIMIT_MS = 60_000;
const FLAT = process.env.LATENCY_QUERY === 'flat';
/** What a push is read for: scalars, which both variants of the operation below select. */
type EnrichedPush = {
  transactionEnriched: Pick<TransactionEnrichedSubscription['transactionEnriched'], 'id' | 'enrichedAt'>;
};
type EnrichedDocument = TypedDocumentNode<EnrichedPush, TransactionEnrichedSubscriptionVariables>;
/**
 * The typed operation; LATENCY_QUERY=flat drops its nested objects (merchant { … }) to take the
 * dimension lookup (in memory, or a cached DynamoDB read) out of the push path, for comparison.
 */
const ENRICHED: EnrichedDocument = FLAT
  ? (visit(TransactionEnrichedDocument, {
      Field: (node) => (node.selectionSet && node.name.value !== 'transactionEnriched' ? null : undefined),
    }) as EnrichedDocument)
  : TransactionEnrichedDocument;
const VARIABLES: TransactionEnrichedSubscriptionVariables = {};

const dims = seedDimensions();
const PREFIX = 'lat';
const event = createEventSource(PREFIX, dims);
const idPrefix = `${PREFIX}-${process.pid}-`;
/** The event's sequence number (index into the per-event arrays), or -1 for somebody else's. */
const seqOf = (id: unknown): number =>
  typeof id === 'string' && id.startsWith(idPrefix) ? Number(id.slice(idPrefix.length)) : -1;

/**
 * Undone in reverse order on the way out, whether main ends, fails or is interrupted: SIGINT or
 * SIGTERM ends the current step (the load stops at once), then the same path stops the
 * subscribers, the service and the stack. A second signal exits at once; the stack's own watchdog
 * (up.sh --owner-pid) still stops its servers then.
 */
const cleanups: (() => Promise<void>)[] = [];
let interrupted: NodeJS.Signals | null = null;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) process.exit(signal === 'SIGINT' ? 130 : 143);
    interrupted = signal;
    console.error(`\n${signal}: stopping the service and the stack (again to exit at once)`);
  });
}
class Interrupted extends Error {}
/** Between steps: give up if a signal came. */
function checkpoint(): void {
  if (interrupted) throw new Interrupted(interrupted);
}

const words = (s: string | undefined) => (s ?? '').split(/\s+/).filter((w) => w !== '');

function nanArray(n: number): Float64Array {
  return new Float64Array(n).fill(NaN);
}

/** Sorted differences b[j] − a[j] over the events where both are known (and `keep(j)` holds). */
function diffs(a: Float64Array, b: Float64Array, keep: (j: number) => boolean): Float64Array {
  const out: number[] = [];
  for (let j = 0; j < a.length; j++) {
    if (!keep(j)) continue;
    const d = b[j]! - a[j]!;
    if (!Number.isNaN(d)) out.push(d);
  }
  return Float64Array.from(out).sort();
}

const spread = (sorted: Float64Array) =>
  `${quantile(sorted, 0.5)} / ${quantile(sorted, 0.99)} / ${quantile(sorted, 0.999)} / ${quantile(sorted, 1)}`;

async function cpuSeconds(pid: number): Promise<number> {
  // utime and stime, fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second on Linux).
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Main thread's CPU time and run-queue wait (runnable, but no CPU free) in seconds, from
 * /proc/<pid>/task/<pid>/schedstat: on a shared machine the wait is what the neighbours cost.
 */
async function schedSeconds(pid: number): Promise<{ run: number; wait: number }> {
  const [run, wait] = (await fs.readFile(`/proc/${pid}/task/${pid}/schedstat`, 'utf8'))
    .split(' ')
    .map(Number);
  return { run: run! / 1e9, wait: wait! / 1e9 };
}

/** Offset from this process's performance.now() to the wall clock (Date.now()) the service stamps with. */
function wallOffset(): number {
  // Taken right as Date.now() ticks over, so the integer ms does not blur it by up to 1 ms.
  const start = Date.now();
  let now = start;
  while (now === start) now = Date.now();
  return now - performance.now();
}

async function main(): Promise<void> {
  const { endpoints, stack } = await stackEndpoints();
  if (stack) cleanups.push(() => stack.stop());
  checkpoint();
  const id = randomBytes(4).toString('hex');
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'txgraph-latency-'));
  cleanups.push(() => fs.rm(dataDir, { recursive: true, force: true }));
  const topicPrefix = `bench-lat-${id}-`;
  const experiment = Object.fromEntries(
    words(process.env.LATENCY_SERVICE_ENV).map((kv) => [
      kv.slice(0, kv.indexOf('=')),
      kv.slice(kv.indexOf('=') + 1),
    ]),
  );
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    SOURCE_RATE: '0',
    LOG_LEVEL: 'info',
    API_KEYS: `${FRAUD_KEY}:fraud,${INGEST_KEY}:ingest`,
    // 100 POSTs/s from one key is the load itself, not abuse.
    RATE_LIMIT_PER_SECOND: '0',
    KAFKA_BROKERS: endpoints.brokers.join(','),
    KAFKA_TOPIC_PREFIX: topicPrefix,
    KAFKA_PARTITIONS: String(PARTITIONS),
    DYNAMODB_ENDPOINT: endpoints.dynamo,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    TABLE_PREFIX: `bench_lat_${id}_`,
    LAKE_URL: `s3://${endpoints.bucket}/bench/latency-${id}`,
    S3_ENDPOINT: endpoints.s3,
    ...experiment,
  };
  // The service parses the same variables; a bad experiment fails here with the service's message.
  const config = loadConfig(env);
  if (config.log.kind !== 'kafka') throw new Error('the latency bench needs Kafka');

  const service: ServiceProcess = await startServiceProcess({
    env,
    nodeArgs: words(process.env.LATENCY_NODE_ARGS),
  });
  cleanups.push(() => service.stop());
  checkpoint();
  const post = createPoster(service.url, INGEST_KEY);
  await postDimensions(post, dims);
  // The dimension cache (enrichment) and the dimension tables (DataLoader reads) take the seed.
  await new Promise((r) => setTimeout(r, 3000));
  checkpoint();

  const perTick = Math.max(1, Math.round((RATE * TICK_MS) / 1000));
  /** What is offered once RATE is rounded to whole events per tick. */
  const offeredRate = Math.round((perTick * 1000) / TICK_MS);
  const warmupTicks = Math.round((WARMUP * 1000) / TICK_MS);
  const ticks = warmupTicks + Math.round((SECONDS * 1000) / TICK_MS);
  const total = ticks * perTick;
  const firstMeasured = warmupTicks * perTick;
  const measured = (j: number) => j >= firstMeasured;
  const sentAt = nanArray(total);
  const ackedAt = nanArray(total);
  const delivered = Array.from({ length: SUBSCRIBERS }, () => nanArray(total));
  const enrichedAt = nanArray(total); // wall ms, stage observer or else the pushed payload
  const arrival = nanArray(total); // wall ms, stage observer
  const enrichedProduced = nanArray(total); // wall ms, stage observer
  const observedAt = nanArray(total); // performance.now(), stage observer
  let duplicates = 0;
  let foreign = 0;

  let observer: Log | undefined;
  let observerFeed: Consumer | undefined;
  if (STAGES) {
    observer = await createKafkaLog({
      brokers: endpoints.brokers,
      clientId: 'txgraph-bench-latency-observer',
      partitions: PARTITIONS,
      logger: silentLogger(),
      topicPrefix,
    });
    cleanups.push(() => observer!.close());
    observerFeed = await observer.consume(
      { groupId: null, topics: [TOPICS.enriched], fromBeginning: false },
      async (batch) => {
        const at = performance.now();
        for (const record of batch.records) {
          const tx = JSON.parse(record.value.toString('utf8')) as {
            transaction_id: string;
            arrival: string;
            enriched_at: string;
          };
          const j = seqOf(tx.transaction_id);
          if (j < 0 || j >= total || !Number.isNaN(observedAt[j]!)) continue;
          observedAt[j] = at;
          arrival[j] = Number(tx.arrival.slice(0, 13));
          enrichedAt[j] = Date.parse(tx.enriched_at);
          enrichedProduced[j] = record.timestamp;
        }
      },
    );
  }

  const wsUrl = `${service.url.replace(/^http/, 'ws')}/graphql`;
  const subscribers: BenchSubscriber[] = await Promise.all(
    delivered.map((times) =>
      openSubscriber({
        url: wsUrl,
        key: FRAUD_KEY,
        document: ENRICHED,
        variables: VARIABLES,
        onNext: (data, receivedAt) => {
          const tx = data.transactionEnriched;
          const j = seqOf(tx.id);
          if (j < 0 || j >= total) {
            foreign += 1;
            return;
          }
          if (!Number.isNaN(times[j]!)) {
            duplicates += 1;
            return;
          }
          times[j] = receivedAt;
          if (Number.isNaN(enrichedAt[j]!)) enrichedAt[j] = Date.parse(tx.enrichedAt);
        },
      }),
    ),
  );
  cleanups.push(async () => subscribers.forEach((s) => s.close()));
  await new Promise((r) => setTimeout(r, 1000));
  checkpoint();

  const metricsText = async () => (await fetch(`${service.url}/metrics`)).text();
  let metricsStart = '';
  const load = os.loadavg()[0]!;
  let measureStart = NaN;
  let lastSent = NaN;
  let serviceCpuStart = 0;
  let serviceSchedStart = { run: 0, wait: 0 };
  let benchSchedStart = { run: 0, wait: 0 };
  let benchCpuStart = process.cpuUsage();
  const offered = await offerPaced({
    post,
    event,
    rate: RATE,
    seconds: WARMUP + SECONDS,
    tickMs: TICK_MS,
    maxInFlight: MAX_POSTS_IN_FLIGHT,
    stopped: () => interrupted !== null,
    onSent: (rows, at, tick) => {
      if (tick === warmupTicks) {
        measureStart = at;
        benchCpuStart = process.cpuUsage();
        const ignore = () => undefined;
        metricsText().then((text) => (metricsStart = text), ignore);
        cpuSeconds(service.child.pid!).then((s) => (serviceCpuStart = s), ignore);
        schedSeconds(service.child.pid!).then((s) => (serviceSchedStart = s), ignore);
        schedSeconds(process.pid).then((s) => (benchSchedStart = s), ignore);
      }
      for (const row of rows) sentAt[seqOf(row['transaction_id'])] = at;
      lastSent = at;
    },
    onAcked: (rows, at) => {
      for (const row of rows) ackedAt[seqOf(row['transaction_id'])] = at;
    },
  });
  checkpoint();
  const measureEnd = performance.now();
  const serviceCpu = (await cpuSeconds(service.child.pid!)) - serviceCpuStart;
  const benchCpu = process.cpuUsage(benchCpuStart);
  const serviceSched = await schedSeconds(service.child.pid!);
  const benchSched = await schedSeconds(process.pid);
  const loadEnd = os.loadavg()[0]!;
  const metricsEnd = await metricsText();

  let accepted = 0;
  let sent = 0;
  for (let j = firstMeasured; j < total; j++) {
    if (!Number.isNaN(sentAt[j]!)) sent += 1;
    if (!Number.isNaN(ackedAt[j]!)) accepted += 1;
  }
  const expected = accepted * SUBSCRIBERS;
  const deliveredCount = () => {
    let n = 0;
    for (const times of delivered)
      for (let j = firstMeasured; j < total; j++)
        if (!Number.isNaN(times[j]!) && !Number.isNaN(ackedAt[j]!)) n++;
    return n;
  };
  // Drain: until every subscriber has every accepted event, or nothing moved for 5 s.
  const drainStart = performance.now();
  let last = -1;
  let lastMove = drainStart;
  for (;;) {
    checkpoint();
    const n = deliveredCount();
    if (n >= expected || performance.now() - drainStart > DRAIN_LIMIT_MS) break;
    if (n !== last) lastMove = performance.now();
    else if (performance.now() - lastMove > 5000) break;
    last = n;
    await new Promise((r) => setTimeout(r, 250));
  }
  const drainedSeconds = (performance.now() - drainStart) / 1000;
  const deliveredMeasured = deliveredCount();
  await observerFeed?.stop();

  // Latency over every (subscriber, event) delivery of the measured window.
  const fromSent: number[] = [];
  const fromAck: number[] = [];
  for (const times of delivered) {
    for (let j = firstMeasured; j < total; j++) {
      const t = times[j]!;
      if (Number.isNaN(t)) continue;
      fromSent.push(t - sentAt[j]!);
      if (!Number.isNaN(ackedAt[j]!)) fromAck.push(t - ackedAt[j]!);
    }
  }
  const sortedSent = Float64Array.from(fromSent).sort();
  const sortedAck = Float64Array.from(fromAck).sort();
  const p99 = sampleQuantile(sortedSent, 0.99);
  const pass = p99 < GOAL_P99_MS;
  const measuredSeconds = (measureEnd - measureStart) / 1000;
  const sendingSeconds = (lastSent + TICK_MS - measureStart) / 1000;

  // Stages, on the wall clock of the service (ms stamps), for the measured events.
  const offset = wallOffset();
  const wall = (perf: Float64Array) => perf.map((t) => t + offset);
  const sentWall = wall(sentAt);
  const firstDelivered = nanArray(total);
  for (const times of delivered) {
    for (let j = 0; j < total; j++) {
      if (times[j]! < firstDelivered[j]! || Number.isNaN(firstDelivered[j]!)) firstDelivered[j] = times[j]!;
    }
  }
  const firstDeliveredWall = wall(firstDelivered);
  const stage = (name: string, sorted: Float64Array) => ({ figure: name, value: spread(sorted) });
  const stages = [
    stage('POST round trip (sent → answer read)', diffs(sentAt, ackedAt, measured)),
    stage(
      'POST sent → enriched_at (ingest, raw produce, enrichment fetch)',
      diffs(sentWall, enrichedAt, measured),
    ),
    stage(
      'enriched_at → 1st subscriber (enriched produce, live feed, execute, ws)',
      diffs(enrichedAt, firstDeliveredWall, measured),
    ),
  ];
  if (STAGES) {
    stages.push(
      stage(
        '  POST sent → arrival (HTTP, validation, producer lock wait)',
        diffs(sentWall, arrival, measured),
      ),
      stage(
        '  arrival → enriched_at (raw produce ack, enrichment fetch)',
        diffs(arrival, enrichedAt, measured),
      ),
      stage(
        '  enriched_at → enriched record stamped (enrich, producer lock wait)',
        diffs(enrichedAt, enrichedProduced, measured),
      ),
      stage(
        "  enriched stamped → observer read (produce ack + a reader's fetch)",
        diffs(enrichedProduced, wall(observedAt), measured),
      ),
      stage(
        '  enriched stamped → 1st subscriber (… + live feed, execute, ws)',
        diffs(enrichedProduced, firstDeliveredWall, measured),
      ),
    );
  }

  // The service's own DynamoDB histogram: BatchGetItem serves the DataLoader (and the indexer's reads).
  const BATCH_GET = 'operation="BatchGetItemCommand"';
  const batchGets = diffBuckets(
    readBuckets(metricsEnd, 'txgraph_dynamodb_seconds', BATCH_GET),
    readBuckets(metricsStart, 'txgraph_dynamodb_seconds', BATCH_GET),
  );
  const counter = (text: string, name: string) =>
    Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
  const callCounts = (text: string) =>
    new Map(
      [...text.matchAll(/^txgraph_dynamodb_seconds_count\{operation="(\w+)"\} (\d+)$/gm)].map((m) => [
        m[1]!,
        Number(m[2]),
      ]),
    );
  const callsBefore = callCounts(metricsStart);
  const dynamoCalls = [...callCounts(metricsEnd)]
    .map(([op, n]) => [op.replace(/Command$/, ''), n - (callsBefore.get(op) ?? 0)] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  const closedEarly = subscribers.filter((s) => s.closedWith !== null);
  const slowClosed = counter(metricsEnd, 'txgraph_ws_slow_consumer_closed_total');
  const withErrors = subscribers.filter((s) => s.errors > 0);
  const pushErrors = withErrors.length
    ? `; pushes with errors: ${withErrors.reduce((n, s) => n + s.errors, 0)}, first: ${withErrors[0]!.firstError.slice(0, 300)}`
    : '';

  const rows: Record<string, string | number>[] = [
    {
      figure: 'offered',
      value: `${offeredRate}/s for ${SECONDS} s after ${WARMUP} s warm-up: ${perTick} events per POST, one POST per ${TICK_MS} ms tick (≤ ${MAX_POSTS_IN_FLIGHT} in flight)`,
    },
    {
      figure: 'achieved ingest rate',
      value: `${Math.round(sent / sendingSeconds)}/s sent, ${Math.round(accepted / measuredSeconds)}/s accepted (${sent - accepted} not accepted${offered.firstError ? `, first failure: ${offered.firstError}` : ''}); ${offered.lateTicks}/${offered.ticks} ticks > 1 ms late (max ${formatMs(offered.maxLateMs)})`,
    },
    {
      figure: 'subscribers',
      value: `${SUBSCRIBERS} × transactionEnriched, no filter (fraud key), ${FLAT ? 'flat (LATENCY_QUERY=flat: no merchant)' : 'with merchant { id name }'}`,
    },
    {
      figure: 'delivered / expected',
      value: `${deliveredMeasured} / ${expected}${duplicates ? ` (+${duplicates} duplicates)` : ''}; sockets closed early: ${closedEarly.length}${closedEarly.length ? ` (${closedEarly[0]!.closedWith} ${closedEarly[0]!.closedReason})` : ''} (slow-consumer closes: ${slowClosed}); drained ${drainedSeconds.toFixed(1)} s after the last POST${pushErrors}`,
    },
    { figure: 'POST sent → delivered p50 / p99 / p99.9 / max', value: spread(sortedSent) },
    { figure: 'POST answered → delivered p50 / p99 / p99.9 / max', value: spread(sortedAck) },
    {
      figure: `goal p99 < ${GOAL_P99_MS} ms (from POST sent)`,
      value: `${pass ? 'PASS' : 'FAIL'} (p99 ${formatMs(p99)})`,
    },
    ...stages,
    {
      figure: 'DynamoDB BatchGetItem in the service (DataLoader + indexer) p50 / p99',
      value: `${percentile(batchGets, 0.5)} / ${percentile(batchGets, 0.99)} over ${batchGets[batchGets.length - 1]?.count ?? 0} calls (bucket-interpolated)`,
    },
    {
      figure: 'DynamoDB calls by the service in the window',
      value: dynamoCalls.map(([op, n]) => `${op} ${n}`).join(', ') || 'none',
    },
    {
      figure: 'main thread waiting for a CPU (run queue), share of the window',
      value: `service ${Math.round(((serviceSched.wait - serviceSchedStart.wait) / measuredSeconds) * 100)}%, bench ${Math.round(((benchSched.wait - benchSchedStart.wait) / measuredSeconds) * 100)}% (running: service ${Math.round(((serviceSched.run - serviceSchedStart.run) / measuredSeconds) * 100)}%, bench ${Math.round(((benchSched.run - benchSchedStart.run) / measuredSeconds) * 100)}%)`,
    },
    {
      figure: 'CPU (measured window)',
      value: `service ${Math.round((serviceCpu / measuredSeconds) * 100)}% of a core, bench ${Math.round(((benchCpu.user + benchCpu.system) / 1e6 / measuredSeconds) * 100)}%; load average ${load.toFixed(2)} → ${loadEnd.toFixed(2)} on ${os.cpus().length} CPUs`,
    },
  ];
  report('latency', rows, {
    rate: offeredRate,
    seconds: SECONDS,
    warmup: WARMUP,
    tickMs: TICK_MS,
    subscribers: SUBSCRIBERS,
    stages: STAGES,
    experiment: { env: experiment, nodeArgs: words(process.env.LATENCY_NODE_ARGS) },
    deliveries: sortedSent.length,
    dynamoCalls: Object.fromEntries(dynamoCalls),
    foreignEvents: foreign,
    p50Ms: sampleQuantile(sortedSent, 0.5),
    p99Ms: p99,
    p999Ms: sampleQuantile(sortedSent, 0.999),
    maxMs: sampleQuantile(sortedSent, 1),
    p99SinceAckMs: sampleQuantile(sortedAck, 0.99),
    goalP99Ms: GOAL_P99_MS,
    pass,
  });
}

main()
  .catch((error: unknown) => {
    if (!(error instanceof Interrupted)) console.error(error);
    process.exitCode = interrupted === 'SIGINT' ? 130 : interrupted ? 143 : 1;
  })
  .finally(async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error('cleanup failed:', error);
      }
    }
    process.exit();
  });
