import { createDimensionCache } from '../src/domain/dimension-cache';
import { formatArrival } from '../src/domain/current-state';
import { enrich } from '../src/domain/enrich';
import { createRiskConfig } from '../src/domain/risk-rules';
import { parseRawEvent } from '../src/domain/validation';
import { DIMENSION_KINDS } from '../src/domain/types';
import type { RecordBatch } from '../src/datasources/log/log';
import { seedDimensions } from '../src/synthetic/seed-dimensions';
import { enrichBatch } from '../src/workers/enrichment-worker';
import { report } from './bench-report';

/**
 * Pure enrichment on one core: raw bytes → validated → joined → scored → enriched bytes, against
 * the floor of any JS pipeline (JSON.parse + JSON.stringify of the same events), same run.
 *
 * Usage: enrich.bench.js [events = 200000] [rounds = 5]. The paths are timed in interleaved
 * rounds, so a burst of load from other processes hits all of them alike; both the best and the
 * median round are reported, and the ratio from each. On a shared machine wall-clock time also
 * counts whatever else ran meanwhile, so the floor and the full path are measured once more by
 * this process's CPU time, alternating in chunks of 10,000 events (the "cpu" column).
 */
const N = Number(process.argv[2] ?? 200_000);
const ROUNDS = Number(process.argv[3] ?? 5);
const dims = seedDimensions();
const cache = createDimensionCache();
for (const kind of DIMENSION_KINDS) for (const row of dims[kind]) cache.upsert(kind, row as never);
const risk = createRiskConfig();
const currencies = ['USD', 'EUR', 'GBP', 'CAD'];
const records = Array.from({ length: N }, (_, i) => ({
  topic: 'transactions',
  partition: i % 8,
  offset: String(i),
  timestamp: 1_780_000_000_000 + i,
  key: null,
  headers: {},
  value: Buffer.from(
    JSON.stringify({
      transaction_id: `bench-${i}`,
      user_id: dims.users[i % dims.users.length]!.user_id,
      merchant_id: dims.merchants[i % dims.merchants.length]!.merchant_id,
      payment_method_id: dims.payment_methods[i % dims.payment_methods.length]!.payment_method_id,
      product_id: i % 3 === 0 ? null : dims.products[i % dims.products.length]!.product_id,
      amount: `${(i % 5000) + 1}.${String(i % 100).padStart(2, '0')}`,
      currency: currencies[i % 4],
      transaction_type: i % 10 === 0 ? 'refund' : 'purchase',
      timestamp: 1_780_000_000_000 + i * 1000,
      status: 'completed',
      fraud_flag: i % 97 === 0,
      metadata: { channel: 'web' },
    }),
  ),
}));
const batches: RecordBatch[] = [];
for (let i = 0; i < N; i += 500)
  batches.push({ topic: 'transactions', partition: 0, records: records.slice(i, i + 500) });
const now = new Date(1_790_000_000_000);

function timeIt(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function runEnrich() {
  let n = 0;
  for (const b of batches) n += enrichBatch(b, cache, risk, now).enriched.length;
  if (n !== N) throw new Error(`enriched ${n} of ${N}`);
}
const validated = records.map((r) => {
  const v = parseRawEvent(r.value, { nowMs: now.getTime() });
  if (!v.ok) throw new Error(v.error.message);
  return { ...v.value, arrival: formatArrival(r.timestamp, r.partition, r.offset) };
});
function runEnrichOnly() {
  let flagged = 0;
  for (const v of validated) if (enrich(v, cache, risk, now).flagged) flagged++;
  if (flagged < 0) throw new Error('unreachable');
}
function runValidateOnly() {
  let ok = 0;
  for (const r of records) if (parseRawEvent(r.value, { nowMs: now.getTime() }).ok) ok++;
  if (ok !== N) throw new Error(`validated ${ok} of ${N}`);
}
function runBaseline() {
  let bytes = 0;
  for (const r of records) bytes += Buffer.byteLength(JSON.stringify(JSON.parse(r.value.toString('utf8'))));
  if (bytes === 0) throw new Error('no bytes');
}

// Warm up every path so the JIT has compiled them before timing.
runEnrich();
runBaseline();
runEnrichOnly();
runValidateOnly();

const paths = {
  floor: { label: 'JSON.parse + JSON.stringify (floor)', run: runBaseline, seconds: [] as number[] },
  full: { label: 'parse + validate + enrich + serialise', run: runEnrich, seconds: [] as number[] },
  validate: {
    label: 'parseRawEvent alone (bytes → validated)',
    run: runValidateOnly,
    seconds: [] as number[],
  },
  enrich: { label: 'enrich() alone (validated → enriched)', run: runEnrichOnly, seconds: [] as number[] },
};
for (let i = 0; i < ROUNDS; i++) for (const path of Object.values(paths)) path.seconds.push(timeIt(path.run));

/** CPU seconds of the floor and the full path over all events, alternating chunk by chunk. */
function cpuSeconds(): { floor: number; full: number } {
  const cpu = () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1e6;
  };
  const batchesPerChunk = 20;
  let floor = 0;
  let full = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (let first = 0; first < batches.length; first += batchesPerChunk) {
      const chunk = batches.slice(first, first + batchesPerChunk);
      let start = cpu();
      for (const b of chunk) enrichBatch(b, cache, risk, now);
      full += cpu() - start;
      start = cpu();
      for (const b of chunk)
        for (const r of b.records) Buffer.byteLength(JSON.stringify(JSON.parse(r.value.toString('utf8'))));
      floor += cpu() - start;
    }
  }
  return { floor, full };
}
const byCpu = cpuSeconds();
const cpuRate = (seconds: number) => Math.round((N * ROUNDS) / seconds);

const best = (seconds: number[]) => N / Math.min(...seconds);
const median = (seconds: number[]) => {
  const sorted = [...seconds].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return N / (sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2);
};
const percent = (x: number) => `${(x * 100).toFixed(1)} %`;
report(
  'enrich',
  [
    ...Object.entries(paths).map(([name, p]) => ({
      path: p.label,
      'events/s': Math.round(best(p.seconds)),
      median: Math.round(median(p.seconds)),
      cpu: name === 'floor' ? cpuRate(byCpu.floor) : name === 'full' ? cpuRate(byCpu.full) : '',
      rounds: ROUNDS,
    })),
    {
      path: 'ratio enrich / floor',
      'events/s': percent(best(paths.full.seconds) / best(paths.floor.seconds)),
      median: percent(median(paths.full.seconds) / median(paths.floor.seconds)),
      cpu: percent(byCpu.floor / byCpu.full),
      rounds: ROUNDS,
    },
  ],
  { events: N, rounds: ROUNDS },
);
