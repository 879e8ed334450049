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
 */
const N = Number(process.argv[2] ?? 200_000);
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

// Warm up both paths so the JIT has compiled them before timing.
runEnrich();
runBaseline();
runEnrichOnly();
runValidateOnly();
const rounds = 3;
let enrichBest = Infinity;
let baseBest = Infinity;
let onlyBest = Infinity;
let validateBest = Infinity;
for (let i = 0; i < rounds; i++) {
  baseBest = Math.min(baseBest, timeIt(runBaseline));
  enrichBest = Math.min(enrichBest, timeIt(runEnrich));
  onlyBest = Math.min(onlyBest, timeIt(runEnrichOnly));
  validateBest = Math.min(validateBest, timeIt(runValidateOnly));
}
const enrichRate = N / enrichBest;
const baseRate = N / baseBest;
report(
  'enrich',
  [
    { path: 'JSON.parse + JSON.stringify (floor)', 'events/s': Math.round(baseRate), 'best of': rounds },
    { path: 'parse + validate + enrich + serialise', 'events/s': Math.round(enrichRate), 'best of': rounds },
    {
      path: 'parseRawEvent alone (bytes → validated)',
      'events/s': Math.round(N / validateBest),
      'best of': rounds,
    },
    {
      path: 'enrich() alone (validated → enriched)',
      'events/s': Math.round(N / onlyBest),
      'best of': rounds,
    },
    {
      path: 'ratio enrich / floor',
      'events/s': `${((enrichRate / baseRate) * 100).toFixed(1)} %`,
      'best of': rounds,
    },
  ],
  { events: N },
);
