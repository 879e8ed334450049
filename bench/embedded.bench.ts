import 'reflect-metadata';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../src/app/logger';
import { startService } from '../src/app/service';
import { loadConfig } from '../src/config/config';
import { seedDimensions } from '../src/synthetic/seed-dimensions';
import { report } from './bench-report';
import { diffBuckets, percentile, readBuckets } from './histogram';

/**
 * The embedded default end to end (HTTP ingest → log → enrichment → indexer + archiver):
 * 1. sustained throughput: N events offered as fast as ingest takes them, timed until indexed and
 *    until archived (raw and enriched rows in Parquet files that landed in the lake, at the default
 *    LAKE_FLUSH_MS, so up to one flush interval of buffering counts too);
 * 2. latency: a fixed offered load (RATE events/s for SECONDS), ingest→indexed percentiles from
 *    the service's own histogram (bucket-interpolated), so queueing of phase 1 does not count.
 * usage: node dist/bench/embedded.bench.js [N=20000] [RATE=200] [SECONDS=15]
 */
const N = Number(process.argv[2] ?? 20_000);
const RATE = Number(process.argv[3] ?? 200);
const SECONDS = Number(process.argv[4] ?? 15);
const KEY = 'bench-admin-key';
const HIST = 'txgraph_ingest_to_indexed_seconds';

async function main() {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'txgraph-bench-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    SOURCE_RATE: '0',
    LOG_LEVEL: 'silent',
    API_KEYS: `${KEY}:admin`,
  });
  const service = await startService(config, silentLogger());
  const post = (p: string, body: string) =>
    fetch(`${service.url}${p}`, { method: 'POST', headers: { authorization: `Bearer ${KEY}` }, body }).then(
      (r) => r.json(),
    );
  const metricsText = async () => (await fetch(`${service.url}/metrics`)).text();
  const counter = (text: string, series: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? 0 : Number(line.slice(series.length + 1));
  };
  const indexed = async () =>
    counter(await metricsText(), 'txgraph_events_out_total{worker="indexer",sink="TransactionIndex"}');
  // The archiver counts rows once the file holding them is in the lake; both datasets must be there.
  const archived = async () => {
    const text = await metricsText();
    return Math.min(
      counter(text, 'txgraph_events_out_total{worker="archiver",sink="lake_raw"}'),
      counter(text, 'txgraph_events_out_total{worker="archiver",sink="lake_enriched"}'),
    );
  };
  const dims = seedDimensions();
  for (const kind of ['users', 'merchants', 'payment_methods', 'products', 'fx_rates'] as const) {
    await post(`/v1/dimensions/${kind}`, dims[kind].map((d) => JSON.stringify(d)).join('\n'));
  }
  await new Promise((r) => setTimeout(r, 1000));
  let seq = 0;
  const event = () => {
    const j = seq++;
    return JSON.stringify({
      transaction_id: `eb-${j}`,
      user_id: dims.users[j % 2000]!.user_id,
      merchant_id: dims.merchants[j % 300]!.merchant_id,
      payment_method_id: 'pm-00001',
      amount: `${(j % 900) + 1}.25`,
      currency: j % 3 ? 'USD' : 'EUR',
      transaction_type: 'purchase',
      timestamp: Date.now(),
      status: 'completed',
    });
  };

  // Phase 1: sustained throughput.
  const start = Date.now();
  for (let i = 0; i < N; i += 1000) {
    await post('/v1/transactions', Array.from({ length: Math.min(1000, N - i) }, event).join('\n'));
  }
  const ingestedAt = Date.now();
  let indexedAt = 0;
  let archivedAt = 0;
  while (indexedAt === 0 || archivedAt === 0) {
    if (indexedAt === 0 && (await indexed()) >= N) indexedAt = Date.now();
    if (archivedAt === 0 && (await archived()) >= N) archivedAt = Date.now();
    await new Promise((r) => setTimeout(r, 50));
  }
  const elapsed = (indexedAt - start) / 1000;
  const elapsedArchived = (archivedAt - start) / 1000;

  // Phase 2: latency at a fixed offered load, 10 ticks a second.
  const before = readBuckets(await metricsText(), HIST);
  const target = N + RATE * SECONDS;
  const perTick = RATE / 10;
  for (let t = 0; t < SECONDS * 10; t++) {
    const tickStart = Date.now();
    await post('/v1/transactions', Array.from({ length: perTick }, event).join('\n'));
    await new Promise((r) => setTimeout(r, Math.max(0, 100 - (Date.now() - tickStart))));
  }
  while ((await indexed()) < target) await new Promise((r) => setTimeout(r, 50));
  const latency = diffBuckets(readBuckets(await metricsText(), HIST), before);

  report('embedded', [
    { figure: 'burst events', value: N },
    { figure: 'HTTP ingest accepted events/s (burst)', value: Math.round(N / ((ingestedAt - start) / 1000)) },
    { figure: 'sustained ingest→indexed events/s', value: Math.round(N / elapsed) },
    { figure: 'sustained ingest→archived events/s', value: Math.round(N / elapsedArchived) },
    { figure: `offered load for latency`, value: `${RATE}/s × ${SECONDS} s` },
    { figure: 'ingest→indexed p50', value: percentile(latency, 0.5) },
    { figure: 'ingest→indexed p99', value: percentile(latency, 0.99) },
  ]);
  await service.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
