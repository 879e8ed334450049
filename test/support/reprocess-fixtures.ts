import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { silentLogger } from '../../src/app/logger';
import { createDynamoClients, type DynamoClients } from '../../src/datasources/dynamo/client';
import { createTables } from '../../src/datasources/dynamo/create-tables';
import { createDailyStatsWriter } from '../../src/datasources/dynamo/daily-stats-writer';
import { createDimensionTables } from '../../src/datasources/dynamo/dimension-tables';
import { startEmbeddedDynamo, type EmbeddedDynamo } from '../../src/datasources/dynamo/embedded-dynamo';
import { tableNames, type TableNames } from '../../src/datasources/dynamo/table-names';
import { createTransactionIndexReader } from '../../src/datasources/dynamo/transaction-index-reader';
import { createTransactionIndexWriter } from '../../src/datasources/dynamo/transaction-index-writer';
import type { LakeStore } from '../../src/datasources/lake/lake-store';
import {
  decodeEnrichedRows,
  encodeRawRows,
  partFileKey,
  type EnrichedLakeRow,
  type RawLakeRow,
} from '../../src/datasources/lake/parquet';
import { formatArrival } from '../../src/domain/current-state';
import { createRiskConfig } from '../../src/domain/risk-rules';
import { readLatest } from '../../src/workers/reprocess/lake-versions';
import { createReprocessJob } from '../../src/workers/reprocess/reprocess-job';

/** A valid raw lake row as the archiver writes it; `seq` orders arrivals. */
export function rawRow(
  seq: number,
  over: Partial<RawLakeRow> & { transaction_id: string; timestamp: string },
): RawLakeRow {
  const logMs = Date.parse('2026-03-10T00:00:00Z') + seq * 1000;
  const partition = seq % 4;
  const offset = String(seq);
  return {
    user_id: 'u-1',
    merchant_id: 'm-1',
    payment_method_id: 'pm-1',
    product_id: null,
    amount: '10.00',
    currency: 'USD',
    transaction_type: 'purchase',
    status: 'completed',
    fraud_flag: false,
    metadata: null,
    version: 0,
    raw: '{}',
    raw_base64: false,
    valid: true,
    reject_reason: null,
    reject_message: null,
    source_topic: 'transactions',
    source_partition: partition,
    source_offset: offset,
    log_timestamp: new Date(logMs).toISOString(),
    arrival: formatArrival(logMs, partition, offset),
    ...over,
  };
}

/** Writes rows into raw/dt=…/event_type=… files, `perFile` rows each, as an archiver would. */
export async function writeRawLake(
  lake: LakeStore,
  rows: readonly RawLakeRow[],
  perFile = 50,
): Promise<void> {
  const groups = new Map<string, RawLakeRow[]>();
  for (const r of rows) {
    const key = `${r.timestamp!.slice(0, 10)}|${r.transaction_type}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  let writer = 0;
  for (const [key, list] of groups) {
    const [day, eventType] = key.split('|') as [string, string];
    for (let i = 0; i < list.length; i += perFile) {
      const file = partFileKey({
        dataset: 'raw',
        day,
        eventType,
        writerId: `w${writer++}`,
        firstLogTimestampMs: i,
      });
      await lake.put(file, await encodeRawRows(list.slice(i, i + perFile)));
    }
  }
}

type JobDeps = Parameters<typeof createReprocessJob>[0];

export interface JobOverrides {
  now?: Date;
  lakeStore?: LakeStore;
  index?: JobDeps['index'];
  reader?: JobDeps['reader'];
  newStatsWriter?: JobDeps['newStatsWriter'];
}

export interface JobRig {
  clients: DynamoClients;
  tables: TableNames;
  dynamo: EmbeddedDynamo;
  /**
   * A job at a fixed clock (so enriched_at is comparable across runs). Any dependency can be
   * swapped for a wrapped one (a lake view that fails, a reader that lets a live write in).
   */
  job(opts?: JobOverrides): ReturnType<typeof createReprocessJob>;
  dimensions: ReturnType<typeof createDimensionTables>;
  writer: ReturnType<typeof createTransactionIndexWriter>;
  stats: ReturnType<typeof createDailyStatsWriter>;
  stop(): Promise<void>;
}

/** The job wired to a fresh embedded DynamoDB under `dataDir`, without the rest of the service. */
export async function startJobRig(dataDir: string, lake: LakeStore): Promise<JobRig> {
  const dynamo = await startEmbeddedDynamo(dataDir);
  const clients = createDynamoClients({
    endpoint: dynamo.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'embedded', secretAccessKey: 'embedded' },
  });
  const tables = tableNames('');
  await createTables(clients.raw, tables);
  const deps = { doc: clients.doc, tables };
  const dimensions = createDimensionTables(deps);
  const writer = createTransactionIndexWriter(deps);
  const stats = createDailyStatsWriter(deps);
  return {
    clients,
    tables,
    dynamo,
    dimensions,
    writer,
    stats,
    job: ({ now = new Date('2026-04-01T00:00:00Z'), lakeStore = lake, ...swap }: JobOverrides = {}) =>
      createReprocessJob({
        lake: lakeStore,
        dimensions,
        index: swap.index ?? writer,
        reader: swap.reader ?? createTransactionIndexReader(deps),
        newStatsWriter: swap.newStatsWriter ?? (() => createDailyStatsWriter(deps)),
        risk: createRiskConfig(),
        logger: silentLogger(),
        now: () => now,
      }),
    async stop() {
      clients.close();
      await dynamo.stop();
    },
  };
}

const TABLE_KEYS = {
  transactionIndex: ['user_id', 'sk'],
  transactionHeads: ['transaction_id'],
  dailyUserStats: ['user_id', 'date'],
  dailyMerchantStats: ['merchant_id', 'date'],
} as const;

/** The four tables the job writes, each comparable with toEqual across rigs. */
export async function snapshot(rig: Pick<JobRig, 'clients' | 'tables'>): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [name, keys] of Object.entries(TABLE_KEYS)) {
    out[name] = await tableContents(rig.clients.doc, rig.tables[name as keyof typeof TABLE_KEYS], keys);
  }
  return out;
}

/** Every row of each day's corrected version (the files its _LATEST.json names), in a stable order. */
export async function versionRowsOf(lake: LakeStore, days: readonly string[]): Promise<EnrichedLakeRow[]> {
  const rows: EnrichedLakeRow[] = [];
  for (const day of days) {
    for (const key of (await readLatest(lake, day))!.files)
      rows.push(...(await decodeEnrichedRows(await lake.get(key))));
  }
  return rows.sort((a, b) => (a.transaction_id < b.transaction_id ? -1 : 1));
}

/** Whole table, bookkeeping attributes (revision, write time) dropped, sorted by key: comparable. */
export async function tableContents(
  doc: DynamoDBDocumentClient,
  table: string,
  keys: readonly string[],
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(
      new ScanCommand({ TableName: table, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...((out.Items ?? []) as Record<string, unknown>[]));
    start = out.LastEvaluatedKey as Record<string, unknown> | undefined;
  } while (start);
  const plain = items.map((item) => {
    const { rev: _rev, updated_at: _at, ...rest } = item;
    return JSON.parse(
      JSON.stringify(rest, (_k, v: unknown) => (isNumberValue(v) ? `n:${v.value}` : v)),
    ) as Record<string, unknown>;
  });
  const keyOf = (i: Record<string, unknown>) => keys.map((k) => String(i[k])).join('|');
  return plain.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
}

function isNumberValue(v: unknown): v is { value: string } {
  return typeof v === 'object' && v !== null && 'value' in v && Object.keys(v).length === 1;
}
