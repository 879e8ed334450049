/**
 * `txgraph reprocess` on the production adapters: the raw lake on S3Proxy, the index, aggregates
 * and dimensions in DynamoDB Local, the live service on real Kafka beside it. A merchant that
 * arrives after its transactions were indexed is resolved by the job (its composition root,
 * runReprocessCommand, run as the CLI would), and the corrected enriched rows land in S3 as the
 * day's new version, read back with DuckDB.
 */
import fs from 'node:fs/promises';
import { Writable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { runReprocessCommand } from '../../src/app/reprocess-command';
import { silentLogger } from '../../src/app/logger';
import { loadConfig, type Config } from '../../src/config/config';
import { createLakeStore } from '../../src/datasources/lake/create-lake-store';
import { readPartition } from '../../src/datasources/lake/parquet';
import { readLatest } from '../../src/workers/reprocess/lake-versions';
import { tx } from '../support/pipeline-fixtures';
import { ingestLateMerchantScenario, lateL2AfterReprocess } from '../support/late-merchant-scenario';
import { eventually, ndjson, type TestService } from '../support/service-harness';
import { freshNames, listLake, queryLake, s3Client, stackServiceEnv, startStackService } from './real-stack';

jest.setTimeout(180_000);

const names = freshNames('reprocess-s3');
const DAY = '2026-03-05';

const TRANSACTION = `query ($id: ID!) { transaction(id: $id) {
  id version day amount merchantCategory riskScore riskReasons flagged dimensionMisses merchant { name category riskCategory } } }`;
const STATS = `query ($m: ID!, $u: ID!, $day: Date!) {
  merchantDailyStats(merchantId: $m, from: $day, to: $day) { merchantId date transactionCount maxRiskScore totalSpendUsd merchant { name category } }
  dailyUserStats(userId: $u, from: $day, to: $day) { date transactionCount totalSpendUsd maxRiskScore }
  topMerchants(date: $day, by: NET_SPEND) { merchantId maxRiskScore totalSpendUsd merchant { name category } } }`;
const LATE_MERCHANT = {
  merchant_id: 'm-late',
  merchant_name: 'Late Electronics',
  category: 'electronics',
  risk_category: 'high',
  status: 'active',
};

/** What `txgraph reprocess` would read from its environment on this stack. */
function jobConfig(dataDir: string): Config {
  return loadConfig({ ...stackServiceEnv(names), DATA_DIR: dataDir });
}

/** Collects the job's stdout/stderr instead of printing them into the test log. */
function sink(): Writable & { text: string } {
  const out = Object.assign(
    new Writable({
      write(chunk: Buffer, _enc, done) {
        out.text += chunk.toString();
        done();
      },
    }),
    { text: '' },
  );
  return out;
}

describe('reprocess with the S3 lake and DynamoDB Local', () => {
  let svc: TestService;
  let s3: S3Client;
  const lake = () => createLakeStore(jobConfig(svc.dataDir).lake);
  const transaction = async (id: string) =>
    (await svc.gql<{ transaction: Record<string, unknown> | null }>(TRANSACTION, { id })).data?.transaction;
  const stats = async (m: string) =>
    (await svc.gql<Record<string, unknown[]>>(STATS, { m, u: 'u-1', day: DAY })).data!;

  beforeAll(async () => {
    svc = await startStackService(names, { LAKE_FLUSH_MS: '300' });
    s3 = s3Client();
    await ingestLateMerchantScenario(svc, DAY, tx);
    // The job reads the raw lake, so every raw row must have landed in S3 first.
    await eventually(
      async () => ((await readPartition(lake(), 'raw', DAY)).length === 3 ? true : undefined),
      60_000,
    );
    for (const id of ['l-1', 'l-2', 'c-1']) await eventually(() => transaction(id), 60_000);
  });
  afterAll(async () => {
    await svc?.stop();
    if (svc) await fs.rm(svc.dataDir, { recursive: true, force: true });
    s3?.destroy();
  });

  test('a late merchant: index, aggregates and the enriched lake version are rebuilt', async () => {
    // 0.6 × 40 = 24, + unknown merchant 10, + 10 for ≥ 1,000 USD
    expect(await transaction('l-2')).toMatchObject({
      riskScore: 44,
      dimensionMisses: ['merchant'],
      merchant: null,
    });
    expect((await stats('m-late')).merchantDailyStats).toMatchObject([{ maxRiskScore: 44, merchant: null }]);

    await svc.post('/v1/dimensions/merchants', ndjson([LATE_MERCHANT]));
    await eventually(async () =>
      (await svc.gql(`{ merchant(id: "m-late") { id } }`)).data?.merchant ? true : undefined,
    );

    const stdout = sink();
    const summary = await runReprocessCommand(
      jobConfig(svc.dataDir),
      { from: DAY, to: DAY, dryRun: false },
      // The command wants the process's stderr type for its progress bar; a plain stream is not a TTY.
      {
        logger: silentLogger(),
        stdout,
        stderr: sink() as unknown as NodeJS.WriteStream,
        signal: new AbortController().signal,
      },
    );
    expect(summary).toMatchObject({
      days: 1,
      rows: 3,
      transactions: 3,
      changed: 2,
      unchanged: 1,
      keptNewer: 0,
      versionsPublished: 1,
    });
    expect(stdout.text).toContain(summary.run);

    expect(await transaction('l-2')).toEqual(lateL2AfterReprocess(DAY));
    expect(await transaction('l-1')).toMatchObject({ riskScore: 49, dimensionMisses: [] });
    const late = { name: 'Late Electronics', category: 'electronics' };
    expect(await stats('m-late')).toEqual({
      merchantDailyStats: [
        {
          merchantId: 'm-late',
          date: DAY,
          transactionCount: 2,
          maxRiskScore: 59,
          totalSpendUsd: '2100.00',
          merchant: late,
        },
      ],
      dailyUserStats: [{ date: DAY, transactionCount: 3, totalSpendUsd: '2110.00', maxRiskScore: 59 }],
      topMerchants: [
        { merchantId: 'm-late', maxRiskScore: 59, totalSpendUsd: '2100.00', merchant: late },
        {
          merchantId: 'm-1',
          maxRiskScore: 24,
          totalSpendUsd: '10.00',
          merchant: { name: 'Corner Grocer', category: 'grocery' },
        },
      ],
    });

    // The corrected rows are in S3 as the day's new enriched version, the raw rows untouched.
    const latest = await readLatest(lake(), DAY);
    expect(latest).toMatchObject({ run: summary.run, shards: 1, day: DAY });
    const keys = await listLake(s3, names.lakePrefix);
    expect(latest!.files.length).toBeGreaterThan(0);
    for (const file of latest!.files) expect(keys).toContain(file);
    const files = latest!.files.map((f) => `'{lake}/${f}'`).join(', ');
    const version = await queryLake(
      s3,
      names.lakePrefix,
      `SELECT transaction_id, merchant_category, merchant_name, risk_score, dimension_misses
         FROM read_parquet([${files}]) ORDER BY transaction_id`,
    );
    expect(version).toEqual([
      {
        transaction_id: 'c-1',
        merchant_category: 'grocery',
        merchant_name: 'Corner Grocer',
        risk_score: 24,
        dimension_misses: '[]',
      },
      {
        transaction_id: 'l-1',
        merchant_category: 'electronics',
        merchant_name: 'Late Electronics',
        risk_score: 49,
        dimension_misses: '[]',
      },
      {
        transaction_id: 'l-2',
        merchant_category: 'electronics',
        merchant_name: 'Late Electronics',
        risk_score: 59,
        dimension_misses: '[]',
      },
    ]);
    expect(await readPartition(lake(), 'raw', DAY)).toHaveLength(3);
  });
});
