/**
 * STORAGE_THREAD=on on the real stack: the compiled service (dist/, built by this project's global
 * setup) as a process, its indexer, archiver and merchant-stats refresher on a worker thread with
 * their own clients. The pipeline's events must reach the index, the aggregates and the lake, the
 * thread's workers must show in /readyz and /metrics, and SIGTERM must drain the thread and exit 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { eventually, KEYS, ndjson } from '../support/service-harness';
import { isDeepStrictEqual } from 'node:util';
import { DIMENSIONS, EVENTS, EXPECTED_STATS, STATS } from '../support/pipeline-fixtures';
import { freshNames, listLake, s3Client, stackServiceEnv } from './real-stack';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../..');
const names = freshNames('thread');

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('storage workers on their own thread (STORAGE_THREAD=on), real stack', () => {
  let child: ChildProcess;
  let exited: Promise<number | null>;
  let url: string;
  let dataDir: string;
  let s3: S3Client;
  let output = '';

  const post = async (pathname: string, body: string) => {
    const res = await fetch(`${url}${pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${KEYS.admin}` },
      body,
    });
    return { status: res.status, json: (await res.json()) as unknown };
  };
  const gql = async (query: string, variables: Record<string, unknown>) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.admin}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: unknown };
  };

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'txgraph-thread-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    s3 = s3Client();
    child = spawn(
      process.execPath,
      ['dist/src/cli/main.js', 'serve', '--port', String(port), '--no-source'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          LOG_LEVEL: 'warn',
          API_KEYS: `${KEYS.admin}:admin`,
          STORAGE_THREAD: 'on',
          ...stackServiceEnv(names),
          LAKE_FLUSH_MS: '200',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const keep = (d: Buffer) => (output = (output + d.toString()).slice(-20_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    await eventually(
      async () => ((await fetch(`${url}/readyz`).catch(() => null))?.ok ? true : undefined),
      90_000,
    );
  });

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    s3?.destroy();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('reports the thread’s workers in /readyz', async () => {
    const body = (await (await fetch(`${url}/readyz`)).json()) as {
      components: { name: string; ready: boolean }[];
    };
    const names = body.components.map((c) => c.name);
    expect(names).toEqual(
      expect.arrayContaining(['log', 'enrichment', 'live-feed', 'indexer', 'archiver', 'merchant-stats']),
    );
    expect(body.components.every((c) => c.ready)).toBe(true);
  });

  it('indexes, aggregates and archives what is ingested', async () => {
    for (const [kind, rows] of Object.entries(DIMENSIONS)) {
      expect((await post(`/v1/dimensions/${kind}`, ndjson(rows))).status).toBe(200);
    }
    // The enrichment worker joins from dimensions it has read; wait for the tables to have them.
    await eventually(
      async () =>
        ((await gql(`{ user(id: "u-2") { id } }`, {})).data as { user: unknown } | undefined)?.user
          ? true
          : undefined,
      60_000,
    );
    expect((await post('/v1/transactions', ndjson(EVENTS))).status).toBe(200);
    // User-day stats come from the indexer, merchant-day stats from the refresher, both on the thread.
    // (topMerchants waits for a late dimension this test does not send.)
    const wanted = {
      dailyUserStats: EXPECTED_STATS.dailyUserStats,
      merchantDailyStats: EXPECTED_STATS.merchantDailyStats,
    };
    await eventually(async () => {
      const data = (await gql(STATS, { u: 'u-1', m: 'm-1' })).data as Record<string, unknown> | undefined;
      const got = JSON.parse(
        JSON.stringify({
          dailyUserStats: data?.dailyUserStats,
          merchantDailyStats: data?.merchantDailyStats,
        }),
      ) as unknown;
      return isDeepStrictEqual(got, wanted) ? true : undefined;
    }, 60_000);
    const keys = await eventually(async () => {
      const all = await listLake(s3, names.lakePrefix);
      return all.some((k) => k.startsWith('raw/')) && all.some((k) => k.startsWith('enriched/'))
        ? all
        : undefined;
    }, 60_000);
    expect(keys.every((k) => k.endsWith('.parquet'))).toBe(true);
  });

  it('merges the thread’s metrics into /metrics, the process metrics once', async () => {
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(text).toMatch(/^txgraph_storage_thread 1$/m);
    expect(text).toMatch(/^txgraph_events_out_total\{worker="indexer",sink="TransactionIndex"\} [1-9]/m);
    expect(text).toMatch(/^txgraph_events_out_total\{worker="archiver",sink="lake_raw"\} [1-9]/m);
    expect(text).toMatch(
      /^txgraph_events_out_total\{worker="enrichment",sink="transactions_enriched"\} [1-9]/m,
    );
    expect(text.match(/^# TYPE process_cpu_user_seconds_total /gm)).toHaveLength(1);
  });

  it('drains the thread and exits 0 on SIGTERM', async () => {
    child.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 60_000))]);
    expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
  });
});
