/**
 * Crash recovery (issue 7), nightly size: `npm run test:reliability`. Sizes come from the
 * environment so the same test is the CI smoke and the nightly job:
 *   RELIABILITY_EVENTS (100000), RELIABILITY_KILLS (10), RELIABILITY_INDEX_RATE (35 on the real
 *   stack), RELIABILITY_EMBEDDED_EVENTS (20000; 0 skips the embedded variant),
 *   RELIABILITY_EMBEDDED_INDEX_RATE (80).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freshNames, stackEndpoints, stackServiceEnv } from '../integration/real-stack';
import { describeRecovery, runCrashScenario } from './support/crash-scenario';
import { enrichedTopicContents } from './support/enriched-topic';
import { buildOnce } from './support/service-process';
import { recordScenario } from './support/summary';

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const EVENTS = num('RELIABILITY_EVENTS', 100_000);
const KILLS = num('RELIABILITY_KILLS', 10);
const INDEX_RATE = num('RELIABILITY_INDEX_RATE', 35);
const EMBEDDED_EVENTS = num('RELIABILITY_EMBEDDED_EVENTS', 20_000);
const EMBEDDED_INDEX_RATE = num('RELIABILITY_EMBEDDED_INDEX_RATE', 80);

// Generous: the run is paced at the index rate, then the backlog of each restart drains.
const budget = (events: number, rate: number) => 120_000 + (events / rate) * 1000 * 2.5;
jest.setTimeout(budget(EVENTS, INDEX_RATE) + budget(EMBEDDED_EVENTS, EMBEDDED_INDEX_RATE));
const progress = (line: string) => process.stderr.write(`[crash] ${line}\n`);

beforeAll(() => buildOnce());

test(`real stack: ${EVENTS} events, ${KILLS} SIGKILLs, nothing lost or double-counted`, async () => {
  const e = stackEndpoints();
  const names = freshNames('crash');
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'txgraph-crash-'));
  const result = await runCrashScenario({
    events: EVENTS,
    kills: KILLS,
    indexRate: INDEX_RATE,
    dataDir,
    tablePrefix: names.tablePrefix,
    dynamoEndpoint: e.dynamoEndpoint,
    timeoutMs: budget(EVENTS, INDEX_RATE),
    log: progress,
    env: {
      ...stackServiceEnv(names),
    },
  });
  try {
    const onTopic = await enrichedTopicContents(e.kafkaBrokers, `${names.topicPrefix}transactions_enriched`);
    const missingOnTopic = result.offered.filter(
      (x) => x.event && !onTopic.has(`${x.event.transaction_id}#${x.event.version}`),
    ).length;
    recordScenario({
      scenario: `crash: ${KILLS} × SIGKILL, real stack`,
      offered: EVENTS,
      lost: result.verdict.lost,
      doubleCounted: result.verdict.doubleCounted,
      dlq: result.rejected,
      recovery: `${describeRecovery(result.recoveriesMs)}; converged ${(result.convergedMs / 1000).toFixed(0)} s`,
      notes: `distinct transactions ${result.expected.transactions.size}; enriched topic missing ${missingOnTopic}; wrong ${result.verdict.wrong}`,
    });
    expect(result.verdict).toEqual({ lost: 0, doubleCounted: 0, wrong: 0, examples: [] });
    expect(missingOnTopic).toBe(0);
    expect(result.rejected).toBe(result.expected.invalid);
    expect(result.recoveriesMs).toHaveLength(KILLS);
  } finally {
    await result.service.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
});

(EMBEDDED_EVENTS > 0 ? test : test.skip)(
  `embedded default: ${EMBEDDED_EVENTS} events, ${KILLS} SIGKILLs, nothing lost or double-counted`,
  async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'txgraph-crash-'));
    const result = await runCrashScenario({
      events: EMBEDDED_EVENTS,
      kills: KILLS,
      indexRate: EMBEDDED_INDEX_RATE,
      dataDir,
      tablePrefix: '',
      dynamoEndpoint: null,
      timeoutMs: budget(EMBEDDED_EVENTS, EMBEDDED_INDEX_RATE),
      log: progress,
      env: {},
    });
    try {
      recordScenario({
        scenario: `crash: ${KILLS} × SIGKILL, embedded`,
        offered: EMBEDDED_EVENTS,
        lost: result.verdict.lost,
        doubleCounted: result.verdict.doubleCounted,
        dlq: result.rejected,
        recovery: `${describeRecovery(result.recoveriesMs)}; converged ${(result.convergedMs / 1000).toFixed(0)} s`,
        notes: `distinct transactions ${result.expected.transactions.size}; wrong ${result.verdict.wrong}`,
      });
      expect(result.verdict).toEqual({ lost: 0, doubleCounted: 0, wrong: 0, examples: [] });
      expect(result.rejected).toBe(result.expected.invalid);
    } finally {
      await result.service.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  },
);
