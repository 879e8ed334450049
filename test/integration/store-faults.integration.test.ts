/**
 * DynamoDB faults on the real stack (issue 7): throttling and unprocessed batch items are retried
 * with jittered backoff and lose nothing; a persistent failure stalls the indexer's commits and
 * shows in /readyz and /metrics instead of skipping events; once it clears, everything lands.
 */
import fs from 'node:fs/promises';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoClients } from '../../src/datasources/dynamo/client';
import { expectedState, generateStream, type Offered } from '../reliability/support/stream';
import { verifyStore } from '../reliability/support/verify';
import { dynamoFaults } from '../support/dynamo-faults';
import { eventually, type TestService } from '../support/service-harness';
import { committedOffsets, rawAdmin } from './kafka-testkit';
import { freshNames, stackEndpoints, startStackService } from './real-stack';

jest.setTimeout(300_000);

const names = freshNames('dynfaults');
const faults = dynamoFaults();

async function scanCount(table: string): Promise<number> {
  const clients = createDynamoClients({
    endpoint: stackEndpoints().dynamoEndpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const out = await clients.raw.send(new ScanCommand({ TableName: table, Select: 'COUNT' }));
    return out.Count ?? 0;
  } finally {
    clients.close();
  }
}

const INDEXER_LAG = /^txgraph_consumer_lag\{consumer="indexer"\}/;

async function metric(svc: TestService, pattern: RegExp): Promise<number> {
  const text = await (await fetch(`${svc.service.url}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => pattern.test(line))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

describe('DynamoDB faults', () => {
  let svc: TestService;
  const offered: Offered[] = [];
  const ingest = async (batch: Offered[]) => {
    offered.push(...batch);
    const res = await svc.post('/v1/transactions', batch.map((x) => x.line).join('\n'));
    expect(res.status).toBe(200);
  };
  const ready = (timeoutMs: number) =>
    eventually(
      async () => ((await fetch(`${svc.service.url}/readyz`)).status === 200 ? true : undefined),
      timeoutMs,
    );
  const converged = (timeoutMs: number) =>
    eventually(async () => {
      const verdict = await verifyStore(
        stackEndpoints().dynamoEndpoint,
        names.tablePrefix,
        expectedState(offered),
      );
      return verdict.lost + verdict.doubleCounted + verdict.wrong === 0 ? verdict : undefined;
    }, timeoutMs);

  beforeAll(async () => {
    svc = await startStackService(names, {}, { dynamoMiddleware: faults.middleware });
  });
  afterAll(async () => {
    faults.failTables = [];
    await svc?.stop();
    if (svc) await fs.rm(svc.dataDir, { recursive: true, force: true });
  });

  test('throttling and unprocessed items on 20–30 % of calls: retried, nothing lost or doubled', async () => {
    faults.throttleRate = 0.2;
    faults.unprocessedRate = 0.3;
    // Dimension writes are few batches: make sure some of them meet UnprocessedItems.
    faults.forceUnprocessedWrites = 3;
    // Faster batches mean few multi-key BatchGetItem calls (head reads): make sure some meet it too.
    faults.forceUnprocessedReads = 2;
    // Dimension rows go through BatchWriteItem (payment methods do not move risk scores).
    const methods = Array.from({ length: 60 }, (_, i) => ({
      payment_method_id: `pm-${i}`,
      method_type: 'card',
      provider_name: `p${i}`,
    }));
    const dims = await svc.post(
      '/v1/dimensions/payment_methods',
      methods.map((m) => JSON.stringify(m)).join('\n'),
    );
    expect(dims).toMatchObject({ status: 200, json: { accepted: 60 } });
    await ingest(generateStream(200, 11));
    await converged(120_000);
    await eventually(
      async () => ((await scanCount(`${names.tablePrefix}PaymentMethods`)) === 60 ? true : undefined),
      60_000,
    );
    faults.throttleRate = 0;
    faults.unprocessedRate = 0;
    // Data can land while a batch is still inside SDK retries (its last call throttled): the
    // indexer is ready again only once every partition's handler has come back successfully.
    await ready(60_000);
    expect(faults.injected.throttled).toBeGreaterThan(5);
    expect(faults.injected.unprocessedWrites).toBeGreaterThanOrEqual(3);
    expect(faults.injected.unprocessedReads).toBeGreaterThan(0);
    // Our own batch retries (the SDK retries throttling below them).
    expect(
      await metric(svc, /^txgraph_dynamodb_retries_total\{operation="BatchWriteItem"\}/),
    ).toBeGreaterThan(0);
  });

  test('a persistent failure stalls commits, shows in /readyz and metrics, and everything lands after it clears', async () => {
    const { admin } = await rawAdmin();
    const group = `${names.topicPrefix}txgraph-indexer`;
    const topic = `${names.topicPrefix}transactions_enriched`;
    try {
      faults.failTables = ['TransactionIndex', 'TransactionHeads', 'DailyUserStats', 'DailyMerchantStats'];
      const failuresBefore = await metric(svc, /^txgraph_batch_failures_total\{worker="indexer"\}/);
      const committedBefore = await committedOffsets(admin, group, topic);
      faults.failingAttempts.length = 0;
      const windowStart = Date.now();
      await ingest(generateStream(300, 12).slice(200));

      // Every failing table is behind some component: the merchant-stats refresher can turn /readyz
      // 503 before the indexer's first batch has used up its retries, so wait for the indexer's turn.
      const readyz = await eventually(async () => {
        const res = await fetch(`${svc.service.url}/readyz`);
        const body = (await res.json()) as {
          components: { name: string; ready: boolean; detail?: string }[];
        };
        const indexer = body.components.find((c) => c.name === 'indexer');
        return res.status === 503 && indexer?.ready === false ? body : undefined;
      }, 60_000);
      expect(readyz.components.find((c) => c.name === 'indexer')).toMatchObject({
        ready: false,
        detail: expect.stringMatching(/throughput|Throttl/i),
      });
      // The stall is visible as lag: the indexer's position stays behind the enriched topic's end
      // (the gauge is refreshed every 2 s).
      const stalledLag = await eventually(async () => {
        const lag = await metric(svc, INDEXER_LAG);
        return lag > 0 ? lag : undefined;
      }, 15_000);
      const stalledAt = Date.now();
      // A failing batch first spends the SDK's throttling retries (up to ~30 s of backoff).
      await eventually(async () => {
        const failures = await metric(svc, /^txgraph_batch_failures_total\{worker="indexer"\}/);
        return failures > failuresBefore ? true : undefined;
      }, 60_000);
      await new Promise((r) => setTimeout(r, Math.max(0, stalledAt + 10_000 - Date.now())));
      // Still stalled ten seconds on: the lag has not drained.
      expect(await metric(svc, INDEXER_LAG)).toBeGreaterThanOrEqual(stalledLag);
      // Nothing skipped: the indexer's committed offsets did not move while every write failed.
      expect(await committedOffsets(admin, group, topic)).toEqual(committedBefore);
      // No tight loop: SDK retries (≤ 6 attempts, backoff) under the consumer's own backoff (≤ 5 s)
      // keep the attempts of 4 partitions well under 100/s even though every one fails at once.
      const seconds = (Date.now() - windowStart) / 1000;
      const perSecond = faults.failingAttempts.length / seconds;
      process.stdout.write(
        `persistent failure: ${faults.failingAttempts.length} attempts in ${seconds.toFixed(1)} s (${perSecond.toFixed(1)}/s)\n`,
      );
      expect(faults.failingAttempts.length).toBeGreaterThan(0);
      expect(perSecond).toBeLessThan(40);

      faults.failTables = [];
      await converged(120_000);
      await ready(30_000);
      const after = await committedOffsets(admin, group, topic);
      expect(after).not.toEqual(committedBefore);
      await eventually(async () => ((await metric(svc, INDEXER_LAG)) === 0 ? true : undefined), 15_000);
    } finally {
      await admin.disconnect();
    }
  });
});
