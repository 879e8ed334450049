/**
 * The crash scenario: a known stream offered over HTTP ingest while `txgraph serve` is SIGKILLed at
 * random moments and restarted on the same data; at the end the index and both aggregates must equal
 * the recomputation. Sized by the caller (smoke in `npm test`, 100,000 events / 10 kills nightly).
 */
import { findEmbeddedEndpoint } from '../../../src/datasources/dynamo/embedded-endpoint';
import { startServiceProcess, type ServiceProcess } from './service-process';
import { expectedState, generateStream, type Offered } from './stream';
import { verifyStore, type Verdict } from './verify';

export const INGEST_KEY = 'reliability-ingest-key';

export interface CrashOptions {
  events: number;
  kills: number;
  /** Expected sustained indexing rate (events/s): paces the generator and spreads the kills. */
  indexRate: number;
  env: Record<string, string>;
  /** Where to read DynamoDB from afterwards: the real endpoint, or null to find the embedded one. */
  dynamoEndpoint: string | null;
  tablePrefix: string;
  dataDir: string;
  timeoutMs: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface CrashResult {
  offered: Offered[];
  expected: ReturnType<typeof expectedState>;
  verdict: Verdict;
  recoveriesMs: number[];
  rejected: number;
  convergedMs: number;
  elapsedMs: number;
  service: ServiceProcess;
}

const BATCH = 100;

export async function runCrashScenario(o: CrashOptions): Promise<CrashResult> {
  const log = o.log ?? (() => undefined);
  const started = Date.now();
  const deadline = started + o.timeoutMs;
  const offered = generateStream(o.events, o.seed);
  const expected = expectedState(offered);
  const service = await startServiceProcess({
    ...o.env,
    DATA_DIR: o.dataDir,
    API_KEYS: `${INGEST_KEY}:ingest`,
    RATE_LIMIT_PER_SECOND: '0',
    LAKE_FLUSH_MS: '1000',
  });

  let rejected = 0;
  let offeredUpTo = 0;
  // Paced a little above the index rate, so kills hit ingest, enrichment and indexing alike.
  const offerRate = o.indexRate * 1.2;
  const generator = (async () => {
    for (let i = 0; i < offered.length; i += BATCH) {
      const due = started + (i / offerRate) * 1000;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      const body = offered
        .slice(i, i + BATCH)
        .map((x) => x.line)
        .join('\n');
      // At-least-once from the client's side: a batch is resent until it is answered 200.
      for (;;) {
        if (Date.now() > deadline) throw new Error('generator: deadline passed');
        try {
          const res = await fetch(`${service.url}/v1/transactions`, {
            method: 'POST',
            headers: { authorization: `Bearer ${INGEST_KEY}`, 'content-type': 'application/x-ndjson' },
            body,
          });
          if (res.status === 200) {
            rejected += ((await res.json()) as { rejected: unknown[] }).rejected.length;
            break;
          }
          await res.body?.cancel();
        } catch {
          // the process is down: retry after it restarts
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      offeredUpTo = i + BATCH;
    }
  })();

  const recoveriesMs: number[] = [];
  const expectedRunMs = (o.events / o.indexRate) * 1000;
  const killer = (async () => {
    for (let k = 0; k < o.kills; k++) {
      // Random moments spread over the expected run: ingest, enrichment and indexing all get hit.
      const gap = (expectedRunMs / (o.kills + 1)) * (0.5 + Math.random());
      await new Promise((r) => setTimeout(r, Math.max(500, gap)));
      const ms = await service.crashAndRestart();
      recoveriesMs.push(ms);
      log(`kill ${k + 1}/${o.kills} at ${offeredUpTo} offered: ready again after ${ms} ms`);
    }
  })();
  await Promise.all([generator, killer]);
  log(`offered ${offered.length} (${rejected} rejected); waiting for convergence`);

  const endpoint = o.dynamoEndpoint ?? (await findEmbeddedEndpoint(o.dataDir));
  if (!endpoint) throw new Error('no DynamoDB endpoint to verify against');
  let verdict: Verdict;
  for (;;) {
    // A full scan competes with the indexer (in-process on the embedded default): scan only once
    // the consumers report no lag.
    await caughtUp(service.url, deadline);
    verdict = await verifyStore(endpoint, o.tablePrefix, expected);
    if (verdict.lost + verdict.doubleCounted + verdict.wrong === 0 || Date.now() > deadline) break;
    log(`not converged yet: ${JSON.stringify({ ...verdict, examples: verdict.examples.slice(0, 2) })}`);
    await new Promise((r) => setTimeout(r, 5000));
  }
  const convergedMs = Date.now() - started;
  return {
    offered,
    expected,
    verdict,
    recoveriesMs,
    rejected,
    convergedMs,
    elapsedMs: Date.now() - started,
    service,
  };
}

async function caughtUp(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const text = await (await fetch(`${url}/metrics`)).text();
      const lags = text
        .split('\n')
        .filter((l) => /^txgraph_consumer_lag\{consumer="(enrichment|indexer)"\}/.test(l));
      if (lags.length === 2 && lags.every((l) => l.endsWith(' 0'))) return;
    } catch {
      // restarting
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
}

export function describeRecovery(recoveriesMs: readonly number[]): string {
  if (recoveriesMs.length === 0) return 'n/a';
  const sorted = [...recoveriesMs].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  return `median ${(median / 1000).toFixed(1)} s, max ${((sorted.at(-1) as number) / 1000).toFixed(1)} s (to /readyz 200)`;
}
