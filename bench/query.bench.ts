import 'reflect-metadata';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  DASHBOARD_QUERY,
  DASHBOARD_VARIABLES,
  dashboardCallsPerRequest,
  seedDashboard,
} from '../test/support/dashboard-fixtures';
import { countDynamoCalls, type ClientCalls } from '../test/support/dynamo-call-counter';
import type { UserDashboardQuery } from '../test/generated/graphql';
import { KEYS, startTestService } from '../test/support/service-harness';
import { runLoad, type LoadResult, type LoadTarget } from './autocannon-load';
import { startBareApollo, type BareApollo } from './bare-apollo';
import { report } from './bench-report';
import { mainThreadCpuMs } from './thread-cpu';

/**
 * The dashboard query (test/operations/user-dashboard.query.graphql: a user's 50 transactions of one
 * day with merchant and payment method, plus 30 days of dailyUserStats) under autocannon, next to a
 * bare Apollo Server answering the captured response as a constant (bench/bare-apollo.ts). Both run
 * in this process, one at a time, with the same settings; each round warms up and measures both, in
 * alternating order, so drift on a shared machine hits both alike. Besides req/s and latency, the
 * main thread's CPU time per request served is reported: other processes on the machine move
 * throughput far more than CPU per request. The service is the embedded default (dynalite in-process, so
 * the DynamoDB server's work shares the event loop) seeded through the real pipeline; every request
 * reads DynamoDB, nothing is cached across requests. The API client's DynamoDB commands are counted,
 * and the bench fails unless every request made exactly one BatchGetItem per dimension table and
 * one Query per list. Run with NODE_ENV=production to measure as the Docker image runs.
 * usage: node dist/bench/query.bench.js [SECONDS=10] [CONNECTIONS=50] [ROUNDS=2] [WARMUP_SECONDS=3]
 */
const SECONDS = Number(process.argv[2] ?? 10);
const CONNECTIONS = Number(process.argv[3] ?? 50);
const ROUNDS = Number(process.argv[4] ?? 2);
const WARMUP_SECONDS = Number(process.argv[5] ?? 3);
const GOAL = 0.7;
const BODY = JSON.stringify({ query: DASHBOARD_QUERY, variables: DASHBOARD_VARIABLES });
const PER_REQUEST = dashboardCallsPerRequest();
// Each dashboard request makes exactly one (checked below), so it counts requests on the server
// side, including those autocannon abandoned in flight when it stopped.
const SERVED_BY = Object.keys(PER_REQUEST).find((k) => k.includes('DailyUserStats'))!;

interface Server {
  target: LoadTarget;
  /** Requests executed since start, counted by the server. */
  served(): number;
  /** Resolves once abandoned requests have finished. */
  settle(): Promise<void>;
}

interface Measured extends LoadResult {
  served: number;
  cpuMsPerRequest: number;
  /** DynamoDB commands of the measured part, when `calls` was given. */
  dynamoCalls: Record<string, number>;
  /** The machine's 1-minute load average at the end: the cores are shared with other work. */
  loadAverage: number;
}

/** Resolves once `read()` has not moved for `quietMs` and `busy()` is false. */
async function quiesce(read: () => number, busy: () => boolean = () => false, quietMs = 300): Promise<void> {
  for (let last = -1; read() !== last || busy();) {
    last = read();
    await new Promise((r) => setTimeout(r, quietMs));
  }
}

function diff(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(after)
      .map(([key, n]) => [key, n - (before[key] ?? 0)] as const)
      .filter(([, n]) => n > 0),
  );
}

/** Commands per request that differ from the dashboard's one-batch-per-table budget, as messages. */
function batchingViolations(counts: Record<string, number>, requests: number): string[] {
  const keys = new Set([...Object.keys(PER_REQUEST), ...Object.keys(counts)]);
  return [...keys]
    .filter((key) => (counts[key] ?? 0) !== (PER_REQUEST[key] ?? 0) * requests)
    .map(
      (key) =>
        `${key}: ${counts[key] ?? 0} calls for ${requests} requests (expected ${PER_REQUEST[key] ?? 0} per request)`,
    );
}

async function post(target: LoadTarget): Promise<string> {
  const res = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...target.headers },
    body: BODY,
  });
  const text = await res.text();
  if (res.status !== 200)
    throw new Error(`${target.name} answered HTTP ${res.status}: ${text.slice(0, 300)}`);
  return text;
}

async function measure(server: Server, expectBody: string, calls?: ClientCalls): Promise<Measured> {
  const settings = { body: BODY, expectBody, connections: CONNECTIONS };
  await runLoad(server.target, { ...settings, seconds: WARMUP_SECONDS });
  await server.settle();
  const [served0, calls0, cpu0] = [server.served(), calls?.counts() ?? {}, mainThreadCpuMs()];
  const load = await runLoad(server.target, { ...settings, seconds: SECONDS });
  await server.settle();
  const served = server.served() - served0;
  return {
    ...load,
    served,
    cpuMsPerRequest: (mainThreadCpuMs() - cpu0) / served,
    dynamoCalls: diff(calls?.counts() ?? {}, calls0),
    loadAverage: os.loadavg()[0]!,
  };
}

function row(round: number, server: string, r: Measured): Record<string, string | number> {
  return {
    round,
    server,
    'req/s': r.reqPerSec,
    'p50 ms': r.p50Ms,
    'p99 ms': r.p99Ms,
    // Answered within the window; served also counts those abandoned in flight when it ended.
    answered: r.requests,
    served: r.served,
    'main-thread CPU ms/req': r.cpuMsPerRequest.toFixed(2),
    failures: r.failures || 'none',
    'load avg': r.loadAverage.toFixed(1),
  };
}

/** On a known number of requests, sequential and overlapping (loaders are per request). */
async function checkBatching(service: Server, calls: ClientCalls): Promise<void> {
  await service.settle();
  calls.reset();
  for (let i = 0; i < 10; i++) await post(service.target);
  await Promise.all(Array.from({ length: 20 }, () => post(service.target)));
  await service.settle();
  const violations = batchingViolations(calls.counts(), 30);
  if (violations.length > 0) {
    throw new Error(`DynamoDB batching per request broken:\n  ${violations.join('\n  ')}`);
  }
}

const percent = (ratio: number) => `${(ratio * 100).toFixed(1)} %`;

async function main(): Promise<void> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'txgraph-query-bench-'));
  const counting = countDynamoCalls();
  // Rate limiting stays on (its per-request work is part of the service) with a bucket the load never drains.
  const svc = await startTestService(
    dataDir,
    { RATE_LIMIT_PER_SECOND: '1000000', RATE_LIMIT_BURST: '1000000', LAKE_FLUSH_MS: '5000' },
    { dynamoMiddleware: counting.middleware },
  );
  const calls: ClientCalls = counting.api();
  let bare: BareApollo | null = null;
  try {
    await seedDashboard(svc);
    const service: Server = {
      target: {
        name: 'txgraph',
        url: `${svc.service.url}/graphql`,
        headers: { authorization: `Bearer ${KEYS.analyst}` },
      },
      served: () => calls.counts()[SERVED_BY] ?? 0,
      // A request's next command follows its previous answer without a macrotask in between, so no
      // command in flight and none sent for a while means no request is left midway.
      settle: () => quiesce(calls.total, () => calls.inFlight() > 0),
    };
    const captured = await post(service.target);
    const parsed = JSON.parse(captured) as { data?: UserDashboardQuery; errors?: unknown };
    if (parsed.errors || !parsed.data)
      throw new Error(`the dashboard query failed: ${captured.slice(0, 500)}`);
    console.log(
      `dashboard: ${parsed.data.transactions.edges.length} transactions on ${DASHBOARD_VARIABLES.day}, ` +
        `${parsed.data.dailyUserStats.length} days of stats; response ${captured.length} bytes; ` +
        `NODE_ENV=${process.env['NODE_ENV'] ?? '(unset)'}`,
    );

    await checkBatching(service, calls);

    const started = await startBareApollo(parsed.data);
    bare = started;
    const baseline: Server = {
      target: { name: 'bare Apollo (constant)', url: `${started.url}/graphql`, headers: {} },
      served: () => started.served(),
      settle: () => quiesce(() => started.served()),
    };
    if ((await post(baseline.target)) !== captured) {
      throw new Error('the bare server does not answer the captured body');
    }

    const rows: Record<string, string | number>[] = [];
    const ratios: { reqPerSec: number; cpuPerRequest: number }[] = [];
    const problems: string[] = [];
    let callsTotal: Record<string, number> = {};
    let servedTotal = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const results = new Map<Server, Measured>();
      for (const server of round % 2 === 1 ? [service, baseline] : [baseline, service]) {
        console.log(
          `round ${round}: ${server.target.name}, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s measured`,
        );
        const result = await measure(server, captured, server === service ? calls : undefined);
        results.set(server, result);
        if (result.wrongAnswers > 0)
          problems.push(`round ${round}, ${server.target.name}: ${result.failures}`);
        if (server === service) {
          problems.push(
            ...batchingViolations(result.dynamoCalls, result.served).map((v) => `round ${round}: ${v}`),
          );
          for (const [key, n] of Object.entries(result.dynamoCalls)) {
            callsTotal[key] = (callsTotal[key] ?? 0) + n;
          }
          servedTotal += result.served;
        }
      }
      const [s, b] = [results.get(service)!, results.get(baseline)!];
      const ratio = {
        reqPerSec: s.reqPerSec / b.reqPerSec,
        cpuPerRequest: b.cpuMsPerRequest / s.cpuMsPerRequest,
      };
      ratios.push(ratio);
      rows.push(
        {
          ...row(round, service.target.name, s),
          'req/s vs bare': percent(ratio.reqPerSec),
          'CPU/req, bare ÷ txgraph': percent(ratio.cpuPerRequest),
        },
        row(round, baseline.target.name, b),
      );
    }
    callsTotal = Object.fromEntries(
      Object.entries(callsTotal).map(([key, n]) => [key, n / Math.max(1, servedTotal)]),
    );
    const callsPerRequest = Object.values(callsTotal).reduce((sum, n) => sum + n, 0);
    report('query', rows, {
      seconds: SECONDS,
      connections: CONNECTIONS,
      warmupSeconds: WARMUP_SECONDS,
      nodeEnv: process.env['NODE_ENV'] ?? null,
      responseBytes: captured.length,
      ratios,
      goal: GOAL,
      servedRequests: servedTotal,
      dynamoCallsPerRequest: callsPerRequest,
      dynamoCallsPerRequestByCommand: callsTotal,
    });
    console.log(
      `\n${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s measured per server and round\n` +
        `txgraph vs bare, by round: req/s ${ratios.map((r) => percent(r.reqPerSec)).join(', ')}; ` +
        `CPU per request (bare ÷ txgraph) ${ratios.map((r) => percent(r.cpuPerRequest)).join(', ')} ` +
        `(goal ≥ ${percent(GOAL)})\n` +
        `DynamoDB calls per request: ${callsPerRequest.toFixed(2)} over ${servedTotal} requests served ` +
        `(${Object.entries(callsTotal)
          .map(([key, n]) => `${key} ${n.toFixed(2)}`)
          .join(', ')})`,
    );
    if (problems.length > 0) {
      console.error(`\nFAILED:\n  ${problems.join('\n  ')}`);
      process.exitCode = 1;
    }
  } finally {
    await bare?.stop();
    await svc.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
