/**
 * S3 faults (issue 7): a loopback proxy in front of S3Proxy fails PUTs. A failed PUT is retried
 * (SDK attempts, then the archiver's own backoff) and lands; while PUTs keep failing the archiver's
 * offsets stay where they were (nothing acknowledged whose file did not land) and /readyz says so.
 */
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { S3Client } from '@aws-sdk/client-s3';
import { generateStream, type Offered } from '../reliability/support/stream';
import { eventually, type TestService } from '../support/service-harness';
import { committedOffsets, rawAdmin } from './kafka-testkit';
import { freshNames, queryLake, s3Client, stackEndpoints, startStackService } from './real-stack';

jest.setTimeout(180_000);

const names = freshNames('s3faults');

/** Forwards to S3Proxy; answers PUTs with 503 SlowDown while `failPuts` says so. */
function failingS3Proxy(target: string) {
  const state = { failNext: 0, failAll: false, failed: 0, forwardedPuts: 0 };
  const server = http.createServer((req, res) => {
    if (req.method === 'PUT' && (state.failAll || state.failNext > 0)) {
      if (state.failNext > 0) state.failNext--;
      state.failed++;
      req.resume();
      req.on('end', () =>
        res
          .writeHead(503, { 'content-type': 'application/xml' })
          .end('<Error><Code>SlowDown</Code><Message>injected</Message></Error>'),
      );
      return;
    }
    if (req.method === 'PUT') state.forwardedPuts++;
    const url = new URL(req.url ?? '/', target);
    const upstream = http.request(url, { method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  return { server, state };
}

describe('S3 faults', () => {
  let svc: TestService;
  let s3: S3Client;
  const proxy = failingS3Proxy(stackEndpoints().s3Endpoint);
  const offered: Offered[] = [];
  const stream = generateStream(200, 31).filter((x) => x.event);
  const validIds = () => new Set(offered.map((x) => x.event?.transaction_id));
  const lakeIds = async (dataset: string) =>
    Number(
      (
        await queryLake(
          s3,
          names.lakePrefix,
          `SELECT count(DISTINCT transaction_id) AS n FROM read_parquet('{lake}/${dataset}/**/*.parquet')`,
        )
      )[0]?.n ?? 0,
    );

  beforeAll(async () => {
    await new Promise<void>((r) => proxy.server.listen(0, '127.0.0.1', r));
    const port = (proxy.server.address() as AddressInfo).port;
    svc = await startStackService(names, { S3_ENDPOINT: `http://127.0.0.1:${port}`, LAKE_FLUSH_MS: '300' });
    s3 = s3Client();
  });
  afterAll(async () => {
    proxy.state.failAll = false;
    await svc?.stop();
    if (svc) await fs.rm(svc.dataDir, { recursive: true, force: true });
    s3?.destroy();
    await new Promise<void>((r) => proxy.server.close(() => r()));
  });

  test('the first 8 PUTs fail: retried until the files land, every event archived', async () => {
    proxy.state.failNext = 8;
    offered.push(...stream.slice(0, 100));
    expect((await svc.post('/v1/transactions', offered.map((x) => x.line).join('\n'))).status).toBe(200);
    // Raw and enriched records are archived by separate consumers, each retrying its own PUTs, so
    // either dataset may land first.
    const archived = async () => ({ raw: await lakeIds('raw'), enriched: await lakeIds('enriched') });
    const want = { raw: validIds().size, enriched: validIds().size };
    await eventually(async () => {
      const now = await archived();
      return now.raw === want.raw && now.enriched === want.enriched ? true : undefined;
    }, 60_000).catch(async (error: unknown) => {
      expect(await archived()).toEqual(want);
      throw error;
    });
    expect(proxy.state.failed).toBe(8);
  });

  test('while every PUT fails nothing is acknowledged; afterwards everything lands', async () => {
    const { admin } = await rawAdmin();
    const group = `${names.topicPrefix}txgraph-archiver-enriched`;
    const topic = `${names.topicPrefix}transactions_enriched`;
    try {
      await eventually(async () => {
        const c = await committedOffsets(admin, group, topic);
        return Object.values(c).every((o) => o !== '-1') || Object.keys(c).length > 0 ? c : undefined;
      });
      const before = await committedOffsets(admin, group, topic);
      proxy.state.failAll = true;
      const failedBefore = proxy.state.failed;
      const batch = stream.slice(100, 200);
      offered.push(...batch);
      expect((await svc.post('/v1/transactions', batch.map((x) => x.line).join('\n'))).status).toBe(200);
      const readyz = await eventually(async () => {
        const res = await fetch(`${svc.service.url}/readyz`);
        const body = (await res.json()) as {
          components: { name: string; ready: boolean; detail?: string }[];
        };
        return res.status === 503 ? body : undefined;
      }, 30_000);
      expect(readyz.components.find((c) => c.name === 'archiver')).toMatchObject({ ready: false });
      await new Promise((r) => setTimeout(r, 3000));
      expect(proxy.state.failed).toBeGreaterThan(failedBefore);
      expect(await committedOffsets(admin, group, topic)).toEqual(before);

      proxy.state.failAll = false;
      await eventually(
        async () => ((await lakeIds('enriched')) === validIds().size ? true : undefined),
        90_000,
      );
      await eventually(async () => {
        const after = await committedOffsets(admin, group, topic);
        return JSON.stringify(after) !== JSON.stringify(before) ? true : undefined;
      }, 30_000);
      await eventually(
        async () => ((await fetch(`${svc.service.url}/readyz`)).status === 200 ? true : undefined),
        30_000,
      );
    } finally {
      await admin.disconnect();
    }
  });
});
