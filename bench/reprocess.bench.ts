import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { silentLogger } from '../src/app/logger';
import { createDynamoClients } from '../src/datasources/dynamo/client';
import { createTables } from '../src/datasources/dynamo/create-tables';
import { createDailyStatsWriter, type DailyStatsWriter } from '../src/datasources/dynamo/daily-stats-writer';
import { createDimensionTables, type DimensionTables } from '../src/datasources/dynamo/dimension-tables';
import { startEmbeddedDynamo } from '../src/datasources/dynamo/embedded-dynamo';
import { tableNames } from '../src/datasources/dynamo/table-names';
import {
  createTransactionIndexReader,
  type TransactionIndexReader,
} from '../src/datasources/dynamo/transaction-index-reader';
import {
  createTransactionIndexWriter,
  type TransactionIndexWriter,
} from '../src/datasources/dynamo/transaction-index-writer';
import { createDiskLakeStore } from '../src/datasources/lake/disk-lake-store';
import type { LakeStore } from '../src/datasources/lake/lake-store';
import { encodeRawRows, partFileKey, type RawLakeRow } from '../src/datasources/lake/parquet';
import { formatArrival } from '../src/domain/current-state';
import { createRiskConfig } from '../src/domain/risk-rules';
import type { DimensionKind } from '../src/domain/types';
import { seedDimensions } from '../src/synthetic/seed-dimensions';
import { createReprocessJob, type ReprocessSummary } from '../src/workers/reprocess/reprocess-job';
import { report } from './bench-report';

/**
 * The reprocess job over a generated raw lake, next to DuckDB scanning the same files.
 * usage: node dist/bench/reprocess.bench.js [ROWS=1000000] [DAYS=30] [DYNAMO_ROWS=3000]
 * The lake is generated once per (ROWS, DAYS) under $TMPDIR/txgraph-reprocess-bench-… and reused.
 *  1. lake pass: the whole range, the job's own work (read + decode, current state, re-enrich,
 *     encode and write the version files) with DynamoDB stubbed out, plus peak RSS per day;
 *  2. end to end with the real sinks on the embedded DynamoDB (dynalite), over a DYNAMO_ROWS lake;
 *  3. DuckDB: scan + group the same raw files by (user_id, day), and the same with current states.
 */
const ROWS = Number(process.argv[2] ?? 1_000_000);
const DAYS = Number(process.argv[3] ?? 30);
const FIRST_DAY = Date.parse('2026-01-01T00:00:00Z');
const ROWS_PER_FILE = 20_000;
const DYNAMO_ROWS = Number(process.argv[4] ?? 3000);
const dims = seedDimensions();

function dayOf(i: number): string {
  return new Date(FIRST_DAY + i * 86_400_000).toISOString().slice(0, 10);
}

async function generate(lakeDir: string, ROWS: number, DAYS: number): Promise<void> {
  const marker = path.join(lakeDir, '_COMPLETE');
  if (fs.existsSync(marker)) return;
  fs.rmSync(lakeDir, { recursive: true, force: true });
  const lake = createDiskLakeStore(lakeDir);
  const started = Date.now();
  const perDay = Math.ceil(ROWS / DAYS);
  let written = 0;
  for (let d = 0; d < DAYS && written < ROWS; d++) {
    const day = dayOf(d);
    const n = Math.min(perDay, ROWS - written);
    let file: RawLakeRow[] = [];
    for (let i = 0; i < n; i++) {
      const j = written + i;
      // ~3 % re-deliveries and ~2 % corrections of an earlier transaction of the same day.
      const id = j % 33 === 0 && i > 0 ? `b-${j - 1}` : `b-${j}`;
      const version = j % 50 === 0 && i > 0 ? 1 : 0;
      const logMs = FIRST_DAY + d * 86_400_000 + i * 50;
      file.push({
        transaction_id: version === 1 ? `b-${j - 7}` : id,
        user_id: dims.users[(j * 7919) % dims.users.length]!.user_id,
        merchant_id: dims.merchants[j % dims.merchants.length]!.merchant_id,
        payment_method_id: dims.payment_methods[j % dims.payment_methods.length]!.payment_method_id,
        product_id: null,
        amount: `${(j % 2000) + 1}.${String(j % 100).padStart(2, '0')}`,
        currency: ['USD', 'EUR', 'GBP'][j % 3]!,
        transaction_type: j % 10 === 0 ? 'refund' : 'purchase',
        timestamp: new Date(logMs).toISOString(),
        status: j % 17 === 0 ? 'pending' : 'completed',
        fraud_flag: j % 97 === 0,
        metadata: null,
        version,
        raw: '{}',
        raw_base64: false,
        valid: true,
        reject_reason: null,
        reject_message: null,
        source_topic: 'transactions',
        source_partition: j % 8,
        source_offset: String(j),
        log_timestamp: new Date(logMs).toISOString(),
        arrival: formatArrival(logMs, j % 8, String(j)),
      });
      if (file.length === ROWS_PER_FILE || i === n - 1) {
        for (const type of ['purchase', 'refund'] as const) {
          const rows = file.filter((r) => r.transaction_type === type);
          const key = partFileKey({
            dataset: 'raw',
            day,
            eventType: type,
            writerId: 'bench',
            firstLogTimestampMs: i,
          });
          if (rows.length > 0) await lake.put(key, await encodeRawRows(rows));
        }
        file = [];
      }
    }
    written += n;
    process.stderr.write(
      `\rgenerating lake: ${written.toLocaleString('en-US')}/${ROWS.toLocaleString('en-US')} rows`,
    );
  }
  fs.writeFileSync(
    marker,
    JSON.stringify({ rows: ROWS, days: DAYS, seconds: (Date.now() - started) / 1000 }),
  );
  process.stderr.write('\n');
}

function stubDimensions(): DimensionTables {
  return {
    async *scan(kind: DimensionKind) {
      yield dims[kind] as never;
    },
  } as unknown as DimensionTables;
}

/** Sinks that accept everything instantly: what is left is the job's own cost. */
function stubSinks() {
  const reader = { current: async () => new Map() } as unknown as TransactionIndexReader;
  const index = {
    apply: async (records: readonly unknown[]) => ({
      applied: records.length,
      stale: 0,
      userDays: [],
      merchantDays: [],
      left: new Map(),
    }),
  } as unknown as TransactionIndexWriter;
  const stats = {
    merchantsWithStats: async () => [],
    recomputeUserDays: async (keys: readonly unknown[]) => keys.map(() => 'put'),
    recomputeMerchantDays: async (keys: readonly unknown[]) => keys.map(() => 'put'),
  } as unknown as DailyStatsWriter;
  return { reader, index, stats };
}

async function lakePass(
  lake: LakeStore,
): Promise<{ summary: ReprocessSummary; peakRss: number; rssByDay: number[] }> {
  const { reader, index, stats } = stubSinks();
  const job = createReprocessJob({
    lake,
    dimensions: stubDimensions(),
    index,
    reader,
    newStatsWriter: () => stats,
    risk: createRiskConfig(),
    logger: silentLogger(),
  });
  let peakRss = 0;
  const rssByDay: number[] = [];
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 50);
  const summary = await job.run({
    from: dayOf(0),
    to: dayOf(DAYS - 1),
    runId: `bench-${Date.now()}`,
    // A fake terminal: each redraw samples memory and notes the days done.
    progress: {
      isTTY: true,
      write(text: string) {
        sample();
        const done = /days (\d+)\//.exec(text);
        if (done)
          rssByDay[Number(done[1])] = Math.max(rssByDay[Number(done[1])] ?? 0, process.memoryUsage().rss);
        return true;
      },
    },
  });
  clearInterval(timer);
  return { summary, peakRss, rssByDay };
}

async function dynamoDay(lake: LakeStore, dataDir: string): Promise<ReprocessSummary> {
  const dynamo = await startEmbeddedDynamo(dataDir);
  const clients = createDynamoClients({
    endpoint: dynamo.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  try {
    const tables = tableNames('');
    await createTables(clients.raw, tables);
    const deps = { doc: clients.doc, tables };
    const dimensions = createDimensionTables(deps);
    for (const kind of ['users', 'merchants', 'payment_methods', 'products', 'fx_rates'] as const) {
      await dimensions.put(kind, dims[kind] as never);
    }
    const job = createReprocessJob({
      lake,
      dimensions,
      index: createTransactionIndexWriter(deps),
      reader: createTransactionIndexReader(deps),
      newStatsWriter: () => createDailyStatsWriter(deps),
      risk: createRiskConfig(),
      logger: silentLogger(),
    });
    return await job.run({ from: dayOf(0), to: dayOf(0), runId: `bench-dynamo-${Date.now()}` });
  } finally {
    clients.close();
    await dynamo.stop();
  }
}

async function duckdb(lakeDir: string): Promise<{ groupMs: number; groups: number; currentMs: number }> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const files = `read_parquet('${lakeDir}/raw/*/*/*.parquet', hive_partitioning=true)`;
  try {
    let t = Date.now();
    const grouped = await connection.runAndReadAll(
      `SELECT count(*)::INTEGER AS n FROM (SELECT user_id, dt, count(*), sum(amount) FROM ${files} WHERE valid GROUP BY user_id, dt)`,
    );
    const groupMs = Date.now() - t;
    t = Date.now();
    await connection.runAndReadAll(
      `SELECT count(*) FROM (SELECT user_id, dt, count(*), sum(amount) FROM (SELECT * FROM ${files} WHERE valid
         QUALIFY row_number() OVER (PARTITION BY dt, transaction_id ORDER BY version DESC, arrival DESC) = 1)
       GROUP BY user_id, dt)`,
    );
    return { groupMs, groups: Number(grouped.getRowObjectsJS()[0]!.n), currentMs: Date.now() - t };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function main() {
  const root = path.join(os.tmpdir(), `txgraph-reprocess-bench-${ROWS}-${DAYS}`);
  const lakeDir = path.join(root, 'lake');
  await generate(lakeDir, ROWS, DAYS);
  // dynalite takes ~100–200 conditional writes/s here: the end-to-end figure uses a small lake.
  const smallDir = path.join(root, 'small-lake');
  await generate(smallDir, DYNAMO_ROWS, 1);
  fs.rmSync(path.join(smallDir, 'enriched'), { recursive: true, force: true });
  // Each measurement writes version files; start from the raw lake only, so runs are comparable.
  for (const day of fs.existsSync(path.join(lakeDir, 'enriched')) ? ['enriched'] : []) {
    fs.rmSync(path.join(lakeDir, day), { recursive: true, force: true });
  }
  const lake = createDiskLakeStore(lakeDir);

  const { summary, peakRss, rssByDay } = await lakePass(lake);
  const duck = await duckdb(lakeDir);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'txgraph-reprocess-bench-dynamo-'));
  const full = await dynamoDay(createDiskLakeStore(smallDir), dataDir);
  fs.rmSync(dataDir, { recursive: true, force: true });

  const mb = (b: number) => `${Math.round(b / 1024 / 1024)} MiB`;
  const perS = (rows: number, ms: number) => Math.round((rows * 1000) / ms);
  const days = rssByDay.filter((v) => v !== undefined);
  report(
    'reprocess',
    [
      { figure: 'raw rows in the lake', value: summary.rows },
      { figure: 'days / files', value: `${summary.days} / ${summary.files}` },
      {
        figure: 'job lake pass rows/s (read, reduce, enrich, write version)',
        value: perS(summary.rows, summary.elapsedMs),
      },
      { figure: 'job lake pass time', value: `${(summary.elapsedMs / 1000).toFixed(1)} s` },
      { figure: 'job peak RSS', value: mb(peakRss) },
      {
        figure: 'job RSS after day 1 / middle / last',
        value: `${mb(days[1] ?? 0)} / ${mb(days[Math.floor(days.length / 2)] ?? 0)} / ${mb(days[days.length - 1] ?? 0)}`,
      },
      {
        figure: 'DuckDB scan + group by (user_id, day)',
        value: `${duck.groupMs} ms (${duck.groups} groups, ${perS(summary.rows, duck.groupMs)} rows/s)`,
      },
      { figure: 'DuckDB same, over current states (window)', value: `${duck.currentMs} ms` },
      {
        figure: 'job end to end, embedded DynamoDB rows/s (fresh index)',
        value: `${perS(full.rows, full.elapsedMs)} (${full.rows} rows, ${(full.elapsedMs / 1000).toFixed(1)} s)`,
      },
    ],
    { summary, full, duck },
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
